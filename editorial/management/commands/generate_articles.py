"""Fill a scratch database with N realistic generated articles (load tests, benchmarks).

Text is recombined from the demo documents (``demo/``): sentences shuffled into
leads and paragraphs, with a line naming a city, a year and a theme so that
words have realistic frequencies (some in every article, some rare). About 300
themes, 400 authors and 40 sources; dates spread over 15 years, oldest first;
a share of opinion pieces (with the default disclaimer), drafts and scheduled
articles.

PostgreSQL: articles are inserted in batches by one ``INSERT … SELECT FROM
unnest(…)`` that computes the search vector in the same statement, with the
per-row triggers switched off for the session (``session_replication_role =
replica``; needs a superuser, otherwise the triggers run and it is slower);
the counts table is rebuilt once at the end and the tables analysed.
1,000,000 articles take about ten minutes on two cores. SQLite: ``bulk_create``.
"""

import multiprocessing
import random
import re
import sys
import time
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone
from tqdm import tqdm

from editorial import tallies
from editorial.models import Article, ArticleAuthor, Author, Disclaimer, Source, Theme, ThemedArticle
from editorial.slugs import slugify_ru
from editorial.text import content_fingerprint, paragraphs_to_html

SENTENCE = re.compile(r"(?<=[.!?…])\s+(?=[А-ЯЁA-Z«])")
COUNTRIES = {  # nominative → genitive
    "Россия": "России", "Казахстан": "Казахстана", "Узбекистан": "Узбекистана", "Киргизия": "Киргизии",
    "Таджикистан": "Таджикистана", "Туркмения": "Туркмении", "Белоруссия": "Белоруссии",
    "Армения": "Армении", "Азербайджан": "Азербайджана", "Грузия": "Грузии", "Монголия": "Монголии",
    "Китай": "Китая", "Турция": "Турции", "Иран": "Ирана", "Индия": "Индии", "Афганистан": "Афганистана",
    "Украина": "Украины", "Молдавия": "Молдавии", "Пакистан": "Пакистана", "Евросоюз": "Евросоюза",
    "США": "США", "Япония": "Японии", "Корея": "Кореи", "Каспий": "Каспия", "Центральная Азия": "Центральной Азии",
    "Южный Кавказ": "Южного Кавказа", "Арктика": "Арктики", "Сибирь": "Сибири", "Урал": "Урала",
}  # fmt: skip
ASPECTS = ["Экономика", "Политика", "Энергетика", "Безопасность", "Выборы", "Миграция", "Торговля",
           "Транспорт", "Образование", "Экология"]  # fmt: skip
BASE_THEMES = ["ЕАЭС", "ШОС", "ОДКБ", "СНГ", "БРИКС", "ОПЕК+", "Санкции", "Нефть", "Газ", "Уран",
               "Зерно", "Валюта", "Инфляция", "Цифровизация", "Искусственный интеллект", "Байконур",
               "Пояс и путь", "Средний коридор", "Водные ресурсы", "Ядерная энергетика"]  # fmt: skip
CITIES = ["Астана", "Алматы", "Москва", "Ташкент", "Бишкек", "Душанбе", "Ашхабад", "Минск", "Ереван", "Баку",
          "Тбилиси", "Пекин", "Анкара", "Тегеран", "Шымкент", "Караганда", "Актау", "Атырау", "Павлодар",
          "Семей", "Усть-Каменогорск", "Костанай", "Кызылорда", "Туркестан", "Самарканд", "Бухара", "Ош",
          "Новосибирск", "Омск", "Оренбург", "Екатеринбург", "Казань", "Астрахань", "Владивосток", "Урумчи",
          "Хоргос", "Байконур", "Актобе", "Петропавловск", "Тараз"]  # fmt: skip
FIRST_NAMES = ["Андрей", "Айгерим", "Ерлан", "Марат", "Дина", "Сергей", "Асель", "Тимур", "Ольга", "Нурлан",
               "Алия", "Дмитрий", "Гульнара", "Бахыт", "Ирина", "Руслан", "Жанна", "Канат",
               "Елена", "Азамат"]  # fmt: skip
SURNAMES = ["Серенко", "Ахметов", "Иванов", "Садыкова", "Петров", "Жумабаев", "Смирнова", "Касымов", "Орлова",
            "Нуриев", "Ким", "Абенова", "Волков", "Тулегенов", "Лебедева", "Исаев", "Омарова", "Козлов",
            "Сулейменов", "Морозова", "Байжанов"]  # fmt: skip
