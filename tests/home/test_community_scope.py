"""Staff of one community see and change only that community's records in the admin (issue 17).

Two communities, A and B, each with a record of every kind the admin shows. A community
administrator of A (every model permission, listed as staff of A) gets A's objects and a 404
on B's, in every snippet and model viewset the admin registers and in the custom admin views;
a city editor (市级编辑) sees both. The viewsets are discovered from Wagtail's registry: a model
given an admin without a `community_scope` declaration, or declared as community data but
left out of `BUILDERS` here, fails `test_every_admin_model_is_scoped`.
"""

import datetime
import io

import pytest
import time_machine
from django.contrib.admin.utils import quote
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import NoReverseMatch, reverse
from wagtail.admin.viewsets import viewsets as admin_viewsets
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Page

from home.community_scope import (
    CommunityScopedViewSetMixin,
    communities_for,
    declares_scope,
    scope_lookup,
    scope_lookups,
)
from home.models import CommunityStaff, OwnersCommittee
from home.roles import CITY_EDITORS, EDITORS, MODERATORS
from tests.factories.home import (
    CommunityFactory,
    CompoundFactory,
    HomePageFactory,
    PropertyFirmFactory,
)

PROJECT_APPS = {"home", "rankings", "inspections", "cases", "services", "site_search", "notices"}


def registered_viewsets():
    """Every snippet and model viewset of the project's apps, groups opened."""
    from django.urls import get_resolver

    assert get_resolver().url_patterns  # loads the admin's URLs, which registers the viewsets
    found = []
    pending = list(admin_viewsets.viewsets)
    while pending:
        viewset = pending.pop()
        if hasattr(viewset, "registerables"):
            pending.extend(viewset.registerables)
            continue
        model = getattr(viewset, "model", None)
        if isinstance(viewset, ModelViewSet) and model._meta.app_label in PROJECT_APPS:
            found.append(viewset)
    return found


def _firm_contact(ctx):
    from cases.models import FirmContact

    return FirmContact.objects.create(user=ctx["someone"], firm=ctx["firm"])


def _team_member(ctx):
    from cases.models import CaseTeamMember

    return CaseTeamMember.objects.create(user=ctx["someone"], community=ctx["community"])


def _management_group(ctx):
    from rankings.models import ManagementGroup

    return ManagementGroup.objects.create(
        compound=ctx["compound"], name="物业管理小组", set_up_on=datetime.date(2026, 1, 1)
    )


def _service_period(ctx):
    from tests.factories.rankings import ServicePeriodFactory

    return ServicePeriodFactory(compound=ctx["compound"], firm=ctx["firm"])


def _evidence_photo(ctx):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    from rankings.models import EvidencePhoto

    image = Image.objects.create(title="检查照片", file=get_test_image_file())
    return EvidencePhoto.objects.create(
        assessment=ctx["assessment"], image=image, caption="楼道堆物"
    )


def _inspection(ctx):
    from tests.factories.inspections import InspectionFactory

    return InspectionFactory(compound=ctx["compound"], firm=ctx["firm"])


def _station(ctx):
    return ctx["station"]


def _application(ctx):
    from tests.factories.volunteering import VolunteerApplicationFactory

    return VolunteerApplicationFactory(compound=ctx["compound"])


def _signup(ctx):
    from tests.factories.volunteering import VolunteerSignupFactory

    return VolunteerSignupFactory(event=ctx["event"])


def _event_report(ctx):
    from tests.factories.volunteering import VolunteerEventReportFactory

    return VolunteerEventReportFactory(event=ctx["event"])


# One record of each kind of community data that has an admin viewset, in a community's
# context (see `build_community`).
BUILDERS = {
    "home.Community": lambda ctx: ctx["community"],
    "home.Compound": lambda ctx: ctx["compound"],
    "home.PropertyFirm": lambda ctx: ctx["firm"],
    "home.OwnersCommittee": lambda ctx: OwnersCommittee.objects.create(
        compound=ctx["compound"], name=f"{ctx['compound'].name}业主委员会"
    ),
    "home.CommunityStaff": lambda ctx: CommunityStaff.objects.create(
        user=ctx["someone"], community=ctx["community"]
    ),
    "cases.CaseTeamMember": _team_member,
    "cases.FirmContact": _firm_contact,
    "rankings.ManagementGroup": _management_group,
    "rankings.ServicePeriod": _service_period,
    "rankings.EvidencePhoto": _evidence_photo,
    "inspections.Inspection": _inspection,
    "services.ServiceStation": _station,
    "services.VolunteerApplication": _application,
    "services.VolunteerSignup": _signup,
    "services.VolunteerEventReport": _event_report,
}


