"""Figures computed once per page: a read-only function marked `@memo.per_request` answers a
second call with the same arguments from the first, within one GET or HEAD request.

    @memo.per_request
    def approval_figures(year, region): ...  # three indicators of one dashboard, one computation

Outside a request (a job, a command, a test calling the function) and in a request that may
write (POST and the rest) every call computes afresh, so a page never shows a figure from
before its own write. Arguments must be hashable; the memo dies with the request.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from contextlib import contextmanager
from contextvars import ContextVar
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")

_store: ContextVar[dict | None] = ContextVar("fazhi_memo", default=None)
SAFE_METHODS = frozenset({"GET", "HEAD"})


@contextmanager
def scope():
    """A fresh memo for what runs inside (the middleware opens one per safe request)."""
    token = _store.set({})
    try:
        yield
    finally:
        _store.reset(token)


def per_request(fn: Callable[P, R]) -> Callable[P, R]:
    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        store = _store.get()
        if store is None:
            return fn(*args, **kwargs)
        key = (wrapper, args, tuple(sorted(kwargs.items())))
        if key not in store:
            store[key] = fn(*args, **kwargs)
        return store[key]

    return wrapper


class MemoMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in SAFE_METHODS:
            return self.get_response(request)
        with scope():
            return self.get_response(request)
