"""A statement candidate: the token-level record the candidate mechanisms return."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Cand:
    """One candidate statement. ``rule`` names the mechanism that found it and
    never changes; a later pass that revises the candidate (its kind, speaker,
    content) appends its own rule id to ``revised_by`` (``revise``)."""

    rule: str
    cue: int | None  # cue token index
    speaker: int | None  # speaker head token index
    content: tuple[int, int]  # token range, inclusive
    sent: tuple[int, int]  # char range of the sentence(s)
    content_chars: tuple[int, int] | None = None  # exact char range (quotes)
    quote: bool = False
    kind: str | None = None  # forced by the mechanism (denial, refusal, allegation)
    inherit: bool = False  # speaker comes from the previous statement
    obj: int | None = None  # accused / echoed / named object token
    denied_noun: int | None = None  # claim noun a denial takes as object
    answered_by: int | None = None  # cue token of the denial that points back to this statement
    accused: str | None = None  # entity id an allegation is known to be about (set by the assembly)
    owner: dict | None = None  # a denied account's owner ("her account"): the denial's target
    revised_by: list[str] = field(default_factory=list)  # rule ids of the passes that revised it, in order

    def revise(self, rule: str) -> None:
        """Record that the pass ``rule`` revised this candidate (once per pass)."""
        if rule not in self.revised_by:
            self.revised_by.append(rule)


@dataclass
class Row:
    """A statement in the making: its candidate, resolved speaker record
    ({start, end, text, entity, name} or None) and kind. The context passes
    revise rows in place; ``for cand, speaker, kind in rows`` unpacks one."""

    cand: Cand
    speaker: dict | None
    kind: str

    def __iter__(self):
        return iter((self.cand, self.speaker, self.kind))
