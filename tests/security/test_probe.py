"""A hostile-input probe against the live server: every public page and form, hostile values.

Pages are found as the browser gates find them (one live page per page type and locale, the
routable pages' sub-routes, every parameterless route that answers HTML); forms are read from
those pages. Every GET parameter a page's forms name, plus the site's common ones, and every
field of every POST form gets each hostile value. Expected: no 5xx, no markup reflected
unescaped, and a re-rendered form keeps what was typed.
"""

import http.cookiejar
import time
import urllib.error
import urllib.request
from html.parser import HTMLParser
from urllib.parse import urlencode, urljoin, urlparse

import pytest

from tests.browser.gates import parameterless_paths, representative_page_paths, subroute_page_paths

MARKUP = '"><b id=hemei-probe>x</b>'
KEEPABLE = "王小明🙂"
HOSTILE = [
    "x" * 5000,  # over-long
    "a\x00b",  # NUL
    "１２３４",  # full-width digits
    KEEPABLE,  # CJK and emoji
    "\u202eevil\u202c",  # right-to-left override
    "99999999999999999999999",  # huge
    "-1",  # negative
    '=HYPERLINK("http://x")',  # formula prefix
    MARKUP,
]
# Parameters many views read, probed on every page whether or not a form names them.
COMMON_PARAMS = ("page", "q", "offering", "type", "compound", "month", "print", "sort", "size")


class FormReader(HTMLParser):
    def __init__(self):
        super().__init__()
        self.forms = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append(
                {
                    "method": (attrs.get("method") or "get").lower(),
                    "action": attrs.get("action") or "",
                    "fields": {},
                }
            )
        elif tag in ("input", "select", "textarea") and self.forms and attrs.get("name"):
            # A <select> cannot show a value it does not offer: keep its tag as its kind.
            kind = "select" if tag == "select" else (attrs.get("type") or "text").lower()
            self.forms[-1]["fields"][attrs["name"]] = (kind, attrs.get("value") or "")


class Probe:
    def __init__(self, base_url):
        self.base_url = base_url
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.problems = []
        self.requests = 0
        self.last_url = ""

    def fetch(self, url, data=None):
        self.requests += 1
        body = urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(url, data=body)
        if body is not None:
            request.add_header("Referer", self.base_url + "/")
        try:
            with self.opener.open(request, timeout=30) as response:
                self.last_url = response.geturl()
                return response.status, response.read().decode(errors="replace")
        except urllib.error.HTTPError as error:
            self.last_url = error.geturl()
            return error.code, error.read().decode(errors="replace")

    def check(self, label, status, body, typed=None):
        if status >= 500:
            self.problems.append(f"{status}: {label}")
        if "<b id=hemei-probe>" in body:
            self.problems.append(f"unescaped reflection: {label}")
        if typed and status == 200 and typed not in body and "name=" in body:
            self.problems.append(f"input not kept: {label}")

    def forms_of(self, path):
        status, body = self.fetch(self.base_url + path)
        reader = FormReader()
        reader.feed(body)
        return status, reader.forms

    def probe_get(self, path, names):
        for value in HOSTILE:
            query = urlencode({name: value for name in names})
            url = f"{self.base_url}{path}?{query}"
            self.check(f"GET {path} {value[:20]!r}", *self.fetch(url))

    def probe_post(self, path, form):
        action = (
            urljoin(self.base_url + path, form["action"])
            if form["action"]
            else self.base_url + path
        )
        if urlparse(action).netloc != urlparse(self.base_url).netloc:
            return
        for value in HOSTILE:
            # A fresh form each time: a fresh CSRF cookie pairing and one-time token.
            _status, forms = self.forms_of(path)
            same = [f for f in forms if f["method"] == "post" and f["action"] == form["action"]]
            if not same:
                return
            data = {}
            typed_somewhere = False
            for name, (kind, default) in same[0]["fields"].items():
                if kind in ("hidden", "submit", "checkbox", "radio") or name == "website":
                    data[name] = default if kind != "checkbox" else "on"
                else:
                    data[name] = value
                    typed_somewhere = typed_somewhere or kind != "select"
            if "back" in data:
                data.pop("back")
            status, body = self.fetch(action, data)
            # Only a form shown again (not a redirect to the next step) must keep the input.
            shown_again = self.last_url.split("#")[0] == action.split("#")[0]
            typed = KEEPABLE if value == KEEPABLE and shown_again and typed_somewhere else None
            self.check(f"POST {path} {value[:20]!r}", status, body, typed)


@pytest.fixture
def probe_site(transactional_db, live_server):
    from tests.conftest import load_committed_demo

    load_committed_demo()
    return live_server


# Marked so that CI can run it on one database: it checks HTTP answers, not SQL (README, CI).
@pytest.mark.probe
def test_hostile_values_in_every_public_parameter_and_form(probe_site, settings):
    settings.HEMEI_RATE_LIMITS = {
        name: (10_000, 60)
        for name in (
            "booking-ip",
            "booking-phone",
            "status-ip",
            "status-reference",
            "volunteer-join",
            "volunteer-signup",
            "volunteer-link-ip",
            "volunteer-link-mobile",
            "report-ip",
            "report-support-ip",
            "report-status-ip",
            "report-status-reference",
            "report-update",
        )
    }
    probe = Probe(probe_site.url)
    started = time.monotonic()
    paths = []
    for path in (
        representative_page_paths() + subroute_page_paths() + parameterless_paths(probe_site.url)
    ):
        if path not in paths:
            paths.append(path)
    assert len(paths) > 10
    for path in paths:
        status, forms = probe.forms_of(path)
        probe.check(f"GET {path}", status, "")
        names = set(COMMON_PARAMS)
        for form in forms:
            if form["method"] == "get":
                names.update(form["fields"])
        probe.probe_get(path, sorted(names))
        for form in forms:
            if form["method"] == "post":
                probe.probe_post(path, form)
    elapsed = time.monotonic() - started
    print(f"\nprobe: {len(paths)} pages, {probe.requests} requests in {elapsed:.0f} s")
    assert probe.problems == []
