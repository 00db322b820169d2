import datetime as dt

from ninja import Query, Router

from . import selectors
from .directory import resolve_unit
from .holidays import deadline
from .schemas import DeadlineOut, ResolveOut, UnitOut

router = Router(tags=["基础"])


@router.get("/units", response=list[UnitOut])
def units(request, q: str = "", kind: str = ""):
    qs = selectors.unit_list(user=request.user, query=q[:100], kind=kind)
    return [
        UnitOut(
            id=u.id,
            name=u.name,
            kind=u.kind,
            region_id=u.region_id,
            aliases=[a.name for a in u.aliases.all()],
        )
        for u in qs
    ]


@router.get("/units/resolve", response=ResolveOut)
def resolve(request, name: str = Query(..., max_length=128)):
    result = resolve_unit(name)
    return ResolveOut(
        raw=name,
        unit=result.canonical,
        is_group=result.group is not None,
        suggestions=result.suggestions,
    )


@router.get("/deadline", response=DeadlineOut)
def compute_deadline(
    request, start: dt.date, days: int = Query(..., ge=0, le=3650), working: bool = False
):
    due = deadline(start, days, working=working)
    return DeadlineOut(
        start=start.isoformat(),
        days=days,
        working=working,
        due=due.date.isoformat(),
        provisional=due.provisional,
    )
