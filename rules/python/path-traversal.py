import os
import tarfile

from flask import request, send_file, send_from_directory
from werkzeug.utils import secure_filename

UPLOAD_DIR = "/srv/uploads"


def download():
    # ruleid: python-path-traversal-user-input
    with open(os.path.join(UPLOAD_DIR, request.args["name"]), "rb") as fh:
        return fh.read()


def report():
    filename = request.args.get("file")
    # ruleid: python-path-traversal-user-input
    return send_file(os.path.join("/srv/reports", filename))


def avatar(request):
    name = request.GET["avatar"]
    # ruleid: python-path-traversal-user-input
    return open(os.path.join(UPLOAD_DIR, "avatars", name), "rb").read()


def download_safe():
    # ok: python-path-traversal-user-input
    return send_from_directory(UPLOAD_DIR, request.args["name"])


def download_sanitised():
    # ok: python-path-traversal-user-input
    with open(os.path.join(UPLOAD_DIR, secure_filename(request.args["name"])), "rb") as fh:
        return fh.read()


def read_static():
    # ok: python-path-traversal-user-input
    with open(os.path.join(UPLOAD_DIR, "index.html")) as fh:
        return fh.read()


def unpack(archive, dest):
    with tarfile.open(archive) as tar:
        # ruleid: python-tarfile-extractall-unfiltered
        tar.extractall(dest)


def unpack_upload(upload_path):
    bundle = tarfile.open(upload_path, "r:gz")
    # ruleid: python-tarfile-extractall-unfiltered
    bundle.extractall(path="/srv/plugins")
    bundle.close()


def unpack_safe(archive, dest):
    with tarfile.open(archive) as tar:
        # ok: python-tarfile-extractall-unfiltered
        tar.extractall(dest, filter="data")


def unpack_members(archive, dest, members):
    bundle = tarfile.open(archive)
    # ok: python-tarfile-extractall-unfiltered
    bundle.extractall(dest, members=members, filter="data")