def build_community(letter, django_user_model):
    from rankings.models import FirmAssessment, Recommendation, RedBlackEntry
    from rankings.models.recommendations import Addressee
    from tests.factories.rankings import RankingIndexPageFactory, RankingMonthPageFactory
    from tests.factories.services import (
        AppointmentFactory,
        ServiceIndexPageFactory,
        ServiceOfferingPageFactory,
        ServiceStationFactory,
        SlotFactory,
    )
    from tests.factories.volunteering import (
        VolunteerEventIndexPageFactory,
        VolunteerEventPageFactory,
    )

    community = CommunityFactory(name=f"{letter}社区", slug=f"community-{letter.lower()}")
    home = HomePageFactory(
        parent=Page.get_first_root_node(),
        title=f"{letter}社区",
        slug=f"home-{letter.lower()}",
        community=community,
    )
    firm = PropertyFirmFactory(community=community, name=f"{letter}物业", slug=f"firm-{letter}")
    compound = CompoundFactory(
        community=community, property_firm=firm, name=f"{letter}小区", slug=f"cp-{letter}"
    )
    rankings = RankingIndexPageFactory(parent=home, slug=f"rankings-{letter.lower()}")
    month = RankingMonthPageFactory(parent=rankings, live=False)
    month.freeze_criteria()
    assessment = FirmAssessment.objects.create(month=month, firm=firm)
    services = ServiceIndexPageFactory(parent=home, slug=f"services-{letter.lower()}")
    offering = ServiceOfferingPageFactory(parent=services)
    station = ServiceStationFactory(
        compound=compound, slug=f"station-{letter.lower()}", offerings=[offering]
    )
    appointment = AppointmentFactory(offering=offering, slot=SlotFactory(station=station))
    events = VolunteerEventIndexPageFactory(parent=home)
    event = VolunteerEventPageFactory(parent=events, compound=compound)
    someone = django_user_model.objects.create_user(f"member-{letter}", password="pw")
    recommendation = Recommendation.objects.create(
        month=month,
        firm=firm,
        compound=compound,
        addressee=Addressee.COMMUNITY,
        sent_on=datetime.date(2026, 11, 5),
        reply_due=datetime.date(2026, 11, 20),
    )
    entry = RedBlackEntry.objects.create(
        page=month,
        kind=RedBlackEntry.Kind.BLACK,
        date=datetime.date(2026, 10, 20),
        firm=firm,
        compound=compound,
        description=f"{letter}物业 垃圾清运不及时",
    )
    ctx = {
        "community": community,
        "home": home,
        "firm": firm,
        "compound": compound,
        "month": month,
        "assessment": assessment,
        "station": station,
        "appointment": appointment,
        "event": event,
        "someone": someone,
        "recommendation": recommendation,
        "entry": entry,
    }
    ctx["objects"] = {label: build(ctx) for label, build in BUILDERS.items()}
    return ctx


def community_admin(django_user_model, name):
    """Every model permission and both page roles; what they reach is left to the scope.

    `cases.handle_all_cases` is the cases' own city-level permission (cases/access.py), so
    it is the one permission left out.
    """
    user = django_user_model.objects.create_user(name, password="pw")
    user.user_permissions.set(Permission.objects.exclude(codename="handle_all_cases"))
    user.groups.add(*Group.objects.filter(name__in=[EDITORS, MODERATORS]))
    return user


@pytest.fixture
def world(db, django_user_model):
    from tests.factories.rankings import CriterionFactory

    CriterionFactory()
    a = build_community("A", django_user_model)
    b = build_community("B", django_user_model)
    editor_a = community_admin(django_user_model, "editor-a")
    CommunityStaff.objects.create(user=editor_a, community=a["community"])
    city = community_admin(django_user_model, "city")
    city.groups.add(Group.objects.get_or_create(name=CITY_EDITORS)[0])
    return {"a": a, "b": b, "editor_a": editor_a, "city": city}


def _viewset_for(label):
    for viewset in registered_viewsets():
        if viewset.model._meta.label == label:
            return viewset
    raise AssertionError(f"no admin viewset for {label}")


