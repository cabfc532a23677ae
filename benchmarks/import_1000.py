"""Benchmark: import a folder of generated documents with ``manage.py import_articles``.

Usage (use a scratch database: it migrates it and fills it):
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/archive_bench .venv/bin/python benchmarks/import_1000.py [N]
Without DATABASE_URL it uses a temporary SQLite file. Prints the figures.
"""

import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "demo").glob("*.txt"))


def generate(folder, count):
    rng = random.Random(2025)
    texts = [seed.read_text(encoding="utf-8") for seed in SEEDS]
    names = ["Андрей Серенко", "Айгерим Нурланова", "Пётр Иванов", "Әлия Нұрланқызы", "Дмитрий Орлов"]
    for i in range(count):
        paragraphs = [p for p in texts[i % len(texts)].split("\n") if len(p) > 200]
        rng.shuffle(paragraphs)
        body = "\n\n".join([*paragraphs[:6], f"Вывод номер {i}."])
        author = rng.choice(names)
        (folder / f"doc_{i:05d}.txt").write_text(
            f"date 2025-{1 + i % 12:02d}-{1 + i % 28:02d}\nМатериал номер {i}: {author}\n\n"
            f"Документ {i}. {body}\n\nАвтор: политолог {author}.\n\nИсточник: Contur.kz\n",
            encoding="utf-8",
        )


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    env = dict(os.environ)
    with tempfile.TemporaryDirectory() as tmp:
        env.setdefault("DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3")
        folder = Path(tmp) / "docs"
        folder.mkdir()
        generate(folder, count)
        manage = [sys.executable, str(ROOT / "manage.py")]
        subprocess.run([*manage, "migrate", "-v0"], env=env, check=True)
        start = time.perf_counter()
        result = subprocess.run(
            [*manage, "import_articles", str(folder), "--publish"], env=env, capture_output=True, text=True
        )
        elapsed = time.perf_counter() - start
        print(result.stdout.strip().splitlines()[-1] if result.stdout.strip() else result.stderr[-500:])
        engine = env["DATABASE_URL"].split(":", 1)[0]
        rate = count / elapsed
        print(f"{count} documents on {engine}: {elapsed:.1f} s, {rate:.0f} documents/s, exit {result.returncode}")


if __name__ == "__main__":
    main()
