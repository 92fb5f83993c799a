"""Context passes that revise statements after their kinds are known (part 1)."""

from __future__ import annotations

from ..lexicon import cues, grammar
from ..rules import tagged
from ..spans import tok_record
from .classify import polarity_of
from .falsity import asserts_falsity
from .linking import ALLEGATION_KINDS
from .rebuttal_form import negated_rebuttal_form
from .resolve import gender_ok, resolve_tok
from .sides import representative, sp_entity
from .syntax import name_span
from .targets import full_name, proper_name


def cataphoric_speakers(built, doc, index, ctx) -> None:
    """'Britain's transport minister on Tuesday rejected allegations ...' names
    the person only later. An unresolved speaker headed by a role noun in the
    lede goes to the one person whose title has that noun, else (for a denial)
    to the one named person who denies elsewhere in the article. Two
    candidates: no guess (entity stays null)."""
    lex = cues().source
    people = [e for e in index.entities if e.get("type") == "Person"]
    deniers = sorted(
        {
            sp_entity(sp)
            for c, sp, kind in built
            if kind == "denial"
            and sp_entity(sp)
            and index.get(sp_entity(sp)).get("type") == "Person"
            and not representative(doc, c)
        }
    )
    # (A lawyer or spokesperson denying on a client's behalf is not the accused.)
    # Named deniers the entity side missed or mistyped ("Nkosi, 61, denied all
    # 14 counts" with "Nkosi" untyped or typed as an organisation): the
    # speaker phrase itself is a proper name, so the denier is a person by text.
    by_text: dict[str, dict] = {}
    for c, sp, kind in built:
        if kind != "denial" or sp is None or c.speaker is None or c.inherit or representative(doc, c):
            continue
        ent = sp_entity(sp)
        head = doc[c.speaker]
        if ent is not None and index.get(ent).get("type") == "Person":
            continue
        if not proper_name(head) or (
            ent is not None and not any(x.dep_ == "appos" and x.like_num for x in head.children)
        ):
            continue  # (a typed organisation counts only with a person's age apposition)
        if ent is None:
            f, l = name_span(head)
            name = full_name(doc, f, l)
            by_text.setdefault(name.casefold(), {"entity": None, "name": name})
            sp["name"] = sp["name"] or name
        else:
            by_text.setdefault(ent, {"entity": ent, "name": index.name(ent)})
    all_deniers = [{"entity": d, "name": index.name(d)} for d in deniers] + [
        v for k, v in sorted(by_text.items()) if v["entity"] is None or v["entity"] not in deniers
    ]
    for row in built:
        c, sp, kind = row
        if sp is None or sp["entity"] is not None or c.speaker is None:
            continue
        head = doc[c.speaker]
        if head.lemma_.lower() not in lex.person_nouns or ctx.para(c.sent[0]) > ctx.para(ctx.doc[0].idx) + 2:
            continue
        if head.lower_ in grammar("pronouns", "personal"):
            continue
        mods = {m.lower_ for m in head.children if m.dep_ in ("compound", "amod") and m.i < head.i}

        def fits(title: str) -> bool:
            words = set((title or "").lower().split())
            return head.lemma_.lower() in words and mods <= words  # "transport minister" is not "Prime Minister"

        titled = [e["id"] for e in people if any(fits(r.get("title")) for r in e.get("roles", []))]
        pick = [{"entity": titled[0], "name": index.name(titled[0])}] if len(titled) == 1 else []
        if not pick and kind == "denial" and len(all_deniers) == 1:
            pick = all_deniers  # (entity null: the later denier's name text)
        if len(pick) == 1:
            sp = dict(sp)
            sp["entity"], sp["name"] = pick[0]["entity"], pick[0]["name"]
            row.speaker = sp
            c.revise("cataphoric")


def employer_claimants(built, doc, index, ctx) -> None:
    """'researchers at the Stanford Internet Observatory published a report
    linking ...': an allegation by an unnamed group stands for its organisation."""
    for row in built:
        c, sp, kind = row
        if kind not in ALLEGATION_KINDS or sp is None or sp["entity"] is not None or c.speaker is None:
            continue
        head = doc[c.speaker]
        for p in head.children:
            if p.dep_ == "prep" and p.lower_ in ("at", "from", "of", "with"):
                o = next((g for g in p.children if g.dep_ == "pobj"), None)
                ent = resolve_tok(doc, index, o, ctx) if o is not None else None
                if ent is not None and index.get(ent).get("type") == "Organization":
                    sp = dict(sp)
                    sp["entity"], sp["name"] = ent, index.name(ent)
                    row.speaker = sp
                    break


def denial_key(c) -> int:
    """A denial's key for ``answered_by``: its cue token, or (a quote with no
    cue) minus one minus its first content token."""
    return c.cue if c.cue is not None else -(c.content[0] + 1)


