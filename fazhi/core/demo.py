"""Demo data for the kernel: the Tianzhen directory, holidays, and one account per role."""

from pathlib import Path

from django.db import transaction

from .actors import SYSTEM
from .choices import Role
from .holidays import seed_holidays_from_package
from .models import OrgUnit, User
from .services import directory_load

DIRECTORY = Path(__file__).parent / "data" / "tianzhen.json"
DEMO_PASSWORD = "Fazhi@2026demo"  # noqa: S105 - printed on purpose by `make run`

DEMO_USERS = [
    ("admin", "系统管理员", "天镇县司法局", [], True),
    (
        "zhang.supervisor",
        "张依法",
        "中共天镇县委全面依法治县委员会办公室",
        [Role.SUPERVISOR],
        False,
    ),
    ("li.reviewer", "李审核", "天镇县司法局", [Role.REVIEWER], False),
    ("wang.reporter", "王填报", "天镇县行政审批服务管理局", [Role.REPORTER], False),
    ("zhao.reporter", "赵填报", "天镇县市场监督管理局", [Role.REPORTER, Role.OFFICER], False),
    ("sun.officer", "孙执法", "天镇县市场监督管理局", [Role.OFFICER], False),
    ("qian.officer", "钱执法", "天镇县生态环境局", [Role.OFFICER], False),
    ("zhou.leader", "周县长", "天镇县人民政府办公室", [Role.LEADER], False),
]


def unit_by_name(name: str) -> OrgUnit | None:
    """A demo unit by full name or alias (demo loaders of every app look units up this way)."""
    return (
        OrgUnit.objects.filter(name=name).first()
        or OrgUnit.objects.filter(aliases__name=name).first()
    )


def demo_user(
    username: str, full_name: str, unit: OrgUnit | None, roles, *, superuser=False
) -> User:
    """The demo account `username`, made with the demo password if it does not exist yet (an
    existing account is left as it is)."""
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(
            username=username,
            full_name=full_name,
            unit=unit,
            roles=[str(r) for r in roles],
            is_superuser=superuser,
            is_staff=superuser,
        )
        user.set_password(DEMO_PASSWORD)
        user.save()
    return user


@transaction.atomic
def load(stdout) -> None:
    counts = directory_load(path=DIRECTORY, actor=SYSTEM)
    stdout.write(
        f"单位名录:{counts['units']} 个单位,{counts['aliases']} 个新别名,{counts['groups']} 个群组"
    )
    rows = seed_holidays_from_package()
    stdout.write(f"节假日:{rows} 个调整日")
    for username, full_name, unit_name, roles, superuser in DEMO_USERS:
        demo_user(username, full_name, unit_by_name(unit_name), roles, superuser=superuser)
