"""Short readable labels for statement nodes on a map.

A statement's content is a clause cut out of a sentence ("to be an email from
Duong Dara, an undersecretary at the Council of Ministers, to Hun Sen"): as a
node label it reads as a fragment and hides who says what about whom. The
label is therefore "claimant → target: predicate" -- who speaks, against
whom, and the content with the target's own name and the leading particle
("that", "to", "of") taken off, cut at the first clause break and to a few
words. The full content stays in the node's ``text`` (and its tooltip).
"""

from __future__ import annotations

import re

PREDICATE_WORDS = 7
PREDICATE_CHARS = 48
# Words that introduce the reported clause rather than say anything.
_LEADING = re.compile(r"^(?:that|to|of|for|about|over|on|whether|how)\s+", re.I)
_CLAUSE_BREAK = re.compile(r"[,;:–—(]|\s-\s")


def predicate(content: str, target_names=()) -> str:
    """The gist of a statement's content (module doc); '' when nothing is left."""
    text = " ".join(content.split()).strip(" .“”\"'")
    low = text.casefold()
    # "Prime Minister Hun Sen bought likes" against Hun Sen: the subject is
    # the target, already named in the label.
    for name in sorted((n for n in target_names if n), key=len, reverse=True):
        i = low.find(name.casefold())
        if 0 <= i <= 40:
            text = text[i + len(name) :].lstrip(" ,'’s").strip()
            break
    for _ in range(2):
        text = _LEADING.sub("", text)
    m = _CLAUSE_BREAK.search(text)
    if m and m.start() > 0:
        text = text[: m.start()].rstrip()
    words = text.split()
    cut = len(words) > PREDICATE_WORDS
    words = words[:PREDICATE_WORDS]
    while words and len(" ".join(words)) > PREDICATE_CHARS:
        words, cut = words[:-1], True
    return " ".join(words) + ("…" if cut and words else "")


def summary_label(
    speaker: str | None, target: str | None, content: str, *, target_names=(), verb: str | None = None
) -> str:
    """'Sam Rainsy → Hun Sen: buying likes from click farms'; with ``verb``,
    'Spokesmen for both sides denies: the leaks fabricated'."""
    who = speaker or "unattributed"
    head = f"{who} {verb}" if verb else (f"{who} → {target}" if target else who)
    gist = predicate(content, [*target_names, target] if target else target_names)
    return f"{head}: {gist}" if gist else head
