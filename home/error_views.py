"""The 500 handler, which answers a database outage with a plain 503 page.

Both pages render without a request context, so no context processor, setting lookup or
menu can touch the database that may be the very thing that failed. They are bilingual
(Chinese first) because the language may not be known at that point either.
"""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.template import loader

RETRY_AFTER_SECONDS = 120
# A lost or refused connection; not an IntegrityError or a bad query (those are bugs: 500).
OUTAGE_ERRORS = (OperationalError, InterfaceError)


def _is_database_outage(error):
    # Django raises its own OperationalError with the driver's error as the cause.
    for _depth in range(5):
        if error is None:
            return False
        if isinstance(error, OUTAGE_ERRORS):
            return True
        error = error.__cause__
    return False


def server_error(request, *args, **kwargs):
    if _is_database_outage(sys.exc_info()[1]):
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    else:
        response = HttpResponseServerError(loader.render_to_string("500.html"))
    response["Cache-Control"] = "no-store"
    return response
