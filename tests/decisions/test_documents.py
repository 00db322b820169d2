"""The dossier's official documents: issued once, numbered (文号), in the GB/T 9704 layout."""

import datetime as dt
import io
import zipfile

import docx
import pytest
from django.test import Client
from django.urls import reverse
from docx.shared import Pt

from fazhi.core.actors import SYSTEM
from fazhi.core.choices import Role
from fazhi.core.errors import ApplicationError, PermissionDenied
from fazhi.core.models import Region
from fazhi.decisions.choices import DocumentKind, HeadDecision, MeetingKind
from fazhi.decisions.models import OfficialDocument
from fazhi.decisions.services import documents, dossier
from fazhi.decisions.services.archive import decision_export_archive, verify_archive
from tests.factories import UnitFactory

from .conftest import new_decision, through_expert, through_participation
from .test_dossier import through_review, through_risk

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(county, government, bureau, justice, reviewer):
    decision = new_decision(government, bureau)
    through_risk(through_expert(through_participation(decision), county, government))
    through_review(decision, justice, reviewer)
    dossier.decision_discuss(
        actor=SYSTEM,
        decision_id=decision.pk,
        version=None,
        meeting_kind=MeetingKind.STANDING,
        meeting_on=dt.date(2026, 6, 30),
        minutes="县政府第12次常务会议讨论",
        head_name="县长张某",
        head_decision=HeadDecision.ADOPT,
        dissent="无",
    )
    return dossier.decision_publish(
        actor=SYSTEM,
        decision_id=decision.pk,
        version=None,
        published_on=dt.date(2026, 7, 3),
        explanation="采纳公众意见5条、专家意见2条",
        implementing_unit=bureau,
    )


def issue(decision, kind, prefix="天政公", actor=SYSTEM, on=dt.date(2026, 7, 6)):
    return documents.document_issue(
        actor=actor, decision_id=decision.pk, version=None, kind=kind, prefix=prefix, issued_on=on
    )


def paragraphs(doc: OfficialDocument) -> list:
    with doc.file.open("rb") as fh:
        return docx.Document(io.BytesIO(fh.read()))


def test_each_document_is_numbered_and_laid_out_as_gbt_9704(published, reviewer):
    notice = issue(published, DocumentKind.PUBLICATION_NOTICE)
    second = issue(published, DocumentKind.CONSULTATION_NOTICE)
    opinion = issue(published, DocumentKind.REVIEW_OPINION, prefix="天司审", actor=reviewer)
    summary = issue(published, DocumentKind.EXPERT_SUMMARY, prefix="天建论")
    assert (notice.number, second.number) == ("天政公〔2026〕1号", "天政公〔2026〕2号")
    assert opinion.number == "天司审〔2026〕1号" and opinion.issuer == "天镇县司法局"
    for doc in (notice, second, opinion, summary):
        out = paragraphs(doc)
        section = out.sections[0]
        # Word keeps twentieths of a point: millimetres come back within a hundredth.
        sizes = (section.page_width, section.page_height, section.top_margin, section.left_margin)
        assert [round(x.mm, 1) for x in sizes] == [210, 297, 37, 28]
        texts = [p.text for p in out.paragraphs]
        assert texts[1] == doc.number  # the 文号 right under the title
        title = out.paragraphs[0].runs[0]
        assert title.font.size == Pt(22) and out.paragraphs[0].alignment == 1
        body = out.paragraphs[3]
        assert body.runs[0].font.size == Pt(16)
        fonts = body.runs[0]._element.rPr.rFonts
        assert fonts.get(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia"
        ) == ("仿宋_GB2312")
        assert texts[-1] == "2026年7月6日"
    opinion_text = "\n".join(p.text for p in paragraphs(opinion).paragraphs)
    assert opinion_text.startswith("关于《天镇县老旧小区改造三年行动方案》的合法性审查意见书")
    assert "天镇县住房和城乡建设局:" in opinion_text and "王律师(法律顾问)" in opinion_text
    assert "第二十五条至第二十八条" in opinion_text
    summary_text = "\n".join(p.text for p in paragraphs(summary).paragraphs)
    assert "(持不同意见)" in summary_text and published.draws.get().commitment in summary_text
    notice_text = "\n".join(p.text for p in paragraphs(notice).paragraphs)
    assert (
        "采纳公众意见5条、专家意见2条" in notice_text
        and "天镇县住房和城乡建设局负责执行" in notice_text
    )


