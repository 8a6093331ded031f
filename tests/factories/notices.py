import datetime

import factory
import wagtail_factories

from notices.models import (
    CompoundIndexPage,
    FollowUpItem,
    JointMeetingIndexPage,
    JointMeetingPage,
    MeetingAttendee,
    NoticeIndexPage,
    NoticePage,
    WorkLetterIndexPage,
    WorkLetterItem,
    WorkLetterPage,
)


class NoticeIndexPageFactory(wagtail_factories.PageFactory):
    title = "通知公告"
    slug = "notices"

    class Meta:
        model = NoticeIndexPage


class NoticePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"测试通知{n}")
    slug = factory.Sequence(lambda n: f"notice-{n}")
    category = "announcement"
    publish_date = datetime.date(2026, 11, 1)
    summary = "请各位居民知悉。"

    class Meta:
        model = NoticePage
        skip_postgeneration_save = True

    @factory.post_generation
    def target_compounds(self, create, extracted, **kwargs):
        if extracted:
            self.target_compounds.set(extracted)
            self.save()


class CompoundIndexPageFactory(wagtail_factories.PageFactory):
    title = "小区"
    slug = "compounds"

    class Meta:
        model = CompoundIndexPage


class WorkLetterIndexPageFactory(wagtail_factories.PageFactory):
    title = "物业工作提示函"
    slug = "work-letters"

    class Meta:
        model = WorkLetterIndexPage


class WorkLetterPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"物业工作提示函{n}")
    slug = factory.Sequence(lambda n: f"letter-{n}")
    month = factory.Sequence(lambda n: datetime.date(2020 + n // 12, n % 12 + 1, 1))

    class Meta:
        model = WorkLetterPage


class WorkLetterItemFactory(factory.django.DjangoModelFactory):
    area = "sanitation"
    requirement = factory.Sequence(lambda n: f"清理楼道杂物第{n}项")
    due_date = datetime.date(2026, 11, 20)

    class Meta:
        model = WorkLetterItem


class JointMeetingIndexPageFactory(wagtail_factories.PageFactory):
    title = "联席会议"
    slug = "joint-meetings"

    class Meta:
        model = JointMeetingIndexPage


class JointMeetingPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"第{n}次联席会议")
    slug = factory.Sequence(lambda n: f"meeting-{n}")
    meeting_date = datetime.date(2026, 10, 15)

    class Meta:
        model = JointMeetingPage


class FollowUpItemFactory(factory.django.DjangoModelFactory):
    description = factory.Sequence(lambda n: f"跟进事项{n}")
    responsible_organisation = "物业公司协会"
    status = "open"

    class Meta:
        model = FollowUpItem


class MeetingAttendeeFactory(factory.django.DjangoModelFactory):
    role = "party_branch"
    organisation = "小区治理党支部"
    count = 3

    class Meta:
        model = MeetingAttendee
