"""Recognition speed of the importer: documents per second, parsing only (no database).

Usage: ``.venv/bin/python benchmarks/recognition_speed.py [N]`` (default 2,000 documents a
format). Rates are per second of the process's CPU time (and of the wall clock). Ordinary
.txt documents in varied layouts (target ≥ 500/s), then .md, .docx and saved web pages
(trafilatura: slower). The floor is decoding the same bytes and splitting them into lines,
measured in the same run.
"""

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from editorial.importing import parse_document  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "corpus"
BODY = (
    "Товарооборот между странами союза вырос за год на {n} процентов, следует из данных комиссии. "
    "Эксперты связывают рост с переориентацией логистики и расчётами в национальных валютах.\n\n"
) * 6


def txt_documents(count):
    """``count`` distinct .txt documents in the layouts of the corpus, each ~2 KB."""
    templates = [p.read_bytes().decode("utf-8") for p in sorted(CORPUS.glob("*.txt")) if _utf8(p)]
    documents = []
    for n in range(count):
        template = templates[n % len(templates)]
        head, _, tail = template.partition("\n\n") if "\n\n" in template else template.partition("\n")
        documents.append((f"doc{n}.txt", f"{head}\n\n{BODY.format(n=n)}{tail}".encode()))
    return documents


def _utf8(path):
    try:
        path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def corpus_documents(suffix, count):
    files = [(p.name, p.read_bytes()) for p in sorted(CORPUS.glob(f"*{suffix}"))]
    return [files[n % len(files)] for n in range(count)]


def measure(documents, function):
    """Documents per second of this process's CPU time (a busy shared machine slows the wall clock,
    not the work), and of the wall clock."""
    cpu, wall = time.process_time(), time.perf_counter()
    for name, data in documents:
        function(name, data)
    return len(documents) / (time.process_time() - cpu), len(documents) / (time.perf_counter() - wall)


def floor(name, data):
    data.decode("utf-8", errors="replace").splitlines()


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    parse_document("warm.html", corpus_documents(".html", 1)[0][1])  # imports trafilatura once
    parse_document("warm.docx", corpus_documents(".docx", 1)[0][1])
    rows = []
    txt = txt_documents(count)
    base = measure(txt, floor)[0]
    rows.append(("txt (разные макеты)", count, measure(txt, parse_document)))
    for suffix, share in ((".md", 1), (".docx", 4), (".html", 4)):
        docs = corpus_documents(suffix, max(count // share, 10))
        rows.append((suffix.lstrip("."), len(docs), measure(docs, parse_document)))
    print(f"{'формат':<22} {'документов':>10} {'док/с CPU':>10} {'док/с часы':>11} {'к полу':>8}")
    for label, n, (rate, wall) in rows:
        print(f"{label:<22} {n:>10} {rate:>10.0f} {wall:>11.0f} {rate / base:>8.4f}")
    print(f"{'пол: decode+splitlines':<22} {count:>10} {base:>10.0f}")
    txt_rate = rows[0][2][0]
    print(f"Распознавание txt: {txt_rate:.0f} док/с (цель ≥ 500) — {'OK' if txt_rate >= 500 else 'НИЖЕ ЦЕЛИ'}")


if __name__ == "__main__":
    main()
