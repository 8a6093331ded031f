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
from .recommendations import (
    Decision,
    ManagementGroup,
    Recommendation,
    RecommendationStep,
    State,
)
from .red_black import RedBlackRemoval
from .service import ServicePeriod
from .standings import MonthStanding

__all__ = [
    "Criterion",
    "Decision",
    "ManagementGroup",
    "Recommendation",
    "RecommendationStep",
    "RedBlackRemoval",
    "State",
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
