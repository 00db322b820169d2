import factory

from fazhi.core.choices import UnitKind
from fazhi.core.models import OrgUnit, Region, User

PASSWORD = "Test-pass-2026!"  # noqa: S105


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("code",)

    code = "140222"
    name = "天镇县"


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrgUnit
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"天镇县测试局{n}")
    kind = UnitKind.GOVERNMENT_DEPARTMENT
    region = factory.SubFactory(RegionFactory)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"测试用户{n}")
    unit = factory.SubFactory(UnitFactory)
    roles = factory.LazyFunction(list)
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def datong_counties() -> tuple[Region, Region, Region]:
    """大同市 and two of its counties, 天镇县 and 阳高县 (made once, found after)."""
    city = Region.objects.get_or_create(code="140200", defaults={"name": "大同市"})[0]
    tianzhen, yanggao = (
        Region.objects.get_or_create(code=code, defaults={"name": name, "parent": city})[0]
        for code, name in (("140222", "天镇县"), ("140221", "阳高县"))
    )
    return city, tianzhen, yanggao
