"""Anonymous public comment: length, rate limit per client, escaping, moderation, summary."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory, override_settings

from fazhi.core.actors import SYSTEM
from fazhi.core.clientip import client_ip as client_address
from fazhi.core.errors import ApplicationError, PermissionDenied
from fazhi.decisions.choices import CommentStatus
from fazhi.decisions.models import Comment
from fazhi.decisions.services import consultations, dossier

from .conftest import new_decision

pytestmark = pytest.mark.django_db
OPEN = dt.date(2026, 5, 10)


@pytest.fixture(autouse=True)
def one_minute(monkeypatch):
    """Every comment of a test falls in the same rate-limit minute, however slow the machine."""
    monkeypatch.setattr(consultations, "_minute", lambda: 29_000_000)


@pytest.fixture
def consultation(government, bureau):
    decision = new_decision(government, bureau)
    return dossier.decision_open_consultation(
        actor=SYSTEM,
        decision_id=decision.pk,
        version=None,
        opens_on=dt.date(2026, 5, 4),
        closes_on=dt.date(2026, 6, 3),
        draft_text="草案全文",
    )


def submit(consultation, text, client="203.0.113.7", **kw):
    return consultations.comment_submit(
        actor=AnonymousUser(),
        consultation_id=consultation.pk,
        text=text,
        client=client,
        as_of=kw.pop("as_of", OPEN),
        **kw,
    )


def test_a_comment_waits_for_moderation(consultation, clerk):
    comment = submit(consultation, "建议增加加装电梯的补贴", author_name="张三")
    assert comment.status == CommentStatus.PENDING
    assert comment.client_digest != "203.0.113.7" and len(comment.client_digest) == 64
    consultations.comment_moderate(actor=clerk, comment_id=comment.pk, version=1, approve=True)
    comment.refresh_from_db()
    assert comment.status == CommentStatus.APPROVED and comment.moderated_by == clerk


def test_an_oversize_or_empty_comment_is_refused(consultation, nothing_written):
    with nothing_written(), pytest.raises(ApplicationError) as exc:
        submit(consultation, "长" * 100_000)
    assert exc.value.code == "comment_too_long" and "2000" in exc.value.message
    with nothing_written(), pytest.raises(ApplicationError) as exc:
        submit(consultation, " \x00\x07 ")
    assert exc.value.code == "comment_empty"


def test_comments_are_refused_outside_the_period(consultation, nothing_written):
    with nothing_written(), pytest.raises(ApplicationError) as exc:
        submit(consultation, "意见", as_of=dt.date(2026, 6, 4))
    assert exc.value.code == "consultation_closed"


def test_a_client_is_limited_per_minute_and_others_are_not(consultation, nothing_written):
    for i in range(5):
        submit(consultation, f"意见{i}")
    with nothing_written(), pytest.raises(ApplicationError) as exc:
        submit(consultation, "第六条")
    assert exc.value.code == "rate_limited"
    submit(consultation, "另一位市民的意见", client="198.51.100.2")
    assert Comment.objects.count() == 6


def test_a_thousand_comments_from_one_client_leave_five(consultation):
    refused = 0
    for i in range(1000):
        try:
            submit(consultation, f"刷屏{i}")
        except ApplicationError:
            refused += 1
    assert (refused, Comment.objects.count()) == (995, 5)


def test_the_limit_starts_again_the_next_minute(consultation, monkeypatch):
    for i in range(5):
        submit(consultation, f"意见{i}")
    monkeypatch.setattr(consultations, "_minute", lambda: 29_000_001)
    assert submit(consultation, "下一分钟的意见").pk


@override_settings(FAZHI_TRUSTED_PROXIES=["10.0.0.0/8"])
def test_the_client_address_is_read_behind_a_trusted_proxy_only():
    rf = RequestFactory()
    behind = rf.get("/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.9")
    assert client_address(behind) == "203.0.113.9"
    chained = rf.get("/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="203.0.113.9, 10.0.0.7")
    assert client_address(chained) == "203.0.113.9"
    direct = rf.get("/", REMOTE_ADDR="198.51.100.1", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert client_address(direct) == "198.51.100.1"


def test_only_the_consulting_body_moderates_and_summarises(
    consultation, drafter, clerk, nothing_written
):
    comment = submit(consultation, "意见")
    with nothing_written(), pytest.raises(PermissionDenied):
        consultations.comment_moderate(
            actor=drafter, comment_id=comment.pk, version=1, approve=True
        )
    with nothing_written(), pytest.raises(ApplicationError) as exc:
        consultations.consultation_close(
            actor=clerk, consultation_id=consultation.pk, version=None, as_of=dt.date(2026, 6, 3)
        )
    assert exc.value.code == "comment_open"
    consultations.consultation_close(
        actor=clerk, consultation_id=consultation.pk, version=None, as_of=dt.date(2026, 6, 4)
    )
    with nothing_written(), pytest.raises(ApplicationError) as exc:
        consultations.consultation_summarise(
            actor=clerk,
            consultation_id=consultation.pk,
            version=None,
            summary="采纳",
            summarised_on=dt.date(2026, 6, 5),
        )
    assert exc.value.code == "summary_missing"
