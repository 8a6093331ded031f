"""The joint-meeting route: agenda items in a meeting's draft, follow-ups on its tracker.

Nothing here publishes: a referral is added to a new revision of the meeting page, which editors
review and publish through the usual workflow.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from home.models import HomePage
from notices.follow_up_origins import FollowUpOrigin
from notices.models import FollowUpItem, FollowUpStatus, JointMeetingIndexPage, JointMeetingPage

from .models import Case, MeetingReferral

# A new meeting is proposed for this day of the next month; editors move it as needed.
DEFAULT_MEETING_DAY = 15


def meeting_index(community):
    """The joint-meeting index under the community's home page (in the community's locale)."""
    home = HomePage.objects.filter(
        community__translation_key=community.translation_key, locale=community.locale
    ).first()
    indexes = JointMeetingIndexPage.objects.filter(locale=community.locale)
    if home is not None:
        indexes = indexes.child_of(home)
    index = indexes.order_by("path").first()
    if index is None:
        raise ValidationError(_("There is no joint-meeting section to add the item to."))
    return index


def next_meeting(community, user, today=None):
    """The next meeting (today or later, published or not); a new draft if there is none."""
    today = today or timezone.localdate()
    index = meeting_index(community)
    meeting = (
        JointMeetingPage.objects.child_of(index)
        .filter(meeting_date__gte=today)
        .order_by("meeting_date", "pk")
        .first()
    )
    if meeting is not None:
        return meeting
    first_of_next = (today.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    date = first_of_next.replace(day=DEFAULT_MEETING_DAY)
    slug = f"meeting-{date:%Y-%m}"
    siblings = set(index.get_children().values_list("slug", flat=True))
    suffix = 2
    while slug in siblings:
        slug = f"meeting-{date:%Y-%m}-{suffix}"
        suffix += 1
    meeting = JointMeetingPage(
        title=f"{date.year}年{date.month}月联席会议", slug=slug, meeting_date=date, live=False
    )
    index.add_child(instance=meeting)
    meeting.save_revision(user=user, log_action=True)
    return meeting


def add_agenda_item(meeting, text, case, user):
    """Append the case to the agenda of the meeting's latest revision (a draft, never live)."""
    draft = meeting.get_latest_revision_as_object()
    draft.agenda.append(
        (
            "item",
            {
                "title": text[:200],
                "raised_by": case.compound.name[:100],
                "notes": f"居民诉求 {case.public_number}",
            },
        )
    )
    return draft.save_revision(user=user, log_action=True)


def add_follow_up(meeting, case, decision, responsible_organisation, due_date, user):
    """A follow-up item on the meeting, linked back to the case by its public log address."""
    position = meeting.follow_ups.aggregate(n=Max("sort_order"))["n"]
    item = FollowUpItem.objects.create(
        page=meeting,
        sort_order=(position or 0) + 1,
        description=decision,
        compound=case.compound,
        responsible_organisation=responsible_organisation[:150],
        status=FollowUpStatus.OPEN,
        due_date=due_date,
    )
    # A draft newer than the live page would drop the item when published: put it there too.
    if meeting.has_unpublished_changes or not meeting.live:
        draft = meeting.get_latest_revision_as_object()
        draft.follow_ups.add(item)
        draft.save_revision(user=user, log_action=True)
    return item


def follow_up_origins(item_pks):
    """{follow-up item pk: [its case in the public log]}: the tracker's link back to the case.

    Registered as notices' `follow_up_item_origins` hook; one statement. A case kept out of the
    public log (or merged away) is not linked: the tracker is public.
    """
    referrals = (
        MeetingReferral.objects.filter(follow_up_id__in=item_pks)
        .filter(case__in=Case.objects.public())
        .values_list("follow_up_id", "case__public_number")
        .order_by("case__public_number")
    )
    origins = {}
    for item_pk, public_number in referrals:
        origins.setdefault(item_pk, []).append(
            FollowUpOrigin(
                label=_("Resident's report %(number)s") % {"number": public_number},
                url=reverse("cases:log_detail", kwargs={"public_number": public_number}),
            )
        )
    return origins
