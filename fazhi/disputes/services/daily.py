"""The daily statutory-clock job of reconsideration (run by Celery beat and the CLI)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from fazhi.core import dates

from .reconsideration import abandon_unsupplied, deem_accepted
from .suspension import terminate_lapsed_suspensions


@transaction.atomic
def reconsideration_apply_deadlines(*, on: dt.date | None = None) -> dict[str, int]:
    """Cases past the review period are deemed accepted (Art. 30); unsupplied ones abandoned
    (Art. 31); cases suspended on grounds 39 (1), (2), (4) for more than 60 days terminated
    (Art. 41). The platform acts (SYSTEM)."""
    on = dates.today(on)
    return {
        "deemed_accepted": deem_accepted(on),
        "abandoned": abandon_unsupplied(on),
        "terminated": terminate_lapsed_suspensions(on),
    }
