"""Two application servers share one Redis: a rate limit counted on one holds on the other,
and a page cached by one is served by the other.

The second node is a fresh Python process with the same REDIS_URL and secret key (so the same
keys); its database points at a closed port, so the page it answers can only come from the
shared cache. Skipped unless a Redis answers at HEMEI_TEST_REDIS_URL (default local db 15).
"""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.cache import caches

from config.settings.env import cache_config
from home import ratelimit

REDIS_URL = os.environ.get("HEMEI_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
PREFIX = "hemei-shared-cache-test"


def redis_answers():
    import redis

    try:
        return redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5).ping()
    except redis.RedisError:
        return False


pytestmark = pytest.mark.skipif(not redis_answers(), reason=f"no Redis at {REDIS_URL}")

OTHER_NODE = """
import json, sys
import django
django.setup()
from django.test import Client
from home import ratelimit
client = Client(raise_request_exception=False)
response = client.get("/", HTTP_HOST="localhost")
print(json.dumps({
    "limited": ratelimit.is_limited("report-ip", "203.0.113.9"),
    "other_limited": ratelimit.is_limited("report-ip", "203.0.113.10"),
    "status": response.status_code,
    "body": response.content.decode(),
}))
"""


def other_node():
    environ = dict(os.environ)
    environ.update(
        DJANGO_SETTINGS_MODULE="config.settings.test",
        REDIS_URL=REDIS_URL,
        CACHE_KEY_PREFIX=PREFIX,
        HEMEI_PAGE_CACHE="1",
        # No database at all: what it serves can only come from the shared cache.
        DATABASE_URL="postgres://postgres@127.0.0.1:1/hemei_unreachable",
        PYTHONPATH=str(settings.BASE_DIR),
    )
    script = OTHER_NODE.replace("django.setup()", "django.setup()\n" + SETTINGS_PATCH)
    result = subprocess.run(
        [sys.executable, "-c", script],
        env=environ,
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


# The test settings switch the page cache off; the second node serves from it like production.
SETTINGS_PATCH = "from django.conf import settings; settings.HEMEI_PAGE_CACHE = True"


@pytest.fixture
def shared_redis(settings):
    from django.core.cache import cache

    from caching.backend import breaker

    breaker.reset()
    settings.CACHES = {
        "default": cache_config({"REDIS_URL": REDIS_URL, "CACHE_KEY_PREFIX": PREFIX})
    }
    cache.clear()
    yield cache
    cache.clear()


@pytest.mark.django_db
def test_rate_limits_and_pages_are_shared_by_every_node(client, home_page, shared_redis, settings):
    assert type(caches["default"]).__name__ == "ResilientRedisCache"
    settings.HEMEI_PAGE_CACHE = True
    # This node: one address uses up its allowance for new reports.
    limit, _window = ratelimit.DEFAULT_LIMITS["report-ip"]
    for _ in range(limit):
        ratelimit.hit("report-ip", "203.0.113.9")
    # This node renders the home page once; it lands in Redis.
    first = client.get("/", HTTP_HOST="localhost")  # the host the other node asks for
    assert first.status_code == 200
    assert home_page.title in first.content.decode()

    answer = other_node()
    assert answer["limited"] is True
    assert answer["other_limited"] is False
    assert answer["status"] == 200
    assert home_page.title in answer["body"]
