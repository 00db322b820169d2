"""An attachment changed on disk after it was saved is refused when downloaded."""

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from fazhi.core.models import AuditEvent, FileDigest
from fazhi.disputes import services


def test_changed_attachment_is_refused_on_download(
    client, clerk, application, holidays, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    case, _code = services.reconsideration_apply(
        actor=clerk,
        application=application(),
        channel="counter",
        received_on=dt.date(2026, 2, 13),
        files=[SimpleUploadedFile("申请书.pdf", b"%PDF-1.4 original")],
    )
    attachment = case.attachments.get()
    assert FileDigest.objects.filter(name=attachment.file.name).exists()
    url = reverse("disputes:attachment_download", args=[case.pk, attachment.pk])
    client.force_login(clerk)
    ok = client.get(url)
    assert ok.status_code == 200 and b"".join(ok.streaming_content) == b"%PDF-1.4 original"
    missing = reverse("disputes:attachment_download", args=[case.pk + 1000, attachment.pk])
    assert client.get(missing).status_code == 404
    with open(attachment.file.path, "wb") as fh:
        fh.write(b"%PDF-1.4 forged")
    refused = client.get(url)
    assert refused.status_code == 409
    assert "不予提供" in refused.content.decode()
    assert AuditEvent.objects.filter(action="core.file_refused").count() == 1
