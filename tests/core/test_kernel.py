"""The kernel's write helper, scoping rule, period registry, pages and date format."""

import datetime as dt

import pytest
from django import forms
from django.db import transaction
from django.urls import reverse

from fazhi.core import dates, periods
from fazhi.core.actors import SYSTEM
from fazhi.core.choices import Role
from fazhi.core.errors import ApplicationError, Conflict, CoreError, NotFound, PermissionDenied
from fazhi.core.models import AuditEvent, Region, StatutoryPeriod
from fazhi.core.periods import Period, PeriodUnit
from fazhi.core.scoping import region_prefix, region_q
from fazhi.core.services import period_set_for_region, period_update
from fazhi.core.writes import created, guarded

DECLARED = {
    "core.test_reply": Period(
        "core.test_reply", "测试答复", 5, PeriodUnit.WORKING_DAY, "测试法", "第1条"
    ),
    "core.test_decide": Period(
        "core.test_decide", "测试决定", 60, PeriodUnit.CALENDAR_DAY, "测试法", "第2条"
    ),
    "core.test_sue": Period("core.test_sue", "测试起诉", 6, PeriodUnit.MONTH, "测试法", "第3条"),
    "core.test_hours": Period("core.test_hours", "测试学时", 60, PeriodUnit.HOUR, "测试法", ""),
}


@pytest.fixture
def declared(db, holidays, monkeypatch):
    monkeypatch.setattr(periods, "_declared", dict(DECLARED))
    periods.sync()
    return {p.key: p for p in StatutoryPeriod.objects.filter(key__startswith="core.test_")}


@pytest.fixture
def legal_office(make_user):
    return make_user(Role.REVIEWER)


def test_sync_seeds_each_declared_period_once_and_keeps_edits(declared, legal_office):
    assert set(declared) == set(DECLARED)
    period_update(
        actor=legal_office,
        period_id=declared["core.test_reply"].pk,
        version=1,
        value=7,
        note="省规定",
    )
    assert periods.sync() == 0
    assert StatutoryPeriod.objects.get(key="core.test_reply").value == 7


def test_due_counts_working_days_across_the_spring_festival(declared):
    # 2026-02-13 (Fri) + 5 working days: 14 Feb is an adjusted working Saturday, 15–23 rest.
    deadline = periods.due("core.test_reply", dt.date(2026, 2, 13))
    assert deadline.date == dt.date(2026, 2, 27)
    assert deadline.provisional is False


def test_due_adds_extra_calendar_days_to_a_calendar_period(declared):
    assert periods.due("core.test_decide", dt.date(2026, 3, 2)).date == dt.date(2026, 5, 6)
    later = periods.due("core.test_decide", dt.date(2026, 3, 2), extra_days=3)
    assert later.date == dt.date(2026, 5, 6)  # 5 May would be a holiday; rolled to the 6th
    assert periods.due("core.test_sue", dt.date(2026, 1, 31)).date == dt.date(2026, 7, 31)


def test_due_refuses_a_quota_and_an_undeclared_key(declared):
    with pytest.raises(ValueError):
        periods.due("core.test_hours", dt.date(2026, 3, 2))
    with pytest.raises(KeyError):
        periods.due("core.nothing", dt.date(2026, 3, 2))
    assert periods.value("core.test_hours") == 60


def test_a_region_value_is_found_before_the_national_one(declared, legal_office):
    county = Region.objects.get_or_create(code="140222", defaults={"name": "天镇县"})[0]
    other = Region.objects.get_or_create(code="140221", defaults={"name": "阳高县"})[0]
    period_set_for_region(
        actor=legal_office,
        period_id=declared["core.test_reply"].pk,
        region=county,
        value=3,
        note="县规定",
    )
    assert periods.value("core.test_reply", region="140222") == 3
    assert periods.value("core.test_reply", region=other.code) == 5
    assert periods.value("core.test_reply") == 5


def test_a_region_value_needs_its_basis(declared, legal_office):
    county = Region.objects.get_or_create(code="140222", defaults={"name": "天镇县"})[0]
    before = AuditEvent.objects.count()
    with pytest.raises(ApplicationError) as exc:
        period_set_for_region(
            actor=legal_office,
            period_id=declared["core.test_reply"].pk,
            region=county,
            value=3,
            note=" ",
        )
    assert exc.value.fields == {"note": "必填"}
    assert StatutoryPeriod.objects.filter(region=county).count() == 0
    assert AuditEvent.objects.count() == before


