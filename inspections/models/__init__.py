from .inspections import (
    Inspection,
    InspectionEvent,
    InspectionFinding,
    RequirementCheck,
    TransitionRefused,
    firm_serving,
)
from .trainings import Training, TrainingAttendance

__all__ = [
    "Inspection",
    "InspectionEvent",
    "InspectionFinding",
    "RequirementCheck",
    "Training",
    "TrainingAttendance",
    "TransitionRefused",
    "firm_serving",
]
