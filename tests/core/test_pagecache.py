"""The page cache: a page is served again only while no write has committed since."""

import pytest
from django.contrib import messages
from django.db import transaction
from django.http import HttpResponse
from django.middleware.csrf import _unmask_cipher_token
from django.test import RequestFactory
from django.utils import translation

from fazhi.core import pagecache
from fazhi.core.models import OrgUnit
from tests.factories import UnitFactory


@pytest.fixture
def page_cache(settings):
    settings.FAZHI_PAGE_CACHE = True


D, A = pagecache.DATA, pagecache.AUDIT


@pytest.mark.parametrize(
    ("sql", "written"),
    [
        ('SELECT "core_orgunit"."id" FROM "core_orgunit"', None),
        ('SELECT "plans_task"."id" FROM "plans_task" FOR UPDATE', None),
        ('INSERT INTO "core_orgunit" ("name") VALUES (%s)', D),
        ('UPDATE "plans_task" SET "percent_done" = %s', D),
        ('  delete from "plans_obligation" where id = 1', D),
        ("WITH moved AS (DELETE FROM t RETURNING *) INSERT INTO u SELECT * FROM moved", D),
        ("WITH x AS (SELECT 1) SELECT * FROM x", None),
        ('COPY "plans_task" FROM STDIN', D),
        ('UPDATE "django_session" SET "session_data" = %s', None),
        ('INSERT INTO "axes_accessattempt" ("username") VALUES (%s)', None),
        ('DELETE FROM "fazhi_cache" WHERE cache_key = %s', None),
        ('UPDATE "core_user" SET "last_login" = %s WHERE "core_user"."id" = %s', None),
        ('UPDATE "core_user" SET "last_login" = %s, "full_name" = %s WHERE "id" = %s', D),
        (
            'WITH event AS (INSERT INTO "core_auditevent" ("seq") VALUES (%s) RETURNING id) '
            'UPDATE "core_audithead" SET "seq" = %s',
            A,
        ),
        ('SAVEPOINT "s1"', None),
    ],
)
def test_which_generation_a_statement_changes(sql, written):
    assert pagecache.written(sql) == written


def test_off_with_a_per_process_cache_unless_asked(settings, monkeypatch):
    settings.FAZHI_PAGE_CACHE = None
    assert settings.CACHES["default"]["BACKEND"].endswith("LocMemCache")
    assert not pagecache.enabled()
    redis = "django.core.cache.backends.redis.RedisCache"
    monkeypatch.setitem(settings.CACHES["default"], "BACKEND", redis)
    assert pagecache.enabled()
    settings.FAZHI_PAGE_CACHE = False
    assert not pagecache.enabled()


def test_a_committed_write_replaces_the_data_generation(db, django_capture_on_commit_callbacks):
    before = pagecache.generations()
    with django_capture_on_commit_callbacks(execute=True):
        UnitFactory()
    after = pagecache.generations()
    assert after[D] != before[D] and after[A] == before[A]


def _committed_user(make_user, capture):
    # The test's earlier writes (fixtures) never commit; committing one runs their bump too.
    with capture(execute=True):
        return make_user()


def test_an_audit_event_alone_replaces_the_audit_generation(
    make_user, django_capture_on_commit_callbacks
):
    from fazhi.core import audit

    supervisor = _committed_user(make_user, django_capture_on_commit_callbacks)
    before = pagecache.generations()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        audit.record(actor=supervisor, action="core.page_test", object_type="x", object_id="1")
    after = pagecache.generations()
    assert after[A] != before[A] and after[D] == before[D]


def test_a_rolled_back_write_keeps_the_generation(db, django_capture_on_commit_callbacks):
    before = pagecache.generations()
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            UnitFactory()
            raise RuntimeError("undone")
        list(OrgUnit.objects.all())
    assert pagecache.generations() == before


def test_a_lost_generation_is_a_new_one(db):
    from django.core.cache import cache

    first = pagecache.generations()[D]
    cache.delete(D)
    assert pagecache.generations()[D] not in (None, first)


def _request(user, path="/x/"):
    request = RequestFactory().get(path)
    request.user = user
    request.session = {}
    request._messages = messages.storage.default_storage(request)
    return request


def _page(request):
    from django.middleware.csrf import get_token

    token = get_token(request)
    body = (
        f'<body hx-headers=\'{{"X-CSRFToken": "{token}"}}\'>'
        f'<input type="hidden" name="csrfmiddlewaretoken" value="{get_token(request)}">'
        f"{OrgUnit.objects.count()}</body>"
    )
    return HttpResponse(body)


