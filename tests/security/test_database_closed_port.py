"""The database really unreachable: settings point at a closed port, in a fresh process.

tests/security/test_faults.py simulates the outage inside the test process (a connection that
raises); this starts Django with DATABASE_URL at 127.0.0.1:1, so nothing is simulated: the
first query of every request fails to connect, as when PostgreSQL is down.
"""

import json
import os
import subprocess
import sys

from django.conf import settings

PROBE = """
import json
import django
django.setup()
from django.test import Client
client = Client(raise_request_exception=False)
out = {}
for path in ["/", "/en/", "/appointments/book/", "/healthz"]:
    response = client.get(path, HTTP_HOST="localhost")
    out[path] = [response.status_code, response.get("Retry-After"), response.content.decode()]
data = {"requester_name": "x"}
response = client.post("/appointments/book/contact/", data, HTTP_HOST="localhost")
out["POST"] = [response.status_code, response.get("Retry-After"), response.content.decode()]
print(json.dumps(out))
"""


def run_with_database_down():
    environ = dict(os.environ)
    environ.update(
        DJANGO_SETTINGS_MODULE="config.settings.test",
        DATABASE_URL="postgres://postgres@127.0.0.1:1/hemei_unreachable",
        PYTHONPATH=str(settings.BASE_DIR),
    )
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        env=environ,
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_every_request_answers_a_plain_503_when_the_database_port_is_closed():
    answers = run_with_database_down()
    for path, (status, retry_after, body) in answers.items():
        assert status == 503, path
        if path != "/healthz":
            assert retry_after, path
            assert "<style" not in body and "<script" not in body, path
    assert "database" in answers["/healthz"][2]
