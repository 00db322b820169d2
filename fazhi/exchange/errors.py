"""Refusals an outside system can meet, with stable codes it may test."""

from fazhi.core.errors import ErrorCode


class ExchangeError(ErrorCode):
    NO_BEARER = "no_token"
    REFUSED_BEARER = "invalid_token"
    RATE_LIMITED = "rate_limited"
