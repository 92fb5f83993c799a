"""The rule registry (``kg/patterns/rules.toml``): which rule ids exist, why, and their tags.

``lookup(rule_id)`` finds a registered id (a template like
``cue-{cue}-ccomp`` matches ``cue-deny-ccomp`` when "deny" is a word of the
slot's lexicons) and gives its section, reason, tags and slot values;
``tagged(rule_id, tag)`` is how a stage asks about the rule that made a fact
without matching id strings; ``unregistered(records)`` lists the ids an
extractor output uses that the registry does not know.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .lexicon import patterns

SECTIONS = ("entity", "role", "metric", "statement", "revision", "consequence", "date")
_SLOT = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True)
class Rule:
    section: str
    template: str  # the registered id ("cue-{cue}-ccomp")
    reason: str
    tags: frozenset[str]
    slots: tuple[tuple[str, str], ...] = ()  # (slot, word) the id filled in


@lru_cache(maxsize=None)
def _slot_words(name: str) -> frozenset[str]:
    words: set[str] = set()
    for ref in patterns("rules")["slots"][name]:
        name, _, path = ref.partition(":")
        data = patterns(name)
        for key in path.split("."):
            data = data[key]
        words.update(str(w).lower().split()[0] for w in data)
    return frozenset(words)


@lru_cache(maxsize=None)
def _compiled() -> tuple[dict, list]:
    """(exact id -> Rule, [(regex, slot names, Rule)] for templates)."""
    exact, templates = {}, []
    seen: dict[str, str] = {}
    data = patterns("rules")
    for section in SECTIONS:
        for template, entry in data[section].items():
            if template in seen:
                raise ValueError(f"rules.toml: {template!r} is registered twice ({seen[template]}, {section})")
            seen[template] = section
            rule = Rule(section, template, entry["reason"], frozenset(entry.get("tags", ())))
            names = _SLOT.findall(template)
            if not names:
                exact[template] = rule
                continue
            parts = _SLOT.split(template)  # literal, slot, literal, slot, ...
            rx = "".join(re.escape(p) if k % 2 == 0 else r"([a-z]+)" for k, p in enumerate(parts))
            templates.append((re.compile(rx), names, rule))
    return exact, templates


@lru_cache(maxsize=4096)
def lookup(rule_id: str) -> Rule | None:
    """The registry entry of an emitted rule id, or None when it is not registered."""
    exact, templates = _compiled()
    if rule_id in exact:
        return exact[rule_id]
    for rx, names, rule in templates:
        m = rx.fullmatch(rule_id)
        if m and all(v in _slot_words(n) for n, v in zip(names, m.groups())):
            return Rule(rule.section, rule.template, rule.reason, rule.tags, tuple(zip(names, m.groups())))
    return None


def tagged(rule_id: str, tag: str) -> bool:
    """Does the registry give the rule that made a fact this tag?"""
    rule = lookup(rule_id)
    return rule is not None and tag in rule.tags


def slot(rule_id: str, name: str) -> str | None:
    """The word a template rule id filled a slot with ("cue-deny-gerund", "cue" -> "deny")."""
    rule = lookup(rule_id)
    return dict(rule.slots).get(name) if rule is not None else None


def emitted(records: dict) -> list[tuple[str, str]]:
    """(section, rule id) of every rule an extractor output dict names."""
    out = []
    for e in records["entities"]:
        out.append(("entity", e["rule"]))
        out += [("role", r["rule"]) for r in e.get("roles") or []]
        out += [("metric", m["rule"]) for m in e.get("metrics") or []]
    for s in records["statements"]:
        out.append(("statement", s["rule"]))
        out += [("revision", r) for r in s.get("revised_by") or []]
        if s.get("date"):
            out.append(("date", s["date"]["rule"]))
    for c in records.get("consequences") or []:
        out.append(("consequence", c["rule"]))
        if c.get("link_rule"):
            out.append(("consequence", c["link_rule"]))
        if c.get("date"):
            out.append(("date", c["date"]["rule"]))
    return out


def unregistered(records: dict) -> list[tuple[str, str]]:
    """The (section, rule id) pairs of an output the registry does not know (or knows under another section)."""
    bad = []
    for section, rule_id in emitted(records):
        rule = lookup(rule_id)
        if rule is None or rule.section != section:
            bad.append((section, rule_id))
    return bad
