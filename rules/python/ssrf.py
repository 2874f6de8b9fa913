import urllib.request

import requests
from flask import request

PARTNER_ENDPOINTS = {"acme": "https://api.acme.example/v1/status"}


def link_preview():
    # ruleid: python-ssrf-user-controlled-url
    resp = requests.get(request.args.get("url"), timeout=5)
    return resp.text[:200]


def proxy_image():
    image_url = request.args["src"]
    # ruleid: python-ssrf-user-controlled-url
    return urllib.request.urlopen(image_url).read()


def register_webhook():
    target = request.json.get("callback")
    # ruleid: python-ssrf-user-controlled-url
    requests.post(target, json={"event": "ping"}, timeout=5)


def partner_status():
    # ok: python-ssrf-user-controlled-url
    return requests.get(PARTNER_ENDPOINTS[request.args["partner"]], timeout=5).json()


def github_status():
    # ok: python-ssrf-user-controlled-url
    return requests.get("https://www.githubstatus.com/api/v2/status.json", timeout=5).json()


def user_repos():
    user = request.args.get("user")
    # ok: python-ssrf-user-controlled-url
    return requests.get("https://api.github.com/users/repos", params={"user": user}, timeout=5).json()
