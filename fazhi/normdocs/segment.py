"""Word segmentation of documents and queries: the kernel's word tokeniser (core.search)."""

from fazhi.core.search import MAX_QUERY_CHARS, SEGMENTER
from fazhi.core.search import word_document as index_text
from fazhi.core.search import word_query as query_tokens
from fazhi.core.search import word_tokens as index_tokens

__all__ = ["MAX_QUERY_CHARS", "SEGMENTER", "index_text", "index_tokens", "query_tokens"]
