"""Scoring extractor output against hand annotations (corpus/gold/*.json,
eval/dev/gold/*.json; format in eval/README.md).

``evaluate(gold_paths, article_dir)`` runs the extractor on each annotated
article and returns per-category precision/recall with the misses listed;
``format_report(report)`` renders it for ``kg eval``.

Matching follows eval/README.md -- lenient on wording, strict on who:

* gold items are anchored by ``sentence_contains`` (``raw.index(anchor)``);
  a predicted statement matches when its ``sentence`` span overlaps the anchor;
* a speaker matches a gold person when the speaker's *entity* has the gold
  name or one of its aliases as name/alias (a bare "he" with no entity never
  matches); group speakers ("Spokesmen for both sides") and pseudonymous
  sources match by speaker text;
* allegations: kind allegation/accusation, claimant as above (any speaker when
  the gold claimant is null);
* not-denials: respected when no predicted denial overlaps the anchor;
* statements: recall over gold statements; precision over predicted
  statements lying on annotated sentences (is the speaker the annotated one?).

Categories people/roles/accounts compare entity records by name/alias.
"""

from __future__ import annotations

import json
import pathlib
import re
from typing import Callable, Iterable

CATEGORIES = ("people", "roles", "accounts", "metrics", "allegations", "denials", "links", "not_denials", "statements")
ALLEGATION_KINDS = ("allegation", "accusation")


# ------------------------------------------------------------------ helpers


def norm(s: str | None) -> str:
    if not s:
        return ""
    s = s.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    s = re.sub(r"[\"]", "", s)
    s = re.sub(r"'s\b", "", s)
    s = " ".join(s.split()).casefold().strip(" .,")
    return re.sub(r"^the ", "", s)


def _anchor(raw: str, item: dict) -> tuple[int, int] | None:
    a = item.get("sentence_contains")
    if not a:
        return None
    try:
        i = raw.index(a)
    except ValueError:
        return None
    return i, i + len(a)


def _overlap(span: dict | None, anchor) -> bool:
    return bool(span) and anchor is not None and span["start"] < anchor[1] and anchor[0] < span["end"]


class _Names:
    """Name/alias sets of predicted entities and of gold people."""

    def __init__(self, result: dict, gold: dict):
        self.ent = {e["id"]: e for e in result.get("entities", [])}
        self.gold_people = {}
        for p in gold.get("people", []):
            self.gold_people[p["name"]] = {norm(p["name"])} | {norm(a) for a in p.get("aliases", [])}
        for o in gold.get("organizations", []):
            self.gold_people.setdefault(o, {norm(o)})
        for o, al in (gold.get("org_aliases") or {}).items():
            self.gold_people.setdefault(o, {norm(o)}).update(norm(a) for a in al)
        self.handles = {norm(s["handle"]) for s in gold.get("pseudonymous_sources", [])}

    def of_entity(self, eid: str | None) -> set[str]:
        e = self.ent.get(eid) if eid else None
        if not e:
            return set()
        out = {norm(e["name"])} | {norm(a) for a in e.get("aliases", [])}
        if e.get("handle"):
            out.add(norm(e["handle"]))
        return out

    def gold_set(self, name: str) -> set[str]:
        return self.gold_people.get(name, {norm(name)})

    def entity_is(self, eid: str | None, gold_name: str) -> bool:
        names = self.of_entity(eid)
        if not names:
            return False
        g = self.gold_set(gold_name)
        e = self.ent[eid]
        return norm(e["name"]) in g or norm(gold_name) in names

    def speaker_is(self, speaker: dict | None, gold_name: str | None, group: bool = False) -> bool:
        if gold_name is None:
            return True
        if not speaker:
            return False
        if self.entity_is(speaker.get("entity"), gold_name):
            return True
        text = norm(speaker.get("text"))
        g = norm(gold_name)
        if group or g in self.handles:
            # Group / pseudonymous sources have no person entity: match by text.
            return bool(text) and (g in text or (group and text in g and len(text) > 3))
        return False


def _cat():
    return {"tp_pred": 0, "n_pred": 0, "tp_gold": 0, "n_gold": 0, "misses": [], "false": []}


def _pr(c: dict) -> dict:
    p = c["tp_pred"] / c["n_pred"] if c["n_pred"] else None
    r = c["tp_gold"] / c["n_gold"] if c["n_gold"] else None
    return {**c, "precision": p, "recall": r}


def _snip(raw: str, span) -> str:
    if span is None:
        return "?"
    s = raw[span[0] : span[1]] if isinstance(span, tuple) else span.get("text", "")
    s = " ".join(s.split())
    return s if len(s) <= 90 else s[:89].rsplit(" ", 1)[0] + " …"


# ------------------------------------------------------------- per article


