"""What the enforcement services share: the as-of date, credentials on a day, officer checks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from django.utils.translation import gettext as _

from fazhi.catalogs.choices import PowerKind
from fazhi.core import dates, validators
from fazhi.core.errors import ApplicationError

from ..choices import CredentialStatus
from ..errors import EnforcementError
from ..models import EnforcementBody, Officer, OfficerRelation


def acted_on(on: dt.date | None) -> dt.date:
    """The day an act took place: today, or an earlier day a job or the demo records."""
    if on is None:
        return dates.today()
    return validators.past_date(on, label=_("日期"))


def credentialed(officers: Iterable[Officer], on: dt.date) -> tuple[list[Officer], list[str]]:
    """Officers holding a credential valid on `on`, and a refusal line for each who does not."""
    good, problems = [], []
    for officer in officers:
        creds = list(officer.credentials.all())
        if any(c.is_valid_on(on) for c in creds):
            good.append(officer)
        elif not creds:
            problems.append(_("%(name)s没有执法证") % {"name": officer.full_name})
        elif any(c.status != CredentialStatus.VALID for c in creds) and not any(
            c.valid_until >= on for c in creds if c.status == CredentialStatus.VALID
        ):
            problems.append(_("%(name)s的执法证已被暂扣或注销") % {"name": officer.full_name})
        else:
            last = max(c.valid_until for c in creds)
            problems.append(
                _("%(name)s的执法证已于%(date)s过期")
                % {"name": officer.full_name, "date": dates.day(last)}
            )
    return good, problems


def require_credentialed(officers: Sequence[Officer], on: dt.date, *, minimum: int = 2) -> None:
    _good, problems = credentialed(officers, on)
    if problems:
        raise ApplicationError(
            _("不能指派:%(problems)s") % {"problems": ";".join(problems)},
            code=EnforcementError.UNCREDENTIALED,
            fields={"officers": problems},
        )
    if len({o.pk for o in officers}) < minimum:
        raise ApplicationError(
            _("执法人员不得少于%(minimum)s人(行政处罚法第四十二条)") % {"minimum": minimum},
            code=EnforcementError.TOO_FEW_OFFICERS,
        )


def check_officers(
    officers: Sequence[Officer], body: EnforcementBody, on: dt.date, *, minimum: int = 2
) -> None:
    foreign = [o.full_name for o in officers if o.body_id != body.pk]
    if foreign:
        raise ApplicationError(
            _("%(names)s不是%(unit)s的执法人员")
            % {"names": "、".join(foreign), "unit": body.unit.name},
            code=EnforcementError.FOREIGN_OFFICER,
        )
    require_credentialed(officers, on, minimum=minimum)


def relation_conflicts(officers: Sequence[Officer], *, uscc: str = "", target=None) -> list[str]:
    """Recorded relations (回避) between the officers and a party or target, as 'name(relation)'."""
    if not uscc and target is None:
        return []
    rows = OfficerRelation.objects.filter(officer__in=[o.pk for o in officers])
    rows = rows.filter(target=target) if target is not None else rows.filter(target__uscc=uscc)
    return [f"{n}({r})" for n, r in rows.values_list("officer__full_name", "relation")]


def refuse_conflicts(conflicts: list[str]) -> None:
    if conflicts:
        raise ApplicationError(
            _("应当回避:%(officers)s(行政处罚法第四十三条)") % {"officers": ";".join(conflicts)},
            code=EnforcementError.CONFLICT_OF_INTEREST,
            fields={"officers": conflicts},
        )


def clean_uscc(value: str) -> str:
    return validators.uscc(value, field="party_uscc")


def clean_resident_id(value: str, field: str = "party_resident_id") -> str:
    return validators.resident_id(value, field=field)


def check_power_item(
    body: EnforcementBody, item, *, kind: str, on: dt.date, required: bool = False
) -> None:
    """A matter or a case cites an item of its own body's power list in force, of its kind.

    `required`: a penalty case of a body whose power list is published must cite one: a
    penalty without a legal basis is void (行政处罚法第三十八条).
    """
    from .. import selectors

    if item is None:
        if required and selectors.power_list_in_force(body, year=on.year):
            raise ApplicationError(
                _(
                    "%(body)s已发布权责清单,立案须选择所依据的行政处罚事项"
                    "(《中华人民共和国行政处罚法》第三十八条:行政处罚没有依据的无效)"
                )
                % {"body": body.unit.name},
                code=EnforcementError.NO_POWER_ITEM,
                fields={"power_item": [_("必填")]},
            )
        return
    if not selectors.power_items_for(body, (kind,), year=on.year).filter(pk=item.pk).exists():
        if kind == PowerKind.PENALTY:
            reason = _(
                "“%(item)s”不是%(body)s现行权责清单中的行政处罚事项,不能据此立案"
                "(《中华人民共和国行政处罚法》第三十八条:行政处罚没有依据的无效)"
            )
        else:
            reason = _(
                "“%(item)s”不是%(body)s现行权责清单中的同类事项:执法事项须有法律法规规章"
                "依据并列入本机关的权责清单(实施方案:凡没有法律法规规章依据的一律取消)"
            )
        raise ApplicationError(
            reason % {"item": f"{item.code} {item.name}", "body": body.unit.name},
            code=EnforcementError.POWER_ITEM,
            fields={"power_item": [_("不在现行清单中")]},
        )
