"""Legal and institutional outcomes that befell an agent (convicted, fined,
sued ...), for the entity page: what, for what, the penalty or amount, when,
and the statement it followed (the consequences stage of the extractor)."""

from __future__ import annotations

from ..catalogue import Catalogue
from ..page import link
from ..source import Iri, Source
from ...export.outcomes import amount_text
from .facts import article_of, properties

AFFECTS = "SELECT ?x ?c WHERE { GRAPH ?g { ?c kg:affects ?x } }"
PROPS = {
    "outcome": "kg:outcome",
    "charge": "kg:charge",
    "penalty": "kg:penalty",
    "amount": "kg:amount",
    "currency": "kg:currency",
    "date": "kg:date",
    "date_text": "kg:dateText",
    "followed": "kg:consequenceOf",
    "sentence": "kg:sentence/oa:exact",
}


def outcomes(src: Source, cat: Catalogue, iri: str) -> list[dict]:
    """One row per outcome the agent is named in, oldest article first."""
    ids = list(dict.fromkeys(c for _x, c in src.rows(AFFECTS, {"x": Iri(iri)})))
    props = properties(src, ids, PROPS)
    order = cat.article_rank()
    out = []
    for c in ids:
        p = props.get(c, {})
        first = lambda k: p.get(k, [""])[0]  # noqa: E731
        g = article_of(c)
        art = cat.articles.get(g)
        # the statement it followed, not the claim (the claim page lists its statements)
        followed = [s for s in p.get("followed", []) if "/statement/" in s]
        out.append(
            {
                "outcome": first("outcome"),
                "charge": first("charge"),
                "penalty": first("penalty") or amount_text(first("amount"), first("currency") or None),
                "followed": link("the statement it followed", followed[0]) if followed else None,
                "sentence": " ".join(first("sentence").split()),
                "article": link(art.headline if art else g, g),
                "date": first("date") or first("date_text") or (art.date if art else ""),
                "_rank": order.get(g, len(order)),
            }
        )
    out.sort(key=lambda r: (r.pop("_rank"), r["outcome"]))
    return out