def score_article(raw: str, gold: dict, result: dict) -> dict:
    """Per-category counts and misses for one article."""
    names = _Names(result, gold)
    cats = {c: _cat() for c in CATEGORIES}
    stmts = result.get("statements", [])
    ents = result.get("entities", [])
    persons = [e for e in ents if e["type"] == "Person"]
    _score_people(cats["people"], names, gold, persons)
    _score_roles(cats["roles"], names, gold, persons)
    _score_accounts(cats["accounts"], cats["metrics"], names, gold, ents)
    # allegations
    _anchored(
        cats["allegations"],
        raw,
        gold.get("allegations", []),
        [s for s in stmts if s["kind"] in ALLEGATION_KINDS],
        lambda s, g: names.speaker_is(s["speaker"], g.get("claimant")),
    )
    # denials
    _anchored(
        cats["denials"],
        raw,
        gold.get("denials", []),
        [s for s in stmts if s["kind"] == "denial"],
        lambda s, g: names.speaker_is(s["speaker"], g["denier"], g.get("denier_is_group", False)),
    )
    _score_links(cats["links"], raw, names, gold, stmts)
    _score_not_denials(cats["not_denials"], raw, gold, stmts)
    _score_statements(cats["statements"], raw, names, gold, stmts)
    return {k: _pr(v) for k, v in cats.items()}


def _score_people(c: dict, names, gold: dict, persons: list) -> None:
    gp = gold.get("people", [])
    matched_gold = set()
    for e in persons:
        hit = [p["name"] for p in gp if names.entity_is(e["id"], p["name"])]
        if not hit and names.of_entity(e["id"]) & names.handles:
            continue  # a pseudonymous source typed Person: neither right nor wrong
        c["n_pred"] += 1
        if hit:
            c["tp_pred"] += 1
            matched_gold.update(hit)
        else:
            c["false"].append(e["name"])
    c["n_gold"] = len(gp)
    c["tp_gold"] = len(matched_gold)
    c["misses"] = [p["name"] for p in gp if p["name"] not in matched_gold]


def _score_roles(c: dict, names, gold: dict, persons: list) -> None:
    gp = gold.get("people", [])
    gold_roles = {(p["name"], r) for p in gp for r in p.get("roles", [])}
    hit_roles = set()
    for e in persons:
        owner = next((p["name"] for p in gp if names.entity_is(e["id"], p["name"])), None)
        for r in e.get("roles", []):
            c["n_pred"] += 1
            ok = owner and [g for g in gold_roles if g[0] == owner and _role_match(r.get("title"), g[1])]
            if ok:
                c["tp_pred"] += 1
                hit_roles.update(ok)
            else:
                c["false"].append(f"{e['name']}: {r.get('title') or '(no title)'}")
    c["n_gold"] = len(gold_roles)
    c["tp_gold"] = len(hit_roles)
    c["misses"] = [f"{n}: {r}" for n, r in sorted(gold_roles - hit_roles)]


def _score_accounts(c: dict, cm: dict, names, gold: dict, ents: list) -> None:
    """Accounts and their metrics."""
    accts = [e for e in ents if e["type"] == "Account"]
    ga = gold.get("accounts", [])
    hit_acc, hit_met = set(), set()
    gold_metrics = [(k, m) for k, a in enumerate(ga) for m in a.get("metrics", [])]
    for e in accts:
        if norm(e.get("handle")) in names.handles and not any(_account_match(names, e, a) for a in ga):
            continue  # a pseudonymous source's own account: gold lists those apart
        c["n_pred"] += 1
        ok = [k for k, a in enumerate(ga) if _account_match(names, e, a)]
        if ok:
            c["tp_pred"] += 1
            hit_acc.update(ok)
        else:
            holder = names.ent.get(e.get("holder") or "", {}).get("name") or "no holder"
            c["false"].append(
                f"{holder}: {e.get('platform') or 'unknown platform'} {e.get('kind') or 'account'} ({e['name']})"
            )
        for m in e.get("metrics", []):
            cm["n_pred"] += 1
            mk = [(k, gm["value"]) for k, gm in gold_metrics if k in ok and _close(m.get("value"), gm["value"])]
            if mk:
                cm["tp_pred"] += 1
                hit_met.update(mk)
            else:
                cm["false"].append(f"{m.get('what')}={m.get('value')} ({m.get('text')})")
    c["n_gold"], c["tp_gold"] = len(ga), len(hit_acc)
    c["misses"] = [
        f"{a['holder']}: {a.get('platform') or 'unknown platform'} {a.get('kind') or 'account'}"
        for k, a in enumerate(ga)
        if k not in hit_acc
    ]
    cm["n_gold"] = len(gold_metrics)
    cm["tp_gold"] = sum(1 for k, gm in gold_metrics if (k, gm["value"]) in hit_met)
    cm["misses"] = [f"{ga[k]['holder']}: {gm['text']}" for k, gm in gold_metrics if (k, gm["value"]) not in hit_met]


