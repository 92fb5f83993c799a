"""Reading candidate claims from the store: bounded per key, and in queries a server accepts."""

from __future__ import annotations

from kg.claims.index import QUERY_TERMS_CHARS, _chunks


def test_chunks_keep_queries_short_and_lose_nothing():
    parts = [f"<https://example.org/claim/{i:06d}>" for i in range(500)]
    groups = list(_chunks(parts))
    assert [p for g in groups for p in g] == parts
    assert len(groups) > 1 and all(sum(len(p) + 1 for p in g) <= QUERY_TERMS_CHARS + 1 for g in groups)


def test_a_part_longer_than_the_limit_is_sent_alone():
    parts = ["a" * 10, "b" * (QUERY_TERMS_CHARS + 5), "c"]
    assert list(_chunks(parts)) == [["a" * 10], ["b" * (QUERY_TERMS_CHARS + 5)], ["c"]]


def test_no_parts_no_queries():
    assert list(_chunks([])) == []
