import ssl
import urllib.request

import httpx
import requests


def fetch_report(url):
    # ruleid: python-requests-verify-false
    return requests.get(url, timeout=10, verify=False).json()


def post_event(url, payload):
    # ruleid: python-requests-verify-false
    return httpx.post(url, json=payload, verify=False)


def make_session():
    session = requests.Session()
    # ruleid: python-requests-verify-false
    session.verify = False
    return session


def fetch_report_safe(url):
    # ok: python-requests-verify-false
    return requests.get(url, timeout=10, verify=True).json()


def fetch_with_private_ca(url):
    # ok: python-requests-verify-false
    return requests.get(url, timeout=10, verify="/etc/ssl/certs/internal-ca.pem")


def make_session_safe():
    session = requests.Session()
    # ok: python-requests-verify-false
    session.verify = "/etc/ssl/certs/internal-ca.pem"
    return session


def download(url):
    # ruleid: python-ssl-unverified-context
    ctx = ssl._create_unverified_context()
    return urllib.request.urlopen(url, context=ctx).read()


# ruleid: python-ssl-unverified-context
ssl._create_default_https_context = ssl._create_unverified_context


def lax_context():
    ctx = ssl.create_default_context()
    # ruleid: python-ssl-unverified-context
    ctx.check_hostname = False
    # ruleid: python-ssl-unverified-context
    ctx.verify_mode = ssl.CERT_NONE
    return ctx


def strict_context():
    # ok: python-ssl-unverified-context
    ctx = ssl.create_default_context()
    # ok: python-ssl-unverified-context
    ctx.verify_mode = ssl.CERT_REQUIRED
    # ok: python-ssl-unverified-context
    ctx.check_hostname = True
    return ctx
