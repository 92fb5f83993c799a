"""Training the attribution CRF on PolNeAR's training fold, with provenance in the model folder.

``train_attribution(...)`` reads the corpus (``kg.corpora.polnear``), parses it with the same
spaCy model and cleaning as extraction, learns the cue lexicon and the CRF on the training fold,
scores the model on the validation fold and writes ``model.crfsuite``, ``cues.json``,
``model.json`` (parameters, provenance, validation figures) and ``training_ids.txt``.
Same corpus, seed and parameters give the same model file.
"""

from __future__ import annotations

import hashlib
import json
import random
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

from .errors import KgError
from .extract.tagger.bio import sequences, token_tags
from .extract.tagger.features import DEFAULT_GROUPS, FEATURE_VERSION, CueLexicon, Featurizer

Progress = Callable[[str, int, int | None], None] | None  # (stage, done, total)


@dataclass
class TrainConfig:
    features: tuple[str, ...] = DEFAULT_GROUPS
    unit: str = "paragraph"
    c1: float = 0.05
    c2: float = 0.01
    max_iterations: int = 150
    seed: int = 13
    min_seen: int = 3
    threshold: float = 0.15
    extra: dict = field(default_factory=dict)


def config_with(**overrides) -> TrainConfig:
    """The shipped model's parameters (so a plain ``kg train attribution`` reproduces it), with overrides that are not None."""
    from .extract.tagger.model import shipped_model_dir

    cfg = TrainConfig()
    try:
        info = json.loads((shipped_model_dir() / "model.json").read_text("utf-8"))
        cfg = TrainConfig(
            features=tuple(info["features"]),
            unit=info["unit"],
            c1=info["crf"]["c1"],
            c2=info["crf"]["c2"],
            max_iterations=info["crf"]["max_iterations"],
            seed=info["seed"],
            min_seen=info["cue_lexicon"]["min_seen"],
            threshold=info["cue_lexicon"]["threshold"],
        )
    except (OSError, ValueError, KeyError, TypeError):
        pass  # no shipped model (a fresh checkout before the first training): library defaults
    for k, v in overrides.items():
        if v is not None:
            setattr(cfg, k, v)
    return cfg


def learn_lexicon(docs: list, tag_lists: list[list[str]], cfg: TrainConfig) -> CueLexicon:
    lex = CueLexicon(min_seen=cfg.min_seen, threshold=cfg.threshold)
    for doc, tags in zip(docs, tag_lists):
        lex.add(doc, tags)
    return lex


def _trainer_class(pycrfsuite, cfg: TrainConfig, progress: Progress):
    class _Trainer(pycrfsuite.Trainer):
        # verbose=True is what makes python-crfsuite report iterations; the other reports are silenced
        def on_iteration(self, log, info):
            if progress:
                progress("training", info.get("num", 0), cfg.max_iterations)

        def _quiet(self, *args):
            pass

        on_start = on_featgen_progress = on_featgen_end = on_prepared = on_optimization_end = on_end = _quiet

        def on_prepare_error(self, log):
            raise KgError(f"CRF training could not start: {log.strip()[:200]}")

    return _Trainer


def fit(docs: list, tag_lists: list[list[str]], cfg: TrainConfig, out: Path, progress: Progress = None) -> CueLexicon:
    """Learn the lexicon and the CRF from parsed docs and their gold tags; write both into ``out``."""
    import pycrfsuite

    lex = learn_lexicon(docs, tag_lists, cfg)
    feat = Featurizer(lex, cfg.features)
    trainer = _trainer_class(pycrfsuite, cfg, progress)(verbose=True)
    order = list(range(len(docs)))
    random.Random(cfg.seed).shuffle(order)
    # Features go straight into crfsuite's own (compact) storage, one document at a time:
    # Python feature lists for a whole corpus would take gigabytes.
    for n, k in enumerate(order, 1):
        doc, tags = docs[k], tag_lists[k]
        ranges = sequences(doc, cfg.unit)
        for (a, b), xs in zip(ranges, feat.sequences(doc, ranges)):
            trainer.append(xs, tags[a:b])
        if progress:
            progress("features", n, len(docs))
    trainer.set_params(
        {"c1": cfg.c1, "c2": cfg.c2, "max_iterations": cfg.max_iterations, "feature.possible_transitions": True}
    )
    out.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out / "model.crfsuite"))
    (out / "cues.json").write_text(json.dumps(lex.to_json(), indent=1, sort_keys=True) + "\n", "utf-8")
    return lex


def _ids_digest(ids: list[str]) -> str:
    return hashlib.sha256("\n".join(sorted(ids)).encode()).hexdigest()


def _command(exclude, cfg: TrainConfig) -> str:
    """The command that reproduces this model (the corpus location is the user's own)."""
    parts = ["kg train attribution --polnear $KG_POLNEAR"] + [f"--exclude {f}" for f in exclude]
    parts += [f"--seed {cfg.seed} --c1 {cfg.c1} --c2 {cfg.c2} --iterations {cfg.max_iterations} --out DIR"]
    return " ".join(parts)


def _spacy_model(nlp) -> str:
    return f"{nlp.meta.get('lang')}_{nlp.meta.get('name')}-{nlp.meta.get('version')}"


