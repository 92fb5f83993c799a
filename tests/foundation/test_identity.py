from kg.ids import entity_iri
from kg.identity import AliasIndex


def person(pid, name, aliases=()):
    return {"id": pid, "type": "Person", "name": name, "aliases": list(aliases)}


def test_single_word_name_links_to_the_one_person_known_by_it():
    idx = AliasIndex()
    a = {"entities": [person("person:sam-rainsy", "Sam Rainsy", ["Rainsy"])]}
    idx.add(a, idx.link(a))
    b = {"entities": [person("person:rainsy", "Rainsy")]}
    assert idx.link(b) == {"person:rainsy": entity_iri("person:sam-rainsy")}
    assert b["entities"][0]["name"] == "Sam Rainsy" and b["entities"][0]["aliases"] == ["Rainsy"]


def test_shared_surname_without_evidence_stays_apart():
    idx = AliasIndex()
    a = {"entities": [person("person:elizabeth-warren", "Elizabeth Warren", ["Warren"]),
                      person("person:rick-warren", "Rick Warren", ["Warren"])]}
    idx.add(a, idx.link(a))
    b = {"entities": [person("person:warren", "Warren")]}
    assert idx.link(b) == {"person:warren": entity_iri("person:warren")}


def test_full_names_are_never_relinked():
    idx = AliasIndex()
    a = {"entities": [person("person:sam-rainsy", "Sam Rainsy", ["Rainsy"])]}
    idx.add(a, idx.link(a))
    b = {"entities": [person("person:sam-smith", "Sam Smith", ["Sam"])]}
    assert idx.link(b) == {"person:sam-smith": entity_iri("person:sam-smith")}


def test_links_through_the_store(tmp_path):
    from kg.graph import article_graph
    from kg.store import open_store

    from ..records import records

    art, rec = records()
    with open_store(str(tmp_path / "s")) as store:
        store.write([article_graph(art, rec, source="a.txt")])
        idx = AliasIndex(store)
    b = {"entities": [person("person:doe", "Doe")]}
    assert idx.link(b) == {"person:doe": entity_iri("person:john-doe")}
    assert b["entities"][0]["name"] == "John Doe"
