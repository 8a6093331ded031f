import factory
import wagtail_factories
from wagtail.models import Locale

from home.models import Community, Compound, HomePage, PropertyFirm


class LocaleDefaultMixin(factory.django.DjangoModelFactory):
    locale = factory.LazyFunction(Locale.get_default)

    class Meta:
        abstract = True


class CommunityFactory(LocaleDefaultMixin):
    name = factory.Sequence(lambda n: f"测试社区{n}")
    slug = factory.Sequence(lambda n: f"community-{n}")
    city = "巴中市"
    district = "巴州区"

    class Meta:
        model = Community


class PropertyFirmFactory(LocaleDefaultMixin):
    community = factory.SubFactory(CommunityFactory)
    name = factory.Sequence(lambda n: f"测试物业服务有限公司{n}")
    slug = factory.Sequence(lambda n: f"firm-{n}")

    class Meta:
        model = PropertyFirm


class CompoundFactory(LocaleDefaultMixin):
    community = factory.SubFactory(CommunityFactory)
    name = factory.Sequence(lambda n: f"测试小区{n}")
    slug = factory.Sequence(lambda n: f"compound-{n}")
    households = 100
    property_firm = factory.SubFactory(
        PropertyFirmFactory, community=factory.SelfAttribute("..community")
    )

    class Meta:
        model = Compound


class HomePageFactory(wagtail_factories.PageFactory):
    title = "回风亭社区"
    slug = factory.Sequence(lambda n: f"home-{n}")

    class Meta:
        model = HomePage


def city_level(user):
    """Lift the community scope (home/community_scope.py) for a test about something else:
    staff listed under no community see nothing in the admin."""
    from django.contrib.auth.models import Group

    from home.roles import CITY_EDITORS

    user.groups.add(Group.objects.get_or_create(name=CITY_EDITORS)[0])
    return user
