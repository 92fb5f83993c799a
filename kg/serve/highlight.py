"""Article text cut into segments for highlighting: every extracted span
(speaker, cue, content, sentence, entity mention, role, metric) marks the
characters it covers; spans overlap freely, so the text is cut at every span
boundary and each segment carries the kinds and facts of all spans over it.

The segments are plain data; the template escapes their text (Jinja2
autoescape), so markup in an article is shown, never parsed.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str  # speaker | cue | content | sentence | mention | role | metric
    fact: int  # index of the fact the span belongs to


@dataclass
class Segment:
    text: str
    start: int
    kinds: tuple[str, ...] = ()
    facts: tuple[int, ...] = ()
    chrome: bool = False  # outside the article body (page furniture the cleaner set aside)
    spans: list[Span] = field(default_factory=list)


def segments(text: str, spans: list[Span], body: tuple[int, int] | None = None) -> list[Segment]:
    """``text`` cut at every span and body boundary; spans outside the text are dropped."""
    n = len(text)
    body = body or (0, n)
    valid = [s for s in spans if 0 <= s.start < s.end <= n]
    cuts = {0, n, max(0, min(body[0], n)), max(0, min(body[1], n))}
    starts: dict[int, list[Span]] = {}
    ends: dict[int, list[Span]] = {}
    for s in valid:
        cuts.update((s.start, s.end))
        starts.setdefault(s.start, []).append(s)
        ends.setdefault(s.end, []).append(s)
    points = sorted(cuts)
    active: dict[Span, None] = {}  # insertion-ordered set
    out: list[Segment] = []
    for a, b in zip(points, points[1:]):
        for s in ends.get(a, ()):
            active.pop(s, None)
        for s in starts.get(a, ()):
            active[s] = None
        if a == b:
            continue
        cover = list(active)
        kinds = tuple(sorted({s.kind for s in cover}))
        facts = tuple(sorted({s.fact for s in cover}, key=lambda f: _narrowest(cover, f)))
        out.append(Segment(text[a:b], a, kinds, facts, not (body[0] <= a < body[1]), cover))
    return _merge(out)


def _narrowest(cover: list[Span], fact: int) -> int:
    """Facts on a segment are listed narrowest span first: a click picks the most specific fact."""
    return min(s.end - s.start for s in cover if s.fact == fact)


def _merge(segs: list[Segment]) -> list[Segment]:
    """Neighbours with the same marks become one segment (fewer elements on the page)."""
    out: list[Segment] = []
    for s in segs:
        if out and not s.kinds and not out[-1].kinds and out[-1].chrome == s.chrome:
            out[-1].text += s.text
            continue
        out.append(s)
    return out