def test_served_again_until_a_write_commits(
    page_cache, supervisor, django_capture_on_commit_callbacks
):
    calls = []

    def render(request):
        calls.append(1)
        return _page(request)

    first = pagecache.serve(_request(supervisor), lambda: render(_request(supervisor)))
    again = pagecache.serve(_request(supervisor), lambda: render(_request(supervisor)))
    assert len(calls) == 1
    assert again.content.decode().endswith(f"{OrgUnit.objects.count()}</body>")
    with django_capture_on_commit_callbacks(execute=True):
        UnitFactory()
    request = _request(supervisor)
    after = pagecache.serve(request, lambda: render(request))
    assert len(calls) == 2
    assert after.content != first.content
    assert after.content.decode().endswith(f"{OrgUnit.objects.count()}</body>")


def test_each_request_gets_its_own_csrf_token(page_cache, supervisor):
    import re

    first = _request(supervisor)
    pagecache.serve(first, lambda: _page(first))
    second = _request(supervisor)
    second.META["CSRF_COOKIE"] = "b" * 32
    body = pagecache.serve(second, lambda: pytest.fail("rendered again")).content.decode()
    tokens = re.findall(r"[A-Za-z0-9]{64}", body)
    assert len(tokens) == 2
    assert all(_unmask_cipher_token(t) == "b" * 32 for t in tokens)


def test_keyed_by_user_language_and_path(page_cache, supervisor, leader):
    def render(text):
        return lambda: HttpResponse(text)

    pagecache.serve(_request(supervisor), render("supervisor"))
    assert pagecache.serve(_request(leader), render("leader")).content == b"leader"
    assert pagecache.serve(_request(supervisor, "/x/?page=2"), render("p2")).content == b"p2"
    with translation.override("en"):
        assert pagecache.serve(_request(supervisor), render("en")).content == b"en"
    assert pagecache.serve(_request(supervisor), render("again")).content == b"supervisor"


def test_messages_are_never_cached(page_cache, supervisor):
    waiting = _request(supervisor)
    messages.success(waiting, "已保存")
    pagecache.serve(waiting, lambda: HttpResponse("with message"))
    request = _request(supervisor)
    pagecache.serve(request, lambda: (messages.info(request, "x"), HttpResponse("added"))[1])
    assert pagecache.serve(_request(supervisor), lambda: HttpResponse("fresh")).content == b"fresh"


def test_only_plain_html_answers_are_stored(page_cache, supervisor):
    pagecache.serve(_request(supervisor), lambda: HttpResponse("gone", status=404))
    cookie = HttpResponse("cookie")
    cookie.set_cookie("x", "1")
    pagecache.serve(_request(supervisor, "/c/"), lambda: cookie)
    json = HttpResponse("{}", content_type="application/json")
    pagecache.serve(_request(supervisor, "/j/"), lambda: json)
    for path in ("/x/", "/c/", "/j/"):
        assert (
            pagecache.serve(_request(supervisor, path), lambda: HttpResponse("new")).content
            == b"new"
        )


def test_anonymous_and_post_requests_are_not_cached(page_cache, supervisor):
    from django.contrib.auth.models import AnonymousUser

    pagecache.serve(_request(AnonymousUser()), lambda: HttpResponse("anon"))
    assert pagecache.serve(_request(AnonymousUser()), lambda: HttpResponse("b")).content == b"b"
    post = RequestFactory().post("/x/")
    post.user, post.session = supervisor, {}
    post._messages = messages.storage.default_storage(post)
    pagecache.serve(post, lambda: HttpResponse("posted"))
    assert pagecache.serve(_request(supervisor), lambda: HttpResponse("get")).content == b"get"


def test_a_page_that_read_the_audit_trail_follows_it(
    page_cache, make_user, django_capture_on_commit_callbacks
):
    from fazhi.core import audit
    from fazhi.core.models import AuditEvent

    supervisor = _committed_user(make_user, django_capture_on_commit_callbacks)

    def trail():
        return HttpResponse(f"{AuditEvent.objects.count()} events")

    def plain():
        return HttpResponse(f"{OrgUnit.objects.count()} units")

    pagecache.serve(_request(supervisor, "/trail/"), trail)
    pagecache.serve(_request(supervisor, "/plain/"), plain)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        audit.record(actor=supervisor, action="core.page_test", object_type="x", object_id="1")
    again = pagecache.serve(_request(supervisor, "/trail/"), trail)
    assert again.content.decode() == f"{AuditEvent.objects.count()} events"
    kept = pagecache.serve(_request(supervisor, "/plain/"), lambda: HttpResponse("rendered"))
    assert kept.content.decode().endswith(" units")


def test_a_bulk_insert_replaces_the_data_generation(db, django_capture_on_commit_callbacks):
    from fazhi.core import bulk
    from fazhi.core.models import Region

    before = pagecache.generations()
    with django_capture_on_commit_callbacks(execute=True):
        bulk.insert(Region, ("code", "name"), [("140299", "某县")])  # COPY on PostgreSQL
    assert Region.objects.filter(code="140299").exists()
    assert pagecache.generations()[D] != before[D]
