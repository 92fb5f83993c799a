"""The trained attribution tagger: who (source) said (cue) what (content), as BIO tags from a CRF.

Modules in the order data flows: ``bio`` (character spans <-> token tags, the token ranges tagged
as one sequence), ``features`` (spaCy token features), ``model`` (the shipped CRF, loaded once per
process), ``decode`` (tags -> attributions). The statement stage turns decoded attributions into
candidates (``statements/tagged.py``); training (``kg.train``) and scoring (``kg.scoring``) live
outside the extractor.
"""
