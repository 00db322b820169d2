"""Chinese numerals for chapter and measure numbers: 19 → 十九. Pure."""

from functools import lru_cache

import cn2an


# cn2an parses and validates on every call; a ledger page names 50 measures, an export hundreds.
@lru_cache(maxsize=1024)
def chinese_number(value: int) -> str:
    return cn2an.an2cn(value) if value else "〇"
