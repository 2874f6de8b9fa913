import hashlib
import random
import secrets
import string

from Crypto.Cipher import AES, DES, ARC4
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes


def store_password(user, password):
    # ruleid: python-weak-password-hash
    user.password_hash = hashlib.md5(password.encode()).hexdigest()


def check_password(user, raw_password):
    salted = user.salt + raw_password
    # ruleid: python-weak-password-hash
    return hashlib.sha256(salted.encode() + raw_password.encode()).hexdigest() == user.password_hash


def legacy_hash(pwd):
    # ruleid: python-weak-password-hash
    return hashlib.sha1(pwd).hexdigest()


def file_checksum(data):
    # ok: python-weak-password-hash
    return hashlib.sha256(data).hexdigest()


def store_password_safe(user, password, salt):
    # ok: python-weak-password-hash
    user.password_hash = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 600_000)


def cache_key(url):
    # ok: python-weak-password-hash
    return hashlib.md5(url.encode(), usedforsecurity=False).hexdigest()


def encrypt_legacy(key, data):
    # ruleid: python-weak-cipher
    return DES.new(key, DES.MODE_CBC).encrypt(data)


def encrypt_block(key, data):
    # ruleid: python-weak-cipher
    cipher = AES.new(key, AES.MODE_ECB)
    return cipher.encrypt(data)


def encrypt_stream(key, data):
    # ruleid: python-weak-cipher
    return ARC4.new(key).encrypt(data)


def encrypt_hazmat(key):
    # ruleid: python-weak-cipher
    return Cipher(algorithms.AES(key), modes.ECB()).encryptor()


def encrypt_gcm(key, data):
    # ok: python-weak-cipher
    cipher = AES.new(key, AES.MODE_GCM)
    return cipher.encrypt_and_digest(data)


def encrypt_hazmat_gcm(key, nonce):
    # ok: python-weak-cipher
    return Cipher(algorithms.AES(key), modes.GCM(nonce)).encryptor()


def new_reset_token():
    # ruleid: python-insecure-random-secret
    reset_token = "".join(random.choice(string.ascii_letters) for _ in range(32))
    return reset_token


def new_otp(user):
    # ruleid: python-insecure-random-secret
    user.otp = str(random.randint(100000, 999999))


def new_api_key():
    # ruleid: python-insecure-random-secret
    api_key = "%032x" % random.getrandbits(128)
    return api_key


def new_reset_token_safe():
    # ok: python-insecure-random-secret
    reset_token = secrets.token_urlsafe(32)
    return reset_token


def pick_color(colors):
    # ok: python-insecure-random-secret
    color = random.choice(colors)
    return color


def backoff(attempt):
    # ok: python-insecure-random-secret
    delay = 2**attempt + random.random()
    return delay
