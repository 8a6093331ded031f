"""A regulation and an association in a real browser, in Chinese and English."""

import datetime

import pytest
from playwright.sync_api import expect
from wagtail.models import Locale

from home.demo_tools import ensure_translation
from notices.models import AssociationDuty, AssociationFirmMember, AssociationOfficer
from tests.factories.home import PropertyFirmFactory
from tests.factories.regulations import (
    AssociationPageFactory,
    RegulationIndexPageFactory,
    RegulationPageFactory,
    body_with,
)


@pytest.fixture
def pages(home_page):
    en = Locale.objects.get(language_code="en")
    index = RegulationIndexPageFactory(parent=home_page, title="规章制度")
    index.save_revision().publish()
    association = AssociationPageFactory(parent=home_page, title="回风亭社区物业公司协会")
    association.duties = [
        AssociationDuty(title="规范企业行为", text="督促会员企业依法依约提供物业服务。")
    ]
    association.officers = [AssociationOfficer(role="president", organisation="小区治理党支部")]
    association.firm_members = [
        AssociationFirmMember(firm=PropertyFirmFactory(name="江南社区物业管理有限公司"))
    ]
    association.save_revision().publish()
    regulation = RegulationPageFactory(
        parent=index,
        title="物业管理服务细则",
        body=body_with(40, 8),
        issuer=association,
        adopted_on=datetime.date(2024, 3, 15),
        effective_on=datetime.date(2024, 4, 1),
    )
    regulation.save_revision().publish()
    return {
        "regulation": regulation,
        "association": association,
        "en_index": ensure_translation(index, en, title="Regulations"),
        "en_regulation": ensure_translation(regulation, en, title="Service rules"),
        "en_association": ensure_translation(association, en, title="Property-Company Association"),
    }


def test_regulation_toc_leads_to_an_article(browser_page, pages):
    regulation = pages["regulation"]
    browser_page.goto(regulation.url)
    assert browser_page.locator("html").get_attribute("lang") == "zh-Hans"
    target = regulation.articles[33]
    browser_page.locator(".reg-toc").get_by_role("link", name="第三十四条").click()
    browser_page.wait_for_url(f"**{regulation.url}#{target.number_anchor}")
    article = browser_page.locator(f"#{target.anchor}")  # the stable anchor is still there
    heading = article.locator(f"h3#{target.number_anchor}")
    assert "第三十四条" in heading.inner_text()
    expect(article).to_be_visible()
    assert heading.evaluate("el => el.matches(':target')")
    # The article sits inside the viewport after the jump.
    box = heading.bounding_box()
    assert -1 < box["y"] < browser_page.viewport_size["height"]  # scrolled to the top, ±subpixel
    # Its own page, reached from the permalink under the article.
    article.get_by_role("link", name="单独查看第三十四条").click()
    browser_page.wait_for_url("**/articles/34/")
    expect(browser_page.get_by_role("heading", name="第五章　第5部分")).to_be_visible()
    browser_page.problems.assert_clean()


def test_regulation_and_association_in_both_languages(browser_page, pages):
    browser_page.goto(pages["regulation"].url)
    expect(browser_page.get_by_role("button", name="打印")).to_be_visible()
    # The print stylesheet drops the contents list and buttons and keeps every article.
    browser_page.emulate_media(media="print")
    expect(browser_page.locator(".reg-toc")).not_to_be_visible()
    expect(browser_page.get_by_role("button", name="打印")).not_to_be_visible()
    assert browser_page.locator(".reg-article").count() == 40
    expect(browser_page.locator(".reg-article").last).to_be_visible()
    browser_page.emulate_media(media="screen")
    browser_page.goto(pages["association"].url)
    expect(browser_page.get_by_role("heading", name="职责")).to_be_visible()
    expect(browser_page.get_by_role("rowheader", name="江南社区物业管理有限公司")).to_be_visible()
    browser_page.goto(pages["en_regulation"].url)
    assert browser_page.locator("html").get_attribute("lang") == "en"
    expect(browser_page.locator(".reg-toc").get_by_role("link", name="Article 40")).to_be_visible()
    browser_page.goto(pages["en_index"].url)
    expect(browser_page.get_by_role("link", name="Service rules")).to_be_visible()
    browser_page.goto(pages["en_association"].url)
    expect(browser_page.get_by_role("heading", name="Duties")).to_be_visible()
    expect(browser_page.get_by_role("rowheader", name="President")).to_be_visible()
    browser_page.problems.assert_clean()
