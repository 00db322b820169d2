"""`core.memo.per_request`: one computation per arguments within a safe request, none kept
outside it or across requests, and none in a request that may write."""

from django.http import HttpResponse
from django.test import RequestFactory

from fazhi.core import memo

calls: list[tuple] = []


@memo.per_request
def figures(year, region=None):
    calls.append((year, region))
    return [year, region]


def setup_function():
    calls.clear()


def test_outside_a_request_every_call_computes():
    figures(2025)
    figures(2025)
    assert calls == [(2025, None), (2025, None)]


def test_within_a_scope_each_arguments_compute_once():
    with memo.scope():
        assert figures(2025, region="140222") == [2025, "140222"]
        figures(2025, region="140222")
        figures(2025, "140222")  # positional: another key, computed once more
        figures(2024, region="140222")
    with memo.scope():
        figures(2025, region="140222")  # a new request computes again
    assert calls == [(2025, "140222"), (2025, "140222"), (2024, "140222"), (2025, "140222")]


def test_the_middleware_opens_a_scope_for_reads_only():
    def view(request):
        figures(2025)
        figures(2025)
        return HttpResponse()

    middleware = memo.MemoMiddleware(view)
    rf = RequestFactory()
    middleware(rf.get("/"))
    assert calls == [(2025, None)]
    middleware(rf.head("/"))
    assert calls == [(2025, None)] * 2
    middleware(rf.post("/"))  # a request that writes reads its own writes
    assert calls == [(2025, None)] * 4
