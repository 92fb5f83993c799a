"""Entity mentions sorted by start, for "which entities are in this span?"."""

from __future__ import annotations

import bisect


class MentionTable:
    """Entity mentions sorted by start, for 'which entities are in this span?'."""

    def __init__(self, index):
        rows = []
        for e in index.entities:
            for m in e.get("mentions", []):
                rows.append((m["start"], m["end"], e["id"], e["type"]))
        rows.sort()
        self.rows = rows
        self.starts = [r[0] for r in rows]

    def mentioned(self, eid: str, start: int, end: int) -> bool:
        """Is entity eid mentioned between start and end ("Delgado lost by 212
        votes. She says ..." after someone else spoke: the entity side's
        nearer antecedent wins over 'continue the last speaker')?"""
        return any(r[2] == eid for r in self.within(start, end))

    def within(self, start: int, end: int) -> list[tuple[int, int, str, str]]:
        i = bisect.bisect_left(self.starts, start)
        out = []
        while i < len(self.rows) and self.rows[i][0] < end:
            if self.rows[i][1] <= end:
                out.append(self.rows[i])
            i += 1
        return out
