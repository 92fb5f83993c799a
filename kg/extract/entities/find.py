"""The entity stage: people, organisations and accounts of one article, each once, with every mention.

``find_entities(doc)`` runs the stages below in this order (each line says
what it needs from the ones before) and returns an ``EntityIndex``: the
contract ``entities`` records plus ``resolve(start, end)`` from a character
span to an entity id, which the statement stage uses for speakers and targets
(through the ``lookup.EntityLookup`` interface).

1. handles (``handles``): pseudonymous names and @handles, before names, so
   "Seiha said" later resolves to the account;
2. name mentions (``mentions``, ``untagged``, ``repairs``): spaCy's NER
   spans repaired, plus names it missed;
3. clustering (``cluster``): mentions -> entities with canonical names and ids;
   it reports the person names too ambiguous to cluster;
4. exact re-occurrences of known names (``string_match``);
5. unnamed organisations named by a description (``descriptions``);
6. roles (``roles``), then coreference (``coref``: nominals, cataphora,
   pronouns), which needs the roles (titles, gender) and the quotation mask;
7. online accounts (``accounts``, ``metrics``, ``posts``, ``emails``), which
   need coreference ("his Facebook page") and the article's dominant platform;
8. the records finished: aliases, mention order, entity order.

A new entity stage goes into this list where its inputs are ready.
"""

from __future__ import annotations

from .. import doc as D
from .. import names as N
from ..quotes import token_quote_mask
from .accounts import account_nominals, attach_pages, handle_holders, settle_handles
from .cluster import cluster_mentions
from .coref import resolve_references
from .descriptions import find_descriptions
from .emails import attach_emails
from .handles import find_handles
from .index import EntityIndex
from .mentions import find_name_mentions
from .metrics import attach_metrics
from .platforms import dominant_platform
from .posts import followed_by, post_accounts
from .roles import attach_roles
from .string_match import string_match_mentions


def find_entities(doc) -> EntityIndex:
    """All people, organisations and accounts of an article (see module doc)."""
    index = EntityIndex(doc=doc, text=D.doc_text(doc))
    quoted = token_quote_mask(doc)
    handles = find_handles(doc)
    mentions = find_name_mentions(doc, handles)
    ambiguous = cluster_mentions(doc, mentions, index, handles)
    # Names spaCy missed the second time ("Sokha" untagged): exact string matches.
    for m in string_match_mentions(doc, index, mentions):
        index.add_mention(m.entity, m.start_char, m.end_char, "name")
    # Unnamed organisations that speak ("The Philippine health ministry denied")
    find_descriptions(doc, index)
    attach_roles(doc, index)
    resolve_references(doc, index, quoted, ambiguous)
    platform = dominant_platform(doc)
    attach_pages(doc, index, platform)
    handle_holders(doc, index)
    account_nominals(doc, index)
    attach_metrics(doc, index, platform)
    post_accounts(doc, index)
    followed_by(doc, index)
    attach_emails(doc, index, quoted)
    settle_handles(index, platform)
    _finish(index)
    return index


def _finish(index: EntityIndex) -> None:
    """Aliases, mention order, entity order by first mention."""
    by_entity: dict[str, list[tuple[int, int]]] = {}
    for start, end, eid, kind in index.spans:
        if kind not in ("pronoun", "account", "document"):
            by_entity.setdefault(eid, []).append((start, end))
    for rec in index.entities:
        rec["mentions"].sort(key=lambda m: (m["start"], m["end"]))
        seen = {N.norm(rec["name"])}
        aliases = []
        for start, end in by_entity.get(rec["id"], []):
            t = N.strip_possessive(" ".join(index.text[start:end].split()))
            t = " ".join(t.replace("“", "").replace("”", "").replace('"', "").split()).strip("'‘’")
            if t and N.norm(t) not in seen:
                seen.add(N.norm(t))
                aliases.append(t)
        rec["aliases"] = aliases
    index.entities.sort(key=lambda r: (r["mentions"][0]["start"] if r["mentions"] else 10**12, r["id"]))
