"""Mutation testing of the modules where a silent bug hurts most (mutmut), outside CI.

Usage::

    .venv/bin/python scripts/mutate.py                 # every module below, on SQLite
    .venv/bin/python scripts/mutate.py slugs text      # some of them
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/archive_mutmut \\
        .venv/bin/python scripts/mutate.py querysets search facets   # PostgreSQL-only branches (search) reached
    .venv/bin/python scripts/mutate.py --minutes 20 --children 2 --list

Each module is mutated in a scratch copy of the tracked files (nothing is written
to the work tree) against the tests that exist for it, with a time budget. It
prints the score per module (killed ÷ (total − skipped − unreached)), a timeout
counting as killed as mutmut does, then every survivor as a diff to read. A
survivor is either a missing test or an equivalent mutant; the known equivalent
ones are listed in ``tests/mutation_equivalents.txt`` with why, and are not
counted. Target: at least 85 % per module.

A mutant that no selected test reaches is *unreached*: its function runs only on
the other database (``_simple_search`` is SQLite's, ``_ranked_search``
PostgreSQL's — run the module there too) or has no test at all. Unreached
mutants are not scored but counted in their own column and listed by function.

On PostgreSQL every mutant's test run keeps the one test database of the first
(``--reuse-db``: no migrations per mutant) and mutants are tested one at a time,
whatever ``--children`` says: parallel runs would share that database. So no
transactional test belongs in ``MODULES`` (its flush would delete the rows the
data migrations seeded, and every later run would fail for that). When the
time budget runs out, mutmut and the test runs it started are stopped together.
"""

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# The importer's tests that read documents into proposals (test_accuracy.py reads scripts/, which the
# scratch copy has not; the tests of formats, limits and the admin reach the recognisers too but are slow).
IMPORTING_TESTS = [
    "tests/editorial/test_importing.py",
    "tests/editorial/importing/test_recognisers.py",
    "tests/editorial/importing/test_recognisers_cases.py",
    "tests/editorial/importing/test_recogniser_limits.py",
    "tests/editorial/importing/test_dates.py",
    "tests/editorial/importing/test_date_lines.py",
    "tests/editorial/importing/test_proposal_cases.py",
    "tests/editorial/importing/test_assembly.py",
    "tests/editorial/importing/test_layouts.py",
    "tests/editorial/importing/test_head_layout.py",
    "tests/editorial/importing/test_layout_edges.py",
    "tests/editorial/importing/test_unseen_layouts.py",
    "tests/editorial/importing/test_partner_heads.py",
    "tests/editorial/importing/test_page_headings.py",
]
FEED_TESTS = ["tests/archive/test_feeds.py", "tests/archive/test_feed_items.py", "tests/archive/test_feed_history.py"]
COVER_FEED = (
    "tests/editorial/test_covers.py::test_the_cover_reaches_every_feed_first_in_the_content_and_as_an_enclosure"
)
REDIRECTS = "tests/archive/test_redirects.py"  # a changed date or slug keeps the old address working
PUBLICATION = ("publication_errors", "clean", "publish", "save", "_ensure_slug")  # properties are not mutated
# module → the tests that exist for it (mutmut runs the ones among them that reach each mutant).
MODULES = {
    "slugs": ("editorial/slugs.py", ["tests/editorial/test_slugs.py"]),
    "text": ("editorial/text.py", ["tests/editorial/test_text.py"]),
    "querysets": (
        "editorial/querysets.py",
        [
            "tests/editorial/test_querysets.py",
            "tests/archive/test_filters.py",
            "tests/archive/test_pages.py",
            "tests/archive/test_reading.py",
            "tests/editorial/test_workflow.py::test_editor_sees_what_awaits_review_and_publishes_it",
            "tests/editorial/test_signals.py::test_next_publication_time_is_the_earliest_scheduled_one",
        ],
    ),
    "filters": ("archive/filters.py", ["tests/archive/test_filters.py", "tests/archive/test_parameters.py"]),
    "facets": ("archive/facets.py", ["tests/archive/test_filters.py", "tests/archive/test_pages.py"]),
    "search_documents": (
        "editorial/search_documents.py",
        ["tests/editorial/test_search_documents.py", "tests/archive/test_pages.py"],
    ),
    "search": ("archive/search.py", ["tests/archive/test_search_snippets.py", "tests/archive/test_pages.py"]),
    "paging": (
        "archive/paging.py",
        [
            "tests/archive/test_reading.py",
            "tests/archive/test_parameters.py",
            "tests/archive/test_scale.py::test_pagination_stops_counting_at_the_cap_and_points_to_the_date_archive",
        ],
    ),
    "filter_summary": ("archive/filter_summary.py", ["tests/archive/test_reading.py"]),
    "models": ("editorial/models.py", ["tests/editorial/test_models.py"]),
    "feeds": ("archive/feeds.py", ["tests/archive/test_feeds.py", "tests/archive/test_feed_discovery.py"]),
    "feed_items": ("archive/feed_items.py", [*FEED_TESTS[:2], COVER_FEED]),
    "feed_formats": (
        "archive/feed_formats.py",
        [*FEED_TESTS, "tests/archive/test_websub.py", "tests/archive/test_feed_discovery.py", COVER_FEED],
    ),
    "feed_scope": ("archive/feed_scope.py", FEED_TESTS),
    "cache": ("archive/cache.py", ["tests/archive/test_cache.py", "tests/archive/test_cache_outage.py"]),
    "signals": ("editorial/signals.py", ["tests/editorial/test_signals.py", "tests/archive/test_cache.py"]),
    "workflow": ("editorial/workflow.py", ["tests/editorial/test_workflow.py"]),
    # The publication rules of models.py only (a third item: mutant names, as `mutmut run` takes them).
    "publication": (
        "editorial/models.py",
        [*(f"tests/editorial/test_{name}.py" for name in ("models", "workflow", "constraints")), REDIRECTS],
        [f"editorial.models.xǁArticleǁ{name}__mutmut_*" for name in PUBLICATION],
    ),
    "recognisers": ("editorial/importing/recognisers.py", IMPORTING_TESTS),
    "proposal": ("editorial/importing/proposal.py", IMPORTING_TESTS),
    "dates": ("editorial/importing/dates.py", IMPORTING_TESTS),
    "date_lines": ("editorial/importing/date_lines.py", IMPORTING_TESTS),
    "layout": ("editorial/importing/layout.py", IMPORTING_TESTS),
    "hyphens": ("editorial/importing/hyphens.py", ["tests/editorial/importing/test_hyphens.py"]),
}
EQUIVALENTS = ROOT / "tests" / "mutation_equivalents.txt"
ON_POSTGRESQL = os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))


