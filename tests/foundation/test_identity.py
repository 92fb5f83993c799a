import pytest

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
    a = {
        "entities": [
            person("person:elizabeth-warren", "Elizabeth Warren", ["Warren"]),
            person("person:rick-warren", "Rick Warren", ["Warren"]),
        ]
    }
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


def org(oid, name, aliases=()):
    return {"id": oid, "type": "Organization", "name": name, "aliases": list(aliases)}


def test_acronym_links_to_the_full_name_with_those_initials():
    idx = AliasIndex()
    a = {"entities": [org("org:cambodia-national-rescue-party", "Cambodia National Rescue Party")]}
    idx.add(a, idx.link(a))
    b = {"entities": [org("org:cnrp", "CNRP")]}
    assert idx.link(b) == {"org:cnrp": entity_iri("org:cambodia-national-rescue-party")}
    assert b["entities"][0]["name"] == "Cambodia National Rescue Party" and b["entities"][0]["aliases"] == ["CNRP"]


def test_acronym_skipping_function_words_or_not():
    idx = AliasIndex()
    a = {
        "entities": [
            org("org:department-of-justice", "Department of Justice"),
            org("org:federal-bureau-of-investigation", "Federal Bureau of Investigation"),
        ]
    }
    idx.add(a, idx.link(a))
    b = {"entities": [org("org:doj", "DOJ"), org("org:fbi", "FBI")]}
    assert idx.link(b) == {
        "org:doj": entity_iri("org:department-of-justice"),
        "org:fbi": entity_iri("org:federal-bureau-of-investigation"),
    }


def test_full_name_after_its_acronym_joins_the_acronym_node():
    idx = AliasIndex()
    a = {"entities": [org("org:cnrp", "CNRP")]}
    idx.add(a, idx.link(a))
    b = {"entities": [org("org:cambodia-national-rescue-party", "Cambodia National Rescue Party")]}
    assert idx.link(b) == {"org:cambodia-national-rescue-party": entity_iri("org:cnrp")}
    assert b["entities"][0]["name"] == "Cambodia National Rescue Party" and b["entities"][0]["aliases"] == ["CNRP"]


def test_acronym_alias_is_evidence_over_initials():
    idx = AliasIndex()
    a = {
        "entities": [
            org("org:cambodian-peoples-party", "Cambodian People’s Party", ["CPP"]),
            org("org:communist-party-of-poland", "Communist Party of Poland"),
        ]
    }
    idx.add(a, idx.link(a))
    b = {"entities": [org("org:cpp", "CPP")]}
    assert idx.link(b) == {"org:cpp": entity_iri("org:cambodian-peoples-party")}


def test_initials_shared_by_two_organisations_link_nothing():
    idx = AliasIndex()
    a = {
        "entities": [
            org("org:cambodian-peoples-party", "Cambodian People’s Party"),
            org("org:communist-party-of-poland", "Communist Party Poland"),
        ]
    }
    idx.add(a, idx.link(a))
    b = {"entities": [org("org:cpp", "CPP")]}
    assert idx.link(b) == {"org:cpp": entity_iri("org:cpp")}


def test_middle_initial_links_to_the_one_same_first_and_last_name():
    idx = AliasIndex()
    a = {"entities": [person("person:donald-trump", "Donald Trump", ["Trump"])]}
    idx.add(a, idx.link(a))
    b = {"entities": [person("person:donald-j-trump", "Donald J. Trump")]}
    assert idx.link(b) == {"person:donald-j-trump": entity_iri("person:donald-trump")}
    assert b["entities"][0]["name"] == "Donald Trump" and "Donald J. Trump" in b["entities"][0]["aliases"]


def test_different_middle_initials_stay_apart():
    idx = AliasIndex()
    a = {"entities": [person("person:john-a-smith", "John A. Smith")]}
    idx.add(a, idx.link(a))
    b = {"entities": [person("person:john-b-smith", "John B. Smith")]}
    assert idx.link(b) == {"person:john-b-smith": entity_iri("person:john-b-smith")}


def test_same_surname_different_first_name_stays_apart():
    idx = AliasIndex()
    a = {"entities": [person("person:hillary-clinton", "Hillary Clinton", ["Clinton"])]}
    idx.add(a, idx.link(a))
    b = {"entities": [person("person:bill-clinton", "Bill Clinton")]}
    assert idx.link(b) == {"person:bill-clinton": entity_iri("person:bill-clinton")}


def test_corpus_acronym_meets_full_name_across_articles(tmp_path, nlp):
    from kg.ingest import ingest
    from kg.store import open_store

    from ..conftest import CORPUS

    with open_store(str(tmp_path / "s")) as store:
        ingest(store, [str(CORPUS)])
        rows = {
            str(r[0])
            for r in store.query(
                "SELECT DISTINCT ?g WHERE { GRAPH ?g { <https://w3id.org/kg-claims/id/org/cambodia-national-rescue-party> a kg:Organization } }"
            )
        }
    assert len(rows) == 2  # both articles: one as the full name, one as CNRP


@pytest.mark.parametrize(
    "name, expected",
    [
        ("Cambodian People’s Party", "cambodian-peoples-party"),
        ("Cambodian People's Party", "cambodian-peoples-party"),
        ("Hun Sen", "hun-sen"),
        ("Thắng Nguyễn", "thang-nguyen"),
        ("’’", "x"),
    ],
)
def test_one_slug_for_extractor_ids_and_iris(name, expected):
    """A name a researcher types (curation, --as NAME) meets the node the extractor made."""
    from kg.extract.names import slug as extractor_slug
    from kg.ids import slug

    assert slug(name) == extractor_slug(name) == expected
