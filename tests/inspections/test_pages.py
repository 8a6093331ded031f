"""What the public pages show: the firm profile and compound panels, the letter's counts,
and 逾期 N 天 on a rectification past its deadline."""

import datetime

import pytest
from django.utils import translation

from inspections.models import Inspection, RequirementCheck
from notices.models import RegulationArticle
from tests.factories.home import CompoundFactory, PropertyFirmFactory
from tests.factories.inspections import (
    InspectionFactory,
    InspectionFindingFactory,
    RequirementCheckFactory,
    TrainingAttendanceFactory,
)

pytestmark = pytest.mark.django_db


def firm_url(pages, firm, prefix=""):
    return prefix + pages["rankings"].url + f"firms/{firm.slug}/"


def html(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.fixture
def overdue(site_pages, compound, frozen_today):
    article = RegulationArticle.objects.filter(page=site_pages["rules"]).first()
    inspection = InspectionFactory(
        compound=compound,
        date=datetime.date(2026, 11, 2),
        rectification_deadline=datetime.date(2026, 11, 12),
        by_party_branch=False,
    )
    InspectionFindingFactory(inspection=inspection, article=article, description="消防通道被占用")
    return inspection, article


def test_firm_profile_lists_inspections_with_findings_linked_to_articles(
    client, site_pages, firm, overdue
):
    inspection, article = overdue
    page = html(client, firm_url(site_pages, firm))
    assert "消防通道被占用" in page
    assert f'href="{article.get_url()}"' in page
    assert article.label in page
    with translation.override("zh-hans"):
        assert "逾期 8 天" in page
    # The party branch did not take part this time.
    assert (
        "小区治理党支部"
        not in page.split('id="firm-inspections-heading"')[1].split("</section>")[0]
    )


def test_the_english_profile_says_overdue_and_names_the_compound_in_english(
    client, site_pages, firm, compound, overdue
):
    from wagtail.models import Locale

    from home.demo_tools import ensure_snippet_translation

    ensure_snippet_translation(compound, Locale.objects.get(language_code="en"), name="Binhe")
    page = html(client, firm_url(site_pages, firm, "/en"))
    assert "8 days overdue" in page
    assert "Binhe" in page


def test_no_overdue_label_on_the_deadline_day(client, site_pages, firm, compound, frozen_today):
    InspectionFactory(
        compound=compound, date=datetime.date(2026, 11, 2), rectification_deadline=frozen_today
    )
    page = html(client, firm_url(site_pages, firm, "/en"))
    assert "Rectification due" in page
    assert "overdue</span>" not in page


def test_compound_page_lists_its_inspections(client, site_pages, compound, overdue):
    page = html(client, site_pages["compounds"].url + f"{compound.slug}/")
    assert "compound-inspections-heading" in page
    assert "消防通道被占用" in page


def test_compound_without_inspections_shows_no_panel(client, site_pages, community):
    quiet = CompoundFactory(community=community)
    page = html(client, site_pages["compounds"].url + f"{quiet.slug}/")
    assert "compound-inspections-heading" not in page


def test_firm_profile_shows_training_attendance(client, site_pages, firm):
    TrainingAttendanceFactory(firm=firm, attended=True, staff_count=4, training__topic="电梯安全")
    TrainingAttendanceFactory(firm=firm, attended=False, staff_count=0, training__topic="垃圾分类")
    page = html(client, firm_url(site_pages, firm, "/en"))
    assert "电梯安全" in page and "垃圾分类" in page
    assert "Attended 1, absent 1; 4 staff trained in all." in page


def test_letter_page_counts_the_firms_that_met_each_requirement(
    client, site_pages, community, compound, firm
):
    items = site_pages["items"]
    others = [
        CompoundFactory(community=community, property_firm=PropertyFirmFactory(community=community))
        for _ in range(2)
    ]
    first = InspectionFactory(compound=compound, date=datetime.date(2026, 10, 5))
    RequirementCheckFactory(inspection=first, item=items[0], status="not_done")
    # A later inspection of the same firm replaces its earlier status.
    later = InspectionFactory(compound=compound, date=datetime.date(2026, 10, 20))
    RequirementCheckFactory(inspection=later, item=items[0], status="done")
    RequirementCheckFactory(inspection=later, item=items[1], status="not_applicable")
    for other in others:
        inspection = InspectionFactory(compound=other, date=datetime.date(2026, 10, 8))
        RequirementCheckFactory(inspection=inspection, item=items[0], status="done")
        RequirementCheckFactory(inspection=inspection, item=items[1], status="not_done")
    page = html(client, "/en" + site_pages["letter"].url)
    # The English letter's requirements are matched to the checked ones by position.
    assert "Firms that met it (at inspection)" in page
    assert "3 of 3 firms checked" in page  # item 0
    assert "0 of 2 firms checked (1 not applicable)" in page  # item 1
    assert "Not checked yet" in page  # item 2
    page = html(client, site_pages["letter"].url)
    assert "已检查 3 家，落实 3 家" in page
    assert "已检查 2 家，落实 0 家（1 家不适用）" in page
    # The firm profile shows its own record of the letter.
    profile = html(client, firm_url(site_pages, firm, "/en"))
    record = profile.split('id="firm-letters-heading"')[1].split("</section>")[0]
    assert "2026-10" in record
    assert [check.status for check in RequirementCheck.objects.filter(inspection__firm=firm)]


def test_letter_without_checks_has_no_extra_column(client, site_pages):
    page = html(client, "/en" + site_pages["letter"].url)
    assert "Firms that met it" not in page


def test_a_confirmed_late_rectification_shows_how_late(client, site_pages, firm, compound):
    inspection = InspectionFactory(
        compound=compound,
        date=datetime.date(2026, 10, 1),
        rectification_deadline=datetime.date(2026, 10, 10),
    )
    Inspection.objects.filter(pk=inspection.pk).update(
        status=Inspection.Status.RECTIFIED, recheck_on=datetime.date(2026, 10, 13)
    )
    page = html(client, firm_url(site_pages, firm, "/en"))
    assert "3 days late" in page
    assert "overdue</span>" not in page


def finding_links(page):
    section = page.split('id="firm-inspections-heading"')[1].split("</section>")[0]
    return [part.split('"')[0] for part in section.split('href="')[1:]]


def test_english_pages_link_a_finding_to_the_english_article(client, site_pages, firm, overdue):
    from wagtail.models import Locale

    from home.demo_tools import ensure_translation

    _inspection, article = overdue
    rules_en = ensure_translation(
        site_pages["rules"], Locale.objects.get(language_code="en"), title="Service rules"
    )
    english = RegulationArticle.objects.get(page=rules_en, anchor=article.anchor)
    assert english.pk != article.pk
    en_links = finding_links(html(client, firm_url(site_pages, firm, "/en")))
    assert en_links == [english.get_url()]
    assert en_links[0].startswith("/en/") and en_links[0].endswith("#" + article.anchor)
    # The Chinese page keeps the Chinese article.
    assert finding_links(html(client, firm_url(site_pages, firm))) == [article.get_url()]


def test_english_pages_fall_back_to_the_chinese_article(client, site_pages, firm, overdue):
    _inspection, article = overdue
    assert finding_links(html(client, firm_url(site_pages, firm, "/en"))) == [article.get_url()]


def test_a_findings_photo_is_linked_on_the_public_pages(
    client, site_pages, firm, compound, overdue, settings, tmp_path
):
    from django.core.files.base import ContentFile

    settings.MEDIA_ROOT = tmp_path
    inspection, _article = overdue
    finding = inspection.findings.get()
    finding.photo.save("a1b2.jpg", ContentFile(b"\xff\xd8\xff\xd9"), save=True)
    for url in (firm_url(site_pages, firm), site_pages["compounds"].url + f"{compound.slug}/"):
        page = html(client, url)
        assert f'href="{finding.photo.url}"' in page
    assert ">Photo</a>" in html(client, firm_url(site_pages, firm, "/en"))
