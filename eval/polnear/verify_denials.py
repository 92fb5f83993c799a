"""Check eval/polnear/denials.jsonl against the PolNeAR text it points into (see DENIALS.md).

Checks, for every record: the schema and class names; that the article is a train-split article outside the
hold-out list; that the sentence offsets fall on token boundaries with no surrounding whitespace; that a denial's
denier span is a trimmed, word-bounded span that looks like a speaker mention (a name, pronoun or nominal); that
the test/tune part follows the documented article-level split (validation.txt + denials_test_articles.txt, and
the latter is the rule's own output). Hard errors exit 1; soft warnings are printed.

``--show`` prints each denial's denier text and resolved name for a reviewer's eye (this prints PolNeAR text:
never commit its output).

Example:
    .venv/bin/python eval/polnear/verify_denials.py --polnear /work/data/polnear-train --show | less
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from polnear_text import HERE, corpus_dir, read_ids, train_texts  # noqa: E402

# Class names defined in DENIALS.md; a record outside these lists is an error.
DENIAL_CLASSES = {
    "verb-deny", "gerund/participle", "coordinated-second-verb", "phrasal-verb", "relative-clause/nominal",
    "dismiss-as", "negated-content-after-neutral-cue", "bare-evaluation", "lie-accusation", "plea", "other",
}
LOOKALIKE_CLASSES = {
    "tribunal-legal", "withholding", "fake-absurd-object", "reject-proposal", "condemn-remarks",
    "negated-denial", "negated-confirmation", "refusal", "narrator-evaluation", "hypothetical-question",
    "accusation-criticism", "counterattack", "disagreement", "concession", "negated-statement", "unrelated",
    "other",
}
SPLIT_SALT = "kg-denials-v1:"  # article-level split rule, see DENIALS.md
PER_PUBLISHER = 10
PRONOUNS = {"he", "she", "it", "they", "we", "i", "his", "her", "its", "their", "our", "my", "you", "your"}
NOMINAL_HEADS = re.compile(r"^(the|a|an|one|another|his|her|its|their|our|your|other|some|several)\b", re.I)


def split_rule(train_ids: list[str], validation: set[str]) -> set[str]:
    """The extra held-back articles: first PER_PUBLISHER per publisher by sha1(SPLIT_SALT + id), training fold."""
    by_pub: dict[str, list[str]] = defaultdict(list)
    fold = [i for i in train_ids if i not in validation]
    for art in sorted(fold, key=lambda i: hashlib.sha1((SPLIT_SALT + i).encode()).hexdigest()):
        by_pub[art.split("_", 1)[0]].append(art)
    return {a for pub in by_pub.values() for a in pub[:PER_PUBLISHER]}


def boundary_ok(text: str, start: int, end: int) -> list[str]:
    """Soft checks that [start, end) is a sentence-like span."""
    issues = []
    if text[start].isspace() or text[end - 1].isspace():
        issues.append("span starts or ends with whitespace")
    if start > 0 and text[start - 1].isalnum() and text[start].isalnum():
        issues.append("starts inside a word")
    if end < len(text) and text[end].isalnum() and text[end - 1].isalnum():
        issues.append("ends inside a word")
    return issues


def denier_issues(text: str, start: int, end: int) -> list[str]:
    mention = text[start:end]
    issues = []
    if not mention or mention != mention.strip():
        issues.append("denier span empty or untrimmed")
    elif "\n" in mention or len(mention) > 90:
        issues.append("denier span too long or crosses a line")
    elif not (mention.lower() in PRONOUNS or mention[0].isupper() or NOMINAL_HEADS.match(mention)
              or mention.lower().startswith(("aides", "authorities", "democrats", "fact-checkers", "other"))):
        issues.append("denier does not look like a name, pronoun or nominal")
    return issues


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--polnear", help="PolNeAR copy (checkout folder or bare git); default $KG_POLNEAR")
    ap.add_argument("--labels", default=str(HERE / "denials.jsonl"))
    ap.add_argument("--show", action="store_true", help="print each denial's denier text (PolNeAR text: never commit)")
    args = ap.parse_args(argv)

    holdout = read_ids(HERE / "holdout.txt")
    validation = read_ids(HERE / "validation.txt")
    extra = read_ids(HERE / "denials_test_articles.txt")
    texts = dict(train_texts(corpus_dir(args.polnear), holdout))  # hold-out texts are never read
    errors: list[str] = []
    warnings: list[str] = []

    expected_extra = split_rule(sorted(texts), validation)
    if expected_extra != extra:
        errors.append(f"denials_test_articles.txt differs from the split rule ({len(expected_extra ^ extra)} ids)")

    records = [json.loads(line) for line in Path(args.labels).read_text(encoding="utf-8").splitlines() if line]
    seen = set()
    counts: Counter = Counter()
    for n, rec in enumerate(records, 1):
        where = f"line {n} ({rec.get('article')} {rec.get('start')}-{rec.get('end')})"
        art = rec["article"]
        if art in holdout or art not in texts:
            errors.append(f"{where}: article is on the hold-out list or not in the train split")
            continue
        text = texts[art]
        key = (art, rec["start"], rec["end"])
        if key in seen:
            errors.append(f"{where}: duplicate sentence")
        seen.add(key)
        if not 0 <= rec["start"] < rec["end"] <= len(text):
            errors.append(f"{where}: offsets out of range")
            continue
        warnings += [f"{where}: {m}" for m in boundary_ok(text, rec["start"], rec["end"])]
        part = "test" if (art in validation or art in extra) else "tune"
        if rec["part"] != part or rec["fold"] != ("validation" if art in validation else "training"):
            errors.append(f"{where}: part/fold disagree with the split")
        if rec["label"] == "denial":
            if rec["class"] not in DENIAL_CLASSES:
                errors.append(f"{where}: unknown denial class {rec['class']!r}")
            d = rec.get("denier") or {}
            if not (0 <= d.get("start", -1) < d.get("end", -1) <= len(text)):
                errors.append(f"{where}: denier span missing or out of range")
                continue
            inside = rec["start"] <= d["start"] and d["end"] <= rec["end"]
            if inside != rec.get("denier_in_sentence"):
                errors.append(f"{where}: denier_in_sentence is wrong")
            warnings += [f"{where}: {m}" for m in denier_issues(text, d["start"], d["end"])]
            if args.show:
                flag = "" if inside else " (outside sentence)"
                print(f"{rec['part']:4} {rec['class']:34} {text[d['start']:d['end']]!r:40} -> {rec.get('denier_name')}{flag}")
        elif rec["label"] == "not_denial":
            if rec["class"] not in LOOKALIKE_CLASSES:
                errors.append(f"{where}: unknown look-alike class {rec['class']!r}")
        else:
            errors.append(f"{where}: label must be denial or not_denial")
        counts[(rec["part"], rec["label"])] += 1

    for w in warnings:
        print("warning:", w)
    for e in errors:
        print("error:", e, file=sys.stderr)
    summary = ", ".join(f"{p}/{l}={c}" for (p, l), c in sorted(counts.items()))
    print(f"{len(records)} records ({summary}); {len(errors)} errors, {len(warnings)} warnings")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
