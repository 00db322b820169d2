"""The sidebar: every chapter's entries stand together under one heading."""

import itertools

from fazhi.core.context_processors import _nav_items


def test_each_chapter_heading_appears_once():
    chapters = [e.get("chapter") for e in _nav_items()]
    runs = [chapter for chapter, _ in itertools.groupby(chapters)]
    assert len(runs) == len(set(runs)), runs
    assert len(runs) > 3
