"""The import corpus (tests/data/corpus/) is recognised with at least 95 % of fields right."""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
spec = importlib.util.spec_from_file_location("import_accuracy", ROOT / "scripts" / "import_accuracy.py")
import_accuracy = importlib.util.module_from_spec(spec)
spec.loader.exec_module(import_accuracy)


def test_corpus_accuracy_stays_at_least_95_percent():
    per_field, mismatches = import_accuracy.measure(ROOT / "tests" / "data" / "corpus")
    assert next(iter(per_field.values()))[1] >= 40
    assert import_accuracy.overall(per_field) >= 0.95, mismatches
    for name, (right, total) in per_field.items():
        assert right / total >= 0.9, (name, mismatches)