def _url(viewset, action, obj=None):
    if action == "index":
        # Snippets call their listing "list", model viewsets "index".
        return _url(viewset, "list") or _url(viewset, "list_results") or _url(viewset, "_index")
    if action == "_index":
        action = "index"
    try:
        if obj is None:
            return reverse(viewset.get_url_name(action))
        return reverse(viewset.get_url_name(action), args=[quote(obj.pk)])
    except NoReverseMatch:
        return None


# Who works for which community is decided at the city level only (a community editor could
# otherwise list themselves under another community).
CITY_LEVEL_ONLY = {"home.CommunityStaff"}
OBJECT_ACTIONS = ("edit", "delete", "history", "usage", "inspect", "copy")
# Actions a community's own staff may not take on their own record (city level only).
CITY_LEVEL_ACTIONS = {"home.Community": {"delete", "copy"}}


def test_every_admin_model_is_scoped():
    """Each admin viewset's model says how it reaches a community; community data is served
    by a scoped viewset, and is covered by the test below."""
    viewsets = registered_viewsets()
    assert len(viewsets) >= 15
    undeclared = [v.model._meta.label for v in viewsets if not declares_scope(v.model)]
    assert undeclared == []
    community_data = {v.model._meta.label: v for v in viewsets if scope_lookup(v.model)}
    unscoped = [
        label
        for label, v in community_data.items()
        if not isinstance(v, CommunityScopedViewSetMixin)
    ]
    assert unscoped == []
    assert set(community_data) == set(BUILDERS)


def test_declared_lookups_reach_a_community(db):
    """A misspelt lookup would only fail when a scoped user opens the view: check them all."""
    from home.models import Community

    community = CommunityFactory()
    for model, lookup in scope_lookups().items():
        if lookup:
            model._default_manager.filter(**{f"{lookup}__in": [community.pk]}).exists()
            if lookup != "pk":
                field = model._meta.get_field(lookup.split("__")[0])
                assert field.is_relation
    assert Community in scope_lookups()


@pytest.mark.parametrize("label", sorted(BUILDERS))
def test_community_editor_gets_only_own_community(client, world, label):
    viewset = _viewset_for(label)
    own = world["a"]["objects"][label]
    other = world["b"]["objects"][label]
    client.force_login(world["editor_a"])

    listing = client.get(_url(viewset, "index"), {"locale": "zh-hans"})
    if label in CITY_LEVEL_ONLY:
        assert listing.status_code in (302, 403)
    else:
        assert listing.status_code == 200
        listed = {obj.pk for obj in listing.context["object_list"]}
        assert own.pk in listed
        assert other.pk not in listed

    checked = 0
    for action in OBJECT_ACTIONS:
        other_url = _url(viewset, action, other)
        if other_url is None:
            continue
        assert client.get(other_url).status_code == 404, (action, other_url)
        assert client.post(other_url).status_code == 404, (action, other_url)
        if label not in CITY_LEVEL_ONLY:
            own_response = client.get(_url(viewset, action, own))
            expected = (302, 403) if action in CITY_LEVEL_ACTIONS.get(label, ()) else (200,)
            assert own_response.status_code in expected, (action, own_response.status_code)
        checked += 1
    assert checked >= 2
    # Nothing was deleted or changed by the refused POSTs.
    assert type(other)._default_manager.filter(pk=other.pk).exists()


@pytest.mark.parametrize("label", sorted(BUILDERS))
def test_city_editor_sees_every_community(client, world, label):
    viewset = _viewset_for(label)
    client.force_login(world["city"])
    listing = client.get(_url(viewset, "index"), {"locale": "zh-hans"})
    listed = {obj.pk for obj in listing.context["object_list"]}
    for letter in ("a", "b"):
        obj = world[letter]["objects"][label]
        assert obj.pk in listed
        assert client.get(_url(viewset, "edit", obj)).status_code == 200


def test_create_form_offers_only_own_community(client, world):
    """A compound cannot be placed in, nor moved to, another community."""
    viewset = _viewset_for("home.Compound")
    client.force_login(world["editor_a"])
    response = client.get(_url(viewset, "add"))
    assert response.status_code == 200
    form = response.context["form"]
    assert list(form.fields["community"].queryset) == [world["a"]["community"]]
    compound = world["a"]["compound"]
    response = client.post(
        _url(viewset, "edit", compound),
        {
            "community": world["b"]["community"].pk,
            "name": compound.name,
            "slug": compound.slug,
            "committee_status": "none",
        },
    )
    assert response.status_code == 200  # the form is shown again with the error
    compound.refresh_from_db()
    assert compound.community == world["a"]["community"]


