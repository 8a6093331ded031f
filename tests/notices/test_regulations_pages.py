"""Regulation pages and their index as readers get them: TOC, status, routes, locales, SQL."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from home.demo_tools import ensure_translation
from notices.models import AssociationPage, RegulationIndexPage, RegulationPage
from tests.factories.regulations import (
    AssociationPageFactory,
    RegulationIndexPageFactory,
    RegulationPageFactory,
    article,
    body_with,
    chapter,
)


@pytest.fixture
def index(home_page):
    return RegulationIndexPageFactory(parent=home_page)


def publish(page):
    page.save_revision().publish()
    return page


def test_page_tree_rules(home_page, index):
    assert RegulationIndexPage.can_exist_under(home_page)
    assert RegulationPage.can_exist_under(index)
    assert AssociationPage.can_exist_under(home_page)
    assert RegulationPage.can_exist_under(AssociationPageFactory(parent=home_page))
    assert not RegulationPage.can_exist_under(home_page)
    assert not RegulationIndexPage.can_exist_under(index)
    assert RegulationPage.allowed_subpage_models() == []


def test_regulation_renders_toc_chapters_and_articles(client, index):
    page = RegulationPageFactory(
        parent=index,
        body=[
            chapter("总则", [article("为规范物业服务，制定本细则。"), article("适用范围。")]),
            chapter("公共环境保洁", [article("每日清扫两次。", heading="日常保洁")]),
        ],
    )
    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    toc = html[html.index('class="reg-toc"') : html.index("</nav>", html.index('class="reg-toc"'))]
    toc_targets = re.findall(r'href="#([\w-]+)"', toc)
    expected = [
        page.chapters[0].anchor,
        *[a.number_anchor for a in page.chapters[0].articles],
        page.chapters[1].anchor,
        page.articles[2].number_anchor,
    ]
    assert toc_targets == expected
    assert expected[1:3] == ["article-1", "article-2"]  # readable article anchors
    for item in page.articles:  # the stable anchors stay, for links made before
        assert f'id="{item.anchor}"' in html
    for target in toc_targets:
        assert f'id="{target}"' in html
    assert "第二章　公共环境保洁" in html
    assert "第三条</span>　日常保洁" in html
    assert "每日清扫两次。" in html
    assert "回风亭社区物业公司协会" in html


def test_article_route_shows_one_article_at_its_number(client, index):
    page = RegulationPageFactory(
        parent=index, body=[chapter("总则", ["甲条文", "乙条文", "丙条文"])]
    )
    response = client.get(f"{page.url}articles/2/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "乙条文" in html and "甲条文" not in html
    assert f"{page.url}articles/1/" in html  # previous
    assert f"{page.url}articles/3/" in html  # next
    assert f"{page.url}#article-2" in html
    # Advertised beside each article of the full text.
    full = client.get(page.url).content.decode()
    assert all(f'href="{page.url}articles/{n}/"' in full for n in (1, 2, 3))


def test_article_routes_reject_unknown_articles(client, index):
    page = RegulationPageFactory(parent=index, body=[chapter("总则", ["甲条文"])])
    assert client.get(f"{page.url}articles/article-deadbeef/").status_code == 404
    assert client.get(f"{page.url}articles/2/").status_code == 404
    assert client.get(f"{page.url}articles/第二条/").status_code == 404
    assert client.get(f"{page.url}articles/%3Cscript%3E/").status_code == 404
    assert client.get(f"{page.url}articles/{'9' * 30}/").status_code == 404


@pytest.mark.parametrize(
    "reference", ["第二条", "二", "第2条", "２", "article-2", "%E7%AC%AC%E4%BA%8C%E6%9D%A1"]
)
def test_other_spellings_of_an_article_redirect_to_its_number(client, index, reference):
    page = RegulationPageFactory(parent=index, body=[chapter("总则", ["甲", "乙"])])
    response = client.get(f"{page.url}articles/{reference}/")
    assert response.status_code == 302
    assert response["Location"] == f"{page.url}articles/2/"


def test_a_link_by_stable_anchor_follows_the_article_when_renumbered(client, index):
    first, second = article("甲", id="aaaa1111"), article("乙", id="bbbb2222")
    page = RegulationPageFactory(parent=index, body=[chapter("总则", [first, second])])
    anchor = page.articles[1].anchor
    response = client.get(f"{page.url}articles/{anchor}/")
    assert response["Location"] == f"{page.url}articles/2/"
    page.body = [chapter("总则", [article("新增条文"), first, second])]
    publish(page)
    response = client.get(f"{page.url}articles/{anchor}/")
    assert response["Location"] == f"{page.url}articles/3/"


@pytest.mark.parametrize("typed", ["2", "二", "第二条", " 第 2 条 ", "２"])
def test_jump_box_takes_a_number_in_any_common_spelling(client, index, typed):
    page = RegulationPageFactory(parent=index, body=[chapter("总则", ["甲", "乙"])])
    assert 'action="' + page.url + 'articles/"' in client.get(page.url).content.decode()
    response = client.get(f"{page.url}articles/", {"article": typed})
    assert response.status_code == 302
    assert response["Location"] == f"{page.url}#article-2"


@pytest.mark.parametrize("typed", ["3", "三十", "abc", "", "9" * 40])
def test_jump_box_explains_a_number_it_cannot_find(client, index, typed):
    page = RegulationPageFactory(parent=index, body=[chapter("总则", ["甲", "乙"])])
    response = client.get(f"{page.url}articles/", {"article": typed})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="reg-jump-error"' in html and 'aria-invalid="true"' in html
    assert "乙" in html  # the regulation is still there to read


def test_superseded_regulation_links_to_its_successor(client, index):
    new = RegulationPageFactory(parent=index, title="物业管理服务细则（2024年修订）")
    old = RegulationPageFactory(
        parent=index,
        title="物业管理服务细则（2021年）",
        status=RegulationPage.Status.SUPERSEDED,
        superseded_by=new,
        adopted_on=datetime.date(2021, 3, 1),
        effective_on=datetime.date(2021, 3, 1),
    )
    html = client.get(old.url).content.decode()
    assert "已废止" in html or "已被替代" in html or "Superseded" in html
    assert f'href="{new.url}"' in html
    new_html = client.get(new.url).content.decode()
    assert f'href="{old.url}"' in new_html  # "replaces"


def test_validation_of_dates_and_successor(index):
    page = RegulationPageFactory.build(
        adopted_on=datetime.date(2024, 5, 1), effective_on=datetime.date(2024, 4, 1)
    )
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "effective_on" in error.value.message_dict
    other = RegulationPageFactory(parent=index)
    page = RegulationPageFactory.build(superseded_by=other)
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "status" in error.value.message_dict


def test_pending_regulation(index):
    future = datetime.date.today() + datetime.timedelta(days=30)
    page = RegulationPageFactory(
        parent=index, adopted_on=datetime.date.today(), effective_on=future
    )
    assert page.is_in_force and page.is_pending


def test_index_lists_in_force_first(client, home_page, index):
    old = RegulationPageFactory(
        parent=index,
        title="旧细则",
        status="superseded",
        adopted_on=datetime.date(2025, 6, 1),
        effective_on=None,
    )
    current = RegulationPageFactory(
        parent=index,
        title="新细则",
        adopted_on=datetime.date(2023, 1, 1),
        effective_on=datetime.date(2023, 2, 1),
    )
    newer = RegulationPageFactory(
        parent=index,
        title="工作规则",
        adopted_on=datetime.date(2024, 1, 1),
        effective_on=datetime.date(2024, 2, 1),
    )
    association = AssociationPageFactory(parent=home_page)
    charter = RegulationPageFactory(
        parent=association,
        title="协会章程",
        kind="charter",
        adopted_on=datetime.date(2020, 1, 1),
        effective_on=None,
    )
    RegulationPageFactory(parent=index, title="草稿", live=False)
    assert list(index.regulations()) == [newer, current, charter, old]
    html = client.get(index.url).content.decode()
    positions = [html.index(t) for t in ("工作规则", "新细则", "协会章程", "旧细则")]
    assert positions == sorted(positions)
    assert "草稿" not in html
    assert html.index("旧细则") > html.index('id="superseded-heading"')


def _count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_regulation_query_budget_does_not_grow_with_articles(client, index):
    other = RegulationPageFactory(parent=index)
    small = RegulationPageFactory(
        parent=index, body=body_with(10), status="superseded", superseded_by=other
    )
    large = RegulationPageFactory(
        parent=index, body=body_with(60), status="superseded", superseded_by=other
    )
    RegulationPageFactory(parent=index, superseded_by=small, status="superseded")
    RegulationPageFactory(parent=index, superseded_by=large, status="superseded")
    # Warm caches shared by every page (site, locales) and each page's own breadcrumb and
    # language links (kept per page and content generation: constant, not per article).
    client.get(small.url)
    client.get(large.url)
    assert _count_queries(client, small.url) == _count_queries(client, large.url)
    # Most of these are the base template (site, menu, breadcrumb, settings); ours are 3.
    assert _count_queries(client, large.url) <= 15  # the target of every public page


def test_index_query_budget_does_not_grow_with_regulations(client, home_page, index):
    RegulationPageFactory(parent=index)
    client.get(index.url)
    few = _count_queries(client, index.url)
    successor = RegulationPageFactory(parent=index)
    for _ in range(8):
        RegulationPageFactory(parent=index, status="superseded", superseded_by=successor)
    assert _count_queries(client, index.url) == few


def test_both_locales_render(client, home_page, index):
    en = Locale.objects.get(language_code="en")
    page = publish(RegulationPageFactory(parent=index, body=[chapter("总则", ["甲", "乙"])]))
    publish(index)
    en_index = ensure_translation(index, en, title="Regulations")
    en_page = ensure_translation(page, en, title="Property-management service rules")
    assert en_page.url.startswith("/en/")
    zh_html = client.get(page.url).content.decode()
    en_html = client.get(en_page.url).content.decode()
    assert "第二条" in zh_html and 'lang="zh-Hans"' in zh_html
    assert "Article 2" in en_html and "Chapter 1" in en_html and 'lang="en"' in en_html
    assert [a.anchor for a in en_page.articles] == [a.anchor for a in page.articles]
    en_index_html = client.get(en_index.url).content.decode()
    assert "Property-management service rules" in en_index_html
    assert "In force" in en_index_html


def test_preview_renders(index):
    page = RegulationPageFactory(parent=index, body=[chapter("总则", ["预览条文"])])
    response = page.make_preview_request()
    assert response.status_code == 200
    assert "预览条文" in response.content.decode()


def test_admin_edit_view_renders(admin_client, index, home_page):
    page = RegulationPageFactory(parent=index)
    association = AssociationPageFactory(parent=home_page)
    for target in (page, association, index):
        response = admin_client.get(f"/admin/pages/{target.pk}/edit/")
        assert response.status_code == 200
