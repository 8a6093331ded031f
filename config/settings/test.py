"""Test settings: fast hashing, no manifest, demo content allowed."""

from .base import *  # noqa: F403

SECRET_KEY = "test-only-insecure-key"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
HEMEI_ALLOW_DEMO = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WAGTAILADMIN_BASE_URL = "http://testserver"
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Tasks run at once, in-process: no worker to start. Tests that check a task runs off the
# request path switch to the database backend themselves.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# The test client's login() authenticates without a request, which axes refuses; tests log in
# with force_login, and the throttling tests switch axes on.
AXES_ENABLED = False
# Off so that tests never see a page cached by an earlier test; the caching tests switch it on.
HEMEI_PAGE_CACHE = False
# Test-only content types for the search tests and benchmark (tests/search_fixtures).
INSTALLED_APPS = [*INSTALLED_APPS, "tests.search_fixtures"]  # noqa: F405
# A test-only feature app that adds a home panel, a search type and a demo loader through the
# extension points alone (tests/home/test_extension_points.py); inert unless PLUGINAPP_ACTIVE.
INSTALLED_APPS += ["tests.pluginapp"]
PLUGINAPP_ACTIVE = False

# On PostgreSQL, commits need not wait for the write-ahead log to reach the disk: a test
# database that loses its last commits in a crash is thrown away anyway. Migrating the test
# database commits each of some 260 migrations, and every live-server and concurrency test
# commits what it builds; set per connection (the server's own setting is left alone).
if DATABASES["default"]["ENGINE"].endswith("postgresql"):  # noqa: F405
    _options = DATABASES["default"].setdefault("OPTIONS", {})  # noqa: F405
    _options["options"] = f"{_options.get('options', '')} -c synchronous_commit=off".strip()
# On PostgreSQL the "replica" alias mirrors the test database (a second connection to it), so
# that tests/config/test_replica.py can serve a page through the replica router; the router
# and its middleware are only switched on by that test (or by DATABASE_REPLICA_URL).
if "replica" not in DATABASES and DATABASES["default"]["ENGINE"].endswith("postgresql"):  # noqa: F405
    DATABASES["replica"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}  # noqa: F405