def test_guarded_saves_changed_fields_bumps_version_and_audits(declared, legal_office):
    row = declared["core.test_decide"]
    period_update(actor=legal_office, period_id=row.pk, version=1, value=90, note="试行")
    row.refresh_from_db()
    assert (row.value, row.version, row.note) == (90, 2, "试行")
    event = AuditEvent.objects.order_by("-seq").first()
    assert event.action == "core.period_update"
    assert event.before == {"value": 60, "note": ""}
    assert event.after == {"value": 90, "note": "试行"}
    assert event.actor_id == legal_office.pk


def test_guarded_refusals_write_nothing(declared, legal_office, make_user):
    row = declared["core.test_decide"]
    before = AuditEvent.objects.count()
    reporter = make_user(Role.REPORTER)
    with pytest.raises(PermissionDenied):
        period_update(actor=reporter, period_id=row.pk, version=1, value=1)
    with pytest.raises(Conflict):
        period_update(actor=legal_office, period_id=row.pk, version=0, value=1)
    with pytest.raises(NotFound):
        period_update(actor=legal_office, period_id=10**9, version=1, value=1)
    with pytest.raises(TypeError):
        period_update(actor=None, period_id=row.pk, version=1, value=1)
    with pytest.raises(ApplicationError) as exc:  # full_clean: the check constraint
        period_update(actor=legal_office, period_id=row.pk, version=1, value=0)
    assert exc.value.code == CoreError.INVALID
    row.refresh_from_db()
    assert (row.value, row.version) == (60, 1)
    assert AuditEvent.objects.count() == before


def test_guarded_checks_status_and_action_names(declared):
    row = declared["core.test_decide"]
    with (
        transaction.atomic(),
        pytest.raises(ApplicationError) as exc,
        guarded(
            StatutoryPeriod,
            row.pk,
            actor=SYSTEM,
            action="core.period_update",
            allowed=(PeriodUnit.WORKING_DAY,),
            status_field="unit",
        ),
    ):
        pass
    assert exc.value.code == CoreError.WRONG_STATUS
    with pytest.raises(ValueError):
        guarded(StatutoryPeriod, row.pk, actor=SYSTEM, action="Update period")


@pytest.mark.django_db(transaction=True)
def test_guarded_outside_a_transaction_is_a_programming_error():
    Region.objects.create(code="140223", name="广灵县")
    with (
        pytest.raises(RuntimeError),
        guarded(Region, "140223", actor=SYSTEM, action="core.region_rename"),
    ):
        pass


def test_created_validates_saves_and_audits(db):
    with transaction.atomic():
        region = created(
            Region(code="140223", name="广灵县"), actor=SYSTEM, action="core.region_create"
        )
    event = AuditEvent.objects.get(action="core.region_create")
    assert event.actor_name == "系统"
    assert event.after == {"code": "140223", "name": "广灵县"}
    assert region.pk == "140223"
    with transaction.atomic(), pytest.raises(ApplicationError):
        created(Region(code="040000", name="无效"), actor=SYSTEM, action="core.region_create")
    assert not Region.objects.filter(code="040000").exists()


@pytest.mark.parametrize(
    ("code", "prefix"), [("140000", "14"), ("140200", "1402"), ("140222", "140222")]
)
def test_region_prefix_nests_province_city_county(code, prefix):
    assert region_prefix(code) == prefix


def test_region_q_matches_below_and_not_beside(db):
    for code, name in [("140000", "山西省"), ("140200", "大同市"), ("140222", "天镇县")]:
        Region.objects.get_or_create(code=code, defaults={"name": name})
    Region.objects.get_or_create(code="140100", defaults={"name": "太原市"})
    Region.objects.get_or_create(code="140105", defaults={"name": "小店区"})
    city = set(Region.objects.filter(region_q("code", "140200")).values_list("code", flat=True))
    assert city == {"140200", "140222"}
    county = Region.objects.filter(region_q("code", "140222")).values_list("code", flat=True)
    assert list(county) == ["140222"]


def test_dates_read_without_leading_zeros():
    assert dates.day(dt.date(2026, 3, 5)) == "2026年3月5日"
    assert dates.day(None) == ""
    assert dates.today(dt.date(2020, 1, 1)) == dt.date(2020, 1, 1)


