/**
 * The App's HTTP server: Probot's webhook middleware (signature verified by
 * Probot; default path /api/github/webhooks) plus GET /healthz, on a plain
 * `node:http` server (Probot 14 has no Express router).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createNodeMiddleware, type ApplicationFunction, type Probot } from "probot";
import { toolVersion } from "./version.js";

export interface ServerOptions {
  probot: Probot;
  app: ApplicationFunction;
  /** 0 picks a free port. */
  port: number;
  host?: string;
}

export interface RunningServer {
  server: Server;
  port: number;
  url: string;
  webhookPath: string;
  /** Stop accepting connections and wait for open ones to finish. */
  close(): Promise<void>;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body) + "\n");
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const middleware = await createNodeMiddleware(options.app, { probot: options.probot });
  const version = toolVersion();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? "/").split("?")[0];
    if (path === "/healthz" && (req.method === "GET" || req.method === "HEAD")) {
      json(res, 200, { status: "ok", version });
      return;
    }
    void Promise.resolve(
      middleware(req, res, () => {
        if (!res.headersSent) json(res, 404, { error: `not found: ${req.method ?? "?"} ${path}` });
      }),
    ).catch((err: unknown) => {
      options.probot.log.error({ err }, "webhook middleware failed");
      if (!res.headersSent) json(res, 500, { error: "internal error" });
    });
  });
  // A webhook body is at most 25 MB; nothing should take minutes to arrive.
  server.requestTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return {
    server,
    port: address.port,
    url: `http://${host}:${address.port}`,
    webhookPath: options.probot.webhookPath,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err !== undefined ? reject(err) : resolve()));
        server.closeIdleConnections();
      }),
  };
}
