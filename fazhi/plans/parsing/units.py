"""Unit names: splitting a unit line, and resolving names through a directory.

Resolution is exact (full name, short name or alias, after folding width and whitespace).
A near miss is never taken for a match: it is reported with suggestions for a person to pick.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process

_SEPARATORS = re.compile(r"[、,;/ ]+")
_TRAILING_PHRASES = re.compile(
    r"(?:按照?职责分工分别负责|按照?职责分别负责|按照?职责分工负责|按照?职责负责|按照?职责分工"
    r"|分别负责|共同负责|负责|等单位|等部门|等)$"
)
_STRAY = " .。,、;:!?\"'“”‘’"


def name_key(raw: str) -> str:
    """The lookup form of a unit name: 各乡（镇） == 各乡(镇), no whitespace, no stray punctuation."""
    text = unicodedata.normalize("NFKC", raw or "")
    return re.sub(r"\s+", "", text).strip("、,，;；:：。.")


@dataclass(frozen=True)
class Resolution:
    canonical: str | None
    is_group: bool = False
    suggestions: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Entry:
    canonical: str
    is_group: bool


class UnitDirectory:
    """Every unit and unit group a plan may name. Build it from the bundled JSON
    (`from_json`) or from plain dicts of the same shape (`from_dict`), e.g. out of the database.
    """

    def __init__(
        self, units: Iterable[Mapping[str, Any]], groups: Iterable[Mapping[str, Any]] = ()
    ) -> None:
        self._index: dict[str, _Entry] = {}
        self._members: dict[str, list[str]] = {}
        for unit in units:
            names = [unit["name"], *unit.get("short_names", ()), *unit.get("aliases", ())]
            self._add(names, _Entry(unit["name"], False))
        for group in groups:
            self._add([group["name"], *group.get("aliases", ())], _Entry(group["name"], True))
            self._members[group["name"]] = list(group.get("members", ()))
        self._keys = list(self._index)

    def _add(self, names: Iterable[str], entry: _Entry) -> None:
        for name in names:
            key = name_key(name)
            if not key:
                continue
            known = self._index.get(key)
            if known and known != entry:
                raise ValueError(f"“{name}”既指“{known.canonical}”又指“{entry.canonical}”")
            self._index[key] = entry

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> UnitDirectory:
        return cls(data.get("units", ()), data.get("groups", ()))

    @classmethod
    def from_json(cls, path: str | Path) -> UnitDirectory:
        return cls.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))

    def resolve(self, raw: str) -> Resolution:
        entry = self._index.get(name_key(raw))
        if entry:
            return Resolution(entry.canonical, entry.is_group)
        return Resolution(None, False, self.suggest(raw))

    def suggest(self, raw: str, limit: int = 3) -> list[str]:
        key = name_key(raw)
        if not key or not self._keys:
            return []
        matches = process.extract(
            key, self._keys, scorer=fuzz.ratio, limit=limit * 4, score_cutoff=50
        )
        names: list[str] = []
        for choice, _score, _index in matches:
            canonical = self._index[choice].canonical
            if canonical not in names:
                names.append(canonical)
        return names[:limit]

    def members(self, group: str) -> list[str]:
        return list(self._members.get(group, ()))


_TOP = re.compile(r"^(?:国家|国务院|中央|全国|全省|全市)")
_HIGHER_LEVEL = re.compile(r"^(?:省|市|州|盟)(?!场|民|容|县)")
_PLACE = re.compile(r"^([\u4e00-\u9fff]{2,6}?(?:省|自治区|市|自治州|盟))(?!场)")
_OWN_LEVEL = ("县", "区", "乡", "镇", "各")


def looks_foreign(raw: str, home: Iterable[str]) -> bool:
    """Does `raw` name another (higher) government's body? "市司法局", "大同市司法局" and
    "省司法厅" in a county's plan do; "县市场监督管理局" and "天镇县司法局" do not. `home`
    holds the names of the directory's own regions ("天镇县", "玉泉镇" …)."""
    key = name_key(raw).removeprefix("中共")
    if not key or key.startswith(tuple(home)) or key.startswith(_OWN_LEVEL):
        return False
    if _TOP.match(key) or _HIGHER_LEVEL.match(key):
        return True
    m = _PLACE.match(key)
    return bool(m) and not any(m.group(1) == h for h in home)


@dataclass(frozen=True)
class NamePiece:
    raw: str
    start: int  # offsets into the string that was split
    end: int


def split_names(content: str) -> list[NamePiece]:
    """ "县司法局、各乡(镇)人民政府按职责分工负责。" → 县司法局, 各乡(镇)人民政府 (with offsets).

    A separator inside parentheses is part of the name: "各县(市、区)人民政府" is one.
    """
    pieces: list[NamePiece] = []
    pos = 0
    for sep in [*_separators_outside_parentheses(content), None]:
        end = sep.start() if sep else len(content)
        piece = _clean(content, pos, end)
        if piece:
            pieces.append(piece)
        pos = sep.end() if sep else end
    return pieces


def _separators_outside_parentheses(content: str) -> list[re.Match]:
    depth, found, last = 0, [], 0
    for m in _SEPARATORS.finditer(content):
        for c in content[last : m.start()]:
            depth += 1 if c in "(（[【" else -1 if c in ")）]】" and depth else 0
        last = m.start()
        if depth == 0:
            found.append(m)
    return found


def _clean(content: str, start: int, end: int) -> NamePiece | None:
    while True:
        while start < end and content[start] in _STRAY:
            start += 1
        while end > start and content[end - 1] in _STRAY:
            end -= 1
        m = _TRAILING_PHRASES.search(content, start, end)
        if not m:
            break
        end = m.start()
    if end - start < 2:
        return None
    return NamePiece(content[start:end], start, end)
