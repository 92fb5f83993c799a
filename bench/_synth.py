"""Synthetic extractor records in the shape real articles give, for benches
that need more data than corpus/ has. The graphs are built by kg.graph (the
same mapping ingest uses), so the store has our ontology's real shape: many
articles, people and organisations recurring across them (a few very often,
most rarely), roles, accounts with metrics, and statements of every kind with
speakers, targets, text spans and denials linked to what they deny."""

from __future__ import annotations

import random

from kg.cleaning import ArticleText
from kg.graph import article_quads

FIRST = (
    "Sok Chan Kem Mu Sam Hun Dara Seiha Vann Rithy Bopha Sophal Chea Nhek Sary Thida Kosal Vichea Phalla Ratha "
    "Jane John Maria Peter Anna Paul Lina David Sara Mark Nina Tom Ella Omar Lucia Ivan Mei Ken Ana Leo"
).split()
LAST = (
    "Rainsy Sen Eysan Leang Satya Bunteth Sokha Kimsour Chhay Nuon Pheap Vuthy Sothea Rith Mony Samnang Dina Kanha "
    "Roe Doe Smith Garcia Novak Silva Chen Kowalski Haddad Moreau Rossi Tanaka Okafor Jensen Ibrahim Lopez"
).split()
ORG_WORDS = (
    "National Ministry Council Party Committee Union Authority Agency Court Front Post Media Institute "
    "Rescue Democratic Grassroots Interior Information Foreign Tourism Finance"
).split()
TITLES = (
    "Prime Minister",
    "spokesman",
    "opposition leader",
    "minister",
    "senator",
    "deputy director",
    "adviser",
    "party president",
    "undersecretary",
    "analyst",
)
PHRASES = (
    "bought thousands of Facebook likes",
    "paid for fake followers",
    "leaked the emails",
    "fabricated the documents",
    "hidden the accounts",
    "spent public money on advertising",
    "misled the public",
    "ordered the promotion",
    "broken the election law",
    "taken bribes from a company",
    "lied about the budget",
    "threatened journalists",
)
CUES = {
    "allegation": "alleged",
    "accusation": "accused",
    "claim": "claimed",
    "statement": "said",
    "confirmation": "confirmed",
    "refusal": "declined to comment on whether",
    "denial": "denied",
}
KINDS = (
    ["statement"] * 6
    + ["claim"] * 2
    + ["allegation"] * 3
    + ["accusation"] * 2
    + ["denial"] * 3
    + ["confirmation", "refusal"]
)


def _pick(rng: random.Random, pool: list, skew: float = 1.1):
    """Zipf-like: a few names recur in many articles, most in few."""
    i = int(len(pool) * rng.random() ** (1 + skew * 2)) % len(pool)
    return pool[i]


