"""Settings shared by every environment. Safe by default: no secret, no debug."""

import os
from pathlib import Path

from .env import (
    cache_config,
    csv_list,
    database_config,
    flag,
    replica_config,
    search_config,
    storage_config,
)

BASE_DIR = Path(__file__).resolve().parent.parent.parent
SITE_DIR = BASE_DIR / "site"

SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = csv_list(os.environ.get("ALLOWED_HOSTS", ""))
CSRF_TRUSTED_ORIGINS = csv_list(os.environ.get("CSRF_TRUSTED_ORIGINS", ""))

INSTALLED_APPS = [
    "home",
    "notices",
    "rankings",
    "services",
    "search",
    "caching",
    "cases",
    "inspections",
    "city",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "caching.csp.StaticPolicyCSPMiddleware",
    # ETags and 304s for every response, cached or not.
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # After the language is known, before anything that may set a cookie (CSRF, messages).
    "caching.middleware.AnonymousPageCacheMiddleware",
    # The Site of the request, once per content generation (home/lookups.py).
    "home.lookups.SiteLookupMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After authentication: a 404 for admin page URLs of another community.
    "home.community_scope.PageScopeMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # Refuses sign-ins for a while after repeated failures (see AXES_* below).
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SITE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "home.context_processors.text_size",
            ],
        },
    },
]

DATABASES = {"default": database_config(os.environ, BASE_DIR)}
# Anonymous public page views read from a read replica when one is configured
# (config/replica.py); without DATABASE_REPLICA_URL there is no router at all.
if (_replica := replica_config(os.environ)) is not None:
    DATABASES["replica"] = _replica
    DATABASE_ROUTERS = ["config.replica.ReplicaRouter"]
    # Before the page cache, so that a page rendered on a cache miss reads from the replica.
    MIDDLEWARE.insert(
        MIDDLEWARE.index("whitenoise.middleware.WhiteNoiseMiddleware") + 1,
        "config.replica.ReplicaMiddleware",
    )
# Seconds after a publish during which a process reads from the primary only (replica lag must
# stay below this), and after a replica failure before it is tried again.
HEMEI_REPLICA_SETTLE_SECONDS = float(os.environ.get("HEMEI_REPLICA_SETTLE_SECONDS", "5"))
HEMEI_REPLICA_RETRY_SECONDS = float(os.environ.get("HEMEI_REPLICA_RETRY_SECONDS", "30"))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": cache_config(os.environ)}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: Simplified Chinese first, English second.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [
    ("zh-hans", "简体中文"),
    ("en", "English"),
]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
LOCALE_PATHS = [SITE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_NAME = "hemei_language"

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [SITE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static_collected"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
# Residents' report photos: outside MEDIA_ROOT and without a URL, served to staff only by a
# permission-checked view (cases/admin_views.py).
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private_media"))
# Media on local disk, or on S3-compatible object storage when AWS_STORAGE_BUCKET_NAME is set
# (several application servers then share uploads); private files stay private there too.
STORAGES = {
    **storage_config(os.environ, PRIVATE_MEDIA_ROOT),
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Wagtail
WAGTAIL_SITE_NAME = "和美社区"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": search_config(os.environ)}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "odt", "ods", "txt", "csv"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp", "gif"]
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
# Decodes each upload once, so that a truncated file is a form error (home/image_forms.py).
WAGTAILIMAGES_IMAGE_FORM_BASE = "home.image_forms.ImageForm"
# Documents are always served through Wagtail's view, which enforces collection privacy.
# The proxy must NOT serve MEDIA_ROOT/documents/ itself (see README, Quality).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Wagtail's default, said out loud: a page whose slug changes (or that moves) leaves a
# redirect from its old URL, so links already shared keep working (home/slugs.py).
WAGTAILREDIRECTS_AUTO_CREATE = True
WAGTAILSEARCH_HITS_MAX_AGE = 30

# Content-Security-Policy (django-csp 4) for the public site: no inline script or style.
# Wagtail's admin relies on inline scripts and styles, so it is left out of the policy.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ("/admin/", "/django-admin/"),
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# Admin sign-in throttling (django-axes): five failures for one user name from one address
# lock that pair out for 15 minutes. Attempts are kept in the database (works with any
# number of workers; locmem caches would count per process).
AXES_ENABLED = True
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_VERBOSE = False
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# The site's one client address (honours HEMEI_CLIENT_IP_HEADER): behind the proxy every
# REMOTE_ADDR is the proxy's, and a stranger's five guesses would lock the staff member out.
AXES_CLIENT_IP_CALLABLE = "home.ratelimit.client_ip"
AXES_RESET_ON_SUCCESS = True

# Full-page cache for anonymous visitors (caching/middleware.py); emptied on publish.
HEMEI_PAGE_CACHE = flag(os.environ, "HEMEI_PAGE_CACHE", default=True)
HEMEI_PAGE_CACHE_TIMEOUT = int(os.environ.get("HEMEI_PAGE_CACHE_TIMEOUT", "600"))
# Each worker also keeps recent pages in memory, re-checking the generation this often (s);
# other workers see a publish within this time, the publishing one at once.
HEMEI_PAGE_CACHE_LOCAL_SECONDS = float(os.environ.get("HEMEI_PAGE_CACHE_LOCAL_SECONDS", "1"))
HEMEI_PAGE_CACHE_LOCAL_ENTRIES = 200
# What browsers may keep: short, so an edit shows within a minute even without revalidation.
HEMEI_PAGE_CACHE_MAX_AGE = 60

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "hemei@localhost")

# Background tasks (django-tasks, as shipped with Wagtail 8): queued in the database and run
# by `manage.py db_worker`, so a slow mail server or SMS gateway never slows a request.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Services: how residents are texted ("home.sms.LogSmsBackend" only logs, and the
# admin says so), and how long personal data in appointment requests is kept.
HEMEI_SMS_BACKEND = os.environ.get("HEMEI_SMS_BACKEND", "home.sms.LogSmsBackend")
HEMEI_PERSONAL_DATA_RETENTION_DAYS = int(
    os.environ.get("HEMEI_PERSONAL_DATA_RETENTION_DAYS", "180")
)
# Behind a proxy every request comes from the proxy: name the header it sets with the client's
# address (e.g. HTTP_X_REAL_IP) so that per-address rate limits count residents, not the proxy.
HEMEI_CLIENT_IP_HEADER = os.environ.get("HEMEI_CLIENT_IP_HEADER", "")

# Demo content is only ever loaded where this is on (dev, test, the quick start).
HEMEI_ALLOW_DEMO = flag(os.environ, "HEMEI_ALLOW_DEMO", default=False)
TEXT_SIZE_COOKIE = "hemei_text_size"
# The community a resident picked (its slug): the header and search start from it.
COMMUNITY_COOKIE = "hemei_community"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        "django.db.backends": {"level": "WARNING"},
        # Background tasks and page actions log every step at INFO; keep the console readable.
        "django_tasks": {"level": "WARNING"},
        "django.tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
    },
}
