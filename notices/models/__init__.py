from .associations import (
    AssociationCommitteeMember,
    AssociationDuty,
    AssociationFirmMember,
    AssociationOfficer,
    AssociationPage,
)
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
from .regulation_articles import RegulationArticle
from .regulations import RegulationIndexPage, RegulationPage

__all__ = [
    "AssociationCommitteeMember",
    "AssociationDuty",
    "AssociationFirmMember",
    "AssociationOfficer",
    "AssociationPage",
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
    "RegulationArticle",
    "RegulationIndexPage",
    "RegulationPage",
    "RequirementArea",
    "WorkLetterIndexPage",
    "WorkLetterItem",
    "WorkLetterPage",
    "compound_url",
]
