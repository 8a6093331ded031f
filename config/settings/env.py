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


def replica_config(env: Mapping[str, str]) -> dict | None:
    """The read replica from DATABASE_REPLICA_URL, or None (then no router is installed).

    Under test it mirrors "default" (same test database, no second one created); a replica
    that does not answer is given up on after two seconds (config/replica.py then reads from
    the primary for a while).
    """
    url = env.get("DATABASE_REPLICA_URL", "").strip()
    if not url:
        return None
    config = dj_database_url.parse(url, conn_max_age=int(env.get("DB_CONN_MAX_AGE", "60")))
    if config["ENGINE"] == "django.db.backends.postgresql":
        config.setdefault("OPTIONS", {})["connect_timeout"] = 2
    config["TEST"] = {"MIRROR": "default"}
    return config


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


S3_STORAGE = "storages.backends.s3.S3Storage"
# Signed URLs for private objects live this long (s); staff views stream the bytes anyway.
PRIVATE_URL_SECONDS = 300


def storage_config(env: Mapping[str, str], private_root: Path) -> dict:
    """The "default" (public media) and "private" (residents' photos) file storages.

    Local disk unless AWS_STORAGE_BUCKET_NAME is set; then both go to S3-compatible object
    storage (django-storages; boto3 from the `s3` extra), so every application server sees
    every upload. Private files never get a public URL: their objects are written with the
    `private` ACL, into their own bucket when AWS_PRIVATE_STORAGE_BUCKET_NAME is set (the
    safe choice: a bucket policy that makes the media bucket readable cannot reach it), else
    under the `private/` prefix of the media bucket; any URL made for them is signed and
    short-lived, and the custom (CDN) domain is never used for them.
    """
    bucket = env.get("AWS_STORAGE_BUCKET_NAME", "").strip()
    if not bucket:
        return {
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "private": {
                "BACKEND": "django.core.files.storage.FileSystemStorage",
                # No URL: the staff view streams these files (cases/admin_views.py).
                "OPTIONS": {
                    "location": str(private_root),
                    "base_url": "/private-media-not-served/",
                },
            },
        }
    common = {
        # Credentials: AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY are read by boto3 itself
        # (or an instance role), never written into settings.
        "endpoint_url": env.get("AWS_S3_ENDPOINT_URL", "").strip() or None,
        "region_name": env.get("AWS_S3_REGION_NAME", "").strip() or None,
        "file_overwrite": False,
        "signature_version": "s3v4",
    }
    custom_domain = env.get("AWS_S3_CUSTOM_DOMAIN", "").strip() or None
    private_bucket = env.get("AWS_PRIVATE_STORAGE_BUCKET_NAME", "").strip()
    return {
        "default": {
            "BACKEND": S3_STORAGE,
            "OPTIONS": {
                **common,
                "bucket_name": bucket,
                "location": "media",
                "default_acl": "public-read",
                "querystring_auth": False,
                "custom_domain": custom_domain,
            },
        },
        "private": {
            "BACKEND": S3_STORAGE,
            "OPTIONS": {
                **common,
                "bucket_name": private_bucket or bucket,
                "location": "" if private_bucket else "private",
                "default_acl": "private",
                "querystring_auth": True,
                "querystring_expire": PRIVATE_URL_SECONDS,
                "custom_domain": None,
            },
        },
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
