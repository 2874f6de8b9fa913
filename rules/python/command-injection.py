import os
import subprocess
import subprocess as sp


def convert(src, dst):
    # ruleid: python-subprocess-shell-true
    subprocess.run(f"ffmpeg -i {src} {dst}", shell=True, check=True)


def git_log(ref):
    # ruleid: python-subprocess-shell-true
    return subprocess.check_output("git log --oneline " + ref, shell=True)


def start_worker(cmd):
    # ruleid: python-subprocess-shell-true
    return sp.Popen(cmd, stdout=sp.PIPE, shell=True)


def convert_safe(src, dst):
    # ok: python-subprocess-shell-true
    subprocess.run(["ffmpeg", "-i", src, dst], check=True)


def list_dir():
    # ok: python-subprocess-shell-true
    subprocess.run("ls -la /var/log", shell=True)


def git_log_no_shell(ref):
    # ok: python-subprocess-shell-true
    return subprocess.check_output(["git", "log", ref], shell=False)


def ping(host):
    # ruleid: python-os-system-dynamic
    os.system("ping -c 1 " + host)


def disk_usage(path):
    # ruleid: python-os-system-dynamic
    return os.popen(f"du -sh {path}").read()


def branch_name(repo):
    # ruleid: python-os-system-dynamic
    return subprocess.getoutput(f"git -C {repo} rev-parse --abbrev-ref HEAD")


def clear_screen():
    # ok: python-os-system-dynamic
    os.system("clear")


def ping_safe(host):
    # ok: python-os-system-dynamic
    subprocess.run(["ping", "-c", "1", host], check=True)


def uptime():
    # ok: python-os-system-dynamic
    return os.popen("uptime").read()
