"""The vocabulary, named once. ``ontology/kg.ttl`` defines the terms; a test
checks that this module and the Turtle file agree term for term."""

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

from rdflib.namespace import FOAF, OWL, PROV, RDF, RDFS, SKOS, XSD  # noqa: F401  (re-exported)

SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
SIOC = Namespace("http://rdfs.org/sioc/ns#")
OA = Namespace("http://www.w3.org/ns/oa#")

NS = "https://w3id.org/kg-claims/ns#"
ID = Namespace("https://w3id.org/kg-claims/id/")


class KG(DefinedNamespace):
    _NS = Namespace(NS)
    _fail = True

    # classes
    Article: URIRef
    Agent: URIRef
    Person: URIRef
    Organization: URIRef
    Account: URIRef
    Role: URIRef
    Membership: URIRef
    Metric: URIRef
    TextSpan: URIRef
    Statement: URIRef
    Allegation: URIRef
    Accusation: URIRef
    Denial: URIRef
    Assertion: URIRef
    Confirmation: URIRef
    Refusal: URIRef
    Certainty: URIRef
    Polarity: URIRef
    # individuals
    certain: URIRef
    probable: URIRef
    possible: URIRef
    positive: URIRef
    negative: URIRef
    # properties
    sourcePath: URIRef
    contentHash: URIRef
    bodyStart: URIRef
    bodyEnd: URIRef
    extractorVersion: URIRef
    alias: URIRef
    mention: URIRef
    holdsMembership: URIRef
    holdsAccount: URIRef
    holder: URIRef
    platform: URIRef
    accountKind: URIRef
    redacted: URIRef
    metric: URIRef
    metricName: URIRef
    value: URIRef
    reportedBy: URIRef
    speaker: URIRef
    speakerText: URIRef
    speakerSpan: URIRef
    target: URIRef
    targetText: URIRef
    denies: URIRef
    cue: URIRef
    content: URIRef
    contentText: URIRef
    sentence: URIRef
    certainty: URIRef
    polarity: URIRef
    reportedIn: URIRef
    rule: URIRef
    revisedBy: URIRef
    inArticle: URIRef
    # claims across articles
    Claim: URIRef
    ClaimMembership: URIRef
    asserts: URIRef
    membership: URIRef
    statement: URIRef
    stance: URIRef
    evidence: URIRef
    score: URIRef
    claimKey: URIRef
    claimProfile: URIRef
    seed: URIRef
    # consequences
    Consequence: URIRef
    outcome: URIRef
    affects: URIRef
    affectsText: URIRef
    consequenceOf: URIRef
    charge: URIRef
    amount: URIRef
    currency: URIRef
    penalty: URIRef
    broughtBy: URIRef
    broughtByText: URIRef
    trigger: URIRef
    # time
    date: URIRef
    dateText: URIRef
    # curation
    Correction: URIRef
    Anchor: URIRef
    Curator: URIRef
    operation: URIRef
    anchor: URIRef
    anchorRole: URIRef
    anchorArticle: URIRef
    anchorSource: URIRef
    entity: URIRef
    newEntity: URIRef
    newValue: URIRef
    inArticles: URIRef
    reason: URIRef
    undoLog: URIRef


# Statement kinds in extractor records -> classes.
STATEMENT_CLASS = {
    "denial": KG.Denial,
    "allegation": KG.Allegation,
    "accusation": KG.Accusation,
    "claim": KG.Assertion,  # a statement of kind claim; kg:Claim is the cross-article proposition
    "confirmation": KG.Confirmation,
    "refusal": KG.Refusal,
    "statement": KG.Statement,
}
ENTITY_CLASS = {"Person": KG.Person, "Organization": KG.Organization, "Account": KG.Account}

PREFIXES = {
    "kg": NS,
    "kgid": str(ID),
    "schema": str(SCHEMA),
    "prov": str(PROV),
    "org": str(ORG),
    "foaf": str(FOAF),
    "sioc": str(SIOC),
    "oa": str(OA),
    "rdfs": str(RDFS),
    "rdf": str(RDF),
    "xsd": str(XSD),
    "skos": str(SKOS),
}


def sparql_prefixes() -> str:
    return "".join(f"PREFIX {p}: <{u}>\n" for p, u in PREFIXES.items())
