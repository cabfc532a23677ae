"""The date lines where a mutation run found them untested (issue 14): how long a date line may be,
which label a date belongs to, and the text that stays beside a date."""

from datetime import date

import pytest

from editorial.importing import parse_text
from editorial.importing import recognisers as r

LEAD = "Первый абзац статьи о транзите через Каспий."
BODY = f"{LEAD}\nВторой абзац с выводами."
NO_DATE = "Дата публикации не указана: статья останется черновиком, пока её не зададут."


def of_length(start, length):
    """``start`` followed by words up to ``length`` characters."""
    line = (start + " текст" * length)[:length]
    return line[:-1] + "т" if line.endswith(" ") else line


def test_each_label_of_a_date_line_reads_the_date_after_it():
    found = r.labelled_date("Дата: скоро | Обновлено: 06.03.2026")
    assert found.value == {
        "published": None,  # not the update's date
        "updated": date(2026, 3, 6),
        "problems": ["не удалось разобрать дату «скоро»"],
    }


def test_the_first_update_date_of_a_line_is_taken():
    found = r.labelled_date("Опубликовано: 05.03.2026 · Обновлено: 06.03.2026 · Изменено: 07.03.2026")
    assert found.value == {"published": date(2026, 3, 5), "updated": date(2026, 3, 6), "problems": []}


def test_a_date_line_of_200_characters_is_read_label_by_label_a_longer_one_is_a_date_and_text():
    line = of_length("Дата: 05.03.2026. Доклад обновлён 06.03.2026, ", 200)
    found = r.labelled_date(line)
    assert (found.value["published"], found.value["updated"], found.rest) == (date(2026, 3, 5), date(2026, 3, 6), "")
    longer = r.labelled_date(line + "т")
    assert (longer.value["published"], longer.value["updated"]) == (date(2026, 3, 5), None)
    assert longer.rest == line.removeprefix("Дата: 05.03.2026. ") + "т"  # «обновлён» there is a word of the text


def test_up_to_40_characters_after_a_labelled_date_belong_to_the_date_line():
    short = of_length("Дата: 05.03.2026 Стороны", len("Дата: 05.03.2026 ") + 40)
    assert r.labelled_date(short).rest == ""
    assert r.labelled_date(short + "т").rest == short.removeprefix("Дата: 05.03.2026 ") + "т"
    assert r.labelled_date("Дата: 05.03.2026, Астана").rest == ""


def test_a_date_line_before_a_sentence_title_is_a_date_line():
    for line in ("Дата: 05.03.2026", "Опубликовано: 05.03.2026 | Обновлено: 06.03.2026"):
        p = parse_text(f"Заголовок статьи с точкой.\n{line}\n{BODY}")
        assert (p.title, p.published_on, p.lead) == ("Заголовок статьи с точкой", date(2026, 3, 5), LEAD)
        assert r.labelled_date(line).line_class == "date"


@pytest.mark.parametrize(
    ("start", "limit"),
    [
        ("05.03.2026. Стороны", 300),  # a numeric date opening a paragraph: up to 300 characters
        ("Алматы, 05.03.2026 — Стороны", 120),  # a city before it: up to 120
        ("5.3.2026. Стороны", 300),  # one digit of the day is a digit too
    ],
)
def test_a_date_opening_a_line_gives_the_date_and_the_text_up_to_a_length(start, limit):
    line = of_length(start, limit)
    found = r.bare_date(line)
    assert (found.value["published"], found.rest) == (date(2026, 3, 5), line[line.index("Стороны") :])
    assert r.bare_date(line + "т") is None


def test_an_impossible_date_is_a_problem_on_a_short_line_only():
    line = of_length("31.02.2026, ", 39)
    assert r.bare_date(line).value["problems"] == ["даты «31.02.2026» не существует"]
    assert r.bare_date(line + "т") is None


@pytest.mark.parametrize(
    "line",
    [
        "5 марта 2026 года. Стороны подписали соглашение о транзите.",  # a date in words opens a sentence
        "05.03.2026 стороны подписали соглашение о транзите.",  # no separator before the text
    ],
)
def test_a_sentence_opening_with_a_date_stays_text(line):
    p = parse_text(f"Заголовок статьи\n{line}\nВторой абзац.")
    assert (p.published_on, p.lead, p.paragraphs) == (None, line, ["Второй абзац."])


def test_the_text_after_a_date_keeps_its_first_letter():
    p = parse_text("Заголовок статьи\n05.03.2026 — Xinhua сообщает о соглашении по транзиту.\nВторой абзац.")
    assert (p.published_on, p.lead) == (date(2026, 3, 5), "Xinhua сообщает о соглашении по транзиту.")


@pytest.mark.parametrize(
    ("line", "warning"),
    [
        ("**Ноябрь 2026 г.**", "Дата: в дате «Ноябрь 2026 г.» нет дня — укажите дату публикации."),
        ("**21 ноября в 18:04**", "Дата: в дате «21 ноября в 18:04» нет года — укажите дату публикации."),
    ],
)
def test_a_date_line_without_day_or_year_is_quoted_without_its_stars(line, warning):
    p = parse_text(f"Заголовок статьи\n{line}\n{BODY}")
    assert (p.published_on, p.lead, p.warnings) == (None, LEAD, [warning, "Автор не найден."])


@pytest.mark.parametrize(
    ("start", "limit", "recogniser"),
    [
        ("Ноябрь 2026 г., ", 40, r.month_and_year),
        ("21 ноября в 18:04 ", 50, r.yearless_date),
    ],
)
def test_a_date_line_without_day_or_year_is_short(start, limit, recogniser):
    line = start.ljust(limit - 1, "*") + "_"
    assert recogniser(line) is not None
    assert recogniser(line + "_") is None


@pytest.mark.parametrize(
    "paragraph",
    [
        "Ташкент, 16 ноября 2026 г. Президенты двух стран подписали договор.",
        "Ташкент, 16 ноября 2026 г. Лидеры встретились снова.",
    ],
)
def test_a_dateline_opening_the_first_paragraph_gives_the_date_and_stays_text(paragraph):
    p = parse_text(f"Заголовок статьи\n{paragraph}\nВторой абзац.")
    assert (p.published_on, p.lead) == (date(2026, 11, 16), paragraph)


def test_a_closing_line_with_a_date_after_a_comma_is_the_date_up_to_160_characters():
    tail = " представлен на форуме, 14 октября 2026 г."
    closing = of_length("Доклад", 160 - len(tail)) + tail
    p = parse_text(f"Заголовок статьи\n{BODY}\n{closing}")
    assert (p.published_on, p.paragraphs) == (date(2026, 10, 14), ["Второй абзац с выводами."])
    longer = of_length("Доклад", 161 - len(tail)) + tail
    p = parse_text(f"Заголовок статьи\n{BODY}\n{longer}")
    assert (p.published_on, p.paragraphs) == (None, ["Второй абзац с выводами.", longer])


def test_a_closing_line_with_more_than_a_date_after_the_comma_is_text():
    line = "Доклад представлен на форуме, 14 октября 2026 г. в Астане"
    p = parse_text(f"Заголовок статьи\n{BODY}\n{line}")
    assert (p.published_on, p.paragraphs) == (None, ["Второй абзац с выводами.", line])
    assert NO_DATE in p.warnings
