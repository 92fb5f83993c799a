"""Allegations implied by a denial of one's own act, stated by nobody (rule implied-by-denial)."""

from __future__ import annotations

from .linking import ALLEGATION_KINDS
from .records import own_act_rule


def implied_allegations(out: list[dict], info: dict) -> list[dict]:
    """ "A Belgian lawmaker has denied accepting cash and gifts from Qatar" with
    no allegation about her in the article: the denial implies one (nobody
    states it; claimant null, certainty possible, rule implied-by-denial), so
    "allegations against X" finds it. Only for a denied act of the denier's own
    ("denied accepting ...", target = the denier) and only when no allegation
    is already about the denier. Her later denials (same target) answer it too.
    Ids are renumbered in text order."""
    new = []
    for d in out:
        t = d["target"]
        if d["kind"] != "denial" or not own_act_rule(d["rule"]) or not t or not d["speaker"]:
            continue
        if t["entity"] is None or t["entity"] != d["speaker"]["entity"]:
            continue
        if any(
            a["kind"] in ALLEGATION_KINDS
            and (
                (a["target"] and a["target"]["entity"] == t["entity"])
                or t["entity"] in info.get(a["id"], {}).get("mentioned", ())
            )
            for a in out + new
        ):
            continue  # "Prosecutors allege X accepted bribes from Medisure": already alleged
        new.append(
            {
                "id": f"_i{len(new)}",
                "kind": "allegation",
                "speaker": None,
                "cue": None,
                "content": dict(d["content"]),
                "sentence": dict(d["sentence"]),
                "target": dict(t),
                "denies": [],
                "certainty": "possible",
                "polarity": "positive",
                "rule": "implied-by-denial",
                "revised_by": [],
                "_for": d["id"],
            }
        )
    if not new:
        return out
    for a in new:
        ent = a["target"]["entity"]
        sid = a.pop("_for")
        src = next(d for d in out if d["id"] == sid)
        for d in out:
            if d["kind"] == "denial" and (
                d is src
                or (
                    d["sentence"]["start"] >= src["sentence"]["start"]
                    and (
                        (d["target"] and d["target"]["entity"] == ent)
                        or (d["target"] is None and d["speaker"] and d["speaker"]["entity"] == ent)
                    )
                )
            ):
                d["denies"].append(a["id"])
                if d["target"] is None:
                    d["target"] = dict(a["target"])
    new_ids = {a["id"] for a in new}
    merged = out + new
    merged.sort(key=lambda s: (s["sentence"]["start"], s["id"] not in new_ids, s["content"]["start"]))
    ren = {s["id"]: f"s{k}" for k, s in enumerate(merged, 1)}
    for s in merged:
        s["id"] = ren[s["id"]]
        s["denies"] = sorted((ren[x] for x in s["denies"]), key=lambda x: int(x[1:]))
    return merged
