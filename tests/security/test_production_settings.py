"""Production settings: secure cookies, HSTS, hashed compressed static files, page cache."""

import json
import os
import subprocess
import sys
from types import SimpleNamespace

import pytest
from django.conf import settings as django_settings
from django.test import override_settings

pytestmark = pytest.mark.django_db

SECRET = "prod-test-" + "k" * 60
NAMES = [
    "DEBUG",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "LANGUAGE_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_SSL_REDIRECT",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "X_FRAME_OPTIONS",
    "STORAGES",
    "HEMEI_PAGE_CACHE",
    "MIDDLEWARE",
]
# A fresh interpreter: the test settings module has already changed shared dicts in base.
LOAD = (
    "import json, sys; from config.settings import production as p;"
    "print(json.dumps({n: getattr(p, n, None) for n in sys.argv[1:]}))"
)


def load_production(**env):
    environ = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "SECURE_HSTS_SECONDS",
            "SECURE_SSL_REDIRECT",
            "HEMEI_PAGE_CACHE",
            "DJANGO_SETTINGS_MODULE",
        }
    }
    environ.update(env)
    result = subprocess.run(
        [sys.executable, "-c", LOAD, *NAMES],
        env=environ,
        capture_output=True,
        text=True,
        cwd=django_settings.BASE_DIR,
    )
    return result


@pytest.fixture(scope="module")
def production():
    result = load_production(SECRET_KEY=SECRET, ALLOWED_HOSTS="hemei.example.cn")
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    values["SECURE_PROXY_SSL_HEADER"] = tuple(values["SECURE_PROXY_SSL_HEADER"])
    return SimpleNamespace(**values)


def test_cookies_are_secure_and_hsts_is_a_year(production):
    assert production.DEBUG is False
    assert production.SESSION_COOKIE_SECURE and production.CSRF_COOKIE_SECURE
    assert production.LANGUAGE_COOKIE_SECURE and production.SESSION_COOKIE_HTTPONLY
    assert production.SECURE_HSTS_SECONDS >= 365 * 24 * 3600
    assert production.SECURE_HSTS_INCLUDE_SUBDOMAINS and production.SECURE_SSL_REDIRECT
    assert production.SECURE_PROXY_SSL_HEADER == ("HTTP_X_FORWARDED_PROTO", "https")


def test_static_files_hashed_and_compressed_and_pages_cached(production):
    backend = production.STORAGES["staticfiles"]["BACKEND"]
    assert backend == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert production.HEMEI_PAGE_CACHE is True
    assert "caching.middleware.AnonymousPageCacheMiddleware" in production.MIDDLEWARE
    assert "axes.middleware.AxesMiddleware" in production.MIDDLEWARE
    assert "caching.csp.StaticPolicyCSPMiddleware" in production.MIDDLEWARE


def test_production_refuses_to_start_without_a_secret():
    result = load_production(SECRET_KEY="", ALLOWED_HOSTS="hemei.example.cn")
    assert result.returncode != 0 and "SECRET_KEY must be set" in result.stderr


def test_https_responses_carry_hsts_and_secure_cookies(client, home_page, production):
    names = (
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_HSTS_PRELOAD",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SECURE_CONTENT_TYPE_NOSNIFF",
        "SECURE_REFERRER_POLICY",
        "X_FRAME_OPTIONS",
    )
    with override_settings(**{name: getattr(production, name) for name in names}):
        response = client.get("/admin/login/", secure=True)
        assert response["Strict-Transport-Security"].startswith("max-age=31536000")
        assert "includeSubDomains" in response["Strict-Transport-Security"]
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["X-Frame-Options"] == "DENY"
        assert response.cookies[django_settings.CSRF_COOKIE_NAME]["secure"]


def test_public_pages_have_a_strict_content_security_policy(client, home_page):
    policy = client.get("/")["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'" and directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'" and directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "Content-Security-Policy" in client.get("/search/?q=物业")


def test_the_wagtail_admin_is_left_out_of_the_policy(client):
    # Wagtail's admin uses inline scripts and styles; it is protected by sign-in instead.
    assert "Content-Security-Policy" not in client.get("/admin/login/")
