"""Import documents (files, folders, zips) as articles through the same parser as the admin."""

import sys
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from editorial.importing import UPLOAD_EXTENSIONS, DocumentError, SkippedMember, expand_upload, parse_document
from editorial.intake import Outcome, find_duplicate, import_proposal


def _date(value):
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"--date: ожидается ГГГГ-ММ-ДД, получено «{value}».") from error


class Command(BaseCommand):
    help = "Импортировать статьи из файлов .txt, .md, .html, .docx или .zip (файлы и папки)."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="файлы или папки (папки обходятся рекурсивно)")
        parser.add_argument("--publish", action="store_true", help="публиковать полные статьи сразу")
        parser.add_argument("--dry-run", action="store_true", help="только разобрать, ничего не сохранять")
        parser.add_argument("--source", default="", help="источник для документов, где он не указан")
        parser.add_argument("--date", type=str, default=None, help="дата (ГГГГ-ММ-ДД) для документов без даты")
        parser.add_argument("--theme", action="append", default=[], help="тема; можно несколько раз")

    def handle(self, *args, paths, publish, dry_run, source, date, theme, **options):
        published_on = _date(date) if date else None
        files = self._collect(paths)
        if not files:
            raise CommandError("Не найдено ни одного документа (" + ", ".join(sorted(UPLOAD_EXTENSIONS)) + ").")
        totals = {"created": 0, "published": 0, "duplicate": 0, "skipped": 0, "failed": 0}
        show_bar = len(files) > 20 and sys.stderr.isatty()
        for path in tqdm(files, desc="Импорт", unit="файл", disable=not show_bar, file=sys.stderr):
            for line, outcome in self._import_file(path, publish, dry_run, source, published_on, theme):
                totals[outcome] += 1
                if outcome == "published":
                    totals["created"] += 1
                tqdm.write(line, file=self.stdout._out)
        verb = "разобрано бы" if dry_run else "создано"
        summary = (
            f"Итого: {verb} {totals['created']} (опубликовано {totals['published']}), "
            f"уже в архиве {totals['duplicate']}, пропущено {totals['skipped']}, с ошибками {totals['failed']}."
        )
        if totals["failed"]:
            raise CommandError(summary)
        self.stdout.write(self.style.SUCCESS(summary))

    def _collect(self, paths):
        files = []
        for raw in paths:
            path = Path(raw)
            if path.is_dir():
                files += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in UPLOAD_EXTENSIONS)
            elif path.is_file():
                files.append(path)
            else:
                raise CommandError(f"{raw}: нет такого файла или папки.")
        return files

    def _import_file(self, path, publish, dry_run, source, published_on, themes):
        """Lines of output and outcomes for one file (a zip gives one per document)."""
        try:
            documents = expand_upload(path.name, path.read_bytes())
        except (DocumentError, OSError) as error:
            yield f"✗ {error}", "failed"
            return
        for name, data in documents:
            if isinstance(data, SkippedMember):  # a .pdf or a picture inside a .zip
                yield f"– {data.reason}", "skipped"
                continue
            try:
                proposal = parse_document(name, data)
            except DocumentError as error:
                yield f"✗ {error}", "failed"
                continue
            warnings = f" [{' '.join(proposal.warnings)}]" if proposal.warnings else ""
            if dry_run:
                duplicate = find_duplicate(proposal)
                state = f"уже в архиве (#{duplicate.pk})" if duplicate else "будет создана"
                yield f"· {name}: «{proposal.title}» — {state}{warnings}", "duplicate" if duplicate else "created"
                continue
            outcome = import_proposal(
                proposal, publish=publish, source_name=source, published_on=published_on, themes=themes
            )
            article = outcome.article
            notes = f" ({'; '.join(outcome.notes)})" if outcome.notes else ""
            if outcome.status == Outcome.DUPLICATE:
                yield f"= {name}: уже в архиве «{article}» (#{article.pk})", "duplicate"
            elif article.status == article.Status.PUBLISHED:
                yield f"✓ {name}: опубликована «{article}» (#{article.pk}){warnings}", "published"
            else:
                yield f"✓ {name}: черновик «{article}» (#{article.pk}){warnings}{notes}", "created"
