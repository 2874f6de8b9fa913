import cors from "cors";
import express from "express";

const app = express();
const api = express.Router();

// ruleid: javascript-cors-wildcard-with-credentials
app.use(cors({ origin: true, credentials: true }));

// ruleid: javascript-cors-wildcard-with-credentials
api.use(cors({ credentials: true, origin: "*", maxAge: 600 }));

api.use((req, res, next) => {
  res.setHeader("Access-Control-Allow-Credentials", "true");
  // ruleid: javascript-cors-wildcard-with-credentials
  res.setHeader("Access-Control-Allow-Origin", req.headers.origin);
  next();
});

export function corsHeaders(req, res, next) {
  // ruleid: javascript-cors-wildcard-with-credentials
  res.header("Access-Control-Allow-Origin", "*");
  res.header("Access-Control-Allow-Credentials", true);
  next();
}

// ok: javascript-cors-wildcard-with-credentials
app.use(cors({ origin: ["https://app.example.com"], credentials: true }));

// ok: javascript-cors-wildcard-with-credentials
api.use(cors({ origin: "*" }));

export function publicHeaders(req, res, next) {
  // ok: javascript-cors-wildcard-with-credentials
  res.setHeader("Access-Control-Allow-Origin", "*");
  next();
}

export { app, api };
