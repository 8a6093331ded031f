"""The public compound directory and each compound's page."""

import datetime

import pytest
import time_machine

from home.demo_tools import ensure_snippet_translation
from home.models import OwnersCommittee
from notices.models import CompoundIndexPage, compound_url
from tests.factories.home import CompoundFactory, PropertyFirmFactory
from tests.factories.notices import (
    FollowUpItemFactory,
    JointMeetingPageFactory,
    NoticePageFactory,
)

from .helpers import english, translate

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(datetime.datetime(2026, 11, 25, 10, 0), tick=False):
        yield


@pytest.fixture
def miaopu():
    firm = PropertyFirmFactory(
        name="江南社区物业管理有限公司", phone="0827-5261234", has_party_organisation=True
    )
    compound = CompoundFactory(
        name="苗圃小区",
        slug="miaopu",
        households=288,
        year_built=1998,
        property_firm=firm,
        community=firm.community,
        committee_status="in_office",
        committee_elected_on=datetime.date(2022, 3, 20),
        has_service_station=True,
    )
    OwnersCommittee.objects.create(
        compound=compound,
        locale=compound.locale,
        name="苗圃小区业主委员会",
        term_ends=datetime.date(2027, 3, 19),
    )
    return compound


def test_index_lists_compounds_with_links_to_their_pages(client, compound_index, miaopu):
    CompoundFactory(name="滨河小区", slug="binhe", community=miaopu.community)
    html = client.get(compound_index.url).content.decode()
    assert '<caption id="compounds-caption">社区共有 2 个小区</caption>' in html
    assert 'role="region" aria-labelledby="compounds-caption"' in html
    assert f'<a href="{compound_index.url}miaopu/">苗圃小区</a>' in html
    assert "江南社区物业管理有限公司" in html
    assert '<th scope="col">户数</th>' in html


def test_compound_page_shows_facts_firm_and_committee(client, compound_index, miaopu):
    response = client.get(compound_index.url + "miaopu/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>苗圃小区</h1>" in html
    assert "<dd>288</dd>" in html and "<dd>1998</dd>" in html
    assert "江南社区物业管理有限公司" in html
    assert 'href="tel:0827-5261234"' in html
    assert "在任" in html or "In office" in html or miaopu.get_committee_status_display() in html
    assert "2027年3月19日" in html  # committee term ends
    assert '<span aria-current="page">苗圃小区</span>' in html  # breadcrumb


def test_compound_page_separates_targeted_and_community_wide_notices(
    client, compound_index, notice_index, miaopu
):
    other = CompoundFactory(name="滨河小区", slug="binhe", community=miaopu.community)
    NoticePageFactory(parent=notice_index, title="苗圃小区停水", target_compounds=[miaopu])
    NoticePageFactory(parent=notice_index, title="滨河小区停电", target_compounds=[other])
    NoticePageFactory(parent=notice_index, title="全社区疫苗接种")
    NoticePageFactory(
        parent=notice_index,
        title="苗圃旧通知",
        target_compounds=[miaopu],
        valid_until=datetime.date(2026, 1, 1),
    )
    response = client.get(compound_index.url + "miaopu/")
    assert [n.title for n in response.context["targeted_notices"]] == ["苗圃小区停水"]
    assert [n.title for n in response.context["community_notices"]] == ["全社区疫苗接种"]
    html = response.content.decode()
    assert "滨河小区停电" not in html and "苗圃旧通知" not in html
    targeted_at = html.index("面向苗圃小区的通知")
    community_at = html.index("面向全社区的通知")
    assert targeted_at < html.index("苗圃小区停水") < community_at < html.index("全社区疫苗接种")


def test_compound_page_lists_open_follow_ups_of_live_meetings(
    client, compound_index, meeting_index, miaopu
):
    meeting = JointMeetingPageFactory(parent=meeting_index, title="十月联席会议")
    FollowUpItemFactory(page=meeting, compound=miaopu, description="更换单元门禁", status="open")
    FollowUpItemFactory(
        page=meeting, compound=miaopu, description="清理化粪池", status="in_progress"
    )
    FollowUpItemFactory(page=meeting, compound=miaopu, description="已修好路灯", status="resolved")
    FollowUpItemFactory(page=meeting, compound=None, description="全社区消防检查")
    draft = JointMeetingPageFactory(parent=meeting_index, title="草稿会议", live=False)
    FollowUpItemFactory(page=draft, compound=miaopu, description="草稿里的事项")
    response = client.get(compound_index.url + "miaopu/")
    assert [i.description for i in response.context["follow_ups"]] == ["更换单元门禁", "清理化粪池"]
    html = response.content.decode()
    assert f'href="{meeting_index.url}follow-ups/?compound=miaopu"' in html


def test_related_slot_renders_nothing_yet(client, compound_index, miaopu):
    response = client.get(compound_index.url + "miaopu/")
    assert "notices/includes/compound_related_slot.html" in [t.name for t in response.templates]


def test_unknown_compound_is_a_404(client, compound_index, miaopu):
    assert client.get(compound_index.url + "no-such-place/").status_code == 404


def test_url_helpers(compound_index, miaopu):
    assert compound_index.url_for_compound(miaopu) == "/compounds/miaopu/"
    assert compound_url(miaopu) == "/compounds/miaopu/"


def test_english_directory_uses_english_compounds(client, compound_index, miaopu):
    en_firm = ensure_snippet_translation(
        miaopu.property_firm,
        english(),
        name="Jiangnan Community Property Management Co.",
        community=miaopu.community,
    )
    en_compound = ensure_snippet_translation(
        miaopu, english(), name="Miaopu", property_firm=en_firm
    )
    en_index = translate(compound_index, title="Compounds", slug="compounds")
    html = client.get("/en/compounds/").content.decode()
    assert '<a href="/en/compounds/miaopu/">Miaopu</a>' in html
    page = client.get("/en/compounds/miaopu/").content.decode()
    assert "<h1>Miaopu</h1>" in page and "Jiangnan Community Property Management Co." in page
    assert compound_url(en_compound) == "/en/compounds/miaopu/"
    assert en_index.url_for_compound(en_compound) == "/en/compounds/miaopu/"


def test_tree_rules(home_page, compound_index):
    assert not CompoundIndexPage.can_create_at(home_page)  # already one
    assert CompoundIndexPage.allowed_subpage_models() == []
