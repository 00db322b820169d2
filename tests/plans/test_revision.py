from hypothesis import given
from hypothesis import strategies as st

from fazhi.plans.revision import diff_plans


def task(text, lead=("县司法局",), deadlines=()):
    return {
        "text": text,
        "lead_units": [{"raw": u, "unit": u, "group": False} for u in lead],
        "participating_units": [],
        "responsible_units": [],
        "deadlines": [{"text": d} for d in deadlines],
    }


def plan(*measures):
    return {"measures": [{"number": n, "title": t, "tasks": list(ts)} for n, t, ts in measures]}


BASE = plan(
    (1, "完善清单制度", [task("编制完成证明事项清单并向社会公布。", deadlines=["2023年底前"])]),
    (2, "加强执法监督", [task("开展行政执法案卷评查工作。"), task("推行行政执法公示制度。")]),
)


def test_identical_plans_have_no_changes():
    diff = diff_plans(BASE, BASE)
    assert diff.is_empty
    assert diff.unchanged_tasks == 3


def test_changed_text_units_and_deadlines_are_one_changed_task():
    revised = plan(
        (
            1,
            "完善清单制度",
            [
                task(
                    "编制完成证明事项清单并及时向社会公布。",
                    lead=("县司法局", "县政府办公室"),
                    deadlines=["2024年底前"],
                )
            ],
        ),
        (2, "加强执法监督", [task("开展行政执法案卷评查工作。"), task("推行行政执法公示制度。")]),
    )
    diff = diff_plans(BASE, revised)
    assert diff.summary() == {
        "measures_added": 0,
        "measures_removed": 0,
        "measures_retitled": 0,
        "tasks_added": 0,
        "tasks_removed": 0,
        "tasks_changed": 1,
        "tasks_unchanged": 2,
    }
    change = diff.tasks_changed[0]
    assert change.text == (
        "编制完成证明事项清单并向社会公布。",
        "编制完成证明事项清单并及时向社会公布。",
    )
    assert change.units_added == ["牵头单位:县政府办公室"]
    assert change.deadlines_added == ["2024年底前"] and change.deadlines_removed == ["2023年底前"]


def test_added_removed_and_retitled_measures():
    revised = plan(
        (2, "强化执法监督", [task("推行行政执法公示制度。"), task("建立行政执法监督员制度。")]),
        (3, "加强培训", [task("每年举办法治专题讲座。")]),
    )
    diff = diff_plans(BASE, revised)
    assert diff.measures_added == [(3, "加强培训")]
    assert diff.measures_removed == [(1, "完善清单制度")]
    assert diff.measures_retitled == [(2, "加强执法监督", "强化执法监督")]
    assert {t[2] for t in diff.tasks_added} == {
        "建立行政执法监督员制度。",
        "每年举办法治专题讲座。",
    }
    assert {t[2] for t in diff.tasks_removed} == {
        "编制完成证明事项清单并向社会公布。",
        "开展行政执法案卷评查工作。",
    }
    assert diff.matches == [(2, 1, 0)]


texts = st.lists(
    st.text(alphabet="法治政府建设执法监督清单制度年度目录公开", min_size=4, max_size=30),
    min_size=0,
    max_size=6,
    unique=True,
)


@given(old=texts, new=texts)
def test_every_task_is_matched_added_or_removed_exactly_once(old, new):
    diff = diff_plans(
        plan((1, "甲", [task(t) for t in old])), plan((1, "甲", [task(t) for t in new]))
    )
    old_seen = [i for _m, i, _j in diff.matches] + [i for _m, i, _t in diff.tasks_removed]
    new_seen = [j for _m, _i, j in diff.matches] + [j for _m, j, _t in diff.tasks_added]
    assert sorted(old_seen) == list(range(len(old)))
    assert sorted(new_seen) == list(range(len(new)))
