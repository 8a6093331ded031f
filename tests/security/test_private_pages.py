"""A private page (password or login restriction) never shows up where anonymous visitors look.

For one page of each listed type, every listing, home panel, compound-page panel, firm
profile, feed (RSS/Atom), calendar (iCal) and search result that shows it to an anonymous
visitor while it is public must stop showing it once it is restricted. Each case first checks
that the page is there, so a listing that never showed it cannot pass by accident. (The site
has no sitemap.)
"""

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.search.index import insert_or_update_object

from home.models import Compound
from notices.models import (
    JointMeetingPage,
    NoticePage,
    RegulationIndexPage,
    RegulationPage,
    WorkLetterPage,
)
from notices.models.directory_pages import compound_url
from notices.models.regulation_articles import RegulationArticle
from rankings.models import RankingMonthPage
from services.models import ServiceOfferingPage, VolunteerEventPage

pytestmark = pytest.mark.django_db

RESTRICTIONS = [PageViewRestriction.PASSWORD, PageViewRestriction.LOGIN]


def zh(model):
    return model.objects.live().filter(locale__language_code="zh-hans")


def home():
    return Site.objects.get(is_default_site=True).root_page.specific


def ranking_month():
    month = zh(RankingMonthPage).filter(depth=4).order_by("-month").first()  # 回风亭社区's
    assessed = month.assessments.values_list("firm_id", flat=True)
    compound = (
        Compound.objects.filter(locale__language_code="zh-hans", property_firm_id__in=assessed)
        .order_by("pk")
        .first()
    )
    firm = compound.property_firm
    index = month.get_parent()
    return (
        month,
        month.url,
        ["/", compound_url(compound), f"{index.url}firms/{firm.slug}/", index.url],
    )


def volunteer_event():
    event = (
        zh(VolunteerEventPage)
        .filter(ends_at__gte=timezone.now(), compound__isnull=False)
        .order_by("starts_at", "pk")
        .first()
    )
    urls = ["/", event.get_parent().url, compound_url(event.compound)]
    return event, event.url, [*urls, reverse("services:volunteer_feed")]


def notice():
    page = zh(NoticePage).current().newest_first().first()
    index = page.get_parent().url
    return page, page.url, ["/", index, f"{index}rss/", f"{index}atom/"]


def regulation():
    # One that supersedes nothing: a superseded regulation links to its successor.
    page = (
        zh(RegulationPage)
        .filter(issuer__isnull=False, predecessors__isnull=True)
        .exclude(kind="charter")
        .first()
    )
    index = zh(RegulationIndexPage).first()
    return page, page.url, [index.url, page.issuer.url]


def joint_meeting():
    meeting = (
        zh(JointMeetingPage).filter(follow_ups__isnull=False).order_by("-meeting_date").first()
    )
    compound = meeting.follow_ups.exclude(compound=None).first().compound
    return meeting, meeting.url, [meeting.get_parent().url, compound_url(compound)]


def work_letter():
    letter = WorkLetterPage.current_for(home())
    return letter, letter.url, ["/", letter.get_parent().url]


def service_offering():
    offering = zh(ServiceOfferingPage).filter(stations__is_active=True).order_by("path").first()
    station = offering.stations.filter(is_active=True).first()
    index = offering.get_parent().url
    urls = [index, f"{index}stations/{station.slug}/"]
    return offering, offering.url, urls


def bookable_offering():
    """The booking form's choice of service (its radio button carries the page's key)."""
    offering = service_offering()[0]
    return offering, f'value="{offering.pk}"', [reverse("services:book_service")]


CASES = {
    "ranking month": ranking_month,
    "volunteer event": volunteer_event,
    "notice": notice,
    "regulation": regulation,
    "joint meeting": joint_meeting,
    "work letter": work_letter,
    "service offering": service_offering,
    "bookable service offering": bookable_offering,
}


def restrict(page, kind):
    PageViewRestriction.objects.create(
        page=Page.objects.get(pk=page.pk), restriction_type=kind, password="secret"
    )


@pytest.mark.parametrize("kind", RESTRICTIONS)
@pytest.mark.parametrize("case", CASES)
def test_a_private_page_leaves_every_listing(client, demo, case, kind):
    page, marker, urls = CASES[case]()
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert marker in response.content.decode(), f"{case} not listed on {url} while public"
    restrict(page, kind)
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert marker not in response.content.decode(), f"private {case} still on {url}"


def search_for(client, query):
    return client.get("/search/", {"q": query}).content.decode()


SEARCHED = {
    "ranking month": ranking_month,
    "volunteer event": volunteer_event,
    "notice": notice,
    "regulation": regulation,
}


@pytest.mark.parametrize("kind", RESTRICTIONS)
@pytest.mark.parametrize("case", SEARCHED)
def test_a_private_page_leaves_search_results(client, demo, case, kind):
    page = SEARCHED[case]()[0]
    insert_or_update_object(page.specific)  # the demo is loaded without an index
    # The link itself: another community's month of the same date has a longer URL ending
    # the same way (/xinhua/rankings/2026-10/).
    assert f'href="{page.url}"' in search_for(client, page.title)
    restrict(page, kind)
    assert f'href="{page.url}"' not in search_for(client, page.title)


@pytest.mark.parametrize("kind", RESTRICTIONS)
def test_articles_of_a_private_regulation_leave_search_results(client, demo, kind):
    page = regulation()[0]
    article = RegulationArticle.objects.filter(page=page).exclude(heading="").first()
    insert_or_update_object(article)
    query = f"{page.title} {article.heading}"
    assert article.get_url() in search_for(client, query)
    restrict(page, kind)
    assert article.get_url() not in search_for(client, query)
