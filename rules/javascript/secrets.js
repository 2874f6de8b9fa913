import { S3Client } from "@aws-sdk/client-s3";
import { Octokit } from "@octokit/rest";

// ruleid: javascript-hardcoded-secret
const API_KEY = "sk_test_51Hx9kLmNoPqRsTuVwXyZ";

export const db = {
  host: "db.internal",
  user: "app",
  // ruleid: javascript-hardcoded-secret
  password: "hunter2hunter2",
};

export function configure(app) {
  // ruleid: javascript-hardcoded-secret
  app.locals.clientSecret = "9f8e7d6c5b4a39281706f5e4d3c2b1a0";
}

// ok: javascript-hardcoded-secret
const DB_PASSWORD = process.env.DB_PASSWORD;

// ok: javascript-hardcoded-secret
const PASSWORD_FIELD_LABEL = "Your password";

export const form = {
  // ok: javascript-hardcoded-secret
  password: "",
  // ok: javascript-hardcoded-secret
  apiKey: process.env.API_KEY ?? "",
};

export function s3() {
  return new S3Client({
    region: "eu-west-1",
    // ruleid: javascript-aws-access-key-id
    credentials: { accessKeyId: "AKIASEH60KVJ50CE9UVW", secretAccessKey: process.env.AWS_SECRET },
  });
}

// ruleid: javascript-aws-access-key-id
const awsKeyId = "ASIA53EFR4EDT2SYWB3W";

// ok: javascript-aws-access-key-id
const docsKeyId = "AKIAIOSFODNN7EXAMPLE";

// ok: javascript-aws-access-key-id
const keyPrefix = "AKIA";

// ruleid: javascript-private-key-pem
const signingPem = `-----BEGIN PRIVATE KEY-----
MIIBVQIBADANBgkqhkiG9w0BAQEFAASCAT8wggE7AgEAAkEAqPfgaTEWEP3S9w0t
-----END PRIVATE KEY-----`;

// ruleid: javascript-private-key-pem
const sshKey = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmU=\n-----END OPENSSH PRIVATE KEY-----";

// ok: javascript-private-key-pem
const verifyPem = `-----BEGIN PUBLIC KEY-----
MFwwDQYJKoZIhvcNAQEBBQADSwAwSAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf
-----END PUBLIC KEY-----`;

// ok: javascript-private-key-pem
const certHeader = "-----BEGIN CERTIFICATE-----";

// ruleid: javascript-service-token
const octokit = new Octokit({ auth: "ghp_u8jzPde0IgxLd6GncfBAepfJBd0Kh8oOOL8d" });

// ruleid: javascript-service-token
const slackBot = "xoxb-291703423667-1276842684656-9ojfljoQoaF1LlqsajAIxNKu";

// ruleid: javascript-service-token
const stripeLive = "sk_live_qmSM9wCZ7Uw9xfogoEmvnEN5";

// ok: javascript-service-token
const octokitFromEnv = new Octokit({ auth: process.env.GITHUB_TOKEN });

// ok: javascript-service-token
const isClassicPat = (token) => token.startsWith("ghp_");

export {
  API_KEY,
  DB_PASSWORD,
  PASSWORD_FIELD_LABEL,
  awsKeyId,
  docsKeyId,
  keyPrefix,
  signingPem,
  sshKey,
  verifyPem,
  certHeader,
  octokit,
  slackBot,
  stripeLive,
  octokitFromEnv,
  isClassicPat,
};
