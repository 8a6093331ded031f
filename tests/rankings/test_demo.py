import pytest
from wagtail.models import Locale

from home.models import PropertyFirm
from rankings.models import RankingIndexPage, RankingMonthPage, ScoreCorrection

pytestmark = pytest.mark.django_db


def zh_months():
    """回风亭社区's months (the site root's; the demo's other communities have their own)."""
    return list(
        RankingMonthPage.objects.live()
        .filter(locale__language_code="zh-hans", depth=4)
        .order_by("month")
    )


def test_six_published_months_for_all_thirteen_firms(demo):
    months = zh_months()
    assert len(months) == 6
    for month in months:
        assert month.is_frozen
        assert month.assessments.count() == 13
        assert month.get_translation_or_none(Locale.objects.get(language_code="en")).live
    assert RankingIndexPage.objects.filter(locale__language_code="en", live=True).exists()


def test_the_miaopu_story(demo):
    months = zh_months()
    chengxiang = PropertyFirm.objects.get(slug="chengxiang", locale__language_code="zh-hans")
    jiangnan = PropertyFirm.objects.get(slug="jiangnan", locale__language_code="zh-hans")
    for month in months:
        results = month.results()
        replacement = {row.firm.pk for row in results.replacement_rows}
        assert chengxiang.pk in replacement
        served = {row.firm.pk: [c.slug for c in row.compounds] for row in results.rows}
        if month == months[-1]:
            assert "miaopu" in served[jiangnan.pk] and "miaopu" not in served[chengxiang.pk]
        else:
            assert "miaopu" in served[chengxiang.pk]
    assert months[-1].red_black_entries.filter(firm=jiangnan, kind="red").exists()


def test_ties_and_a_correction(demo):
    months = zh_months()
    assert any(month.results().ranking.commended_tie is not None for month in months)
    assert any(month.results().ranking.replacement_tie is not None for month in months)
    assert ScoreCorrection.objects.count() == 1


def test_demo_pages_render_in_both_languages(client, demo):
    latest = zh_months()[-1]
    for url in [
        latest.url,
        "/en" + latest.url,
        "/rankings/",
        "/en/rankings/",
        "/rankings/firms/chengxiang/",
        "/en/rankings/firms/chengxiang/",
        "/",
        "/en/",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
    html = client.get("/en/rankings/firms/chengxiang/").content.decode()
    assert "Bazhong Chengxiang Property Services Co." in html and "Miaopu" in html