def test_form_renderer_styles_every_widget():
    class Sample(forms.Form):
        name = forms.CharField(label="名称")
        kind = forms.ChoiceField(label="类别", choices=[("a", "甲")])
        agree = forms.BooleanField(label="同意", required=False)

    html = str(Sample())
    assert 'class="form-control"' in html
    assert 'class="form-select"' in html
    assert 'class="form-check-input"' in html
    assert 'class="form-label"' in html
    bound = Sample(data={"kind": "a"})
    assert "is-invalid" in str(bound["name"])


def test_period_pages_list_edit_and_show_a_refusal_on_the_form(client, declared, legal_office):
    client.force_login(legal_office)
    listing = client.get(reverse("core:period_list"), {"q": "测试"})
    assert listing.status_code == 200
    assert "测试答复" in listing.content.decode()
    export = client.get(reverse("core:period_list"), {"q": "测试", "format": "xlsx"})
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    row = declared["core.test_reply"]
    url = reverse("core:period_detail", args=[row.pk])
    page = client.get(url)
    assert 'name="edit-version" value="1"' in page.content.decode()
    # The edit form opens with the period's current value, not an empty field to retype.
    assert page.context["actions"]["edit"].form["value"].value() == row.value == 5
    done = client.post(
        f"{url}?action=edit", {"edit-version": 1, "edit-value": 7, "edit-note": "省规定"}
    )
    assert done.status_code == 302
    # The same page, still showing version 1, is submitted again: refused on the form.
    stale = client.post(f"{url}?action=edit", {"edit-version": 1, "edit-value": 9})
    assert stale.status_code == 200
    assert "已被他人修改" in stale.content.decode()
    row.refresh_from_db()
    assert (row.value, row.version) == (7, 2)


def test_period_page_offers_no_edit_to_a_reporter(client, declared, make_user):
    reporter = make_user(Role.REPORTER)
    client.force_login(reporter)
    url = reverse("core:period_detail", args=[declared["core.test_reply"].pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "edit-version" not in page.content.decode()
    refused = client.post(f"{url}?action=edit", {"edit-version": 1, "edit-value": 9})
    assert refused.status_code == 403
    assert StatutoryPeriod.objects.get(key="core.test_reply").value == 5


def test_a_missing_row_is_a_404_page_not_a_500(client, make_user):
    client.force_login(make_user(Role.REPORTER))
    response = client.get("/core/units/987654/")
    assert response.status_code == 404
    # the page names what the selector did not find; an address that matches nothing, and
    # Django's own messages, get the general line
    assert "单位不存在" in response.content.decode()
    nowhere = client.get("/core/no-such-page/")
    assert nowhere.status_code == 404
    page = nowhere.content.decode()
    assert "您要找的内容不存在" in page and "Resolver404" not in page and "path" not in page


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2024", 2024),
        (" 2031 ", 2031),
        ("2000", 2000),
        ("2100", 2100),
        ("1999", None),
        ("2101", None),
        ("", None),
        (None, None),
        ("二〇二四", None),
        ("2024.5", None),
        ("9" * 400, None),
    ],
)
def test_a_pages_year_is_the_year_asked_or_else_this_year(raw, expected):
    assert dates.requested_year(raw) == (expected or dates.today().year)


def test_a_detail_page_refuses_an_action_named_like_a_dict_attribute():
    from django import forms
    from django.core.exceptions import ImproperlyConfigured

    from fazhi.core.pages import Action, ObjectDetailView

    with pytest.raises(ImproperlyConfigured, match="copy"):
        type(
            "Page",
            (ObjectDetailView,),
            {"actions": [Action("copy", "复制", forms.Form, lambda **kw: None)]},
        )


def test_choice_lists_render_one_form_check_row_per_option():
    """The wrapper of a checkbox or radio list took the options' form-check-input class (a 1em
    box: exchange's dataset boxes and decisions' procedures read one character per line)."""
    import re

    from django import forms

    class Form(forms.Form):
        kinds = forms.MultipleChoiceField(
            label="数据集", choices=[("a", "甲"), ("b", "乙")], widget=forms.CheckboxSelectMultiple
        )
        level = forms.ChoiceField(
            label="级别", choices=[("x", "一"), ("y", "二")], widget=forms.RadioSelect
        )

    html = str(Form())
    for name, kind in (("kinds", "checkbox"), ("level", "radio")):
        wrapper = re.search(rf'<div id="id_{name}"([^>]*)>', html)
        assert wrapper and "class" not in wrapper.group(1)
        rows = re.findall(
            rf'<div class="form-check"><input type="{kind}" name="{name}"[^>]*class="form-check-input"',
            html,
        )
        assert len(rows) == 2, html
