from .associations import (
    AssociationCommitteeMember,
    AssociationDuty,
    AssociationFirmMember,
    AssociationOfficer,
    AssociationPage,
)
from .regulations import RegulationArticle, RegulationIndexPage, RegulationPage

__all__ = [
    "AssociationCommitteeMember",
    "AssociationDuty",
    "AssociationFirmMember",
    "AssociationOfficer",
    "AssociationPage",
    "RegulationArticle",
    "RegulationIndexPage",
    "RegulationPage",
]
