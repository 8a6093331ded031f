from .inspections import (
    Inspection,
    InspectionEvent,
    InspectionFinding,
    RequirementCheck,
    RequirementStanding,
    TransitionRefused,
    firm_serving,
    requirement_standings,
)
from .trainings import Training, TrainingAttendance

__all__ = [
    "Inspection",
    "InspectionEvent",
    "InspectionFinding",
    "RequirementCheck",
    "RequirementStanding",
    "Training",
    "TrainingAttendance",
    "TransitionRefused",
    "firm_serving",
    "requirement_standings",
]
