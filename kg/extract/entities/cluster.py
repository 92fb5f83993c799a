"""Name mentions clustered into entities: canonical names and ids."""

from __future__ import annotations

from .. import names as N
from .index import EntityIndex, new_record
from .platforms import handle_record
from .shapes import Mention


def cluster_mentions(doc, mentions: list[Mention], index: EntityIndex, handles) -> list[tuple[int, int]]:
    """Group name mentions into entities and register them in the index.

    Returns the character spans of person names too ambiguous to cluster
    ("Mr Smith" with both John and Jane Smith in the story)."""
    # Handles first: a pseudonymous source named "Seiha" is the account, not a person.
    handle_ids: dict[str, str] = {}
    for h in handles:
        rec = index.add_entity(handle_record(h))
        handle_ids[N.norm(h["handle"])] = rec["id"]
        index.add_mention(rec["id"], h["start"], h["end"], "handle")

    people = [m for m in mentions if m.label == "PERSON"]
    orgs = [m for m in mentions if m.label == "ORG"]

    for m in mentions:
        if m.label in ("PERSON", "ORG") and N.norm(m.name) in handle_ids:
            m.entity = handle_ids[N.norm(m.name)]
            m.label = "HANDLE"

    groups, ambiguous = _cluster_people([m for m in people if m.label == "PERSON"])
    # "Mr Smith" with both John and Jane Smith in the story: no entity, but a
    # person all the same (coref lets them hold a salience slot)
    org_groups = _cluster_orgs([m for m in orgs if m.label == "ORG"])

    # Register in order of first mention so output order is deterministic.
    allg = [("Person", g) for g in groups] + [("Organization", g) for g in org_groups]
    allg.sort(key=lambda tg: min(m.start_char for m in tg[1]))
    used_ids: set[str] = index.ids()
    for etype, g in allg:
        canonical, rule = _canonical(g, etype)
        prefix = "person" if etype == "Person" else "org"
        eid = f"{prefix}:{N.slug(canonical)}"
        k = 2
        while eid in used_ids:
            eid = f"{prefix}:{N.slug(canonical)}-{k}"
            k += 1
        used_ids.add(eid)
        rec = index.add_entity(new_record(eid, etype, canonical, rule))
        for m in sorted(g, key=lambda m: m.start_char):
            m.entity = eid
            index.add_mention(eid, m.start_char, m.end_char, "name")
            if m.gender and etype == "Person":
                index.gender.setdefault(eid, m.gender)
        if etype == "Organization":
            index.set_org_kind(
                eid, sorted({c for m in g for c in m.classes}), sorted({c for m in g for c in m.descriptors})
            )
    for m in mentions:
        if m.label == "HANDLE" and m.entity:
            index.add_mention(m.entity, m.start_char, m.end_char, "handle")
    return [(m.start_char, m.end_char) for m in ambiguous]


def _is_subseq(short: tuple, long: tuple) -> bool:
    n = len(short)
    return n < len(long) and any(long[i : i + n] == short for i in range(len(long) - n + 1))


def _cluster_people(people: list[Mention]) -> tuple[list[list[Mention]], list[Mention]]:
    """Full names group by identity; shorter names join a unique compatible longer one.

    "Dara" joins "Duong Dara" and "Chong Leang" joins "Ueng Chong Leang" only
    when no other full name in the article contains them; "Sam" with both "Sam
    Rainsy" and "Sam Sary" present stays unresolved (dropped) rather than
    guessed. "Warren Buffett" and "Elizabeth Warren" never merge.
    """
    by_key: dict[tuple, list[Mention]] = {}
    for m in people:
        by_key.setdefault(N.name_tokens(m.name), []).append(m)
    keys = sorted(by_key, key=lambda k: (-len(k), min(m.start_char for m in by_key[k])))
    parent: dict[tuple, tuple] = {}
    roots: list[tuple] = []
    ambiguous: list[Mention] = []
    by_word: dict[str, list[tuple]] = {}  # word -> full names holding it (no all-pairs scan)
    late: dict[tuple, list[Mention]] = {}  # ambiguous short names settled by position
    for k in keys:
        longer = [r for r in by_word.get(k[0], []) if _is_subseq(k, r)] if k else []
        # "Mr. Menendez" is not "His wife, Nadine Menendez": a gender clash keeps them apart
        g_short = {m.gender for m in by_key[k] if m.gender}
        longer = [r for r in longer if not (g_short and {m.gender for m in by_key[r] if m.gender} - g_short)]
        if len(longer) == 1:
            parent[k] = longer[0]
            continue
        if len(longer) > 1:
            pick = _disambiguate(by_key[k], longer, by_key)
            if pick is not None:
                parent[k] = pick
            else:
                parent[k] = None  # ambiguous: no entity for these mentions...
                for m in by_key[k]:
                    # ...unless only one of the candidates had been named yet:
                    # "Grant" before "Sarah Grant" appears is the Oliver Grant
                    # named earlier (news introduces the second one in full)
                    before = [c for c in longer if min(x.start_char for x in by_key[c]) < m.start_char]
                    if len(before) == 1:
                        late.setdefault(before[0], []).append(m)
                    else:
                        ambiguous.append(m)
            continue
        parent[k] = k
        roots.append(k)
        for w in set(k):
            by_word.setdefault(w, []).append(k)
    groups: dict[tuple, list[Mention]] = {}
    for k, ms in by_key.items():
        root = parent.get(k)
        if root is None:
            continue
        groups.setdefault(root, []).extend(ms)
    for k, ms in late.items():
        root = k
        while parent.get(root, root) != root:
            root = parent[root]
        if root in groups:
            groups[root].extend(ms)
    return [groups[r] for r in roots if r in groups], ambiguous


