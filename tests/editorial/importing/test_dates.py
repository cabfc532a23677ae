"""Dates as newsrooms write them: the date proposed, and the warning the editor reads when it is doubtful."""

from datetime import date

import pytest

from editorial.importing import parse_date, parse_text

BODY = "Первый абзац статьи о транзите через Каспий.\nВторой абзац с выводами."


def proposed(line):
    """``(published_on, warnings about the date)`` for a document with ``line`` under its title."""
    p = parse_text(f"Заголовок статьи\n{line}\n{BODY}")
    assert p.title == "Заголовок статьи" and p.lead == "Первый абзац статьи о транзите через Каспий."
    return p.published_on, [w for w in p.warnings if w.startswith("Дата") or "дат" in w]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("2026-03-05", date(2026, 3, 5)),
        ("2026-03-05 18:40", date(2026, 3, 5)),
        ("05.03.2026", date(2026, 3, 5)),
        ("5.3.2026", date(2026, 3, 5)),
        ("5 марта 2026", date(2026, 3, 5)),
        ("5 мар. 2026", date(2026, 3, 5)),
        ("15 сентября 2025 г.", date(2025, 9, 15)),
        ("1 мая 2025 года", date(2025, 5, 1)),
        ("4 наурыз 2026 ж.", date(2026, 3, 4)),
        ("17 желтоқсан 2025", date(2025, 12, 17)),
        ("2026 жылғы 4 наурыз", date(2026, 3, 4)),
        ("2025 ж. 9 қыркүйек", date(2025, 9, 9)),
    ],
)
def test_each_spelling_gives_the_date_and_no_warning(line, expected):
    assert proposed(line) == (expected, [])


@pytest.mark.parametrize(
    ("line", "expected", "warning"),
    [
        (
            "03/05/2026",
            date(2026, 5, 3),
            "Дата: дата «03/05/2026» с косой чертой прочитана как день/месяц — проверьте.",
        ),
        (
            "12/05/2026",
            date(2026, 5, 12),
            "Дата: дата «12/05/2026» с косой чертой прочитана как день/месяц — проверьте.",
        ),
        (
            "05/12/2026",
            date(2026, 12, 5),
            "Дата: дата «05/12/2026» с косой чертой прочитана как день/месяц — проверьте.",
        ),
        ("05.03.26", date(2026, 3, 5), "Дата: год «26» записан двумя цифрами — проверьте дату."),
        ("05/03/26", date(2026, 3, 5), "Дата: дата «05/03/26» с косой чертой прочитана как день/месяц — проверьте."),
    ],
)
def test_a_doubtful_date_is_proposed_with_a_warning(line, expected, warning):
    assert proposed(line) == (expected, [warning])


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("13/05/2026", date(2026, 5, 13)),  # 13 is no month: nothing to doubt
        ("05/05/2026", date(2026, 5, 5)),  # same either way
        ("31/12/2025", date(2025, 12, 31)),
    ],
)
def test_a_slashed_date_that_reads_one_way_only_gives_no_warning(line, expected):
    assert proposed(line) == (expected, [])


@pytest.mark.parametrize(
    ("line", "warning"),
    [
        ("31.02.2026", "Дата: даты «31.02.2026» не существует."),
        ("2026-02-30", "Дата: даты «2026-02-30» не существует."),
        ("30 февраля 2026", "Дата: даты «30 февраля 2026» не существует."),
        ("32 наурыз 2026", "Дата: даты «32 наурыз 2026» не существует."),
        ("2026 жылғы 31 ақпан", "Дата: даты «2026 жылғы 31 ақпан» не существует."),
    ],
)
def test_an_impossible_date_is_a_warning_not_a_guess(line, warning):
    assert proposed(line) == (None, [warning])


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("March 5, 2026", date(2026, 3, 5)),
        ("марта 5, 2026", date(2026, 3, 5)),
        ("пятое марта 2026", date(2026, 3, 5)),
        ("05-03-2026", date(2026, 3, 5)),  # day first, as in Russian
    ],
)
def test_other_spellings_with_a_year_are_read_by_dateparser(value, expected):
    assert proposed(f"Дата: {value}") == (expected, [])


@pytest.mark.parametrize(
    "value",
    [
        "March 2026",  # no day: not a date to publish under
        "5 марта",  # no year: never completed with this year
        "5 de marzo de 2026",  # a language the archive does not read
    ],
)
def test_a_labelled_value_without_day_month_and_year_is_not_taken(value):
    assert proposed(f"Дата: {value}") == (None, [f"Дата: не удалось разобрать дату «{value}»."])


def test_parse_date_kept_for_the_former_callers():
    assert parse_date("11 декабря 2025") == date(2025, 12, 11)
    assert parse_date("Опубликовано 11.12.2025, 18:40") == date(2025, 12, 11)
    assert parse_date("31.02.2026") is None
    assert parse_date("вчера") is None
    assert parse_date(None) is None
