"""Turn environment variables into Django settings.

Kept as plain functions of a mapping so that tests can check every branch
without reloading the settings module.
"""

from collections.abc import Mapping
from pathlib import Path

import dj_database_url


def database_config(env: Mapping[str, str], base_dir: Path) -> dict:
    """PostgreSQL (or any engine) from DATABASE_URL, else SQLite inside the project."""
    url = env.get("DATABASE_URL", "").strip()
    if url:
        config = dj_database_url.parse(url, conn_max_age=int(env.get("DB_CONN_MAX_AGE", "60")))
        config.setdefault("TEST", {})
        return config
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(base_dir / "db.sqlite3"),
        # A busy timeout keeps the embedded default usable under gunicorn workers.
        "OPTIONS": {"timeout": 20},
    }


def cache_config(env: Mapping[str, str]) -> dict:
    """Redis when REDIS_URL is set, else process-local memory."""
    url = env.get("REDIS_URL", "").strip()
    if url:
        return {
            # An outage degrades to "no cache" instead of an error (caching/backend.py).
            "BACKEND": "caching.backend.ResilientRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": env.get("CACHE_KEY_PREFIX", "hemei"),
            "TIMEOUT": 300,
            # A Redis that hangs must not hold a request for long: fail fast, serve uncached.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    return {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "hemei",
        "TIMEOUT": 300,
    }


def search_config(env: Mapping[str, str]) -> dict:
    """Elasticsearch 8 when ELASTICSEARCH_URL is set, else the database (SQLite/PostgreSQL).

    Both are the Chinese-aware backends of the `search` app (segmentation, synonyms).
    """
    url = env.get("ELASTICSEARCH_URL", "").strip()
    if url:
        return {
            "BACKEND": "search.backends.elasticsearch",
            "URLS": [url],
            # modelsearch names each index "<prefix><app>_<model>".
            "INDEX_PREFIX": env.get("ELASTICSEARCH_INDEX", "hemei") + "_",
            "TIMEOUT": 10,
            "OPTIONS": {},
            "INDEX_SETTINGS": {},
        }
    return {"BACKEND": "search.backends.database"}


def csv_list(value: str) -> list[str]:
    return [item.strip() for item in value.split(",") if item.strip()]


def flag(env: Mapping[str, str], name: str, default: bool = False) -> bool:
    value = env.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}
