"""Chinese numerals for chapter and measure numbers: 19 → 十九. Pure."""

import cn2an


def chinese_number(value: int) -> str:
    return cn2an.an2cn(value) if value else "〇"
