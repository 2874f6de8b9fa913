import os

import boto3
import psycopg
import requests
from slack_sdk import WebClient

# ruleid: python-hardcoded-password
DB_PASSWORD = "s3cr3t-Passw0rd"

# ok: python-hardcoded-password
SMTP_PASSWORD = os.environ.get("SMTP_PASSWORD", "")

# ok: python-hardcoded-password
PASSWORD_RESET_URL = "/accounts/password/reset/"


def connect():
    return psycopg.connect(
        host="db.internal",
        user="app",
        # ruleid: python-hardcoded-password
        password="hunter2hunter2",
    )


def connect_from_env():
    # ok: python-hardcoded-password
    return psycopg.connect(host="db.internal", user="app", password=os.environ["DB_PASSWORD"])


class AdminSettings:
    # ruleid: python-hardcoded-password
    admin_pwd = "changeme"


def reset_form():
    # ok: python-hardcoded-password
    password = ""
    return password


# ruleid: python-hardcoded-api-key
STRIPE_API_KEY = "sk_test_51Hx9kLmNoPqRsTuVwXyZ"

# ruleid: python-hardcoded-api-key
SECRET_KEY = "django-insecure-7f#k2!x9@q$w3e4r5t6y7u8i9o0p"


class OAuthClient:
    def __init__(self):
        # ruleid: python-hardcoded-api-key
        self.client_secret = "9f8e7d6c5b4a39281706f5e4d3c2b1a0"


# ok: python-hardcoded-api-key
OPENAI_API_KEY = os.environ["OPENAI_API_KEY"]

# ok: python-hardcoded-api-key
API_KEY_HEADER = "X-Api-Key"

# ok: python-hardcoded-api-key
api_key = "TODO"


def s3_client():
    # ruleid: python-aws-access-key-id
    return boto3.client("s3", aws_access_key_id="AKIA81U33XTPLPFT75V2", aws_secret_access_key=os.environ["AWS_SECRET"])


# ruleid: python-aws-access-key-id
AWS_KEY_ID = "ASIA53EFR4EDT2SYWB3W"

# ok: python-aws-access-key-id
DOCS_EXAMPLE_KEY_ID = "AKIAIOSFODNN7EXAMPLE"

# ok: python-aws-access-key-id
KEY_ID_PREFIX = "AKIA"

# ruleid: python-private-key-pem
SIGNING_PEM = """-----BEGIN RSA PRIVATE KEY-----
MIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu
-----END RSA PRIVATE KEY-----"""

# ruleid: python-private-key-pem
DEPLOY_KEY_PEM = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmU=\n-----END OPENSSH PRIVATE KEY-----\n"

# ok: python-private-key-pem
VERIFY_PEM = """-----BEGIN PUBLIC KEY-----
MFwwDQYJKoZIhvcNAQEBBQADSwAwSAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf
-----END PUBLIC KEY-----"""

# ok: python-private-key-pem
CERT_HEADER = "-----BEGIN CERTIFICATE-----"


def list_repos():
    # ruleid: python-github-token
    headers = {"Authorization": "token ghp_u8jzPde0IgxLd6GncfBAepfJBd0Kh8oOOL8d"}
    return requests.get("https://api.github.com/user/repos", headers=headers, timeout=10)


# ruleid: python-github-token
GH_FINE_GRAINED = "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"


def is_classic_pat(token):
    # ok: python-github-token
    return token.startswith("ghp_")


# ok: python-github-token
GITHUB_TOKEN = os.environ["GITHUB_TOKEN"]

# ruleid: python-slack-token
slack = WebClient(token="xoxb-291703423667-1276842684656-9ojfljoQoaF1LlqsajAIxNKu")

# ruleid: python-slack-token
ALERTS_WEBHOOK = "https://hooks.slack.com/services/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"

# ok: python-slack-token
slack_from_env = WebClient(token=os.environ["SLACK_BOT_TOKEN"])

# ok: python-slack-token
SLACK_DOCS = "https://api.slack.com/messaging/webhooks"
