import os
import tempfile


def export_csv(rows):
    # ruleid: python-tempfile-mktemp
    path = tempfile.mktemp(suffix=".csv")
    with open(path, "w") as fh:
        fh.writelines(rows)
    return path


def scratch_file():
    # ruleid: python-tempfile-mktemp
    return open(tempfile.mktemp(), "wb")


def export_csv_safe(rows):
    # ok: python-tempfile-mktemp
    with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as fh:
        fh.writelines(rows)
        return fh.name


def scratch_file_safe():
    # ok: python-tempfile-mktemp
    fd, path = tempfile.mkstemp()
    return os.fdopen(fd, "wb"), path


def scratch_dir():
    # ok: python-tempfile-mktemp
    return tempfile.mkdtemp(prefix="build-")
