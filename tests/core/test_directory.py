import pytest

from fazhi.core.choices import Role, UnitKind
from fazhi.core.directory import resolve_unit
from fazhi.core.errors import ApplicationError, PermissionDenied
from fazhi.core.models import AuditEvent, OrgUnit, Region, UnitAlias
from fazhi.core.services import unit_alias_add, user_create
from tests.factories import UnitFactory


@pytest.fixture
def units(db):
    region = Region.objects.create(code="140222", name="天镇县")
    ndrc = OrgUnit.objects.create(
        name="天镇县发展和改革局", kind=UnitKind.GOVERNMENT_DEPARTMENT, region=region
    )
    UnitAlias.objects.create(unit=ndrc, name="县发改委", kind=UnitAlias.Kind.SHORT_NAME)
    UnitAlias.objects.create(unit=ndrc, name="县发改局", kind=UnitAlias.Kind.VARIANT)
    justice = OrgUnit.objects.create(
        name="天镇县司法局", kind=UnitKind.GOVERNMENT_DEPARTMENT, region=region
    )
    UnitAlias.objects.create(unit=justice, name="县司法局", kind=UnitAlias.Kind.SHORT_NAME)
    return {"ndrc": ndrc, "justice": justice}


def test_aliases_resolve_to_one_unit(units):
    assert resolve_unit("县发改委").unit == units["ndrc"]
    assert resolve_unit("县发改局").unit == units["ndrc"]
    assert resolve_unit(" 县发改委 ").unit == units["ndrc"]


def test_unknown_name_is_not_guessed_but_suggested(units):
    result = resolve_unit("县司法厅")
    assert result.unit is None and result.group is None
    assert result.suggestions[0] == "天镇县司法局"


def test_alias_add_requires_supervisor(units, make_user):
    reporter = make_user(Role.REPORTER)
    with pytest.raises(PermissionDenied):
        unit_alias_add(actor=reporter, unit=units["justice"], name="县司法厅")
    assert not UnitAlias.objects.filter(name="县司法厅").exists()
    assert AuditEvent.objects.count() == 0


def test_alias_add_refuses_a_name_of_another_unit(units, supervisor):
    with pytest.raises(ApplicationError, match="其他单位"):
        unit_alias_add(actor=supervisor, unit=units["justice"], name="县发改委")
    unit_alias_add(actor=supervisor, unit=units["justice"], name="县司法厅")
    assert resolve_unit("县司法厅").unit == units["justice"]
    assert AuditEvent.objects.get().action == "unit.alias_add"


def test_malformed_region_code_is_refused(db):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        Region(code="14022", name="坏代码").full_clean()
    with pytest.raises(ValidationError):
        Region(code="9x0222", name="坏代码").full_clean()


def test_reporter_needs_a_unit_and_passwords_are_argon2(supervisor, settings):
    # Tests hash with MD5 for speed; production settings put Argon2 first.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    with pytest.raises(ApplicationError):
        user_create(
            actor=supervisor,
            username="r1",
            password="Long-enough-1",
            unit=None,
            roles=[Role.REPORTER],
        )
    user = user_create(
        actor=supervisor,
        username="r2",
        password="Long-enough-1",
        unit=UnitFactory(),
        roles=[Role.REPORTER],
    )
    assert user.password.startswith("argon2")


def test_unknown_role_is_refused(supervisor):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        user_create(
            actor=supervisor,
            username="r3",
            password="Long-enough-1",
            unit=UnitFactory(),
            roles=["king"],
        )


def test_bundled_directory_covers_the_seed_variants(directory):
    assert resolve_unit("县发改委").unit == resolve_unit("县发改局").unit
    assert resolve_unit("县检查院").unit == resolve_unit("县检察院").unit
    assert resolve_unit("县行政审批服管理局").unit == resolve_unit("县行政审批服务管理局").unit
    group = resolve_unit("各乡(镇)人民政府").group
    assert group is not None and group.members.count() == 11
    assert Region.objects.get(code="140222").parent_id == "140200"
