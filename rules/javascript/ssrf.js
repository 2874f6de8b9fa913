import axios from "axios";

const PARTNERS = { acme: "https://api.acme.example/v1/status" };

export async function preview(req, res) {
  // ruleid: javascript-ssrf-user-controlled-url
  const page = await fetch(req.query.url);
  res.send(await page.text());
}

export async function registerWebhook(req, res) {
  // ruleid: javascript-ssrf-user-controlled-url
  await axios.post(req.body.callbackUrl, { event: "ping" });
  res.sendStatus(204);
}

export async function proxyImage(req, res) {
  const { src } = req.query;
  // ruleid: javascript-ssrf-user-controlled-url
  const upstream = await fetch(src);
  res.type(upstream.headers.get("content-type")).send(Buffer.from(await upstream.arrayBuffer()));
}

export async function partnerStatus(req, res) {
  // ok: javascript-ssrf-user-controlled-url
  const r = await fetch(PARTNERS[req.query.partner]);
  res.json(await r.json());
}

export async function githubUser(req, res) {
  // ok: javascript-ssrf-user-controlled-url
  const r = await fetch(`https://api.github.com/users/${encodeURIComponent(req.params.login)}`);
  res.json(await r.json());
}

export async function status(res) {
  // ok: javascript-ssrf-user-controlled-url
  const r = await axios.get("https://www.githubstatus.com/api/v2/status.json");
  res.json(r.data);
}
