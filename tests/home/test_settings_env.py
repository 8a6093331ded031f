import os
import subprocess
import sys
from pathlib import Path

from config.settings.env import cache_config, database_config, flag, search_config

BASE_DIR = Path(__file__).resolve().parents[2]


def test_sqlite_under_project_when_database_url_unset():
    config = database_config({}, BASE_DIR)
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert config["NAME"] == str(BASE_DIR / "db.sqlite3")


def test_postgres_when_database_url_set():
    config = database_config(
        {"DATABASE_URL": "postgres://hemei:pw@db.internal:5432/hemei"}, BASE_DIR
    )
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["NAME"], config["HOST"], config["PORT"]) == ("hemei", "db.internal", 5432)


def test_locmem_cache_by_default_and_redis_when_set():
    assert cache_config({})["BACKEND"].endswith("LocMemCache")
    redis = cache_config({"REDIS_URL": "redis://127.0.0.1:6379/1"})
    assert redis["BACKEND"] == "caching.backend.ResilientRedisCache"
    assert redis["LOCATION"] == "redis://127.0.0.1:6379/1"


def test_database_search_by_default_and_elasticsearch_when_set():
    assert search_config({})["BACKEND"] == "search.backends.database"
    es = search_config({"ELASTICSEARCH_URL": "http://es:9200"})
    assert es["BACKEND"] == "search.backends.elasticsearch"
    assert es["URLS"] == ["http://es:9200"]


def test_flag_parsing():
    assert flag({"X": "1"}, "X") is True
    assert flag({"X": "no"}, "X") is False
    assert flag({}, "X", default=True) is True


def _run_production(extra_env, *args):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(DJANGO_SETTINGS_MODULE="config.settings.production", **extra_env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_secret_key():
    result = _run_production({"ALLOWED_HOSTS": "example.cn"}, "check")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = _run_production({"SECRET_KEY": "x" * 60}, "check")
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set" in result.stderr


def test_production_check_deploy_is_clean():
    result = _run_production(
        {"SECRET_KEY": "k" * 30 + "-Zq8!vR2#pL5@mN7$wX1%" * 2, "ALLOWED_HOSTS": "hemei.example.cn"},
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
    )
    assert result.returncode == 0, result.stderr + result.stdout
