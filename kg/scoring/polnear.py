"""``kg eval-attribution``: score attribution extraction on a PolNeAR fold.

Systems: ``pipeline`` (what ``kg extract`` gives: the rules and the tagger in the statement stage,
speakers resolved, kinds classified), ``rules`` (the same pipeline without the tagger), ``tagger``
(the trained CRF's decoded attributions alone), ``hybrid`` (the CRF's attributions merged span by span
with the rules' statements, kg.scoring.hybrid: the phase-1 measurement), or a folder of BRAT ``.ann``
predictions (``<id>.ann`` or ``<id>_<anything>.ann``) from any other system. Scores are those of
kg.scoring.attribution (overlap and exact attribution P/R/F1, source accuracy, token overlap per
role, recall per cue lemma, the worst misses).
"""

from __future__ import annotations

from pathlib import Path

from ..extract.tagger.decode import Decoded
from ..errors import KgError

SYSTEMS = ("pipeline", "rules", "tagger", "hybrid")


def rule_attributions(statements: list[dict]) -> list[Decoded]:
    """The extractor's statements as attributions: statements sharing one cue are one attribution with
    several content pieces ("“A,” he said, “B.”"); those without a cue (implied allegations, continued
    quotes) are not attributions of their own."""
    by_cue: dict[tuple[int, int], dict] = {}
    for s in statements:
        if not s.get("cue") or not s.get("content"):
            continue
        key = (s["cue"]["start"], s["cue"]["end"])
        a = by_cue.setdefault(key, {"content": set(), "source": ()})
        a["content"].add((s["content"]["start"], s["content"]["end"]))
        sp = s.get("speaker")
        if sp and sp.get("end", 0) > sp.get("start", 0) and not a["source"]:
            a["source"] = ((sp["start"], sp["end"]),)
    return [
        Decoded(cue=(k,), content=tuple(sorted(a["content"])), source=a["source"]) for k, a in sorted(by_cue.items())
    ]


def _predictions_dir(path: str):
    from ..corpora.brat import parse_ann

    folder = Path(path)
    if not folder.is_dir():
        raise KgError(f"predictions folder not found: {path}")

    def predict(art, doc):
        files = sorted(folder.glob(f"{art.id}.ann")) or sorted(folder.glob(f"{art.id}_*.ann"))
        if not files:
            return []
        return parse_ann(files[0].read_text("utf-8"), files[0].name).attributions

    return predict


def make_predictor(system: str, model: str | None = None):
    """(article, doc) -> attributions for a system name or a predictions folder."""
    if system not in SYSTEMS:
        return _predictions_dir(system)
    from .hybrid import merge
    from ..extract.tagger.model import load_tagger
    from ..corpora.parsed import clean
    from ..extract import extract_doc

    tagger = load_tagger(model) if system != "rules" else None

    def rules(art, doc):
        return rule_attributions(extract_doc(doc, clean(art.text), False)["statements"])

    if system == "rules":
        return rules
    if system == "pipeline":
        return lambda art, doc: rule_attributions(extract_doc(doc, clean(art.text), tagger)["statements"])
    if system == "tagger":
        return lambda art, doc: tagger.attributions(doc)
    return lambda art, doc: merge(tagger.attributions(doc), rules(art, doc))


def evaluate_polnear(
    polnear: str | None,
    *,
    system: str = "pipeline",
    fold: str = "validation",
    ids_file: str | None = None,
    model: str | None = None,
    cache: str | None = None,
    progress=None,
) -> dict:
    """Scores of ``system`` on a fold (or the ids in ``ids_file``) of the PolNeAR copy at ``polnear``."""
    from .evaluation import evaluate
    from ..corpora.parsed import cache_dir, clean, parse_texts
    from ..corpora.polnear import Polnear, read_id_file, shipped_fold
    from ..nlp import load_nlp

    corpus = Polnear(polnear)
    if ids_file:
        ids = read_id_file(ids_file)
        held = set(shipped_fold("holdout")) & set(ids)
        if held:
            raise KgError(f"{ids_file} lists {len(held)} hold-out ids: they are kept for judging, not for development")
    else:
        ids = corpus.fold(fold)
    predict = make_predictor(system, model)
    arts = corpus.articles(ids)
    nlp = load_nlp()
    docs = parse_texts(
        nlp,
        [clean(a.text).text for a in arts],
        cache=cache_dir(cache),
        progress=(lambda d, n: progress("parsing", d, n)) if progress else None,
    )
    report = evaluate(
        zip(arts, docs),
        predict,
        total=len(arts),
        progress=(lambda d, n: progress("scoring", d, n)) if progress else None,
    )
    report["system"] = system
    report["fold"] = Path(ids_file).name if ids_file else fold
    return report


def _pct(x: float) -> str:
    return f"{x:.3f}"


def format_polnear_report(rep: dict, *, misses: int = 15, lemmas: int = 25) -> str:
    o, e = rep["overlap"], rep["exact"]
    lines = [
        f"system {rep['system']} on {rep['fold']} ({rep['articles']} articles, {rep['gold']} gold attributions, {rep['predicted']} predicted)",
        f"attribution overlap  P {_pct(o['p'])}  R {_pct(o['r'])}  F1 {_pct(o['f1'])}",
        f"attribution exact    P {_pct(e['p'])}  R {_pct(e['r'])}  F1 {_pct(e['f1'])}",
        f"source accuracy      {_pct(rep['source_accuracy'])} (on {rep['source_pairs']} matched attributions with a gold source)",
        "token overlap        " + "  ".join(f"{r} F1 {_pct(v['f1'])}" for r, v in rep["token_overlap"].items()),
        "",
        f"recall per cue lemma (the {lemmas} most frequent):",
    ]
    for row in rep["cue_lemmas"][:lemmas]:
        lines.append(f"  {row['lemma']:<14} {row['found']:>4}/{row['gold']:<4} {_pct(row['recall'])}")
    lines.append("")
    lines.append(f"worst misses (first {misses} of {len(rep['misses'])}):")
    for m in rep["misses"][:misses]:
        content = " ".join(m["content_text"].split())
        lines.append(
            f"  {m['id']} @{m['cue'][0][0]}  [{m['source_text'] or '-'}] <{m['cue_text']}> {content[:70]}{'...' if len(content) > 70 else ''}"
        )
    return "\n".join(lines)
