from .community_staff import CommunityStaff
from .directory import Community, Compound, OwnersCommittee, PropertyFirm
from .pages import HomePage, HomeQuickLink
from .site_settings import SiteSettings
from .submissions import FormSubmission
from .workflows import CommunityGroupApprovalTask

__all__ = [
    "Community",
    "CommunityGroupApprovalTask",
    "CommunityStaff",
    "Compound",
    "FormSubmission",
    "HomePage",
    "HomeQuickLink",
    "OwnersCommittee",
    "PropertyFirm",
    "SiteSettings",
]