POSITIONS = ["политолог", "экономист", "директор аналитического центра", "журналист", "эксперт по Центральной Азии"]
SOURCES = ["Contur.kz", "Tengrinews", "Kursiv", "Vlast.kz", "Informburo", "Total.kz", "Liter", "Zakon.kz",
           "Inbusiness", "Kapital.kz", "Exclusive.kz", "Orda.kz", "Ритм Евразии", "Евразия.Эксперт",
           "Стратегия", "Центр-1", "Каспийский вестник", "Азия-Плюс", "Газета.uz", "Kun.uz", "24.kg",
           "Vesti.kg", "Sputnik Казахстан", "Регнум", "Валдай", "РСМД", "Россия в глобальной политике",
           "Эксперт", "Профиль", "Независимая газета", "Коммерсантъ", "Ведомости", "Известия", "ТАСС",
           "Интерфакс", "EurAsia Daily", "Caravanserai", "CABAR.asia", "Fergana", "Asia Times Central"]  # fmt: skip
KINDS = [("news", 35), ("analysis", 35), ("opinion", 20), ("interview", 10)]
YEARS = 15
BIG_LOAD = 50_000  # from this many articles the search index is dropped and built again at the end
SEARCH_INDEX = "editorial_article_search_gin"  # see migration 0003


_running = None  # the command, inherited by forked workers


def _write_batch(offset):
    return _running.write_batch(offset)


