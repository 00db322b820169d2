"""Serial numbers of cases and official documents (案号, 文号): 天调〔2026〕3号.

One shape everywhere: a prefix (the issuer's 代字 and the kind), the year in 六角括号 and a serial
that starts again at 1 each year. The next serial is the highest one already issued under the same
prefix and year plus one (not a count: a gap or an imported number never makes two equal), read
under a lock on the number space itself, so two users registering at once never get one number.
"""

from __future__ import annotations

import hashlib
import re

from django.db import connection


def format_number(prefix: str, year: int, serial: int) -> str:
    return f"{prefix}〔{year}〕{serial}号"


def lock_number_space(prefix: str, year: int) -> None:
    """Serialise the writers of one prefix and year until the transaction ends. PostgreSQL takes a
    transaction-level advisory lock; SQLite runs write transactions one at a time already
    (`transaction_mode` IMMEDIATE in the settings)."""
    if connection.vendor != "postgresql":
        return
    digest = hashlib.blake2b(f"{prefix}〔{year}〕".encode(), digest_size=8).digest()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_xact_lock(%s)", [int.from_bytes(digest, "big", signed=True)]
        )


def highest_serial(queryset, head: str, tail: str = "", *, field: str = "number") -> int:
    """The highest serial among the rows whose `field` reads `head`, digits, `tail` (0 if none);
    numbers of another shape (an imported 补01) are passed over."""
    pattern = re.compile(re.escape(head) + r"(\d+)" + re.escape(tail))
    numbers = queryset.filter(**{f"{field}__startswith": head}).values_list(field, flat=True)
    return max((int(m[1]) for n in numbers if (m := pattern.match(n))), default=0)


def next_serial(queryset, prefix: str, year: int, *, field: str = "number") -> int:
    return highest_serial(queryset, f"{prefix}〔{year}〕", "号", field=field) + 1


def issue_number(queryset, prefix: str, year: int, *, field: str = "number") -> str:
    """The next number of `prefix` in `year` among the rows of `queryset`; call it inside the
    transaction that saves the row."""
    lock_number_space(prefix, year)
    return format_number(prefix, year, next_serial(queryset, prefix, year, field=field))


def region_initial(region) -> str:
    """The one-character 代字 a region's numbers start with unless an office sets its own
    (天镇县 → 天): the first character of the name, the common usage of county governments."""
    return (getattr(region, "name", "") or "")[:1]


def court_name(region) -> str:
    """The basic people's court of a county-level region (人民法院组织法 Art. 24): 天镇县人民法院;
    a city district's court carries the city's name (大同市平城区人民法院)."""
    name = getattr(region, "name", "") or ""
    parent = getattr(region, "parent", None)
    if name.endswith("区") and parent is not None and parent.name.endswith("市"):
        name = parent.name + name
    return f"{name}人民法院" if name else ""