def test_a_document_is_issued_once_by_its_issuer_and_only_when_ready(
    government, bureau, published, drafter, nothing_written
):
    issue(published, DocumentKind.PUBLICATION_NOTICE)
    with nothing_written(), pytest.raises(ApplicationError) as exc:
        issue(published, DocumentKind.PUBLICATION_NOTICE)
    assert exc.value.code == "document_issued"
    # The drafting unit does not issue the legality-review body's opinion (Art. 25).
    with nothing_written(), pytest.raises(PermissionDenied):
        issue(published, DocumentKind.REVIEW_OPINION, prefix="天司审", actor=drafter)
    with nothing_written(), pytest.raises(ApplicationError) as exc:
        issue(published, DocumentKind.EXPERT_SUMMARY, prefix="天建〔")
    assert exc.value.fields == {"prefix": exc.value.message}
    early = dossier.decision_create(
        actor=SYSTEM,
        body=government,
        drafting_unit=bureau,
        title="另一项决策",
        options="方案",
        justification="说明",
        entry=published.entry,
    )
    with nothing_written(), pytest.raises(ApplicationError) as exc:
        issue(early, DocumentKind.REVIEW_OPINION, prefix="天司审")
    assert exc.value.code == "document_not_ready"


def test_documents_are_downloaded_where_visible_and_archived(published, clerk, make_user, tmp_path):
    doc = issue(published, DocumentKind.PUBLICATION_NOTICE)
    client = Client()
    client.force_login(clerk)
    url = reverse("decisions:document_download", args=[doc.pk])
    response = client.get(url)
    assert response.status_code == 200
    data = b"".join(response.streaming_content)
    assert docx.Document(io.BytesIO(data)).paragraphs[1].text == "天政公〔2026〕1号"
    page = client.get(reverse("decisions:decision_detail", args=[published.pk])).content.decode()
    assert "天政公〔2026〕1号" in page and url in page
    elsewhere = Region.objects.create(code="140221", name="阳高县")
    outsider = make_user(Role.REPORTER, unit=UnitFactory(name="阳高县人民政府", region=elsewhere))
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    out = tmp_path / "a.zip"
    manifest = decision_export_archive(actor=SYSTEM, decision_id=published.pk, out=str(out))
    paths = [f["path"] for f in manifest["files"]]
    assert f"documents/{doc.pk}_决策公布公告.docx" in paths
    assert verify_archive(str(out)).ok
    with zipfile.ZipFile(out) as zf:
        assert zf.read(f"documents/{doc.pk}_决策公布公告.docx") == doc.file.open("rb").read()


def test_the_page_issues_a_document_with_the_prefix_used_last(published, clerk):
    client = Client()
    client.force_login(clerk)
    url = reverse("decisions:decision_detail", args=[published.pk])
    response = client.post(
        url + "?action=doc_publication_notice",
        {
            "doc_publication_notice-version": published.version,
            "doc_publication_notice-prefix": "",
            "doc_publication_notice-issued_on": "2026-07-06",
        },
    )
    assert response.status_code == 200 and not OfficialDocument.objects.exists()
    published.refresh_from_db()
    response = client.post(
        url + "?action=doc_publication_notice",
        {
            "doc_publication_notice-version": published.version,
            "doc_publication_notice-prefix": "天政公",
            "doc_publication_notice-issued_on": "2026-07-06",
        },
    )
    assert response.status_code == 302
    assert OfficialDocument.objects.get().number == "天政公〔2026〕1号"
    page = client.get(url).content.decode()
    assert 'id="action-doc_publication_notice"' not in page
    assert 'id="action-doc_consultation_notice"' in page
    assert 'id="action-doc_review_opinion"' not in page  # the legality-review body's document