def demo_sentences():
    sentences = []
    for path in sorted((Path(settings.BASE_DIR) / "demo").glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            line = re.sub(r"^\s*date \S+\s*", "", line).strip()
            if len(line) > 60 and not line.startswith(("Автор", "Источник")):
                sentences += [s.strip() for s in SENTENCE.split(line) if 40 < len(s.strip()) < 400]
    if len(sentences) < 20:
        raise CommandError("В demo/ слишком мало текста, чтобы составить статьи.")
    return sentences


class Command(BaseCommand):
    help = "Создать N сгенерированных статей (для нагрузочных тестов; только на пустой или черновой базе)."

    def add_arguments(self, parser):
        parser.add_argument("count", type=int, help="сколько статей создать")
        parser.add_argument("--batch", type=int, default=5000, help="статей в одной вставке")
        parser.add_argument("--jobs", type=int, default=1, help="параллельных процессов (PostgreSQL)")
        parser.add_argument("--seed", type=int, default=1, help="зерно случайных чисел (повторяемость)")

    def handle(self, *args, count, batch, seed, jobs, **options):
        if count < 1 or batch < 1 or jobs < 1:
            raise CommandError("Число статей, размер пачки и число процессов должны быть положительными.")
        self.seed = seed
        self.sentences = demo_sentences()
        self.now = timezone.now()
        self.rng = random.Random(seed)
        self.themes, self.authors, self.sources = self.make_facets()
        self.disclaimer = Disclaimer.default()
        self.postgres = connection.vendor == "postgresql"
        started = time.monotonic()
        self.start = self.now - timedelta(days=365 * YEARS)
        self.step = (self.now + timedelta(days=30) - self.start) / count  # the last 30 days are scheduled
        self.count, self.batch = count, batch
        big = self.postgres and count >= BIG_LOAD
        if big:
            self.drop_search_index()
        offsets = range(0, count, batch)
        bar = tqdm(total=count, desc="Статьи", unit="ст", file=sys.stderr, mininterval=1)
        if jobs > 1 and self.postgres:
            global _running
            _running = self
            connection.close()  # each worker opens its own
            results = []
            with multiprocessing.get_context("fork").Pool(jobs) as pool:
                for result in pool.imap_unordered(_write_batch, offsets):
                    results.append(result)
                    bar.update(result[0])
        else:
            results = []
            for offset in offsets:
                results.append(self.write_batch(offset))
                bar.update(results[-1][0])
        triggers_off = all(off for _, off in results)
        bar.close()
        if self.postgres:
            if big:
                self.stderr.write("Построение поискового индекса…")
                self.create_search_index()
            self.stderr.write("Пересчёт счётчиков и статистики…")
            if triggers_off:
                tallies.rebuild()
            with connection.cursor() as cursor:
                for table in ("editorial_article", "editorial_themedarticle", "editorial_articleauthor"):
                    # VACUUM also sets the visibility map (index-only scans); it cannot run in a transaction.
                    cursor.execute(f"{'ANALYZE' if connection.in_atomic_block else 'VACUUM ANALYZE'} {table}")
        seconds = time.monotonic() - started
        self.stdout.write(f"Создано статей: {count} за {seconds:.0f} с ({count / seconds:.0f} в секунду).")

    def write_batch(self, offset):
        """One transaction: ``batch`` articles from ``offset`` (the same ones whatever ``--jobs``)."""
        self.rng = random.Random(self.seed * 1_000_003 + offset)
        size = min(self.batch, self.count - offset)
        with transaction.atomic():
            triggers_off = self.postgres and self.switch_triggers_off()
            rows = [self.article(self.start + self.step * (offset + i)) for i in range(size)]
            self.insert(rows, self.postgres)
        return size, triggers_off

    # Facets ---------------------------------------------------------------

    def make_facets(self):
        theme_names = BASE_THEMES + list(COUNTRIES) + [f"{a} {g}" for g in COUNTRIES.values() for a in ASPECTS]
        themes = [Theme.objects.get_or_create(name=name)[0] for name in theme_names]
        authors = []
        for first in FIRST_NAMES:
            for surname in SURNAMES:
                name = f"{first} {surname}"
                author = Author.objects.filter(name=name).first() or Author.objects.create(
                    name=name, position=self.rng.choice(POSITIONS)
                )
                authors.append(author)
        sources = [Source.objects.get_or_create(name=name)[0] for name in SOURCES]
        return themes, authors, sources

    # One article ----------------------------------------------------------

    def article(self, when):
        rng = self.rng
        kind = rng.choices([k for k, _ in KINDS], [w for _, w in KINDS])[0]
        themes = rng.sample(self.themes, rng.choice((1, 1, 2, 2, 2, 3, 3, 4)))
        authors = rng.sample(self.authors, 1 if kind == "opinion" else rng.choice((0, 1, 1, 1, 2)))
        source = rng.choice(self.sources) if rng.random() < 0.7 else None
        country = rng.choice(list(COUNTRIES))
        title_words = rng.choice(self.sentences).rstrip(".").split()
        cut = rng.randint(0, max(0, len(title_words) - 8))
        title = f"{themes[0].name}: " + " ".join(title_words[cut : cut + rng.randint(4, 9)])
        topic = (
            f"В {rng.randint(1995, 2026)} году в городе {rng.choice(CITIES)} вновь обсуждали тему "
            f"«{themes[-1].name}» и её значение для {COUNTRIES[country]}."
        )
        picked = rng.sample(self.sentences, rng.randint(4, 9))
        paragraphs, i = [topic], 0
        while i < len(picked):
            n = rng.randint(2, 4)
            paragraphs.append(" ".join(picked[i : i + n]))
            i += n
        body = paragraphs_to_html(paragraphs)
        if rng.random() < 0.04:
            status, published_at = "draft", (when if rng.random() < 0.5 else None)
        else:
            status, published_at = "published", when
        return {
            "title": title[:300],
            "lead": rng.choice(self.sentences),
            "body": body,
            "kind": kind,
            "source": source,
            "source_url": "https://example.org/" if source else "",  # made unique with the id in insert()
            "status": status,
            "published_at": published_at,
            "disclaimer": self.disclaimer if kind == "opinion" else None,
            "themes": themes,
            "authors": authors,
            "created": min(when, self.now),
        }

    # Writing --------------------------------------------------------------

    def switch_triggers_off(self):
        """Per-row triggers off for this transaction (the batch computes what they would)."""
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("SET LOCAL session_replication_role = replica")
            return True
        except Exception:  # not a superuser: the triggers keep working, only slower
            return False

    def drop_search_index(self):
        """Building a GIN index once is much faster than inserting a million rows into it."""
        with connection.cursor() as cursor:
            cursor.execute(f"DROP INDEX IF EXISTS {SEARCH_INDEX}")

    def create_search_index(self):
        with connection.cursor() as cursor:
            cursor.execute("SET maintenance_work_mem = '512MB'")
            cursor.execute(f"CREATE INDEX IF NOT EXISTS {SEARCH_INDEX} ON editorial_article USING gin (search_vector)")

    def insert(self, rows, postgres):
        ids = self.new_ids(len(rows), postgres)
        for id_, row in zip(ids, rows, strict=True):
            row["id"] = id_
            row["slug"] = f"{slugify_ru(row['title'], max_length=80)}-{id_}"
            row["hash"] = content_fingerprint(row["lead"], row["body"])
            if row["source_url"]:
                row["source_url"] += f"{id_}"  # one article per original URL (a database rule)
            row["day"] = timezone.localdate(row["published_at"]) if row["published_at"] else None
        if postgres:
            self.insert_postgres(rows)
            self.insert_links_postgres(rows)
            return
        Article.objects.bulk_create(
            Article(
                id=r["id"], title=r["title"], slug=r["slug"], lead=r["lead"], body=r["body"], kind=r["kind"],
                source=r["source"], source_url=r["source_url"], status=r["status"],
                published_at=r["published_at"], disclaimer=r["disclaimer"], content_hash=r["hash"],
                publication_day=r["day"],
            )
            for r in rows
        )  # fmt: skip
        ThemedArticle.objects.bulk_create(
            ThemedArticle(content_object_id=r["id"], tag=theme) for r in rows for theme in r["themes"]
        )
        ArticleAuthor.objects.bulk_create(
            ArticleAuthor(article_id=r["id"], author=author, position=author.position, order=n)
            for r in rows
            for n, author in enumerate(r["authors"])
        )

    def new_ids(self, n, postgres):
        with connection.cursor() as cursor:
            if postgres:
                cursor.execute(
                    "SELECT nextval(pg_get_serial_sequence('editorial_article', 'id')) FROM generate_series(1, %s)",
                    [n],
                )
                return [row[0] for row in cursor.fetchall()]
            cursor.execute("SELECT coalesce(max(id), 0) FROM editorial_article")
            first = cursor.fetchone()[0] + 1
            return list(range(first, first + n))

    def insert_postgres(self, rows):
        columns = {
            "id": ("bigint", lambda r: r["id"]),
            "title": ("text", lambda r: r["title"]),
            "slug": ("text", lambda r: r["slug"]),
            "lead": ("text", lambda r: r["lead"]),
            "body": ("text", lambda r: r["body"]),
            "kind": ("text", lambda r: r["kind"]),
            "source_id": ("bigint", lambda r: r["source"].pk if r["source"] else None),
            "source_url": ("text", lambda r: r["source_url"]),
            "status": ("text", lambda r: r["status"]),
            "published_at": ("timestamptz", lambda r: r["published_at"]),
            "publication_day": ("date", lambda r: r["day"]),
            "disclaimer_id": ("bigint", lambda r: r["disclaimer"].pk if r["disclaimer"] else None),
            "content_hash": ("text", lambda r: r["hash"]),
            "created_at": ("timestamptz", lambda r: r["created"]),
            "updated_at": ("timestamptz", lambda r: r["created"]),
            "names": ("text", self.names),
        }
        article_columns = [c for c in columns if c != "names"]
        sql = (
            # Columns the generator leaves empty: no cover (Django has no database defaults for them).
            f"INSERT INTO editorial_article ({', '.join(article_columns)}, language, "
            "cover, cover_caption, cover_credit, cover_renditions, search_vector) "
            f"SELECT {', '.join(article_columns)}, 'ru', '', '', '', '{{}}'::jsonb, "
            "editorial_article_document(title, lead, body, names) "
            f"FROM unnest({', '.join(f'%s::{t}[]' for t, _ in columns.values())}) AS u({', '.join(columns)})"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [[get(r) for r in rows] for _, get in columns.values()])

    def insert_links_postgres(self, rows):
        themes = [(r["id"], theme.pk) for r in rows for theme in r["themes"]]
        bylines = [(r["id"], a.pk, a.position, n) for r in rows for n, a in enumerate(r["authors"])]
        # With their article's publication time and kind (editorial/listing.py): the triggers may be off.
        copies = "editorial_listed_at(a.status, a.published_at, a.deleted_at), a.kind"
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO editorial_themedarticle (content_object_id, tag_id, published_at, kind) "
                f"SELECT u.*, {copies} FROM unnest(%s::bigint[], %s::bigint[]) AS u(article, tag) "
                "JOIN editorial_article a ON a.id = u.article",
                [[a for a, _ in themes], [t for _, t in themes]],
            )
            cursor.execute(
                'INSERT INTO editorial_articleauthor (article_id, author_id, position, "order", published_at, kind) '
                f"SELECT u.*, {copies} FROM unnest(%s::bigint[], %s::bigint[], %s::text[], %s::int[]) "
                'AS u(article, author, position, "order") JOIN editorial_article a ON a.id = u.article',
                [list(column) for column in zip(*bylines, strict=True)] if bylines else [[], [], [], []],
            )

    @staticmethod
    def names(row):
        names = [t.name for t in row["themes"]] + [a.name for a in row["authors"]]
        if row["source"]:
            names.append(row["source"].name)
        return " ".join(names)
