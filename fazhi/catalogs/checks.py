"""The legality check of a version's items: a pure function of the items and the law table."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from fazhi.normdocs.review_rules import CITATION, normal_title

from .choices import CatalogKind, PowerKind, Severity
from .kinds import KINDS

# The plan's measure (五): "坚决防止以备案、登记、行政确认、征求意见等方式变相设置行政许可事项".
DISGUISED_WORDS = re.compile(r"备案|登记|确认|征求意见")
LICENCE_WORDS = re.compile(r"许可|审批|核准|批准")
# Kinds whose items need a basis in law (优化营商环境条例 Arts. 25, 43, 44; 权力清单 指导意见).
BASIS_REQUIRED = frozenset(CatalogKind.values) - {CatalogKind.SERVICE}


@dataclass(frozen=True)
class LawState:
    title: str
    years: tuple[int, ...]
    status: str  # in_force / superseded / repealed (normdocs.LawStatus)
    successor: str = ""


@dataclass(frozen=True)
class Finding:
    code: str
    rule: str
    severity: str
    message: str


RULES = {
    "no_basis": gettext_noop("无设定依据"),
    "repealed_law": gettext_noop("依据已废止"),
    "superseded_law": gettext_noop("依据已被修订"),
    "duplicate_code": gettext_noop("事项编码重复"),
    "disguised_licence": gettext_noop("疑似变相许可"),
    "missing_reason": gettext_noop("缺少变更理由"),
    "missing_content": gettext_noop("缺少应公布的内容"),
    "promise_over_statutory": gettext_noop("承诺时限超过法定时限"),
}
# 优化营商环境条例 Art. 44 ¶3: a 证明事项清单 lists, item by item, the basis (checked as
# no_basis), the unit that demands it (索要单位, the item's implementing body), the issuer and
# the guide.
CERTIFICATION_CONTENT = ("implementing_body", "issuing_body", "guide")


def _index(laws: Iterable[LawState]) -> dict[str, list[LawState]]:
    index: dict[str, list[LawState]] = {}
    for law in laws:
        index.setdefault(normal_title(law.title), []).append(law)
    return index


def _law_findings(item: Mapping[str, Any], laws: dict[str, list[LawState]]) -> list[Finding]:
    found = []
    for match in CITATION.finditer(item.get("basis") or ""):
        entries = laws.get(normal_title(match["title"]), [])
        if not entries:
            continue
        year = int(match["year"]) if match["year"] else None
        if year is not None:
            cited = [e for e in entries if year in e.years]
        elif any(e.status == "in_force" for e in entries):
            cited = []
        else:
            cited = entries
        stale = next((e for e in cited if e.status != "in_force"), None)
        if stale is None:
            continue
        if stale.status == "repealed":
            found.append(
                Finding(
                    item["code"],
                    "repealed_law",
                    Severity.ERROR,
                    _("依据%(law)s已废止,该事项应取消或改引现行依据")
                    % {"law": match.group().strip()},
                )
            )
        else:
            successor = stale.successor or _("现行版本")
            found.append(
                Finding(
                    item["code"],
                    "superseded_law",
                    Severity.WARNING,
                    _("依据%(law)s已被修订,应改为引用《%(successor)s》")
                    % {"law": match.group().strip(), "successor": successor},
                )
            )
    return found


def check(
    items: Iterable[Mapping[str, Any]],
    *,
    kind: str,
    laws: Iterable[LawState] = (),
    taken: Mapping[str, str] | None = None,
    changed_codes: Iterable[str] = (),
    removed_without_reason: Iterable[str] = (),
) -> list[Finding]:
    """Findings for each item; `taken` maps codes to the other body already listing them."""
    items = list(items)
    law_index = _index(laws)
    taken = taken or {}
    counts = Counter(i["code"] for i in items)
    changed = set(changed_codes)
    findings: list[Finding] = []
    for item in items:
        code = item["code"]
        if counts[code] > 1:
            findings.append(
                Finding(
                    code,
                    "duplicate_code",
                    Severity.ERROR,
                    _("事项编码在本清单中出现%(n)s次") % {"n": counts[code]},
                )
            )
        if code in taken:
            findings.append(
                Finding(
                    code,
                    "duplicate_code",
                    Severity.WARNING,
                    _("同一事项编码已列入%(body)s的同类清单,请核实职责是否交叉")
                    % {"body": taken[code]},
                )
            )
        if not (item.get("basis") or "").strip():
            findings.append(
                Finding(
                    code,
                    "no_basis",
                    Severity.ERROR if kind in BASIS_REQUIRED else Severity.WARNING,
                    _("未填写设定依据:没有法律法规规章依据的事项一律取消"),
                )
            )
        findings.extend(_law_findings(item, law_index))
        name = item.get("name") or ""
        disguised = (kind == CatalogKind.APPROVAL and DISGUISED_WORDS.search(name)) or (
            kind == CatalogKind.POWER
            and item.get("power_kind") in (PowerKind.CONFIRMATION, PowerKind.OTHER)
            and DISGUISED_WORDS.search(name)
            and LICENCE_WORDS.search(name)
        )
        if disguised:
            findings.append(
                Finding(
                    code,
                    "disguised_licence",
                    Severity.WARNING,
                    _(
                        "备案、登记、确认类事项列为审批条件,疑似变相设置行政许可,请核实是否有许可设定依据"
                    ),
                )
            )
        if kind == CatalogKind.CERTIFICATION:
            spec = KINDS[CatalogKind.CERTIFICATION]
            missing = [
                _(spec.label(field))
                for field in CERTIFICATION_CONTENT
                if not (item.get(field) or "").strip()
            ]
            if missing:
                findings.append(
                    Finding(
                        code,
                        "missing_content",
                        Severity.ERROR,
                        _(
                            "证明事项清单须逐项列明设定依据、索要单位、开具单位和办理指南"
                            "(《优化营商环境条例》第四十四条第三款),本事项未填写:%(missing)s"
                        )
                        % {"missing": "、".join(missing)},
                    )
                )
        statutory, promised = item.get("statutory_days"), item.get("promised_days")
        if statutory is not None and promised is not None and promised > statutory:
            findings.append(
                Finding(
                    code,
                    "promise_over_statutory",
                    Severity.ERROR,
                    _(
                        "承诺时限%(promised)s个工作日超过法定时限%(statutory)s个工作日:"
                        "法定时限是办理的最长期限,承诺时限只能短于或等于它"
                    )
                    % {"promised": promised, "statutory": statutory},
                )
            )
        if code in changed and not (item.get("change_reason") or "").strip():
            findings.append(
                Finding(code, "missing_reason", Severity.ERROR, _("新增或变更的事项须写明变更理由"))
            )
    for code in removed_without_reason:
        findings.append(
            Finding(code, "missing_reason", Severity.ERROR, _("取消的事项须写明取消理由"))
        )
    return findings


def blocking(findings: Iterable[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity == Severity.ERROR]
