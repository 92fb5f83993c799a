"""spaCy parses of corpus articles, optionally cached on disk.

Articles are cleaned exactly as ``kg extract`` cleans a plain-text file (``clean_text``: chrome
blanked, offsets unchanged), so a model trained or scored here sees what the extractor sees.
A cache (``--cache DIR`` or ``$KG_CACHE``) keeps one DocBin per article (and its ``doc.tensor``,
which DocBin does not store), keyed by the spaCy model and a hash of the text; it lives outside the repository and holds corpus text, so it
must never be committed.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Callable, Iterable

from ..cleaning import ArticleText, clean_text

Progress = Callable[[int, int], None] | None


def clean(raw: str) -> ArticleText:
    return clean_text(raw)


def _key(nlp, text: str) -> str:
    model = f"{nlp.meta.get('name')}-{nlp.meta.get('version')}"
    return model + "-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:20]


def cache_dir(option: str | None) -> Path | None:
    loc = option or os.environ.get("KG_CACHE")
    return Path(loc).expanduser() if loc else None


def parse_texts(
    nlp, texts: list[str], *, cache: Path | None = None, progress: Progress = None, batch_size: int = 8
) -> list:
    """One spaCy Doc per text (in order), read from ``cache`` when present there."""
    import numpy
    from spacy.tokens import DocBin

    docs: list = [None] * len(texts)
    todo = []
    for i, text in enumerate(texts):
        path = cache / f"{_key(nlp, text)}.spacy" if cache else None
        if path is not None and path.is_file() and path.with_suffix(".npy").is_file():
            docs[i] = next(DocBin().from_disk(path).get_docs(nlp.vocab))
            docs[i].tensor = numpy.load(path.with_suffix(".npy"))
        else:
            todo.append(i)
    done = len(texts) - len(todo)
    if progress:
        progress(done, len(texts))
    if cache and todo:
        cache.mkdir(parents=True, exist_ok=True)
    for i, doc in zip(todo, nlp.pipe((texts[i] for i in todo), batch_size=batch_size)):
        docs[i] = doc
        if cache:
            db = DocBin(store_user_data=False)
            db.add(doc)
            db.to_disk(cache / f"{_key(nlp, texts[i])}.spacy")
            numpy.save(cache / f"{_key(nlp, texts[i])}.npy", doc.tensor.astype("float32"))
        done += 1
        if progress:
            progress(done, len(texts))
    return docs


def iter_chunks(items: list, size: int) -> Iterable[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]