def test_only_the_city_level_adds_a_community(client, world):
    viewset = _viewset_for("home.Community")
    client.force_login(world["editor_a"])
    assert client.get(_url(viewset, "add")).status_code in (302, 403)
    client.force_login(world["city"])
    assert client.get(_url(viewset, "add")).status_code == 200


def test_community_editor_cannot_list_themselves_elsewhere(client, world):
    viewset = _viewset_for("home.CommunityStaff")
    client.force_login(world["editor_a"])
    assert client.get(_url(viewset, "add")).status_code in (302, 403)
    assert client.get(_url(viewset, "index")).status_code in (302, 403)
    client.force_login(world["city"])
    assert client.get(_url(viewset, "add")).status_code == 200


def _custom_urls(ctx):
    """The admin views outside the viewsets that show or change one community's records."""
    month = ctx["month"]
    return [
        reverse("rankings_scores", args=[month.pk]),
        reverse("rankings_template", args=[month.pk, "csv"]),
        reverse("rankings_template", args=[month.pk, "xlsx"]),
        reverse("rankings_correct", args=[month.pk]),
        reverse("inspections_recheck", args=[ctx["objects"]["inspections.Inspection"].pk]),
        reverse("services_appointments:detail", args=[ctx["appointment"].pk]),
        reverse("volunteering_attendance", args=[ctx["event"].pk]),
        reverse("rankings_recommendation", args=[ctx["recommendation"].pk]),
        reverse("rankings_red_black_entry", args=[ctx["entry"].pk]),
        reverse("wagtailadmin_pages:edit", args=[ctx["home"].pk]),
        reverse("wagtailadmin_pages:delete", args=[month.pk]),
        reverse("wagtailadmin_pages:copy", args=[month.pk]),
        reverse(
            "wagtailadmin_pages:add", args=["rankings", "rankingmonthpage", month.get_parent().pk]
        ),
    ]


def test_custom_admin_views_are_scoped(client, world):
    client.force_login(world["editor_a"])
    for url in _custom_urls(world["b"]):
        assert client.get(url).status_code == 404, url
    # The correction form is POST only: its GET goes back to the scores.
    for url in _custom_urls(world["a"]):
        assert client.get(url).status_code in (200, 302), url
    client.force_login(world["city"])
    for url in _custom_urls(world["b"]):
        assert client.get(url).status_code in (200, 302), url


def test_import_into_another_community_is_refused(client, world):
    from rankings.models import Score

    client.force_login(world["editor_a"])
    sheet = SimpleUploadedFile("scores.csv", b"firm\n", content_type="text/csv")
    url = reverse("rankings_import", args=[world["b"]["month"].pk])
    assert client.post(url, {"file": sheet}).status_code == 404
    assert not Score.objects.filter(assessment__month=world["b"]["month"]).exists()


def test_score_template_of_own_month_lists_only_own_firms(client, world):
    client.force_login(world["editor_a"])
    body = client.get(reverse("rankings_template", args=[world["a"]["month"].pk, "csv"]))
    text = io.BytesIO(body.content).read().decode("utf-8-sig")
    assert world["a"]["firm"].name in text
    assert world["b"]["firm"].name not in text


def test_exports_and_listings_of_requests_hold_only_own_community(client, world):
    client.force_login(world["editor_a"])
    export = client.get(reverse("services_appointments:export")).content.decode("utf-8-sig")
    queue = client.get(reverse("services_appointments:queue")).content.decode()
    for text in (export, queue):
        assert world["a"]["station"].name in text
        assert world["b"]["station"].name not in text


def test_accountability_listings_hold_only_own_community(client, world):
    client.force_login(world["editor_a"])
    for name, key in (
        ("rankings_recommendations", "recommendation"),
        ("rankings_red_black", "entry"),
    ):
        page = client.get(reverse(name)).content.decode()
        detail = (
            "rankings_recommendation" if key == "recommendation" else "rankings_red_black_entry"
        )
        assert reverse(detail, args=[world["a"][key].pk]) in page, name
        assert reverse(detail, args=[world["b"][key].pk]) not in page, name


def test_page_explorer_shows_only_own_community(client, world):
    client.force_login(world["editor_a"])
    root = Page.get_first_root_node()
    page = client.get(reverse("wagtailadmin_explore", args=[root.pk])).content.decode()
    assert reverse("wagtailadmin_pages:edit", args=[world["a"]["home"].pk]) in page
    assert reverse("wagtailadmin_pages:edit", args=[world["b"]["home"].pk]) not in page


