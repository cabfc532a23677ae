"""Field accuracy of the document importer over a corpus with its expected fields.

Usage: ``.venv/bin/python scripts/import_accuracy.py [CORPUS_DIR] [-v]`` (default
``tests/data/corpus``; ``-v`` prints each mismatch). The corpus folder holds the
documents and ``expected.json``: for each file name, ``title``, ``date``
(ISO or null), ``authors`` ([name, position]), ``source``, ``source_url``,
``kind``, ``disclaimer`` (true/false), ``lead`` (how it starts) and ``junk``
(lines that must not reach the article); optionally ``themes`` (proposed from the
document's tags) and ``body_end`` (how the body's last paragraph ends: nothing of
the text was taken for a byline or a date). A field counts only over the documents
that state it. Exits 1 below 95 %.
"""

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from editorial.importing import DocumentError, parse_document  # noqa: E402

REQUIRED = ("title", "date", "authors", "source", "source_url", "kind", "disclaimer", "lead", "junk")
FIELDS = (*REQUIRED, "themes", "body_end")  # these two only where a document states them
TARGET = 0.95


def _norm(value):
    return " ".join(str(value).replace("ё", "е").replace("Ё", "Е").split()).casefold()


def field_results(proposal, expected):
    """``{field: (ok, got)}`` for one document."""
    article_text = "\n".join([proposal.title, proposal.lead, *proposal.paragraphs])
    got = {
        "title": proposal.title,
        "date": proposal.published_on.isoformat() if proposal.published_on else None,
        "authors": [[_norm(n), _norm(p)] for n, p in proposal.authors],
        "source": proposal.source_name,
        "source_url": proposal.source_url,
        "kind": proposal.kind,
        "disclaimer": bool(proposal.disclaimer_text),
        "lead": proposal.lead,
        "junk": [line for line in expected.get("junk", []) if _norm(line) in _norm(article_text)],
        "themes": [_norm(theme) for theme in proposal.themes],
        "body_end": proposal.paragraphs[-1][-80:] if proposal.paragraphs else proposal.lead[-80:],
    }
    ok = {
        "title": _norm(got["title"]) == _norm(expected["title"]),
        "date": got["date"] == expected["date"],
        "authors": got["authors"] == [[_norm(n), _norm(p)] for n, p in expected["authors"]],
        "source": _norm(got["source"]) == _norm(expected["source"]),
        "source_url": got["source_url"].rstrip("/") == expected["source_url"].rstrip("/"),
        "kind": got["kind"] == expected["kind"],
        "disclaimer": got["disclaimer"] == expected["disclaimer"],
        "lead": _norm(got["lead"]).startswith(_norm(expected["lead"])),
        "junk": not got["junk"],
        "themes": got["themes"] == [_norm(theme) for theme in expected.get("themes", [])],
        "body_end": _norm(got["body_end"]).endswith(_norm(expected.get("body_end", ""))),
    }
    return {name: (ok[name], got[name]) for name in _stated(expected)}


def _stated(expected):
    """The fields a document's expectations state: every required one, the optional ones it has."""
    return [name for name in FIELDS if name in REQUIRED or name in expected]


def measure(corpus):
    """``(per_field {field: (right, total)}, mismatches [(file, field, got, expected)])``."""
    corpus = Path(corpus)
    expected_all = json.loads((corpus / "expected.json").read_text(encoding="utf-8"))
    per_field = {name: [0, 0] for name in FIELDS}
    mismatches = []
    for filename, expected in sorted(expected_all.items()):
        try:
            proposal = parse_document(filename, (corpus / filename).read_bytes())
            results = field_results(proposal, expected)
        except DocumentError as error:
            results = {name: (False, f"ошибка: {error}") for name in _stated(expected)}
        for name, (ok, got) in results.items():
            per_field[name][1] += 1
            if ok:
                per_field[name][0] += 1
            else:
                mismatches.append((filename, name, got, expected.get(name)))
    return {name: tuple(counts) for name, counts in per_field.items() if counts[1]}, mismatches


def overall(per_field):
    right = sum(r for r, _ in per_field.values())
    total = sum(t for _, t in per_field.values())
    return right / total if total else 0.0


def main(argv):
    verbose = "-v" in argv
    paths = [a for a in argv if a != "-v"]
    corpus = Path(paths[0]) if paths else ROOT / "tests" / "data" / "corpus"
    per_field, mismatches = measure(corpus)
    documents = per_field["title"][1]
    print(f"Корпус: {corpus} ({documents} документов)")
    print(f"{'поле':<12} {'верно':>7} {'точность':>9}")
    for name, (right, total) in per_field.items():
        print(f"{name:<12} {right:>3}/{total:<3} {right / total:>9.1%}")
    score = overall(per_field)
    print(f"{'всего':<12} {'':>7} {score:>9.1%}  (цель ≥ {TARGET:.0%})")
    if verbose:
        for filename, name, got, expected in mismatches:
            print(f"✗ {filename} {name}: получено {got!r}, ожидалось {expected!r}")
    return 0 if score >= TARGET else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
