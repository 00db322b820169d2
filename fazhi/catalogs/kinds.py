"""Which fields each kind of list has, and the column names of the provincial Excel layout.

The default column names follow the 政务服务 exports the county receives; a body whose file
names a column differently saves its own mapping (`ColumnMapping`).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_noop

from .choices import CatalogKind

# field → default column name in the provincial export (stays Chinese: it is the file's header)
COLUMNS: dict[str, str] = {
    "code": "事项编码",
    "name": "事项名称",
    "basis": "设定依据",
    "implementing_body": "实施主体",
    "power_kind": "权力类型",
    "responsibility": "责任事项",
    "accountability": "追责情形",
    "statutory_days": "法定时限(工作日)",
    "promised_days": "承诺时限(工作日)",
    "fee": "收费标准",
    "promise": "是否告知承诺",
    "service_object": "服务对象",
    "standard": "征收标准",
    "collecting_body": "执收单位",
    "fund_management": "资金管理方式",
    "served_approval": "对应审批事项",
    "issuing_body": "开具单位",
    "guide": "办理指南",
    "inspection_object": "检查对象",
    "frequency": "检查频次",
    "change_reason": "变更理由",
}

# field → label shown on pages (msgids; translated where shown)
LABELS: dict[str, str] = {
    "code": gettext_noop("事项编码"),
    "name": gettext_noop("事项名称"),
    "basis": gettext_noop("设定依据"),
    "implementing_body": gettext_noop("实施主体"),
    "power_kind": gettext_noop("权力类型"),
    "responsibility": gettext_noop("责任事项"),
    "accountability": gettext_noop("追责情形"),
    "statutory_days": gettext_noop("法定时限(工作日)"),
    "promised_days": gettext_noop("承诺时限(工作日)"),
    "fee": gettext_noop("收费标准"),
    "promise": gettext_noop("是否告知承诺"),
    "service_object": gettext_noop("服务对象"),
    "standard": gettext_noop("征收标准"),
    "collecting_body": gettext_noop("执收单位"),
    "fund_management": gettext_noop("资金管理方式"),
    "served_approval": gettext_noop("对应审批事项"),
    "issuing_body": gettext_noop("开具单位"),
    "guide": gettext_noop("办理指南"),
    "inspection_object": gettext_noop("检查对象"),
    "frequency": gettext_noop("检查频次"),
    "change_reason": gettext_noop("变更理由"),
}


@dataclass(frozen=True)
class KindSpec:
    fields: tuple[str, ...]
    required: tuple[str, ...] = ("code", "name")
    sheet: str = ""
    # (field, name): where a kind's list names a common field its own way, in its file's header
    # and on the pages (a 证明事项清单's implementing body is the 索要单位, the unit that asks
    # for the certificate); msgids
    names: tuple[tuple[str, str], ...] = ()

    def column(self, field: str) -> str:
        """The field's header in the provincial file."""
        return dict(self.names).get(field) or COLUMNS[field]

    def label(self, field: str) -> str:
        """The field's label on the pages (a msgid)."""
        return dict(self.names).get(field) or LABELS[field]

    @property
    def compared(self) -> tuple[str, ...]:
        """The fields a diff compares (the code is the identity; the reason is not content)."""
        return tuple(f for f in self.fields if f not in ("code", "change_reason"))


COMMON = ("code", "name", "basis", "implementing_body")

KINDS: dict[str, KindSpec] = {
    CatalogKind.POWER: KindSpec(
        (*COMMON, "power_kind", "responsibility", "accountability", "change_reason"),
        required=("code", "name", "power_kind"),
        sheet="权责清单",
    ),
    CatalogKind.APPROVAL: KindSpec(
        (*COMMON, "statutory_days", "promised_days", "fee", "promise", "change_reason"),
        sheet="行政审批事项",
    ),
    CatalogKind.SERVICE: KindSpec(
        (*COMMON, "service_object", "promised_days", "change_reason"),
        sheet="公共服务事项",
    ),
    CatalogKind.FEE: KindSpec(
        (*COMMON, "standard", "collecting_body", "fund_management", "change_reason"),
        sheet="收费清单",
    ),
    CatalogKind.INTERMEDIARY: KindSpec(
        (*COMMON, "served_approval", "promised_days", "fee", "change_reason"),
        sheet="中介服务事项",
    ),
    CatalogKind.CERTIFICATION: KindSpec(
        (*COMMON, "issuing_body", "guide", "promise", "change_reason"),
        sheet="证明事项",
        names=(("implementing_body", gettext_noop("索要单位")),),
    ),
    CatalogKind.INSPECTION: KindSpec(
        (*COMMON, "inspection_object", "frequency", "change_reason"),
        sheet="涉企检查事项",
    ),
}

# Item fields a diff or an export reads, in table order
ITEM_FIELDS = tuple(COLUMNS)