def test_bulk_delete_of_another_communitys_snippet_is_refused(client, world):
    compound = world["b"]["objects"]["home.OwnersCommittee"]
    client.force_login(world["editor_a"])
    url = (
        reverse("wagtail_bulk_action", args=["home", "ownerscommittee", "delete"])
        + f"?id={compound.pk}"
    )
    assert client.post(url).status_code == 404
    assert OwnersCommittee.objects.filter(pk=compound.pk).exists()
    own = world["a"]["objects"]["home.OwnersCommittee"]
    own_url = (
        reverse("wagtail_bulk_action", args=["home", "ownerscommittee", "delete"]) + f"?id={own.pk}"
    )
    assert client.get(own_url).status_code == 200


def test_scope_fails_closed_and_follows_memberships(world, django_user_model):
    nobody = django_user_model.objects.create_user("nobody", password="pw")
    assert communities_for(nobody) == frozenset()
    assert communities_for(world["city"]) is None
    station_staff = django_user_model.objects.create_user("station-staff", password="pw")
    world["b"]["station"].staff.add(station_staff)
    world["b"]["station"].save()  # a ParentalManyToManyField is saved with its station
    assert communities_for(station_staff) == {world["b"]["community"].pk}
    assert communities_for(world["editor_a"]) == {world["a"]["community"].pk}


SNIPPET_LABELS = sorted(
    label for label in BUILDERS if label.split(".")[0] in {"home", "cases", "rankings"}
) + ["inspections.Inspection", "services.ServiceStation"]


@pytest.mark.parametrize("label", SNIPPET_LABELS)
def test_chooser_modal_offers_only_own_community(client, world, label):
    """The modal that picks a compound, a firm... in a form: listing, search results and the
    "chosen" step all keep to the editor's community."""
    chooser = _viewset_for(label).chooser_viewset
    own = world["a"]["objects"][label]
    other = world["b"]["objects"][label]
    client.force_login(world["editor_a"])
    for action in ("choose", "choose_results"):
        response = client.get(reverse(chooser.get_url_name(action)))
        assert response.status_code == 200, action
        listed = {obj.pk for obj in response.context["results"]}
        assert own.pk in listed, action
        assert other.pk not in listed, action
    chosen = chooser.get_url_name("chosen")
    assert client.get(reverse(chosen, args=[quote(other.pk)])).status_code == 404
    assert client.get(reverse(chosen, args=[quote(own.pk)])).status_code == 200
    # The city level chooses from every community.
    client.force_login(world["city"])
    assert client.get(reverse(chosen, args=[quote(other.pk)])).status_code == 200


def test_every_scoped_snippet_chooser_is_tested():
    from wagtail.snippets.views.snippets import SnippetViewSet

    snippets = {label for label in BUILDERS if isinstance(_viewset_for(label), SnippetViewSet)}
    assert snippets == set(SNIPPET_LABELS)


def _overdue_work(ctx):
    """One overdue item of each kind in the community: rectification, recommendation (the
    world's, due 2026-11-20) and a follow-up of a joint meeting; their admin URLs."""
    from home.models import HomePage
    from tests.factories.inspections import InspectionFactory
    from tests.factories.notices import (
        FollowUpItemFactory,
        JointMeetingIndexPageFactory,
        JointMeetingPageFactory,
    )

    inspection = InspectionFactory(
        compound=ctx["compound"], rectification_deadline=datetime.date(2026, 11, 1)
    )
    home = HomePage.objects.get(pk=ctx["home"].pk)
    meetings = JointMeetingIndexPageFactory(parent=home, slug=f"meetings-{ctx['compound'].slug}")
    meeting = JointMeetingPageFactory(parent=meetings)
    FollowUpItemFactory(page=meeting, due_date=datetime.date(2026, 11, 2))
    return {
        reverse("inspections_recheck", args=[inspection.pk]),
        reverse("rankings_recommendation", args=[ctx["recommendation"].pk]),
        reverse("wagtailadmin_pages:edit", args=[meeting.pk]),
    }


def test_overdue_panel_lists_only_own_communitys_work(world):
    from home.overdue import overdue_items

    own, other = _overdue_work(world["a"]), _overdue_work(world["b"])
    on = datetime.date(2026, 12, 1)
    with time_machine.travel(on, tick=False):
        listed = {item.url for item in overdue_items(world["editor_a"])}
        assert own <= listed
        assert not other & listed
        assert own | other <= {item.url for item in overdue_items(world["city"])}
