"""Regenerate the golden graphs after an intended extractor change:

    .venv/bin/python -m tests.golden.regen

then review `git diff tests/golden` like any other change.
"""

from pathlib import Path

from kg.api import extract_file
from kg.graph import article_graph
from kg.reading import Source, read_article

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent.parent / "corpus"


def golden_ntriples(name: str) -> str:
    """Sorted N-Triples of the named graph kg builds for corpus/NAME."""
    path = CORPUS / name
    source = f"corpus/{name}"
    article = read_article(Source(source, path))
    rec = extract_file(str(path))
    rec.pop("source")
    g = article_graph(article, rec, source=source)
    return "\n".join(sorted(g.serialize(format="nt").splitlines())) + "\n"


def main() -> None:
    for f in sorted(CORPUS.glob("*.txt")):
        (HERE / f"{f.stem}.nt").write_text(golden_ntriples(f.name), "utf-8")
        print("wrote", HERE / f"{f.stem}.nt")


if __name__ == "__main__":
    main()
