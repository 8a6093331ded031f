from .assessments import (
    EvidencePhoto,
    FirmAssessment,
    FrozenMonthError,
    MonthCriterion,
    Score,
    ScoreCorrection,
)
from .criteria import Criterion
from .pages import RankingIndexPage, RankingMonthPage, RedBlackEntry
from .service import ServicePeriod

__all__ = [
    "Criterion",
    "EvidencePhoto",
    "FirmAssessment",
    "FrozenMonthError",
    "MonthCriterion",
    "RankingIndexPage",
    "RankingMonthPage",
    "RedBlackEntry",
    "Score",
    "ScoreCorrection",
    "ServicePeriod",
]
