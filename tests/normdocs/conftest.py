import datetime as dt

import pytest
from django.utils import timezone

from fazhi.core.choices import Role
from fazhi.normdocs import services
from fazhi.normdocs.choices import FindingStatus, ReviewOpinion
from fazhi.normdocs.importing import RegistryRow
from tests.factories import UnitFactory

CLEAN_BODY = (
    "第一条 为了规范政务服务帮办代办工作,根据《优化营商环境条例》,结合本县实际,制定本办法。\n"
    "第二条 县政务服务中心设立帮办代办窗口,免费提供帮办代办服务。\n"
    "第三条 县行政审批服务管理局负责帮办代办人员的培训和考核。\n"
    "第四条 本办法自公布之日起30日后施行,有效期5年。"
)
PLANTED_BODY = (
    "第一条 为了规范城区流动摊点经营秩序,根据《中华人民共和国行政复议法》(2017年修正),制定本办法。\n"
    "第二条 在城区从事流动摊点经营的,须经县城市管理局批准。\n"
    "第三条 违反本办法规定设摊的,处以二百元罚款。\n"
    "第四条 对拒不改正的,可以扣押其经营物品。\n"
    "第五条 摊点经营者应当缴纳卫生保证金五百元。\n"
    "第六条 经营者不得在夜间二十二时以后营业。\n"
    "第七条 本办法自印发之日起施行,有效期十年。"
)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    """Opinion letters and original files go to a temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _fresh_search_hints():
    """Each test starts without the hints earlier searches left (search.HINTS): a hint changes
    which queries a page runs, never what it shows."""
    from fazhi.normdocs import search

    search.HINTS.clear()
    yield
    search.HINTS.clear()


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def justice_bureau(db):
    return UnitFactory(name="天镇县司法局")


@pytest.fixture
def drafting_unit(db):
    return UnitFactory(name="天镇县市场监督管理局")


@pytest.fixture
def reviewer(make_user, justice_bureau):
    return make_user(Role.REVIEWER, unit=justice_bureau)


@pytest.fixture
def reporter(make_user, drafting_unit):
    return make_user(Role.REPORTER, unit=drafting_unit)


@pytest.fixture
def other_reporter(make_user):
    return make_user(Role.REPORTER, unit=UnitFactory(name="天镇县民政局"))


@pytest.fixture
def make_draft(reporter, drafting_unit):
    def _make(body=CLEAN_BODY, title="政务服务帮办代办工作办法", actor=None):
        return services.normdoc_create(
            actor=actor or reporter, title=title, issuer=drafting_unit, body=body
        )

    return _make


@pytest.fixture
def in_review(make_draft, reporter, today):
    """A draft past its comment period, submitted for legality review."""

    def _make(body=CLEAN_BODY, title="政务服务帮办代办工作办法", at=None):
        at = at or today
        draft = make_draft(body=body, title=title)
        services.normdoc_open_comment(
            actor=reporter, document=draft, started_on=at - dt.timedelta(days=40)
        )
        review = services.normdoc_submit_for_review(
            actor=reporter, document=draft, submitted_on=at - dt.timedelta(days=2)
        )
        return draft, review

    return _make


@pytest.fixture
def published(in_review, reporter, reviewer, today):
    """Takes a clean draft through review, deliberation and publication."""

    def _make(
        doc_number="天市监发〔2026〕7号",
        body=CLEAN_BODY,
        title="政务服务帮办代办工作办法",
        published_on=None,
    ):
        on = published_on or today
        draft, review = in_review(body=body, title=title, at=on)
        for finding in review.findings.all():
            services.review_finding_set(
                actor=reviewer, finding=finding, status=FindingStatus.DISMISSED
            )
        services.legality_review_decide(
            actor=reviewer,
            review_row=review,
            opinion=ReviewOpinion.PASS,
            decided_on=on - dt.timedelta(days=1),
        )
        draft.refresh_from_db()
        services.normdoc_deliberate(
            actor=reporter,
            document=draft,
            meeting="局务会议",
            deliberated_on=on - dt.timedelta(days=1),
        )
        draft.refresh_from_db()
        services.normdoc_publish(
            actor=reporter,
            document=draft,
            doc_number=doc_number,
            published_on=on,
            effective_on=on + dt.timedelta(days=30),
            valid_until=on + dt.timedelta(days=365 * 5),
        )
        draft.refresh_from_db()
        return draft

    return _make


@pytest.fixture
def register(reviewer, drafting_unit):
    """Register existing published documents directly (as the bulk import does)."""

    def _make(*specs):
        rows = []
        for i, spec in enumerate(specs):
            published_on = spec.get("published_on", dt.date(2024, 3, 1))
            rows.append(
                RegistryRow(
                    source=f"t{i}",
                    title=spec["title"],
                    doc_number=spec["doc_number"],
                    issuer="",
                    published_on=published_on,
                    effective_on=spec.get("effective_on", published_on + dt.timedelta(days=30)),
                    valid_until=spec.get("valid_until"),
                    body=spec.get("body", ""),
                    legal_basis=spec.get("legal_basis", ""),
                )
            )
        report = services.normdoc_import(actor=reviewer, rows=rows, default_issuer=drafting_unit)
        assert not report.failed, report.failed
        from fazhi.normdocs.models import NormativeDocument

        return list(NormativeDocument.objects.filter(doc_number__in=report.created).order_by("pk"))

    return _make
