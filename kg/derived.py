"""What is derived from article graphs, kept in step after every write.

Ingest calls ``after_write`` once per batch, after the batch's article graphs
are stored: researchers' corrections are replayed onto the new graphs (so a
re-ingested article comes back corrected), then the new articles' statements
join the claims of the store. Both read only the graphs just written and the
index entries they need, never the whole store.
"""

from __future__ import annotations

from typing import Iterable

from .store import Store


def after_write(store: Store, graphs: Iterable, drops: Iterable, *, claims: bool = True) -> None:
    from . import claims as claim_index
    from .curation import claim_constraints, replay

    graphs = list(graphs)
    added = [str(getattr(g, "identifier", g)) for g in graphs]
    dropped = [str(d) for d in drops]
    if not added and not dropped:
        return
    graphs = {str(getattr(g, "identifier", g)): g for g in graphs}
    changed = replay(store, added, dropped)
    if claims:
        # graphs no correction touched are parsed from the text just written
        texts = {
            g: q.ntriples() for g, q in graphs.items() if g not in changed and callable(getattr(q, "ntriples", None))
        }
        claim_index.update(store, added, dropped, constraints=claim_constraints(store), texts=texts)


def rebuild_claims(store: Store):
    """`kg claims rebuild`: every statement regrouped, claim corrections applied."""
    from . import claims as claim_index
    from .curation import claim_constraints

    return claim_index.rebuild(store, constraints=claim_constraints(store))