def _disambiguate(short_ms: list[Mention], candidates: list[tuple], by_key) -> tuple | None:
    """Pick among several full names by a shared title or honorific gender."""
    titles = {t for m in short_ms for t in m.titles}
    if titles:
        fit = [c for c in candidates if titles & {t for m in by_key[c] for t in m.titles}]
        if len(fit) == 1:
            return fit[0]
    genders = {m.gender for m in short_ms if m.gender}
    if len(genders) == 1:
        g = genders.pop()
        fit = [c for c in candidates if {m.gender for m in by_key[c] if m.gender} == {g}]
        if len(fit) == 1:
            return fit[0]
    # A lone name that ends exactly one candidate is that candidate's surname or
    # given name as news prose uses it ("Warren" with Elizabeth Warren and Warren
    # Buffett; "Dara" of Duong Dara); if it ends several ("Smith") or none ("Sam"
    # of Sam Rainsy and Sam Sary) we do not guess.
    short = N.name_tokens(short_ms[0].name)
    fit = [c for c in candidates if c[-len(short) :] == short]
    if len(fit) == 1:
        return fit[0]
    return None


def _org_key(m: Mention) -> str:
    stem = N.domain_stem(m.name)
    if stem:
        return stem
    t = N.norm(N.strip_possessive(m.name))
    if t.startswith("the "):
        t = t[4:]
    return t


def _cluster_orgs(orgs: list[Mention]) -> list[list[Mention]]:
    """Organisations by normalised name, domain stem and acronym."""
    by_key: dict[str, list[Mention]] = {}
    for m in orgs:
        by_key.setdefault(_org_key(m), []).append(m)

    def short(k):  # "CDU", or "DFRLab" given in brackets after its full name
        return N.is_acronym(by_key[k][0].name) or any(m.paren_of for m in by_key[k])

    full = [k for k in by_key if not short(k)]
    acr = [k for k in by_key if short(k)]
    # Explicit "Christian Democratic Union (CDU)" pairs beat initials.
    explicit: dict[str, str] = {}
    for k in acr:
        for m in by_key[k]:
            if m.paren_of:
                explicit[k] = _org_key(m.paren_of)
    parent: dict[str, str] = {k: k for k in by_key}
    # "Meta" after "Meta Platforms Inc", "Labour" with "Labour Party": a short
    # name that starts exactly one longer organisation name is that organisation
    by_prefix: dict[tuple, list[str]] = {}  # proper prefixes of each name -> names
    by_initials: dict[str, list[str]] = {}
    for f in full:
        ft = tuple(f.split())
        for n in range(1, len(ft)):
            by_prefix.setdefault(ft[:n], []).append(f)
        by_initials.setdefault(N.initials(by_key[f][0].name), []).append(f)
    for k in full:
        longer = by_prefix.get(tuple(k.split()), [])
        if len(longer) == 1:
            parent[k] = longer[0]
    for k in acr:
        a = by_key[k][0].name.replace(".", "")
        if k in explicit and explicit[k] in by_key:
            parent[k] = explicit[k]
            continue
        fits = by_initials.get(a, [])
        if len(fits) == 1:
            parent[k] = fits[0]
    groups: dict[str, list[Mention]] = {}
    for k, ms in by_key.items():
        groups.setdefault(parent[k], []).extend(ms)
    return sorted(groups.values(), key=lambda g: min(m.start_char for m in g))


def _canonical(group: list[Mention], etype: str) -> tuple[str, str]:
    """Fullest proper name of a group and the rule that found its first mention."""
    first = min(group, key=lambda m: m.start_char)
    if etype == "Person":
        best = max(group, key=lambda m: (len(N.name_tokens(m.name)), -m.start_char))
        return best.name, first.rule
    non_acr = [m for m in group if not N.is_acronym(m.name) and not N.domain_stem(m.name)]
    pool = non_acr or group
    best = max(pool, key=lambda m: (len(N.name_tokens(m.name)), m.name[:1].isupper(), -m.start_char))
    name = N.strip_possessive(best.name)
    if name.lower().startswith("the "):
        name = name[4:]
    return name, first.rule
