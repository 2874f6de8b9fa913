import os
import socket

from flask import Flask, make_response
from flask_cors import CORS

app = Flask(__name__)
api = Flask("api")


def start_dev():
    # ruleid: python-flask-debug-enabled
    app.run(port=5000, debug=True)


def configure():
    # ruleid: python-flask-debug-enabled
    api.debug = True
    # ruleid: python-flask-debug-enabled
    api.config["DEBUG"] = True


def start_from_env():
    # ok: python-flask-debug-enabled
    app.run(debug=os.environ.get("FLASK_DEBUG") == "1")


def start_quiet():
    # ok: python-flask-debug-enabled
    app.run(port=5000, debug=False)


# ruleid: python-django-debug-true
DEBUG = True


class DevelopmentConfig:
    # ruleid: python-django-debug-true
    DEBUG = True
    TESTING = False


def local_settings():
    # ok: python-django-debug-true
    debug = True
    return debug


# ok: python-django-debug-true
TEMPLATE_DEBUG = os.environ.get("DJANGO_DEBUG", "") == "1"


def start_public():
    # ruleid: python-bind-all-interfaces
    app.run(host="0.0.0.0", port=8080)


def serve_metrics(port):
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    # ruleid: python-bind-all-interfaces
    sock.bind(("0.0.0.0", port))
    return sock


def start_local():
    # ok: python-bind-all-interfaces
    app.run(host="127.0.0.1", port=8080)


def serve_local(port):
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    # ok: python-bind-all-interfaces
    sock.bind(("127.0.0.1", port))
    return sock


def enable_cors():
    # ruleid: python-flask-cors-wildcard-credentials
    CORS(app, origins="*", supports_credentials=True)


def enable_cors_resources():
    # ruleid: python-flask-cors-wildcard-credentials
    CORS(api, resources={r"/api/*": {"origins": "*"}}, supports_credentials=True)


def enable_cors_trusted():
    # ok: python-flask-cors-wildcard-credentials
    CORS(app, origins=["https://app.example.com"], supports_credentials=True)


def enable_cors_public():
    # ok: python-flask-cors-wildcard-credentials
    CORS(api, origins="*")


def login_response(sid):
    resp = make_response("ok")
    # ruleid: python-insecure-cookie
    resp.set_cookie("session", sid, secure=False, httponly=True)
    # ruleid: python-insecure-cookie
    resp.set_cookie("remember", sid, httponly=False)
    return resp


# ruleid: python-insecure-cookie
SESSION_COOKIE_SECURE = False


def login_response_safe(sid):
    resp = make_response("ok")
    # ok: python-insecure-cookie
    resp.set_cookie("session", sid, secure=True, httponly=True, samesite="Lax")
    return resp


# ok: python-insecure-cookie
CSRF_COOKIE_SECURE = True