class Synth:
    def __init__(self, seed: int = 7, people: int = 3000, orgs: int = 300):
        rng = random.Random(seed)
        names = sorted({f"{a} {b}" for a in FIRST for b in LAST})
        rng.shuffle(names)
        self.people = names[:people]
        self.orgs = sorted(
            {f"{rng.choice(ORG_WORDS)} {rng.choice(ORG_WORDS)} {rng.choice(ORG_WORDS)}" for _ in range(orgs * 3)}
        )[:orgs]
        self.role = {p: (rng.choice(TITLES), rng.choice(self.orgs)) for p in self.people if rng.random() < 0.4}
        self.seed = seed

    def article(self, i: int) -> tuple[ArticleText, dict]:
        rng = random.Random(self.seed * 1_000_003 + i)
        cast = list(dict.fromkeys(_pick(rng, self.people) for _ in range(14)))[:10]
        orgs = list(dict.fromkeys(_pick(rng, self.orgs) for _ in range(4)))[:3]
        parts: list[str] = []
        pos = 0
        mentions: dict[str, list[dict]] = {}

        def put(s: str, ent: str | None = None) -> dict:
            nonlocal pos
            rec = {"start": pos, "end": pos + len(s), "text": s}
            parts.append(s)
            pos += len(s)
            if ent is not None:
                mentions.setdefault(ent, []).append({"start": rec["start"], "end": rec["end"], "text": s})
            return rec

        title = f"{cast[0]} denies claims over {rng.choice(PHRASES).split()[-1]} ({i})"
        put(title + "\n\n")
        body_start = pos
        ents: dict[str, dict] = {}

        def ent(name: str, etype: str) -> str:
            eid = ("person:" if etype == "Person" else "org:") + name.lower().replace(" ", "-")
            ents.setdefault(
                eid,
                {
                    "id": eid,
                    "type": etype,
                    "name": name,
                    "aliases": [name.split()[-1]] if etype == "Person" else [],
                    "mentions": [],
                    "roles": [],
                    "metrics": [],
                    "rule": "ner",
                },
            )
            return eid

        for o in orgs:
            ent(o, "Organization")
        # Roles: "X, the <title> of <org>, ..." introduces people with their job.
        for p in cast[:6]:
            if p in self.role:
                title_, org = self.role[p]
                pid = ent(p, "Person")
                oid = ent(org, "Organization")
                put(p, pid)
                put(", the ")
                t = put(title_)
                put(" of ")
                put(org, oid)
                put(", spoke to reporters on Monday. ")
                ents[pid]["roles"].append(
                    {"title": title_, "org": oid, "start": t["start"], "end": t["end"], "rule": "appos-title"}
                )
        put("\n\n")
        statements: list[dict] = []
        open_allegations: list[dict] = []
        for k in range(rng.randint(14, 22)):
            kind = rng.choice(KINDS)
            speaker = rng.choice(cast)
            target = rng.choice([c for c in cast if c != speaker])
            sid = f"s{k + 1}"
            s0 = pos
            if rng.random() < 0.85:
                sp_id = ent(speaker, "Person")
                sp = {**put(speaker, sp_id), "entity": sp_id, "name": speaker}
            else:
                sp = {**put("Spokesmen for both sides"), "entity": None, "name": None}
            put(" ")
            cue = put(CUES[kind])
            put(" that " if kind != "accusation" else " ")
            tid = ent(target, "Person")
            c0 = pos
            put(target, tid)
            put(" had " + rng.choice(PHRASES))
            content = {"start": c0, "end": pos}
            put(". ")
            sentence = {"start": s0, "end": pos - 1}
            if rng.random() < 0.3:
                put("\n\n")
            st = {
                "id": sid,
                "kind": kind,
                "speaker": sp,
                "cue": cue,
                "content": content,
                "sentence": sentence,
                "target": {"entity": tid, "name": target} if kind in ("allegation", "accusation", "denial") else None,
                "denies": [],
                "certainty": rng.choice(["certain", "certain", "probable", "possible"]),
                "polarity": "negative" if kind == "denial" else "positive",
                "rule": f"cue-{kind}",
            }
            if kind in ("allegation", "accusation"):
                open_allegations.append(st)
            elif kind == "denial" and open_allegations:
                st["denies"] = [rng.choice(open_allegations)["id"]]
            statements.append(st)
        # An account with a follower count in about a third of articles.
        if rng.random() < 0.35:
            holder = ent(cast[0], "Person")
            put("\n\n")
            fb = put(f"{cast[0]}'s Facebook page")
            put(" has ")
            num = put(f"{rng.randint(2, 90) / 10} million")
            put(" followers.")
            aid = f"account:facebook:{cast[0].lower().replace(' ', '-')}:page"
            ents[aid] = {
                "id": aid,
                "type": "Account",
                "name": f"{cast[0]} (Facebook page)",
                "aliases": [],
                "mentions": [fb],
                "roles": [],
                "holder": holder,
                "platform": "Facebook",
                "handle": None,
                "kind": "page",
                "redacted": False,
                "rule": "account",
                "metrics": [
                    {
                        "what": "followers",
                        "value": int(float(num["text"].split()[0]) * 1e6),
                        "start": num["start"],
                        "end": num["end"],
                        "reported_by": None,
                        "rule": "metric",
                    }
                ],
            }
        put("\n")
        raw = "".join(parts)
        for st in statements:
            st["content"]["text"] = raw[st["content"]["start"] : st["content"]["end"]]
            st["sentence"]["text"] = raw[st["sentence"]["start"] : st["sentence"]["end"]]
        for eid, ms in mentions.items():
            ents[eid]["mentions"] = ms[:6]
        art = ArticleText(raw, raw, (body_start, len(raw)), title, {"publisher": f"Publisher {i % 7}"})
        return art, {"article": {"title": title}, "entities": list(ents.values()), "statements": statements}

    def nquads(self, i: int) -> str:
        art, rec = self.article(i)
        q = article_quads(art, rec, source=f"synthetic/{i:06d}.txt")
        tail = f" <{q.identifier}> .\n"
        return q.ntriples().replace(" .\n", tail)
