from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .communities import community_choices

TEXT_SIZES = {"large", "normal"}
ONE_YEAR = 60 * 60 * 24 * 365
CITY_WIDE = "all"  # the picker's "every community" option


@require_GET
def text_size(request):
    """Switch between normal and large type; a plain link, so it works without JavaScript."""
    size = request.GET.get("size", "normal")
    next_url = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    if size == "large":
        response.set_cookie(
            settings.TEXT_SIZE_COOKIE,
            "large",
            max_age=ONE_YEAR,
            samesite="Lax",
            secure=request.is_secure(),
            httponly=True,
        )
    else:
        response.delete_cookie(settings.TEXT_SIZE_COOKIE, samesite="Lax")
    return response


@require_GET
def choose_community(request):
    """The community picker's target: a plain GET form, so it works without JavaScript.

    Remembers the choice in a cookie and goes to that community's home page; "all" forgets it
    (the city-wide view); anything else goes back to the list of communities."""
    slug = request.GET.get("community", "")
    if slug == CITY_WIDE:
        response = HttpResponseRedirect(reverse("city"))
        response.delete_cookie(settings.COMMUNITY_COOKIE, samesite="Lax")
        return response
    choice = next((c for c in community_choices(request) if c["slug"] == slug), None)
    if choice is None:
        return HttpResponseRedirect(reverse("city"))
    response = HttpResponseRedirect(choice["url"])
    response.set_cookie(
        settings.COMMUNITY_COOKIE,
        choice["slug"],
        max_age=ONE_YEAR,
        samesite="Lax",
        secure=request.is_secure(),
        httponly=True,
    )
    return response


def _check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _check_cache():
    # The resilient Redis backend hides an outage from pages; ask Redis itself here.
    if hasattr(cache, "ping"):
        cache.ping()
    cache.set("healthz", "ok", 10)
    if cache.get("healthz") != "ok":
        raise RuntimeError("cache did not return the value just written")


@never_cache
@require_GET
def healthz(request):
    """Liveness and readiness for the load balancer: database and cache must answer."""
    checks = {}
    for name, check in (("database", _check_database), ("cache", _check_cache)):
        try:
            check()
            checks[name] = "ok"
        except Exception as exc:  # noqa: BLE001 - any failure means "not ready"
            checks[name] = f"error: {type(exc).__name__}"
    healthy = all(value == "ok" for value in checks.values())
    body = {"status": "ok" if healthy else "error", "checks": checks}
    if healthy:
        queue = task_queue_backlog()
        if queue is not None:
            body["task_queue"] = queue
    return JsonResponse(body, status=200 if healthy else 503)


def task_queue_backlog() -> dict | None:
    """Tasks waiting for `manage.py db_worker` and the age of the oldest, in seconds.

    Reported, not judged: a backlog means e-mail, SMS and search-index updates of other
    objects than published pages are late, not that this process cannot serve. None when
    tasks do not go through the database (they then run in the request).
    """
    if settings.TASKS["default"]["BACKEND"] != "django_tasks_db.DatabaseBackend":
        return None
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    pending = DBTaskResult.objects.ready()
    oldest = pending.order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
    age = (timezone.now() - oldest).total_seconds() if oldest else 0
    return {"pending": pending.count(), "oldest_seconds": round(age)}
