import datetime

import factory

from inspections.models import (
    Inspection,
    InspectionFinding,
    RequirementCheck,
    Training,
    TrainingAttendance,
)
from tests.factories.home import CompoundFactory


class InspectionFactory(factory.django.DjangoModelFactory):
    date = datetime.date(2026, 10, 9)
    compound = factory.SubFactory(CompoundFactory)
    firm = factory.SelfAttribute("compound.property_firm")
    summary = "联合监督检查"

    class Meta:
        model = Inspection


class InspectionFindingFactory(factory.django.DjangoModelFactory):
    inspection = factory.SubFactory(InspectionFactory)
    description = factory.Sequence(lambda n: f"楼道堆放杂物{n}")

    class Meta:
        model = InspectionFinding


class RequirementCheckFactory(factory.django.DjangoModelFactory):
    inspection = factory.SubFactory(InspectionFactory)
    status = RequirementCheck.Status.DONE

    class Meta:
        model = RequirementCheck


class TrainingFactory(factory.django.DjangoModelFactory):
    date = datetime.date(2026, 10, 12)
    topic = factory.Sequence(lambda n: f"业务知识培训{n}")

    class Meta:
        model = Training


class TrainingAttendanceFactory(factory.django.DjangoModelFactory):
    training = factory.SubFactory(TrainingFactory)
    attended = True
    staff_count = 3

    class Meta:
        model = TrainingAttendance
