"""The error pages keep the frame of the part of the site they answer for: a visitor of the
public portal is not shown the staff site's header and sign-in button."""

from fazhi.core.choices import Role

PORTAL = "法治政府建设公开查询"
STAFF = "法治政府建设监督平台"


def test_a_missing_public_page_is_in_the_portals_frame(client, db):
    for url in ("/public/no-such-page/", "/public/normdocs/999999/"):
        response = client.get(url)
        page = response.content.decode()
        assert response.status_code == 404, url
        assert PORTAL in page and STAFF not in page, url
    # the selector's message, not the generic one
    assert "不存在" in client.get("/public/normdocs/999999/").content.decode()


def test_a_missing_staff_page_is_in_the_staff_frame(client, make_user):
    client.force_login(make_user(Role.SUPERVISOR))
    response = client.get("/plans/tasks/999999/")
    page = response.content.decode()
    assert response.status_code == 404
    assert STAFF in page and PORTAL not in page


def test_a_refusal_is_in_the_staff_frame_with_its_reason(client, make_user):
    client.force_login(make_user(Role.REPORTER))
    response = client.get("/core/audit/")
    page = response.content.decode()
    assert response.status_code == 403
    assert STAFF in page and "只有依法治县办和领导可以查看审计记录" in page


def test_a_refusal_without_a_reason_gives_the_default_one(rf, db):
    from django.contrib.auth.models import AnonymousUser
    from django.core.exceptions import PermissionDenied

    from fazhi.core.errorpages import denied

    for path, frame in (("/public/disputes/apply/", PORTAL), ("/core/units/", STAFF)):
        request = rf.get(path)
        request.user = AnonymousUser()
        page = denied(request, PermissionDenied()).content.decode()
        assert frame in page and "您的账号没有查看或办理此项的权限。" in page, path
