"""Masking personal data for public pages. Pure: no Django import."""

from __future__ import annotations

import re

_ID = re.compile(r"(?<![0-9A-Za-z])(\d{4})\d{10}(\d{3}[\dXx])(?![0-9A-Za-z])")
_MOBILE = re.compile(r"(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)")
_ORG_SUFFIXES = ("公司", "有限公司", "合作社", "厂", "店", "中心", "协会", "学校", "医院", "委员会")


def mask_name(name: str) -> str:
    """张三 → 张*, 欧阳娜娜 → 欧***; organisations keep their name."""
    name = (name or "").strip()
    if not name or name.endswith(_ORG_SUFFIXES):
        return name
    return name[0] + "*" * max(1, len(name) - 1)


def mask_resident_id(value: str) -> str:
    """140222199001011234 → 1402**********1234."""
    value = (value or "").strip()
    if len(value) == 18:
        return value[:4] + "*" * 10 + value[-4:]
    return "*" * len(value)


def mask_text(text: str, names: list[str] | tuple[str, ...] = ()) -> str:
    """Replace known personal names, resident ID numbers and mobile numbers in free text."""
    out = text or ""
    for name in sorted({n.strip() for n in names if n and n.strip()}, key=len, reverse=True):
        out = out.replace(name, mask_name(name))
    out = _ID.sub(lambda m: m.group(1) + "*" * 10 + m.group(2), out)
    return _MOBILE.sub(lambda m: m.group(1) + "****" + m.group(2), out)
