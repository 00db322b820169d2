import datetime as dt

from fazhi.disputes import services


def hear_views(clerk, case, on=dt.date(2026, 3, 2)):
    """Art. 49: the parties' views heard and recorded, as an ordinary-procedure decision needs."""
    return services.reconsideration_record_hearing(
        actor=clerk, case=case, kind="views", held_on=on, participants="申请人、被申请人"
    )


def form(action: str, **data) -> dict:
    """POST data for a detail-page action: its fields carry the action's prefix."""
    return {f"{action}-{name}": value for name, value in data.items()}
