"""core.pages.ObjectCreateView: permission, the form with the user and initial data, the
service's refusal above the form or on its fields, the message and the new row's page."""

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory

from fazhi.core.choices import Role
from fazhi.core.errors import ApplicationError
from fazhi.core.models import OrgUnit
from fazhi.core.pages import ObjectCreateView, apply_error
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


class NameForm(forms.Form):
    name = forms.CharField(label="名称")

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user


def unit_rename(*, actor, name):
    if name == "重名":
        raise ApplicationError("名称已被使用", fields={"name": "换一个名称"})
    if name == "不行":
        raise ApplicationError("现在不能改名")
    unit = actor.unit
    unit.name = name
    unit.save()
    return unit


class RenamePage(ObjectCreateView):
    permission = "core.change_periods"
    denied_message = "只有法制机构可以改名"
    form_class = NameForm
    service = staticmethod(unit_rename)
    detail = "core:unit_detail"
    title = "改名"

    def initial(self, request):
        return {"name": request.user.unit.name}

    def success(self, row):
        return f"已改名为{row.name}"


def call(view, user, data=None):
    factory = RequestFactory()
    request = factory.post("/rename/", data) if data is not None else factory.get("/rename/")
    request.user = user
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    response = view.as_view()(request)
    return request, response


@pytest.fixture
def office(make_user):
    return make_user(unit=UnitFactory(name="县司法局"), is_superuser=True)


def test_without_the_permission_the_page_is_refused_with_its_reason(make_user):
    with pytest.raises(PermissionDenied, match="只有法制机构可以改名"):
        call(RenamePage, make_user(Role.REPORTER))


def test_the_form_is_built_with_the_user_and_the_initial_data(office):
    _request, response = call(RenamePage, office)
    page = response.content.decode()
    assert response.status_code == 200 and "改名" in page and 'value="县司法局"' in page


def test_a_refusal_is_shown_above_the_form_and_the_row_is_kept(office):
    for name, shown in (("重名", "换一个名称"), ("不行", "现在不能改名")):
        _request, response = call(RenamePage, office, {"name": name})
        page = response.content.decode()
        assert response.status_code == 200 and "alert-danger" in page and shown in page
        assert "is-invalid" not in page
    assert OrgUnit.objects.get(pk=office.unit_id).name == "县司法局"


def test_a_refusal_can_be_put_on_the_field_it_names(office):
    class OnForm(RenamePage):
        refusal_on_form = True

    _request, response = call(OnForm, office, {"name": "重名"})
    page = response.content.decode()
    assert "is-invalid" in page and "换一个名称" in page
    assert page.count("名称已被使用") == 1  # the reason stays, once, at the top


def test_apply_error_takes_lists_and_does_not_repeat_the_reason():
    form = NameForm({"name": "x"})
    form.is_valid()
    apply_error(
        form, ApplicationError("缺少依据", fields={"name": ["必填", "过长"], "rows": ["1"]})
    )
    assert form.errors["name"] == ["必填", "过长"]
    assert form.non_field_errors() == ["缺少依据"]
    form = NameForm({"name": "x"})
    form.is_valid()
    apply_error(form, ApplicationError("名称无效", fields={"name": "名称无效"}))
    assert form.errors["name"] == ["名称无效"] and not form.non_field_errors()


def test_success_says_so_and_leads_to_the_new_rows_page(office):
    request, response = call(RenamePage, office, {"name": "县司法行政局"})
    assert response.status_code == 302
    assert response.url == f"/core/units/{office.unit_id}/"
    assert [str(m) for m in get_messages(request)] == ["已改名为县司法行政局"]


def test_head_is_answered_like_get_and_other_methods_are_not(office):
    factory = RequestFactory()
    for method, status in (("head", 200), ("put", 405), ("delete", 405)):
        request = getattr(factory, method)("/rename/")
        request.user = office
        request.session = SessionStore()
        request._messages = FallbackStorage(request)
        assert RenamePage.as_view()(request).status_code == status
    assert OrgUnit.objects.get(pk=office.unit_id).name == "县司法局"