def _score_not_denials(c: dict, raw: str, gold: dict, stmts: list) -> None:
    for nd in gold.get("not_denials", []):
        an = _anchor(raw, nd)
        c["n_gold"] += 1
        bad = [s for s in stmts if s["kind"] == "denial" and _overlap(s["sentence"], an)]
        if bad:
            c["misses"].append(f"“{nd['sentence_contains']}” read as a denial (rule {bad[0]['rule']})")
        else:
            c["tp_gold"] += 1


def _score_statements(c: dict, raw: str, names, gold: dict, stmts: list) -> None:
    gs = gold.get("statements", [])
    for g in gs:
        an = _anchor(raw, g)
        c["n_gold"] += 1
        if any(_overlap(s["sentence"], an) and names.speaker_is(s["speaker"], g["speaker"]) for s in stmts):
            c["tp_gold"] += 1
        else:
            c["misses"].append(f"{g['speaker']}: “{g['sentence_contains']}”")
    annotated = []
    for g in gs:
        annotated.append((_anchor(raw, g), g["speaker"], False))
    for g in gold.get("denials", []):
        annotated.append((_anchor(raw, g), g["denier"], g.get("denier_is_group", False)))
    for g in gold.get("allegations", []):
        if g.get("claimant"):
            annotated.append((_anchor(raw, g), g["claimant"], False))
    for s in stmts:
        on = [(an, who, grp) for an, who, grp in annotated if _overlap(s["sentence"], an)]
        if not on or s["speaker"] is None:
            continue
        c["n_pred"] += 1
        if any(names.speaker_is(s["speaker"], who, grp) for _, who, grp in on):
            c["tp_pred"] += 1
        else:
            c["false"].append(f"{s['id']} said by {_speaker(s['speaker'])}: “{_snip(raw, s['sentence'])}”")


def _gold_allegation(raw: str, g: dict) -> str:
    """'A2 (Rival X against Ann Lee: what is alleged)', the summary or else the anchor."""
    what = g.get("summary") or f"“{g.get('sentence_contains') or '?'}”"
    return f"{g['id']} ({g.get('claimant') or 'unattributed'} against {g.get('target') or 'no one named'}: {what})"


def _score_links(c: dict, raw: str, names: "_Names", gold: dict, stmts: list) -> None:
    """Links: the ``denies`` edges of the denials found for each gold denial
    (denial -> gold allegation ids), one listed line per wrong or missing edge."""
    gold_al = {g["id"]: g for g in gold.get("allegations", [])}
    al_anchor = [(_anchor(raw, g), g) for g in gold.get("allegations", [])]
    by_id = {s["id"]: s for s in stmts}
    to_gold: dict[str, set] = {}
    for s in stmts:
        if s["kind"] in ALLEGATION_KINDS:
            to_gold[s["id"]] = {
                g["id"]
                for an, g in al_anchor
                if _overlap(s["sentence"], an) and names.speaker_is(s["speaker"], g.get("claimant"))
            }
    for g in gold.get("denials", []):
        an = _anchor(raw, g)
        found = [
            s
            for s in stmts
            if s["kind"] == "denial"
            and _overlap(s["sentence"], an)
            and names.speaker_is(s["speaker"], g["denier"], g.get("denier_is_group", False))
        ]
        if not found:
            continue
        who = f"{g['id']} ({g['denier']})"
        pred: set = set()
        extra: list[str] = []
        for s in found:
            for sid in s["denies"]:
                mapped = to_gold.get(sid, set())
                pred |= mapped
                if not mapped:
                    target = by_id.get(sid)
                    text = _snip(raw, target["content"]) if target else "?"
                    extra.append(f"{who} -> {sid} “{text}”: not an allegation in gold")
        gold_links = set(g.get("denies", []))
        c["n_pred"] += len(pred) + len(extra)
        c["tp_pred"] += len(pred & gold_links)
        c["n_gold"] += len(gold_links)
        c["tp_gold"] += len(pred & gold_links)
        for aid in sorted(gold_links - pred):
            label = _gold_allegation(raw, gold_al[aid]) if aid in gold_al else aid
            c["misses"].append(f"{who} should deny {label}")
        for aid in sorted(pred - gold_links):
            c["false"].append(f"{who} -> {_gold_allegation(raw, gold_al[aid])}: not a gold link")
        c["false"].extend(extra)


def _speaker(sp: dict | None) -> str:
    """How a predicted speaker reads in a report: its words, and who they resolved to."""
    if not sp:
        return "no speaker"
    if sp.get("name") and sp["name"] != sp.get("text"):
        return f"“{sp.get('text')}” (= {sp['name']})"
    return f"“{sp.get('text')}”" + ("" if sp.get("entity") else " (unresolved)")


