import factory
from django.utils import timezone

from cases.models import Case, CaseCategory, CaseSupport, Report
from tests.factories.home import CompoundFactory


def category(slug="repairs"):
    """One of the categories migration cases/0002 seeds."""
    return CaseCategory.objects.get(slug=slug, locale__language_code="zh-hans")


class CaseFactory(factory.django.DjangoModelFactory):
    compound = factory.SubFactory(CompoundFactory)
    community = factory.SelfAttribute("compound.community")
    category = factory.LazyFunction(category)
    title = factory.Sequence(lambda n: f"测试诉求{n}")
    received_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = Case


class ReportFactory(factory.django.DjangoModelFactory):
    case = factory.SubFactory(CaseFactory)
    compound = factory.SelfAttribute("case.compound")
    category = factory.SelfAttribute("case.category")
    description = "楼道灯坏了一个星期。"
    location = "3栋2单元"
    reporter_name = "王小明"
    reporter_mobile = factory.Sequence(lambda n: f"138{n:08d}")
    created_at = factory.SelfAttribute("case.received_at")

    class Meta:
        model = Report


class CaseSupportFactory(factory.django.DjangoModelFactory):
    case = factory.SubFactory(CaseFactory)
    client_hash = factory.Sequence(lambda n: f"client-{n}")

    class Meta:
        model = CaseSupport
