"""The import corpora are recognised with at least 95 % of fields right: tests/data/corpus/ and
tests/data/corpus_blind/ (written before its author read the importer, with body ends and themes) and
tests/data/corpus_holdout/ (written after the rules the blind one revealed, measured once before more)."""

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
spec = importlib.util.spec_from_file_location("import_accuracy", ROOT / "scripts" / "import_accuracy.py")
import_accuracy = importlib.util.module_from_spec(spec)
spec.loader.exec_module(import_accuracy)


@pytest.mark.parametrize(("corpus", "documents"), [("corpus", 53), ("corpus_blind", 48), ("corpus_holdout", 78)])
def test_corpus_accuracy_stays_at_least_95_percent(corpus, documents):
    per_field, mismatches = import_accuracy.measure(ROOT / "tests" / "data" / corpus)
    assert per_field["title"][1] == documents
    assert import_accuracy.overall(per_field) >= 0.95, mismatches
    for name, (right, total) in per_field.items():
        assert right / total >= 0.9, (name, mismatches)
