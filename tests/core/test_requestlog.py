"""Each request has an id in its response and in its log lines; JSON lines parse."""

import json
import logging

from fazhi.core.requestlog import RequestIdFilter, request_id


def test_a_response_carries_a_fresh_request_id(client, db, caplog):
    with caplog.at_level(logging.INFO, logger="fazhi.request"):
        response = client.get("/healthz", HTTP_X_REQUEST_ID="forged-by-the-client-123")
    rid = response["X-Request-ID"]
    assert len(rid) == 32 and rid != "forged-by-the-client-123"
    (line,) = [r for r in caplog.records if r.name == "fazhi.request"]
    assert (line.path, line.status) == ("/healthz", 200)


def test_a_trusted_proxy_passes_its_request_id(client, db, settings):
    settings.FAZHI_TRUSTED_PROXIES = ["127.0.0.1"]
    response = client.get("/healthz", HTTP_X_REQUEST_ID="nginx-req-0001", REMOTE_ADDR="127.0.0.1")
    assert response["X-Request-ID"] == "nginx-req-0001"


def test_json_log_lines_carry_the_request_id():
    from pythonjsonlogger.json import JsonFormatter

    record = logging.LogRecord("fazhi.test", logging.WARNING, __file__, 1, "审计校验失败", (), None)
    token = request_id.set("abc12345")
    try:
        RequestIdFilter().filter(record)
    finally:
        request_id.reset(token)
    line = JsonFormatter("%(levelname)s %(name)s %(message)s %(request_id)s").format(record)
    assert json.loads(line) == {
        "levelname": "WARNING",
        "name": "fazhi.test",
        "message": "审计校验失败",
        "request_id": "abc12345",
    }
