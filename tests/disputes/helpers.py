import datetime as dt

from fazhi.disputes import services


def hear_views(clerk, case, on=dt.date(2026, 3, 2)):
    """Art. 49: the parties' views heard and recorded, as an ordinary-procedure decision needs."""
    return services.reconsideration_record_hearing(
        actor=clerk, case=case, kind="views", held_on=on, participants="申请人、被申请人"
    )


def decide(actor, case, on=dt.date(2026, 3, 20), number="天政复〔2026〕2号", **kwargs):
    """A reconsideration decision on `on` under `number`: upheld unless `decision_type` and
    `text` say otherwise."""
    kwargs.setdefault("decision_type", "uphold")
    kwargs.setdefault("text", "维持")
    return services.reconsideration_decide(
        actor=actor, case=case, decided_on=on, doc_number=number, **kwargs
    )


def sue(
    actor,
    defendant,
    number,
    filed_on=dt.date(2026, 9, 10),
    served_on=dt.date(2026, 9, 16),
    **kwargs,
):
    """A lawsuit against `defendant` registered by `actor`: 王五 on an administrative penalty,
    filed on 10 and served on 16 September 2026, unless the arguments say otherwise."""
    kwargs.setdefault("plaintiff_name", "王五")
    kwargs.setdefault("cause", "行政处罚")
    return services.litigation_register(
        actor=actor,
        court_case_number=number,
        defendant=defendant,
        filed_on=filed_on,
        served_on=served_on,
        **kwargs,
    )


def form(action: str, **data) -> dict:
    """POST data for a detail-page action: its fields carry the action's prefix."""
    return {f"{action}-{name}": value for name, value in data.items()}
