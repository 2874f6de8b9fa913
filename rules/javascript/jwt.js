import jwt from "jsonwebtoken";

export function authenticate(req, res, next) {
  const token = (req.headers.authorization || "").replace("Bearer ", "");
  // ruleid: javascript-jwt-decode-without-verify
  const payload = jwt.decode(token);
  if (!payload) return res.sendStatus(401);
  req.user = { id: payload.sub, role: payload.role };
  return next();
}

export function tenantOf(token) {
  // ruleid: javascript-jwt-decode-without-verify
  return jwt.decode(token, { complete: true }).payload.tenant;
}

export function authenticateSafe(req, res, next) {
  const token = (req.headers.authorization || "").replace("Bearer ", "");
  // ok: javascript-jwt-decode-without-verify
  const payload = jwt.verify(token, process.env.JWT_PUBLIC_KEY, { algorithms: ["RS256"] });
  req.user = { id: payload.sub, role: payload.role };
  return next();
}

export function keyIdOf(token, key) {
  const claims = jwt.verify(token, key, { algorithms: ["RS256"] });
  // ok: javascript-jwt-decode-without-verify
  const { header } = jwt.decode(token, { complete: true });
  return [claims, header.kid];
}

export function verifyAny(token, key) {
  // ruleid: javascript-jwt-none-algorithm
  return jwt.verify(token, key, { algorithms: ["HS256", "none"] });
}

export function debugToken(user) {
  // ruleid: javascript-jwt-none-algorithm
  return jwt.sign({ sub: user.id }, "", { algorithm: "none" });
}

export function verifyStrict(token, key) {
  // ok: javascript-jwt-none-algorithm
  return jwt.verify(token, key, { algorithms: ["HS256"] });
}

export function issue(user, key) {
  // ok: javascript-jwt-none-algorithm
  return jwt.sign({ sub: user.id }, key, { algorithm: "HS256", expiresIn: "15m" });
}
