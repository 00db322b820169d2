"""core.pages.refused: one way for a page to show a service's refusal."""

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.test import RequestFactory

from fazhi.core.errors import ApplicationError, NotFound, PermissionDenied
from fazhi.core.pages import refused

pytestmark = pytest.mark.django_db


class TitleForm(forms.Form):
    title = forms.CharField()


def page_request():
    request = RequestFactory().post("/")
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def test_without_a_form_the_reason_and_each_bad_row_are_messages():
    request = page_request()
    rows = [f"第{i}行:日期无效" for i in range(2, 60)]
    refused(request, ApplicationError("导入失败,未写入任何一行", fields={"rows": rows}))
    shown = [str(m) for m in get_messages(request)]
    assert shown[0] == "导入失败,未写入任何一行"
    assert shown[1:] == rows[:50]


def test_with_a_form_the_refusal_goes_on_it_and_not_into_messages():
    request, form = page_request(), TitleForm({"title": "x"})
    form.is_valid()
    refused(request, ApplicationError("标题重复", fields={"title": "已有同名文件"}), form)
    assert form.errors["title"] == ["已有同名文件"]
    assert form.non_field_errors() == ["标题重复"]
    assert not list(get_messages(request))


@pytest.mark.parametrize("error", [PermissionDenied("不是本单位的案件"), NotFound("没有这份文件")])
def test_a_refusal_to_show_or_to_let_act_is_raised_for_the_error_pages(error):
    request = page_request()
    with pytest.raises(type(error)):
        refused(request, error, TitleForm())
    assert not list(get_messages(request))
