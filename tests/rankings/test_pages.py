from wagtail.models import Locale

from home.demo_tools import ensure_translation
from rankings.models import RankingIndexPage, RankingMonthPage


def test_page_tree_rules():
    assert RankingIndexPage.parent_page_types == ["home.HomePage"]
    assert RankingMonthPage.parent_page_types == ["rankings.RankingIndexPage"]
    assert RankingMonthPage.subpage_types == []


def test_month_page_shows_ranks_labels_and_tie_reason(client, two_months, firms):
    _september, october = two_months
    html = client.get(october.url).content.decode()
    assert "<caption" in html and 'scope="col"' in html and 'scope="row"' in html
    # Three commended: 物业001 and 物业002 share 2nd place.
    assert html.count('class="row-commended"') == 3
    # The page says why three, not two, are commended; no tie at the bottom cut-off.
    assert html.count('class="tie-note"') == 1
    assert "80.0" in html.split('class="tie-note"')[1].split("</p>")[0]
    assert html.count('class="row-replacement"') == 2
    # The unassessed firm is listed, not ranked.
    assert "物业005" in html.split('id="not-assessed-heading"')[1]


def test_month_page_counts_bottom_two_places(client, two_months):
    _september, october = two_months
    results = october.results()
    ranks = {row.firm.name: row.standing.rank for row in results.ranked_rows}
    assert ranks == {"物业000": 1, "物业001": 2, "物业002": 2, "物业003": 4, "物业004": 5}
    assert {row.firm.name for row in results.commended_rows} == {"物业000", "物业001", "物业002"}
    assert {row.firm.name for row in results.replacement_rows} == {"物业003", "物业004"}
    assert [row.firm.name for row in results.unassessed_rows] == ["物业005"]


def test_change_since_last_month(two_months):
    _september, october = two_months
    rows = {row.firm.name: row for row in october.results().rows}
    # September: totals 70..75, so 物业005 was 1st and 物业000 6th.
    assert rows["物业000"].rank_change == 5
    assert rows["物业004"].rank_change == -3
    assert rows["物业005"].rank_change is None


def test_csv_download(client, two_months):
    _september, october = two_months
    response = client.get(october.url + "csv/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    lines = text.strip().splitlines()
    assert lines[1].startswith("1,物业000,")
    assert len(lines) == 7


def test_english_month_page_uses_english_labels(client, two_months):
    _september, october = two_months
    en = ensure_translation(october, Locale.objects.get(language_code="en"), title="October 2026")
    html = client.get(en.url).content.decode()
    assert en.url.startswith("/en/")
    assert "Public cleaning" in html and "Commended" in html and "Replacement advised" in html
    assert html.count('class="row-commended"') == 3


def test_index_lists_published_months(client, index_page, two_months):
    html = client.get(index_page.url).content.decode()
    september, october = two_months
    assert html.index(october.title) < html.index(september.title)
    assert 'href="/rankings/firms/firm005/"' in html  # every firm's record is reachable


def test_firm_profile(client, index_page, two_months, firms):
    response = client.get(index_page.url + "firms/firm002/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in html and "<title" in html and "2026-10: 80.0" in html
    assert "2 of 5" in html or "2 / 5" in html or "第2名" in html


def test_unknown_firm_profile_is_404(client, index_page):
    assert client.get(index_page.url + "firms/nobody/").status_code == 404


def test_home_page_summary(client, home_page, two_months):
    html = client.get("/").content.decode()
    section = html.split('id="ranking-heading"')[1]
    assert "物业000" in section and "物业004" in section and "物业003" in section
    assert "物业005" not in section
