import datetime as dt
import io

from fazhi.decisions.choices import RiskLevel, Stage
from fazhi.decisions.models import Catalog, Decision
from fazhi.decisions.selectors import catalog_on_time
from fazhi.decisions.services.archive import decision_export_archive, verify_archive


def test_demo_loads_once_with_each_dossier_and_an_archive(
    db, holidays, settings, tmp_path, monkeypatch
):
    from fazhi.core import dates
    from fazhi.core import demo as core_demo
    from fazhi.core.actors import SYSTEM
    from fazhi.decisions import demo

    settings.MEDIA_ROOT = tmp_path / "media"
    monkeypatch.setattr(dates, "today", lambda as_of=None: as_of or dt.date(2026, 12, 1))
    out = io.StringIO()
    core_demo.load(out)
    demo.load(out)
    counts = (Catalog.objects.count(), Decision.objects.count())
    demo.load(out)
    assert (Catalog.objects.count(), Decision.objects.count()) == counts == (3, 3)
    stages = {d.title[:8]: (d.stage, d.risk_level) for d in Decision.objects.all()}
    assert set(stages.values()) == {
        (Stage.PUBLISHED, RiskLevel.CONTROLLABLE),
        (Stage.PARTICIPATION, ""),
        (Stage.RISK, RiskLevel.UNCONTROLLABLE),
    }
    published = Decision.objects.get(stage=Stage.PUBLISHED)
    decision_export_archive(actor=SYSTEM, decision_id=published.pk, out=str(tmp_path / "a.zip"))
    assert verify_archive(str(tmp_path / "a.zip")).ok
    on_time = {r.body.name: r.on_time for r in catalog_on_time(year=2026) if r.catalog}
    assert on_time == {
        "天镇县人民政府": True,
        "天镇县住房和城乡建设局": True,
        "天镇县发展和改革局": False,
    }