def train_attribution(
    polnear: str | None,
    out: str | Path,
    *,
    exclude: list[str] = (),
    cfg: TrainConfig | None = None,
    cache: str | None = None,
    progress: Progress = None,
    validate: bool = True,
    validation_file: str | None = None,
) -> dict:
    """Train on the training fold of the PolNeAR copy at ``polnear``; return the model's ``model.json`` content."""
    from .corpora.parsed import cache_dir, clean, parse_texts
    from .corpora.polnear import Polnear, read_id_file
    from .nlp import load_nlp

    cfg = cfg or TrainConfig()
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise KgError(f"--out {out} exists and is not a folder")
    started = time.monotonic()
    corpus = Polnear(polnear)
    excluded = sorted({i for f in exclude for i in read_id_file(f)})
    val_list = read_id_file(validation_file) if validation_file else None
    train_ids = corpus.fold("training", excluded, val_list)
    val_ids = corpus.fold("validation", validation=val_list) if validate else []
    if not train_ids:
        raise KgError("the training fold is empty: nothing to train on")
    nlp = load_nlp()
    arts = corpus.articles(train_ids)
    docs = parse_texts(
        nlp,
        [clean(a.text).text for a in arts],
        cache=cache_dir(cache),
        progress=(lambda d, n: progress("parsing", d, n)) if progress else None,
    )
    tag_lists = [token_tags(doc, a.attributions) for doc, a in zip(docs, arts)]
    t_fit = time.monotonic()
    fit(docs, tag_lists, cfg, out, progress)
    info = _provenance(cfg, nlp, corpus, exclude, excluded, train_ids, val_ids, arts, docs)
    info["training_seconds"] = {"fit": round(time.monotonic() - t_fit, 1)}
    (out / "training_ids.txt").write_text("".join(i + "\n" for i in train_ids), "utf-8")
    (out / "model.json").write_text(json.dumps(info, indent=2) + "\n", "utf-8")
    if validate:
        info["validation"] = _validate(out, nlp, corpus, val_ids, cache, progress)
    info["training_seconds"]["total"] = round(time.monotonic() - started, 1)
    (out / "model.json").write_text(json.dumps(info, indent=2) + "\n", "utf-8")
    return {**info, "summary": _summary(out, info)}


def _provenance(cfg, nlp, corpus, exclude, excluded, train_ids, val_ids, arts, docs) -> dict:
    """What model.json records: parameters, the spaCy model, the corpus copy and folds, the command."""
    return {
        "kind": "kg attribution tagger (linear-chain CRF, python-crfsuite)",
        "features": list(cfg.features),
        "feature_version": FEATURE_VERSION,
        "unit": cfg.unit,
        "crf": {"algorithm": "lbfgs", "c1": cfg.c1, "c2": cfg.c2, "max_iterations": cfg.max_iterations},
        "seed": cfg.seed,
        "cue_lexicon": {"min_seen": cfg.min_seen, "threshold": cfg.threshold},
        "spacy_model": _spacy_model(nlp),
        "corpus": {
            "name": "PolNeAR v1.0.0 (Newell, Margolin and Ruths 2018), train split",
            "copy": corpus.describe(),
            "training_articles": len(train_ids),
            "training_ids_sha256": _ids_digest(train_ids),
            "training_ids_file": "training_ids.txt",
            "excluded_ids": len(excluded),
            "excluded_ids_sha256": _ids_digest(excluded),
            "validation_articles": len(val_ids),
            "validation_ids_sha256": _ids_digest(val_ids),
            "gold_attributions": sum(len(a.attributions) for a in arts),
            "tokens": sum(len(d) for d in docs),
        },
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d"),
        "command": _command(exclude, cfg),
    }


_VALIDATION_KEYS = ("articles", "gold", "predicted", "matched", "overlap", "exact", "source_accuracy", "token_overlap")


def _validate(out: Path, nlp, corpus, val_ids, cache, progress) -> dict:
    """The model just written, scored on the validation fold."""
    from .corpora.parsed import cache_dir, clean, parse_texts
    from .extract.tagger.model import AttributionTagger
    from .scoring.evaluation import evaluate

    val_arts = corpus.articles(val_ids)
    val_docs = parse_texts(
        nlp,
        [clean(a.text).text for a in val_arts],
        cache=cache_dir(cache),
        progress=(lambda d, n: progress("parsing validation", d, n)) if progress else None,
    )
    tagger = AttributionTagger(out)
    rep = evaluate(
        zip(val_arts, val_docs),
        lambda art, doc: tagger.attributions(doc),
        progress=(lambda d, n: progress("validating", d, n)) if progress else None,
        total=len(val_arts),
    )
    return {k: rep[k] for k in _VALIDATION_KEYS}


def _summary(out: Path, info: dict) -> str:
    c = info["corpus"]
    text = (
        f"trained on {c['training_articles']} articles ({c['gold_attributions']} attributions) "
        f"in {info['training_seconds']['total']:.0f} s; model in {out}"
    )
    v = info.get("validation")
    if v:
        o = v["overlap"]
        text += (
            f"\nvalidation fold ({v['articles']} articles): attribution overlap P {o['p']:.3f} R {o['r']:.3f} "
            f"F1 {o['f1']:.3f}, exact F1 {v['exact']['f1']:.3f}, source accuracy {v['source_accuracy']:.3f}"
        )
    return text