def concessive_denials(built, doc, ctx) -> None:
    """'says hackers did not steal any customer files, despite claims by a
    ransomware group that it had copied 600 gigabytes of data': a negated
    statement made despite an allegation denies it (revision
    ``concessive``); its content stops before the concessive phrase."""
    preps = cues().allegation.concessive_preps
    for arow in built:
        a = arow.cand
        if arow.kind not in ALLEGATION_KINDS or not tagged(a.rule, "claimant-noun") or a.cue is None:
            continue
        n = doc[a.cue]
        p = n.head
        if not (n.dep_ == "pobj" and p.lower_ in preps):
            continue
        for row in built:
            c, sp, kind = row
            if (
                kind not in ("statement", "claim")
                or c.cue is None
                or c.quote
                or not (c.content[0] <= p.i <= c.content[1])
            ):
                continue
            last = p.left_edge.i - 1
            while last > c.content[0] and (doc[last].is_punct or doc[last].dep_ == "cc"):
                last -= 1
            if last < c.content[0] or p.left_edge.i <= c.content[0]:
                continue
            c.content = (c.content[0], last)
            c.content_chars = (doc[c.content[0]].idx, doc[last].idx + len(doc[last].text))
            if polarity_of(c, doc, kind) == "negative" or negated_rebuttal_form(c, doc):
                row.kind = "denial"
                c.revise("concessive")
                a.answered_by = denial_key(c)
            break


def pointed_object(d, doc):
    """What a denial points at: its denied noun, else the cue's direct object."""
    if d.denied_noun is not None:
        return doc[d.denied_noun]
    obj = (
        next((c for c in doc[d.cue].children if c.dep_ == "dobj"), None) if d.cue is not None and not d.quote else None
    )
    if obj is not None:
        return obj
    # “That is simply untrue. Ask the bank.”: a demonstrative subject of a
    # falsity verdict points back at what was just said.
    a, b = d.content
    for t in doc[a : b + 1]:
        if (
            t.dep_ in ("nsubj", "nsubjpass")
            and t.lower_ in cues().rebuttal.demonstratives
            and t.pos_ in ("PRON", "DET")
        ):
            h = t.head
            if a <= h.i <= b and asserts_falsity(list(h.subtree)):
                return t
            return None
    return None


def denied_back_reference(built, doc, index, ctx) -> None:
    """'“Somebody on his team knew it was coming,” Ortiz said. Sommers rejected
    that suggestion.': a denial whose object points back ("that suggestion",
    "these claims", a bare "Ferreira rejects that.") with no allegation nearby
    makes the statement it points to -- the nearest earlier one by someone
    else, same or previous paragraph -- an allegation (revision
    ``denied-later``). A possessed account ("The defence called *her
    account* a work of fiction", "dismissed his testimony as lies") points to
    the nearest earlier statement by someone else whatever else is near, and
    its speaker -- the account's owner -- is the denial's target
    (``Cand.owner``)."""
    lex = cues()
    demonstratives = lex.rebuttal.demonstratives
    for k, (d, sp, kind) in enumerate(built):
        if kind != "denial":
            continue
        n = pointed_object(d, doc)
        if n is None:
            continue
        demo = (
            n.lower_ in demonstratives
            and n.pos_ in ("PRON", "DET")
            or any(c.dep_ == "det" and c.lower_ in demonstratives for c in n.children)
        )
        poss = next((c for c in n.children if c.dep_ == "poss"), None)
        owned = poss is not None and n.lemma_.lower() in lex.rebuttal.account_nouns
        if not demo and not owned:
            continue
        me = sp_entity(sp)
        # (paragraphs of the content: sm runs sentences over paragraph breaks)
        para = ctx.para(d.content_chars[0] if d.cue is None else doc[d.cue].idx)
        earlier = [
            row
            for row in built
            if row.cand.content_chars[0] < d.content_chars[0] and para - ctx.para(row.cand.content_chars[0]) <= 1
        ]
        if owned and poss.lower_ not in grammar("pronouns", "personal"):
            # "dismissed Smith's account as fiction": the owner is named.
            ent = resolve_tok(doc, index, poss, ctx)
            f, l = name_span(poss)
            d.owner = {"entity": ent, "name": index.name(ent) if ent else tok_record(doc, f, l, ctx.text)["text"]}
            earlier = [row for row in earlier if ent is not None and sp_entity(row.speaker) == ent]
        elif not owned and any(row.kind in ALLEGATION_KINDS for row in earlier):
            continue
        prev = [
            row
            for row in earlier
            if row.speaker
            and (sp_entity(row.speaker) != me or me is None and row.speaker["text"] != sp["text"])
            and row.kind in ("statement", "claim") + (ALLEGATION_KINDS if owned else ())
            and not (
                owned
                and poss.lower_ in grammar("pronouns", "male") | grammar("pronouns", "female")
                and not gender_ok(
                    index, sp_entity(row.speaker), "he" if poss.lower_ in grammar("pronouns", "male") else "she"
                )
            )
        ]
        if prev:
            row = max(prev, key=lambda r: r.cand.content_chars[0])
            if owned and d.owner is None:
                d.owner = {"entity": sp_entity(row.speaker), "name": row.speaker["name"] or row.speaker["text"]}
            if row.kind in ALLEGATION_KINDS:
                row.cand.answered_by = denial_key(d)
                continue
            row.kind = "allegation"
            row.cand.revise("denied-later")
            row.cand.answered_by = denial_key(d)
        elif owned and d.owner is None:
            d.owner = {"entity": None, "name": None}  # unknown owner: no target, never a bystander


def deniers_of(built) -> set:
    return {sp_entity(sp) for c, sp, kind in built if kind == "denial" and sp_entity(sp)}