def equivalent_mutants():
    if not EQUIVALENTS.exists():
        return set()
    names = set()
    for line in EQUIVALENTS.read_text().splitlines():
        name = line.split("#", 1)[0].strip()
        if name:
            names.add(name)
    return names


def scratch_copy(module, tests, children_args):
    """The tracked files in a temporary folder, with mutmut configured for one module."""
    folder = Path(tempfile.mkdtemp(prefix="mutate-"))
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    for name in filter(None, files.decode().split("\0")):
        source = ROOT / name
        if source.is_file():
            target = folder / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    pyproject = folder / "pyproject.toml"
    pyproject.write_text(
        pyproject.read_text()
        + "\n[tool.mutmut]\n"
        + 'source_paths = ["editorial", "archive"]\n'
        + f'only_mutate = ["{module}"]\n'
        # The wording of a log line is not behaviour: a logger call is not mutated (that a failure is
        # logged, with which page and traceback, is asserted where it matters).
        + 'do_not_mutate_patterns = ["logger\\\\."]\n'
        + 'also_copy = ["config", "templates", "static", "demo", "manage.py"]\n'
        + f"pytest_add_cli_args_test_selection = {json.dumps(tests)}\n"
        # Browser tests flush the in-memory database that later in-process runs share.
        + "pytest_add_cli_args = "
        + json.dumps(["-p", "no:cacheprovider", "-q", "-x", "-m", "not browser"] + ["--reuse-db"] * ON_POSTGRESQL)
        + "\n"
    )
    return folder


def results(folder):
    out = subprocess.run(
        [sys.executable, "-m", "mutmut", "results", "--all", "true"], cwd=folder, capture_output=True, text=True
    ).stdout
    return dict(re.findall(r"^\s*(\S+__mutmut_\d+): (.+)$", out, re.M))


def show(folder, name):
    return subprocess.run(
        [sys.executable, "-m", "mutmut", "show", name], cwd=folder, capture_output=True, text=True
    ).stdout.strip()


