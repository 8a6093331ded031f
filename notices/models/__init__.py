from .directory_pages import CompoundIndexPage, compound_url
from .letters import RequirementArea, WorkLetterIndexPage, WorkLetterItem, WorkLetterPage
from .meetings import (
    AttendeeRole,
    FollowUpItem,
    FollowUpStatus,
    JointMeetingIndexPage,
    JointMeetingPage,
    MeetingAttendee,
)
from .notices import NoticeAttachment, NoticeCategory, NoticeIndexPage, NoticePage

__all__ = [
    "AttendeeRole",
    "CompoundIndexPage",
    "FollowUpItem",
    "FollowUpStatus",
    "JointMeetingIndexPage",
    "JointMeetingPage",
    "MeetingAttendee",
    "NoticeAttachment",
    "NoticeCategory",
    "NoticeIndexPage",
    "NoticePage",
    "RequirementArea",
    "WorkLetterIndexPage",
    "WorkLetterItem",
    "WorkLetterPage",
    "compound_url",
]
