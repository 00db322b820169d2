"""Unit names: normalised before lookup, and shortened where the region goes without saying."""

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def normalize_name(raw: str) -> str:
    """Full-width to half-width, no whitespace, Chinese parentheses folded: 各乡（镇） == 各乡(镇)."""
    text = unicodedata.normalize("NFKC", raw or "")
    text = _SPACES.sub("", text)
    return text.strip("、,，;；:：。.")


def local_name(name: str, region) -> str:
    """A unit's name without the names of its own region and the regions above it, where the
    name starts with them: 天镇县市场监督管理局 → 市场监督管理局 (in 天镇县),
    大同市平城区市场监督管理局 → 市场监督管理局 (in 平城区 of 大同市), 山西省司法厅 → 司法厅.
    A name that is only the region's, or does not start with it, stays whole (中共天镇县委).

    Reads `region.parent` only when the name does not start with the region's own name; a
    list of such units selects `…region__parent` with them."""
    name = name or ""
    chain = []
    while region is not None:
        chain.append(region.name or "")
        if name.startswith(chain[-1]):
            break
        region = region.parent
    else:
        return name
    # From the outermost region named at the start down to the unit's own: 大同市 then 平城区.
    rest = name
    for part in reversed(chain):
        if part and rest.startswith(part):
            rest = rest[len(part) :]
    return rest or name
