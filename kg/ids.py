"""Deterministic identifiers: the same input always gives the same IRIs, so
re-ingesting is idempotent and golden graphs stay stable. No blank nodes."""

from __future__ import annotations

import hashlib
import re
import unicodedata

from rdflib import URIRef

from .namespace import ID

_WS = re.compile(r"\s+")


def normalise_text(text: str) -> str:
    """What counts as 'the same article': NFC, unified newlines, folded spaces."""
    return _WS.sub(" ", unicodedata.normalize("NFC", text)).strip()


def content_hash(text: str) -> str:
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


# Curly apostrophes straightened, so "People’s" and "People's" give one slug.
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'"})


def slug(text: str) -> str:
    """Deterministic id part: ascii, lowercase, hyphenated ('Hun Sen' -> 'hun-sen').

    The one slug of the project: the extractor's entity ids
    ("org:cambodian-peoples-party"), IRI path segments and curation's new
    identities all use it, so a name a researcher types meets the node the
    extractor made. Apostrophes are dropped, not split on."""
    t = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    t = t.encode("ascii", "ignore").decode("ascii").lower().replace("'", "")
    t = re.sub(r"[^a-z0-9]+", "-", t).strip("-")
    return t or "x"


def article_iri(chash: str) -> URIRef:
    """The article node and its named graph share this IRI."""
    return ID[f"article/{chash[:20]}"]


def entity_iri(entity_id: str) -> URIRef:
    """'person:hun-sen' -> .../person/hun-sen; the same name is the same node
    across articles (cross-article identity by canonical name)."""
    kind, _, rest = entity_id.partition(":")
    parts = [slug(p) for p in rest.split(":") if p] or ["unnamed"]
    return ID[f"{slug(kind)}/{'/'.join(parts)}"]


def local_iri(kind: str, chash: str, *parts: object) -> URIRef:
    """Nodes that only exist within one article (statements, spans, metrics)."""
    return ID[f"{kind}/{chash[:20]}/" + "/".join(str(p) for p in parts)]


def global_iri(kind: str, *parts: str) -> URIRef:
    key = "\x1f".join(parts)
    return ID[f"{kind}/{hashlib.sha1(key.encode('utf-8')).hexdigest()[:16]}"]
