from .assessments import (
    EvidencePhoto,
    FirmAssessment,
    FrozenMonthError,
    MonthCriterion,
    Score,
    ScoreCorrection,
)
from .criteria import Criterion
from .pages import RankingIndexPage, RankingMonthPage, RedBlackEntry, month_title
from .service import ServicePeriod
from .standings import MonthStanding

__all__ = [
    "Criterion",
    "EvidencePhoto",
    "FirmAssessment",
    "FrozenMonthError",
    "MonthCriterion",
    "MonthStanding",
    "RankingIndexPage",
    "RankingMonthPage",
    "month_title",
    "RedBlackEntry",
    "Score",
    "ScoreCorrection",
    "ServicePeriod",
]
