"""Legal and institutional outcomes on the network map (kind ``consequence``).

Read from the graph's ``kg:Consequence`` nodes (the consequences stage of the
extractor): one node per outcome ("convicted: defamation", "fined 6000 USD"),
with edges

  outcome-for   the outcome -> each agent it happened to;
  brought       whoever brought the case or the fine -> the outcome;
  led-to        the statement the outcome followed -> the outcome ("an
                accusation that later saw him convicted"), that statement drawn
                even when its kind is filtered out, as denials draw theirs.

Kept apart from network.py because it only adds to the builder: it never reads
the statements' own edges.
"""

from __future__ import annotations

from collections import defaultdict

CONSEQUENCES = """
SELECT ?g ?c ?outcome ?charge ?penalty ?amount ?currency ?sentence ?start ?date ?dateText WHERE { GRAPH ?g {
  ?c a kg:Consequence ; kg:outcome ?outcome .
  OPTIONAL { ?c kg:charge ?charge } OPTIONAL { ?c kg:penalty ?penalty }
  OPTIONAL { ?c kg:amount ?amount OPTIONAL { ?c kg:currency ?currency } }
  OPTIONAL { ?c kg:sentence ?sp . ?sp oa:exact ?sentence ; oa:start ?start }
  OPTIONAL { ?c kg:date ?date } OPTIONAL { ?c kg:dateText ?dateText } } }
"""
# Who it happened to, who brought it, and what it followed: one row per link.
LINKS = """
SELECT ?g ?c ?rel ?x ?text WHERE { GRAPH ?g {
  ?c a kg:Consequence .
  { ?c kg:affects ?x BIND("outcome-for" AS ?rel) } UNION { ?c kg:affectsText ?text BIND("outcome-for" AS ?rel) }
  UNION { ?c kg:broughtBy ?x BIND("brought" AS ?rel) } UNION { ?c kg:broughtByText ?text BIND("brought" AS ?rel) }
  UNION { ?c kg:consequenceOf ?x BIND("led-to" AS ?rel) } } }
"""
LABEL_CHARGE = 40  # characters of the charge shown on the node; the tooltip has all of it


def _text(term) -> str:
    return " ".join(str(term).split()) if term is not None else ""


def amount_text(amount, currency) -> str:
    """'6,000 USD' from kg:amount and kg:currency ('' without an amount)."""
    if amount is None or amount == "":
        return ""
    n = float(amount)
    shown = f"{int(n):,}" if n.is_integer() else f"{n:,}"
    return f"{shown} {currency}" if currency is not None else shown


def _label(r: dict) -> str:
    """'convicted: defamation', 'sentenced: five years', 'fined 6,000 USD'."""
    detail = r["amount"] or r["penalty"]
    if not detail and r["charge"]:
        c = r["charge"]
        detail = c if len(c) <= LABEL_CHARGE else c[: LABEL_CHARGE - 1] + "…"
    return f"{r['outcome']}{' ' if r['amount'] else ': '}{detail}" if detail else r["outcome"]


def read_consequences(rows) -> dict[str, dict]:
    """Every consequence as a plain record, with its links (``rows``: network._Rows)."""
    out: dict[str, dict] = {}
    for g, c, outcome, charge, penalty, amount, currency, sentence, start, date, date_text in rows(CONSEQUENCES):
        if str(c) in out:
            continue
        out[str(c)] = {
            "outcome": _text(outcome),
            "charge": _text(charge),
            "penalty": _text(penalty),
            "amount": amount_text(amount, currency),
            "sentence": _text(sentence),
            "start": int(start) if start is not None else -1,
            "date": _text(date) or _text(date_text),
            "article": rows.title(g),
            "links": defaultdict(set),
        }
    for _g, c, rel, x, text in rows(LINKS):
        if str(c) in out:
            out[str(c)]["links"][str(rel)].add(("iri", str(x)) if x is not None else ("text", _text(text)))
    return out


def add_consequences(b, rows, stmts: dict[str, dict], kinds) -> None:
    """The outcome nodes and their edges on the builder ``b`` (network._Builder)."""
    for iri, r in sorted(read_consequences(rows).items()):
        b.nodes[iri] = {
            "kind": "consequence",
            "label": _label(r),
            "text": r["sentence"],
            "sentence": r["sentence"],
            "article": r["article"],
            **{k: r[k] for k in ("outcome", "charge", "penalty", "amount", "date")},
        }
        evidence = {"sentence": r["sentence"], "article": r["article"], "statement": iri}
        links = r["links"]
        for how, x in sorted(links["outcome-for"]):
            who = b.agent_node(x) if how == "iri" else b.text_node(x)
            b.add_edge(iri, who, f"outcome-for:{iri}:{who}", kind="outcome-for", **evidence)
        for how, x in sorted(links["brought"]):
            who = b.agent_node(x) if how == "iri" else b.text_node(x)
            b.add_edge(who, iri, f"brought:{iri}:{who}", kind="brought", **evidence)
        for _how, s in sorted(links["led-to"]):
            if s in stmts and stmts[s]["kind"] != "denial":  # a claim IRI is not drawn: its statements are
                b.statement_node(s, stmts[s], stmts[s]["kind"] in kinds)
                b.add_edge(s, iri, f"led-to:{s}:{iri}", kind="led-to", **evidence)
