"""BRAT standoff attribution annotations (as in PolNeAR and PARC-style corpora).

An ``.ann`` file holds text-bound annotations (``T`` lines: ``T3<TAB>Cue 221 225<TAB>says``,
discontiguous spans as ``Content 10 20;25 40``) and events (``E`` lines:
``E1<TAB>Attribution:T4 Content:T3 Cue:T2 Source:T1``) that tie a cue to its source and content.
Roles may carry a numeric suffix (``Content2``) when an attribution has several
of one kind; they are merged. Annotator flags (``Discuss``, ``Discard``) and notes (``#`` lines)
are not attributions and are skipped.

``parse_ann(text)`` returns :class:`Attribution` records with character offsets into the
article text; ``write_ann(attributions, text)`` writes them back (used by tests to
generate corpora, and to export predictions in the same format).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import KgError

Span = tuple[int, int]  # [start, end) character offsets into the article text

ROLES = ("source", "cue", "content")
_ROLE_RE = re.compile(r"^([A-Za-z-]+?)\d*$")
_T_LINE = re.compile(r"^T\d+\t")
_E_LINE = re.compile(r"^E\d+\t")


@dataclass(frozen=True)
class Attribution:
    """One attribution: who (source) said (cue) what (content); each a tuple of spans."""

    cue: tuple[Span, ...]
    content: tuple[Span, ...]
    source: tuple[Span, ...] = ()
    id: str = ""

    def spans(self, role: str) -> tuple[Span, ...]:
        return getattr(self, role)

    @property
    def start(self) -> int:
        return min(s for s, _ in self.cue + self.content + self.source)


@dataclass
class AnnFile:
    attributions: list[Attribution] = field(default_factory=list)
    incomplete: int = 0  # events lacking a cue or a content (kept out of the attributions)


def _spans(field_text: str, label: str) -> tuple[Span, ...]:
    out = []
    for part in field_text.split(";"):
        bits = part.split()
        if len(bits) != 2 or not all(b.isdigit() for b in bits):
            raise KgError(f"{label}: bad span '{part.strip()}'")
        start, end = int(bits[0]), int(bits[1])
        if end < start:
            raise KgError(f"{label}: span end before start '{part.strip()}'")
        out.append((start, end))
    return tuple(sorted(out))


def _text_bound(lines: list[str], label: str) -> dict[str, tuple[str, tuple[Span, ...]]]:
    """T-line id -> (type, spans)."""
    out = {}
    for n, line in enumerate(lines, 1):
        if not _T_LINE.match(line):  # other kinds, or the rest of a shown text that had a newline
            continue
        cols = line.split("\t")
        if len(cols) < 2 or " " not in cols[1]:
            raise KgError(f"{label}:{n}: bad text-bound annotation line")
        kind, where = cols[1].split(" ", 1)
        out[cols[0]] = (kind, _spans(where, f"{label}:{n}"))
    return out


def parse_ann(text: str, label: str = "<ann>") -> AnnFile:
    """Attributions of one ``.ann`` file, in order of their first character."""
    lines = text.splitlines()
    tb = _text_bound(lines, label)
    result = AnnFile()
    for n, line in enumerate(lines, 1):
        if not _E_LINE.match(line):
            continue
        cols = line.split("\t")
        roles: dict[str, list[Span]] = {r: [] for r in ROLES}
        for arg in cols[1].split() if len(cols) > 1 else []:
            role, _, ref = arg.partition(":")
            m = _ROLE_RE.match(role)
            key = m.group(1).lower() if m else ""
            if key not in roles:  # the trigger (Attribution / Attribution-no-source)
                continue
            if ref not in tb:
                raise KgError(f"{label}:{n}: event refers to unknown annotation '{ref}'")
            roles[key].extend(tb[ref][1])
        if not roles["cue"] or not roles["content"]:
            result.incomplete += 1
            continue
        result.attributions.append(
            Attribution(
                cue=tuple(sorted(set(roles["cue"]))),
                content=tuple(sorted(set(roles["content"]))),
                source=tuple(sorted(set(roles["source"]))),
                id=cols[0],
            )
        )
    result.attributions.sort(key=lambda a: (a.start, a.id))
    return result


def write_ann(attributions: list[Attribution], text: str) -> str:
    """BRAT standoff for ``attributions`` over ``text`` (T lines then one E line each)."""
    out, t = [], 0
    for e, a in enumerate(attributions, 1):
        refs = []
        for role in ("source", "cue", "content"):
            spans = a.spans(role)
            if not spans:
                continue
            t += 1
            where = ";".join(f"{s} {x}" for s, x in spans)
            shown = " ".join(text[s:x] for s, x in spans).replace("\n", " ")
            out.append(f"T{t}\t{role.capitalize()} {where}\t{shown}")
            refs.append(f"{role.capitalize()}:T{t}")
        t += 1
        cs, ce = a.cue[0]
        out.append(f"T{t}\t{'Attribution' if a.source else 'Attribution-no-source'} {cs} {ce}\t{text[cs:ce]}")
        trigger = "Attribution" if a.source else "Attribution-no-source"
        out.append(f"E{e}\t{trigger}:T{t} " + " ".join(refs))
    return "\n".join(out) + ("\n" if out else "")
