"""The shipped attribution model: load once per process, tag a Doc, decode attributions.

A model folder holds ``model.crfsuite`` (the CRF), ``cues.json`` (the cue lexicon learned with
it) and ``model.json`` (feature groups, sequence unit, training parameters and provenance).
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ...errors import KgError
from .bio import sequences
from .decode import Decoded, decode
from .features import FEATURE_VERSION, CueLexicon, Featurizer

MODEL_FILES = ("model.crfsuite", "cues.json", "model.json")


def shipped_model_dir() -> Path:
    return Path(str(resources.files("kg").joinpath("models", "attribution")))


class AttributionTagger:
    def __init__(self, path: str | Path):
        import pycrfsuite

        self.path = Path(path)
        missing = [f for f in MODEL_FILES if not (self.path / f).is_file()]
        if missing:
            raise KgError(
                f"no attribution model in {self.path} (missing {', '.join(missing)}): "
                "train one with 'kg train attribution'"
            )
        try:
            self.info = json.loads((self.path / "model.json").read_text("utf-8"))
            lexicon = CueLexicon.from_json(json.loads((self.path / "cues.json").read_text("utf-8")))
            self.unit = self.info["unit"]
            version = self.info.get("feature_version", FEATURE_VERSION)
            self.featurizer = Featurizer(lexicon, tuple(self.info["features"]))
        except (ValueError, KeyError, TypeError) as exc:
            raise KgError(f"attribution model in {self.path} is damaged: {exc}") from None
        if version != FEATURE_VERSION:
            raise KgError(
                f"attribution model in {self.path} was trained on feature version {version}, this kg computes "
                f"version {FEATURE_VERSION}: retrain it with 'kg train attribution'"
            )
        self._crf = pycrfsuite.Tagger()
        try:
            self._crf.open(str(self.path / "model.crfsuite"))
        except (OSError, ValueError) as exc:
            raise KgError(f"cannot open attribution model {self.path / 'model.crfsuite'}: {exc}") from None

    def tags(self, doc, marginals: bool = False):
        """One BIO tag per token of ``doc``; with ``marginals``, also the model's probability of
        each cue token's tag (None elsewhere), how sure it is that the word is that cue."""
        out = ["O"] * len(doc)
        probs: list[float | None] = [None] * len(doc)
        ranges = sequences(doc, self.unit)
        crf = self._crf
        for (a, b), xs in zip(ranges, self.featurizer.sequences(doc, ranges)):
            ys = crf.tag(xs)
            out[a:b] = ys
            if marginals:
                for k, y in enumerate(ys):
                    if y[-3:] == "CUE":
                        probs[a + k] = crf.marginal(y, k)
        return (out, probs) if marginals else out

    def attributions(self, doc) -> list[Decoded]:
        """Decoded attributions, each with the model's confidence in its cue."""
        tags, probs = self.tags(doc, marginals=True)
        return decode(doc, tags, probs)


@lru_cache(maxsize=4)
def _load(path: str) -> AttributionTagger:
    return AttributionTagger(path)


def load_tagger(path: str | Path | None = None) -> AttributionTagger:
    """The tagger for ``path`` (default: the model shipped in the package), loaded once per process."""
    return _load(str(Path(path) if path else shipped_model_dir()))
