"""Normalising unit names before lookup. Pure."""

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def normalize_name(raw: str) -> str:
    """Full-width to half-width, no whitespace, Chinese parentheses folded: 各乡（镇） == 各乡(镇)."""
    text = unicodedata.normalize("NFKC", raw or "")
    text = _SPACES.sub("", text)
    return text.strip("、,，;；:：。.")