def _anchored(c: dict, raw: str, gold_items: list, preds: list, who_ok: Callable) -> None:
    anchors = [(_anchor(raw, g), g) for g in gold_items]
    hit = set()
    for s in preds:
        c["n_pred"] += 1
        ok = [g["id"] for an, g in anchors if _overlap(s["sentence"], an) and who_ok(s, g)]
        if ok:
            c["tp_pred"] += 1
            hit.update(ok)
        else:
            c["false"].append(f"{s['id']} {s['kind']} by {_speaker(s['speaker'])}: “{_snip(raw, s['content'])}”")
    c["n_gold"] = len(gold_items)
    c["tp_gold"] = len(hit)
    for an, g in anchors:
        if g["id"] not in hit:
            who = g.get("denier") or g.get("claimant") or "unattributed"
            c["misses"].append(f"{g['id']} ({who}): “{g.get('sentence_contains') or '?'}”")


def _role_match(pred: str | None, gold: str) -> bool:
    p, g = norm(pred), norm(gold)
    if not p:
        return False
    if p in g or g in p:
        return True
    stop = {"of", "the", "a", "an", "and", "for", "to", "in"}
    pw, gw = set(p.split()) - stop, set(g.split()) - stop
    return bool(pw and gw) and len(pw & gw) / len(pw | gw) >= 0.5


def _account_match(names: _Names, e: dict, g: dict) -> bool:
    if not names.entity_is(e.get("holder"), g["holder"]):
        return False
    pp, gp = norm(e.get("platform")), norm(g.get("platform"))
    return bool(pp) and (pp == gp or pp in gp or gp in pp)


def _close(a, b) -> bool:
    try:
        a, b = float(a), float(b)
    except (TypeError, ValueError):
        return False
    return abs(a - b) <= 0.02 * max(abs(b), 1e-9)


# ------------------------------------------------------------------- driver


def _decode(path: pathlib.Path) -> str:
    """The article text as ingest reads it (kg.reading.decode), UTF-8 otherwise."""
    data = path.read_bytes()
    try:
        from .reading import decode
    except ImportError:  # pragma: no cover - reading is part of the package
        return data.decode("utf-8", errors="replace")
    return decode(data, path.name)


def evaluate(gold_paths: Iterable, article_dir, extract_fn: Callable | None = None) -> dict:
    """Score the extractor on each gold file's article (found in article_dir).

    Returns {"articles": {name: {category: scores}}, "totals": {category: scores}}
    where scores = precision, recall, tp/n counts, misses (gold not found) and
    false (predictions not in gold).
    """
    from .cleaning import clean_text

    if extract_fn is None:
        from .windows import extract_article as extract_fn  # what ingest and kg extract run
    article_dir = pathlib.Path(article_dir)
    per: dict[str, dict] = {}
    from .errors import KgError

    for gp in sorted(pathlib.Path(p) for p in gold_paths):
        try:
            gold = json.loads(gp.read_text("utf-8"))
            name = gold["article"]
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise KgError(f"unreadable gold file {gp}: {exc}") from None
        path = article_dir / name
        if not path.is_file():
            raise KgError(f"article {name} of {gp.name} not found in {article_dir}")
        raw = _decode(path)
        article = clean_text(raw)
        result = extract_fn(article)
        per[gold["article"]] = score_article(raw, gold, result)
    totals = {}
    for cat in CATEGORIES:
        agg = _cat()
        for name, sc in per.items():
            for k in ("tp_pred", "n_pred", "tp_gold", "n_gold"):
                agg[k] += sc[cat][k]
            agg["misses"] += [f"[{name[:12]}] {m}" for m in sc[cat]["misses"]]
            agg["false"] += [f"[{name[:12]}] {m}" for m in sc[cat]["false"]]
        totals[cat] = _pr(agg)
    return {"articles": per, "totals": totals}


def format_report(report: dict, *, show_false: bool = True) -> str:
    """Human-readable table: P/R per category, then what was missed (and wrongly found)."""

    def f(x):
        return "  n/a" if x is None else f"{x:5.2f}"

    lines = [f"{'category':<13} {'precision':>16} {'recall':>16}"]
    for cat, sc in report["totals"].items():
        lines.append(
            f"{cat:<13} {f(sc['precision'])} ({sc['tp_pred']:>3}/{sc['n_pred']:<3})"
            f"   {f(sc['recall'])} ({sc['tp_gold']:>3}/{sc['n_gold']:<3})"
        )
    for cat, sc in report["totals"].items():
        if sc["misses"]:
            lines.append(f"\nmissed {cat}:")
            lines += [f"  - {m}" for m in sc["misses"]]
        if show_false and sc["false"]:
            lines.append(f"\nnot in gold ({cat}):")
            lines += [f"  + {m}" for m in sc["false"]]
    return "\n".join(lines)
