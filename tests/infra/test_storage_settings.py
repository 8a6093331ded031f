"""Media storage from the environment: local disk by default, S3-compatible when configured.

Checked without a live S3: the settings functions, and the production settings module loaded
in a fresh process with the variables set.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

from config.settings.env import S3_STORAGE, storage_config

BASE_DIR = Path(__file__).resolve().parents[2]
PRIVATE = Path("/srv/hemei/private_media")
S3_ENV = {
    "AWS_STORAGE_BUCKET_NAME": "hemei-media",
    "AWS_S3_ENDPOINT_URL": "https://oss-cn-chengdu.example.com",
    "AWS_S3_REGION_NAME": "cn-chengdu",
    "AWS_S3_CUSTOM_DOMAIN": "media.hemei.example.cn",
}


def test_local_disk_by_default_with_private_files_outside_media():
    config = storage_config({}, PRIVATE)
    assert config["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert config["private"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert config["private"]["OPTIONS"]["location"] == str(PRIVATE)


def test_object_storage_when_a_bucket_is_named():
    config = storage_config(S3_ENV, PRIVATE)
    public = config["default"]
    assert public["BACKEND"] == S3_STORAGE == "storages.backends.s3.S3Storage"
    options = public["OPTIONS"]
    assert options["bucket_name"] == "hemei-media"
    assert options["endpoint_url"] == "https://oss-cn-chengdu.example.com"
    assert options["region_name"] == "cn-chengdu"
    assert options["custom_domain"] == "media.hemei.example.cn"
    # Public media: plain, cacheable URLs; uploads never overwrite each other.
    assert options["querystring_auth"] is False
    assert options["file_overwrite"] is False
    # No credentials in settings: boto3 reads them from the environment or an instance role.
    assert not any("secret" in key or "access_key" in key for key in options)


def test_private_files_stay_private_in_the_shared_bucket():
    private = storage_config(S3_ENV, PRIVATE)["private"]
    assert private["BACKEND"] == S3_STORAGE
    options = private["OPTIONS"]
    assert options["bucket_name"] == "hemei-media"
    assert options["default_acl"] == "private"
    assert options["querystring_auth"] is True
    assert 0 < options["querystring_expire"] <= 600
    # The CDN domain would hand out unsigned URLs.
    assert options["custom_domain"] is None
    # Under its own prefix, apart from the public media's.
    public_location = storage_config(S3_ENV, PRIVATE)["default"]["OPTIONS"]["location"]
    assert options["location"] == "private" != public_location


def test_private_files_in_their_own_bucket_when_one_is_named():
    env = {**S3_ENV, "AWS_PRIVATE_STORAGE_BUCKET_NAME": "hemei-private"}
    options = storage_config(env, PRIVATE)["private"]["OPTIONS"]
    assert options["bucket_name"] == "hemei-private"
    assert options["location"] == ""
    assert options["default_acl"] == "private"
    assert options["querystring_auth"] is True


PROBE = """
import json
from django.conf import settings
print(json.dumps({name: s["BACKEND"] for name, s in settings.STORAGES.items()}))
"""


def storages_in_production(extra):
    environ = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("AWS_") and key != "DJANGO_SETTINGS_MODULE"
    }
    environ.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY="x" * 60,
        ALLOWED_HOSTS="hemei.example.cn",
        PYTHONPATH=str(BASE_DIR),
        **extra,
    )
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        env=environ,
        capture_output=True,
        text=True,
        cwd=BASE_DIR,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_settings_select_the_storages_from_the_environment():
    local = storages_in_production({})
    assert local["default"].endswith("FileSystemStorage")
    assert local["private"].endswith("FileSystemStorage")
    s3 = storages_in_production(S3_ENV)
    assert s3["default"] == s3["private"] == S3_STORAGE
    # Static files stay with WhiteNoise either way.
    assert s3["staticfiles"] == local["staticfiles"]
    assert "whitenoise" in s3["staticfiles"]
