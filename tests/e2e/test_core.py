from playwright.sync_api import expect

from fazhi.core.choices import Role


def test_login_and_browse_directory(page, login, directory, make_user):
    user = make_user(Role.REPORTER, full_name="王填报")
    login(user)
    page.goto("/core/units/")
    assert page.locator("h1").inner_text() == "单位名录"
    page.fill("#q", "县发改委")
    rows = page.locator("#units tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("天镇县发展和改革局")
    page.click("#units tbody tr a")
    page.wait_for_selector("h1:has-text('天镇县发展和改革局')")
    assert "县发改局" in page.content()


def test_wrong_password_is_refused(page, make_user):
    user = make_user(Role.REPORTER)
    page.goto("/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", "not-the-password")
    page.click("main form button[type=submit]")
    assert "用户名或密码不正确" in page.content()


def test_supervisor_sees_audit_trail(page, login, supervisor):
    from django.db import transaction

    from fazhi.core import audit

    with transaction.atomic():
        audit.record(
            actor=supervisor,
            action="test.write",
            object_type="plans.task",
            object_id="1",
            object_repr="任务一",
        )
    login(supervisor)
    # Signing in is audited too: read the trail of the object written above.
    page.goto("/core/audit/?object_type=plans.task&object_id=1")
    assert page.locator("#audit tbody tr").first.inner_text().count("test.write") == 1
