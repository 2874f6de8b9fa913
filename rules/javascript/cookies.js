import express from "express";
import session from "express-session";
import nodemailer from "nodemailer";

const app = express();

export function login(req, res, sid) {
  // ruleid: javascript-insecure-cookie-flags
  res.cookie("sid", sid, { httpOnly: false, sameSite: "lax" });
  res.cookie("theme", req.body.theme, {
    maxAge: 86400000,
    // ruleid: javascript-insecure-cookie-flags
    secure: false,
  });
  res.sendStatus(204);
}

app.use(
  session({
    secret: process.env.SESSION_SECRET,
    resave: false,
    saveUninitialized: false,
    // ruleid: javascript-insecure-cookie-flags
    cookie: { secure: false, maxAge: 3600000 },
  }),
);

export function loginSafe(req, res, sid) {
  // ok: javascript-insecure-cookie-flags
  res.cookie("sid", sid, { httpOnly: true, secure: true, sameSite: "lax" });
  res.sendStatus(204);
}

export const mailer = nodemailer.createTransport({
  host: "smtp.example.com",
  port: 587,
  // ok: javascript-insecure-cookie-flags
  secure: false,
});

app.use(
  session({
    secret: process.env.SESSION_SECRET,
    // ok: javascript-insecure-cookie-flags
    resave: false,
    cookie: { secure: process.env.NODE_ENV === "production", httpOnly: true },
  }),
);

export { app };
