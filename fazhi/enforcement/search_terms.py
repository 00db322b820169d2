"""Character bigrams for substring search of party names and case subjects: the kernel's
bigram tokeniser (core.search), under the names the case search uses."""

from fazhi.core.search import MIN_BIGRAM_QUERY as MIN_QUERY
from fazhi.core.search import bigram_document as document
from fazhi.core.search import bigram_query as query_tokens
from fazhi.core.search import bigram_token as token
from fazhi.core.search import bigram_tokens as tokens
from fazhi.core.search import bigrams, normalize, query_bigrams

__all__ = [
    "MIN_QUERY",
    "bigrams",
    "document",
    "normalize",
    "query_bigrams",
    "query_tokens",
    "token",
    "tokens",
]
