import jwt
from django.conf import settings


def current_user(request):
    token = request.headers["Authorization"].removeprefix("Bearer ")
    # ruleid: python-jwt-no-signature-verification
    claims = jwt.decode(token, options={"verify_signature": False})
    return claims["sub"]


def legacy_claims(token):
    # ruleid: python-jwt-no-signature-verification
    return jwt.decode(token, settings.SECRET_KEY, verify=False)


def current_user_safe(request):
    token = request.headers["Authorization"].removeprefix("Bearer ")
    # ok: python-jwt-no-signature-verification
    claims = jwt.decode(token, settings.JWT_PUBLIC_KEY, algorithms=["RS256"], audience="api")
    return claims["sub"]


def claims_without_expiry(token):
    # ok: python-jwt-no-signature-verification
    return jwt.decode(token, settings.SECRET_KEY, algorithms=["HS256"], options={"verify_exp": False})


def issue_debug_token(user_id):
    # ruleid: python-jwt-none-algorithm
    return jwt.encode({"sub": user_id}, None, algorithm="none")


def accept_any(token, key):
    # ruleid: python-jwt-none-algorithm
    return jwt.decode(token, key, algorithms=["HS256", "none"])


def issue_token(user_id):
    # ok: python-jwt-none-algorithm
    return jwt.encode({"sub": user_id}, settings.SECRET_KEY, algorithm="HS256")


def accept_signed(token, key):
    # ok: python-jwt-none-algorithm
    return jwt.decode(token, key, algorithms=["HS256"])
