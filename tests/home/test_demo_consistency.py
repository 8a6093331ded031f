"""The demo tells one story: who sends the letters, when 苗圃 changed firms, whose vaccination
drive it was, and bookings whose status fits their date."""

import pytest
from django.utils import timezone

from home.models import Compound
from notices.models import FollowUpItem, JointMeetingPage, NoticePage, WorkLetterPage
from rankings.models import ServicePeriod
from services.models import Appointment, Status

pytestmark = pytest.mark.django_db


def zh(queryset):
    return queryset.filter(locale__language_code="zh-hans")


def test_the_property_company_association_sends_the_work_letters(demo):
    letters = zh(WorkLetterPage.objects.live())
    assert letters.exists()
    assert set(letters.values_list("issued_by", flat=True)) == {"回风亭社区物业公司协会"}
    for letter in letters:
        assert "物业公司协会" in letter.intro
        assert "环境和物业管理委员会" not in letter.intro + letter.closing
    assert "物业公司协会" in letters.first().get_parent().specific.intro


def test_the_miaopu_replacement_happens_in_one_order(demo):
    miaopu = zh(Compound.objects).get(slug="miaopu")
    periods = {p.firm.slug: p for p in ServicePeriod.objects.filter(compound=miaopu)}
    handover = periods["jiangnan"].start_month
    assert periods["chengxiang"].end_month < handover

    meeting = zh(JointMeetingPage.objects).get(slug="miaopu-firm-replacement")
    announcement = zh(NoticePage.objects).get(slug="miaopu-new-firm")
    vote = FollowUpItem.objects.get(page=meeting, description__contains="选聘新物业")
    fees = FollowUpItem.objects.get(page=meeting, description__contains="收缴率")

    assert meeting.meeting_date < vote.due_date <= announcement.publish_date < handover
    said = f"{handover.year}年{handover.month}月{handover.day}日"
    assert said in announcement.summary
    assert said in vote.progress_note
    # Fees under the new firm can only be followed up once it has taken over.
    assert fees.due_date > handover
    assert fees.status != "resolved"


def test_the_vaccination_story_is_yuzhong_aocheng(demo):
    story = zh(NoticePage.objects).get(title__contains="应接尽接")
    assert [c.slug for c in story.target_compounds.all()] == ["yuzhong-aocheng"]
    assert "宇众傲城小区43户190余名居民" in story.title
    assert "桂花苑" not in story.summary + str(story.body)


def test_every_booking_status_fits_its_date(demo):
    today = timezone.localdate()
    appointments = list(Appointment.objects.select_related("slot"))
    assert appointments
    for appointment in appointments:
        if appointment.status in (Status.DONE, Status.NO_SHOW):
            assert appointment.slot.date < today, appointment.reference
        elif appointment.status != Status.CANCELLED:
            assert appointment.slot.date >= today, appointment.reference
    no_show = Appointment.objects.get(reference="DEMV7892")
    assert no_show.status == Status.NO_SHOW and no_show.slot.date < today
