"""Uploads on an S3-compatible bucket: a real S3 server (moto's, on a loopback port) behind
django-storages, driven through the app's storage and file checks."""

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from django.core.files.base import ContentFile
from django.test import RequestFactory, override_settings

pytest.importorskip(
    "storages.backends.s3", reason="the s3 extra is not installed: pip install 'fazhi[s3-test]'"
)
pytest.importorskip("moto.server", reason="no local S3 server: pip install 'fazhi[s3-test]'")

import boto3  # noqa: E402

from fazhi.settings import s3_storages  # noqa: E402

BUCKET = "fazhi-test"
KEYS = {"FAZHI_S3_ACCESS_KEY": "test-access", "FAZHI_S3_SECRET_KEY": "test-secret"}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def s3_endpoint():
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("the local S3 server did not start")
        yield endpoint
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture
def bucket(s3_endpoint):
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        aws_access_key_id=KEYS["FAZHI_S3_ACCESS_KEY"],
        aws_secret_access_key=KEYS["FAZHI_S3_SECRET_KEY"],
        region_name="us-east-1",
    )
    client.create_bucket(Bucket=BUCKET)
    env = {"FAZHI_S3_BUCKET": BUCKET, "FAZHI_S3_ENDPOINT": s3_endpoint, **KEYS}
    with override_settings(STORAGES=s3_storages(env)):
        yield client
    listed = client.list_objects_v2(Bucket=BUCKET).get("Contents", [])
    for item in listed:
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


def _evidence_file(name):
    from django.db.models.fields.files import FieldFile

    from fazhi.plans.models import Evidence

    return FieldFile(None, Evidence._meta.get_field("file"), name)


@pytest.mark.django_db
def test_upload_and_download_through_the_apps_storage(bucket):
    from django.core.files.storage import default_storage

    from fazhi.core import files

    body = "天镇县司法局 佐证材料".encode()
    name = default_storage.save("evidence/2026/report.txt", ContentFile(body))
    again = default_storage.save("evidence/2026/report.txt", ContentFile(b"other"))
    assert again != name  # never overwriting
    stored = bucket.get_object(Bucket=BUCKET, Key=name)["Body"].read()
    assert stored == body
    signed = default_storage.url(name)
    assert "X-Amz-Signature=" in signed
    with urllib.request.urlopen(signed) as link:  # noqa: S310 - the local server
        assert link.read() == body
    with pytest.raises(urllib.error.HTTPError) as unsigned:
        urllib.request.urlopen(signed.split("?", 1)[0])  # noqa: S310
    assert unsigned.value.code == 403  # private ACL

    fieldfile = _evidence_file(name)
    files.record(fieldfile)
    response = files.serve(RequestFactory().get("/"), fieldfile, filename="report.txt")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == body
    assert files.verify_all() == []


@pytest.mark.django_db
def test_a_changed_object_in_the_bucket_is_refused_and_reported(bucket):
    from django.core.files.storage import default_storage

    from fazhi.core import files

    name = default_storage.save("evidence/2026/decision.txt", ContentFile(b"original"))
    fieldfile = _evidence_file(name)
    files.record(fieldfile)
    bucket.put_object(Bucket=BUCKET, Key=name, Body=b"altered")
    request = RequestFactory().get("/")
    request.user = type("Anon", (), {"is_authenticated": False})()
    assert files.serve(request, fieldfile, filename="decision.txt").status_code == 409
    assert [p.name for p in files.verify_all()] == [name]
