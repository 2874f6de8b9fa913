import fs from "node:fs";
import https from "node:https";
import tls from "node:tls";

export function insecureAgent() {
  // ruleid: javascript-tls-reject-unauthorized-false
  return new https.Agent({ keepAlive: true, rejectUnauthorized: false });
}

export function connectBroker(host) {
  return tls.connect({
    host,
    port: 8883,
    // ruleid: javascript-tls-reject-unauthorized-false
    rejectUnauthorized: false,
  });
}

export function secureAgent() {
  // ok: javascript-tls-reject-unauthorized-false
  return new https.Agent({ keepAlive: true, rejectUnauthorized: true });
}

export function privateCaAgent() {
  // ok: javascript-tls-reject-unauthorized-false
  return new https.Agent({ ca: fs.readFileSync("/etc/ssl/certs/internal-ca.pem") });
}

export function disableGlobally() {
  // ruleid: javascript-node-tls-reject-unauthorized-env
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0";
}

export function disableGloballyBracket() {
  // ruleid: javascript-node-tls-reject-unauthorized-env
  process.env["NODE_TLS_REJECT_UNAUTHORIZED"] = 0;
}

export function enableGlobally() {
  // ok: javascript-node-tls-reject-unauthorized-env
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = "1";
}

export function readSetting() {
  // ok: javascript-node-tls-reject-unauthorized-env
  return process.env.NODE_TLS_REJECT_UNAUTHORIZED === "0";
}