def run_module(key, minutes, children, keep):
    module, tests, *names = MODULES[key]
    tests = [t for t in tests if (ROOT / t.split("::")[0]).exists()]
    if not tests:
        return key, module, None, [], "no tests for it yet"
    folder = scratch_copy(module, tests, children)
    os.symlink(ROOT / ".venv", folder / ".venv") if (ROOT / ".venv").exists() else None
    started = time.monotonic()
    # A session of its own: on timeout the forked test runs stop with mutmut, not after it.
    mutmut = subprocess.Popen(
        [sys.executable, "-m", "mutmut", "run", "--max-children", str(children), *(names[0] if names else [])],
        cwd=folder,
        stdout=(folder / "mutmut.log").open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        note = "" if mutmut.wait(timeout=minutes * 60) == 0 else f"mutmut failed, see {folder / 'mutmut.log'}"
    except subprocess.TimeoutExpired:
        os.killpg(mutmut.pid, signal.SIGKILL)
        mutmut.wait()
        note = f"stopped after {minutes} min: unchecked mutants are not counted"
    statuses = results(folder)
    equivalents = equivalent_mutants()
    unreached = sorted(n for n, s in statuses.items() if s == "no tests")
    counted = {
        n: s for n, s in statuses.items() if n not in equivalents and s not in ("not checked", "skipped", "no tests")
    }
    killed = sum(1 for s in counted.values() if s in ("killed", "timeout"))
    survivors = [n for n, s in counted.items() if s in ("survived", "suspicious")]
    diffs = [show(folder, name) for name in survivors]
    elapsed = time.monotonic() - started
    score = (killed, len(counted), len(statuses), len(unreached), elapsed)
    if unreached:
        functions = sorted({name.rsplit("__mutmut_", 1)[0] for name in unreached})
        note = (note + "; unreached: " + ", ".join(functions)).lstrip("; ")
    if not keep and "mutmut failed" not in note:
        shutil.rmtree(folder, ignore_errors=True)
    else:
        note = (note + f"; kept in {folder}").lstrip("; ")
    return key, module, score, diffs, note


def drop_test_databases():
    """Test databases left by earlier runs are dropped: each is reused (``--reuse-db``) as it was
    migrated then, and mutmut's second in-process test session names its own ``test_test_…``."""
    from urllib.parse import urlsplit

    url = urlsplit(os.environ["DATABASE_URL"])
    name = url.path.lstrip("/")
    server = url._replace(path="/postgres").geturl()
    listed = subprocess.run(
        ["psql", server, "-Atc", f"SELECT datname FROM pg_database WHERE datname ~ '^(test_)+{name}$'"],
        capture_output=True,
        text=True,
        check=True,
    )
    for database in listed.stdout.split():
        subprocess.run(["dropdb", "--if-exists", f"--maintenance-db={server}", database], check=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("modules", nargs="*", help=f"of: {', '.join(MODULES)} (default: all)")
    parser.add_argument("--minutes", type=float, default=15, help="time budget per module")
    parser.add_argument("--children", type=int, default=2, help="mutants tested in parallel")
    parser.add_argument("--list", action="store_true", help="print each survivor's diff")
    parser.add_argument("--keep", action="store_true", help="keep the scratch copies (to run `mutmut browse`)")
    args = parser.parse_args()
    unknown = set(args.modules) - set(MODULES)
    if unknown:
        parser.error(f"unknown module(s): {', '.join(sorted(unknown))}")
    children = 1 if ON_POSTGRESQL else args.children  # one test database
    if ON_POSTGRESQL:
        drop_test_databases()
    rows = [run_module(key, args.minutes, children, args.keep) for key in args.modules or MODULES]

    print(f"\n{'module':<28} {'killed':>7} {'counted':>8} {'mutants':>8} {'unreached':>9} {'score':>7} {'time':>7}")
    failing = False
    for _key, module, score, _diffs, note in rows:
        if score is None:
            print(f"{module:<28} {'—':>7} {'—':>8} {'—':>8} {'—':>9} {'—':>7} {'':>7}  {note}")
            continue
        killed, counted, total, unreached, elapsed = score
        percent = 100 * killed / counted if counted else 0.0
        failing |= percent < 85
        flag = "" if percent >= 85 else "  < 85 %"
        figures = f"{killed:>7} {counted:>8} {total:>8} {unreached:>9} {percent:>6.1f}% {elapsed:>6.0f}s"
        print(f"{module:<28} {figures}{flag}  {note}")
    for row in rows:
        module, diffs = row[1], row[3]
        if diffs:
            print(f"\n== Survivors in {module} ({len(diffs)})")
            for diff in diffs if args.list else []:
                print(diff, end="\n\n")
            if not args.list:
                print("(run with --list to see each one)")
    return 1 if failing else 0


if __name__ == "__main__":
    sys.exit(main())
