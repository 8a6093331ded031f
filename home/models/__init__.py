from .directory import Community, Compound, OwnersCommittee, PropertyFirm
from .pages import HomePage, HomeQuickLink
from .site_settings import SiteSettings

__all__ = [
    "Community",
    "Compound",
    "HomePage",
    "HomeQuickLink",
    "OwnersCommittee",
    "PropertyFirm",
    "SiteSettings",
]
