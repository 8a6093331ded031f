"""The cases app: residents' reports and the cases staff handle (诉求与矛盾纠纷)."""

from .access import CaseAccess, CaseTeamMember, FirmContact
from .cases import Case
from .categories import CaseCategory
from .choices import DONE_STATUSES, OPEN_STATUSES, CaseStatus, Route, YesNo
from .events import CaseEvent
from .reports import MAX_PHOTOS, CaseSupport, Report, ReportPhoto
from .routes import HallSession, Mediation, MediationSession, MeetingReferral, WorkOrder
from .surveys import SatisfactionSurvey

__all__ = [
    "DONE_STATUSES",
    "MAX_PHOTOS",
    "OPEN_STATUSES",
    "Case",
    "CaseAccess",
    "CaseCategory",
    "CaseEvent",
    "CaseStatus",
    "CaseSupport",
    "CaseTeamMember",
    "FirmContact",
    "HallSession",
    "Mediation",
    "MediationSession",
    "MeetingReferral",
    "Report",
    "ReportPhoto",
    "Route",
    "SatisfactionSurvey",
    "WorkOrder",
    "YesNo",
]
