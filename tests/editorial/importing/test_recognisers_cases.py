"""The import cases a mutation run found untested (issue 14), each on what the editor is proposed."""

from datetime import date

import pytest

from editorial.importing import parse_document, parse_text
from editorial.importing import recognisers as r

LEAD = "Первый абзац статьи о транзите через Каспий."
BODY = f"{LEAD}\nВторой абзац с выводами."
NO_DATE = "Дата публикации не указана: статья останется черновиком, пока её не зададут."


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("2025-3-1", date(2025, 3, 1)),  # ISO without leading zeros
        ("1.3.2025", date(2025, 3, 1)),  # day.month, not month.day
        ("Дата: 2025-3-1", date(2025, 3, 1)),
        ("Дата: 1.3.2025", date(2025, 3, 1)),
        ("5 марта 2026 года", date(2026, 3, 5)),
        ("Дата публикации: 5 марта 2026 года", date(2026, 3, 5)),
        ("5 марта 2026 года — Астана", date(2026, 3, 5)),
        ("5 марта 2026 г., Астана", date(2026, 3, 5)),
    ],
)
def test_date_spellings_under_the_title(line, expected):
    p = parse_text(f"Заголовок статьи\n{line}\n{BODY}")
    assert (p.title, p.published_on, p.lead, p.paragraphs) == (
        "Заголовок статьи",
        expected,
        LEAD,
        ["Второй абзац с выводами."],
    )
    assert not [w for w in p.warnings if "Дат" in w]


@pytest.mark.parametrize(
    "line",
    [
        f"Опубликовано 5 марта 2026 года. {LEAD}",
        f"Дата: 5 марта 2026 года — {LEAD}",
        f"Опубликовано: 5 марта 2026 — {LEAD}",
        f"Дата: 5 марта 2026 г., {LEAD}",
    ],
)
def test_text_after_a_labelled_date_on_the_same_line_is_the_lead(line):
    """«года», «г.» and a dash between the date and the text stay out of the lead."""
    p = parse_text(f"Заголовок статьи\n{line}\nВторой абзац с выводами.")
    assert (p.published_on, p.lead, p.paragraphs) == (date(2026, 3, 5), LEAD, ["Второй абзац с выводами."])


@pytest.mark.parametrize("separator", [" — ", ". ", ", ", " | ", " "])
def test_text_after_a_numeric_date_opening_a_line_is_the_lead(separator):
    p = parse_text(f"Заголовок статьи\n05.03.2026{separator}{LEAD}\nВторой абзац с выводами.")
    assert (p.published_on, p.lead) == (date(2026, 3, 5), LEAD)


def test_a_sentence_opening_with_a_date_in_words_is_text_not_a_date():
    line = "5 марта 2026 года стороны подписали соглашение о транзите через Каспий."
    p = parse_text(f"Заголовок статьи\n{line}\nВторой абзац с выводами.")
    assert (p.published_on, p.lead) == (None, line)
    assert NO_DATE in p.warnings


@pytest.mark.parametrize("value", ["когда-нибудь потом", "в прошлом месяце", "скоро", "XXI век"])
def test_an_unreadable_date_line_is_a_warning_and_leaves_the_text(value):
    p = parse_text(f"Заголовок статьи\nДата: {value}\n{BODY}")
    assert p.published_on is None
    assert p.lead == LEAD and all(value not in paragraph for paragraph in p.paragraphs)
    assert p.warnings == [f"Дата: не удалось разобрать дату «{value}».", "Автор не найден."]


def test_an_impossible_labelled_date_is_named_in_the_warning():
    p = parse_text(f"Заголовок статьи\nДата публикации: 30.02.2026\n{BODY}")
    assert p.published_on is None
    assert "Дата: даты «30.02.2026» не существует." in p.warnings
    assert NO_DATE not in p.warnings  # one warning about the date is enough


def test_a_date_dateparser_reads_is_taken_only_with_its_year():
    assert parse_text(f"Заголовок статьи\nДата: March 5, 2026\n{BODY}").published_on == date(2026, 3, 5)
    p = parse_text(f"Заголовок статьи\nДата: March 5\n{BODY}")
    assert p.published_on is None and "Дата: не удалось разобрать дату «March 5»." in p.warnings


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        ("Author: John Smith", [("John Smith", "")]),
        ("Authors: John Smith, Jane Doe", [("John Smith", ""), ("Jane Doe", "")]),
        ("By John Johnson", [("John Johnson", "")]),
        ("Автор: Анна Римская-Корсакова", [("Анна Римская-Корсакова", "")]),
        ("Лола Бай-Мурзаева", [("Лола Бай-Мурзаева", "")]),  # only the second half says «surname»
        ("Мария Салтыкова-Щедрина, политолог", [("Мария Салтыкова-Щедрина", "политолог")]),
        ("Автор: Иван Иванович Петров, директор центра", [("Иван Иванович Петров", "директор центра")]),
        ("Айгерим Нурлановна Сейткали", [("Айгерим Нурлановна Сейткали", "")]),
        ("Петров И.И.", [("Петров И.И.", "")]),
        ("Автор: Иван Петров, директор и основатель центра", [("Иван Петров", "директор и основатель центра")]),
        ("Автор: Иван Петров, профессор МГУ и МГИМО", [("Иван Петров", "профессор МГУ и МГИМО")]),
        (
            "Автор: Иван Петров, эксперт Института Европы и Института США",
            [("Иван Петров", "эксперт Института Европы и Института США")],
        ),
        (
            "Авторы: Иван Петров, профессор МГУ и Анна Смирнова, доцент",
            [("Иван Петров", "профессор МГУ"), ("Анна Смирнова", "доцент")],
        ),
    ],
)
def test_bylines_in_the_tail(line, authors):
    p = parse_text(f"Заголовок статьи\n{BODY}\n{line}")
    assert p.authors == authors
    assert p.paragraphs == ["Второй абзац с выводами."]
    assert "Автор не найден." not in p.warnings


def test_a_byline_in_the_head_is_read_before_the_text_starts():
    p = parse_text(f"Заголовок статьи\nAuthor: John Smith\n5 марта 2026\n{BODY}")
    assert (p.title, p.authors, p.published_on, p.lead) == (
        "Заголовок статьи",
        [("John Smith", "")],
        date(2026, 3, 5),
        LEAD,
    )


@pytest.mark.parametrize(
    "authors",
    [
        "  - Редакция Contur.kz\n  - Иван Петров, политолог",  # a name that is no person's name
        "  - 2026\n  - Иван Петров, политолог",
    ],
)
def test_an_unusual_author_in_front_matter_never_crashes_the_import(authors):
    md = f"---\ntitle: Заголовок\nauthors:\n{authors}\n---\n\nЛид статьи.\n\nТекст."
    p = parse_document("a.md", md.encode())
    assert p.title == "Заголовок"
    assert p.authors[-1] == ("Иван Петров", "политолог") and len(p.authors) == 2
    assert p.authors[0][1] == ""


def test_a_page_byline_that_is_no_name_never_crashes_the_import():
    page = (
        "<html><head><meta name='author' content='Редакция сайта'></head><body><article><h1>Заголовок</h1>"
        "<p>Президенты двух стран подписали соглашение о государственной границе, поставив точку в споре.</p>"
        "<p>Документ предусматривает обмен участками территории и совместное использование водохранилищ.</p>"
        "</article></body></html>"
    )
    p = parse_document("p.html", page.encode())
    assert (p.title, p.authors) == ("Заголовок", [("Редакция сайта", "")])


def test_the_recognisers_read_the_same_cases_on_their_own():
    assert r.recognise("Author: John Smith").value == [("John Smith", "")]
    assert r.recognise("1.3.2025").value["published"] == date(2025, 3, 1)
    assert r.recognise("Дата: скоро").value == {
        "published": None,
        "updated": None,
        "problems": ["не удалось разобрать дату «скоро»"],
    }


def test_an_unreadable_date_is_quoted_up_to_60_characters():
    value = "в тот самый день, когда завершилась долгая и трудная работа над этим"
    p = parse_text(f"Заголовок статьи\nДата: {value}\n{BODY}")
    assert f"Дата: не удалось разобрать дату «{value[:60]}»." in p.warnings


def test_a_long_first_paragraph_opening_with_a_date_gives_the_date_and_the_lead():
    text = "стороны подписали соглашение о транзите через Каспий, " * 3 + "и это стало итогом года."
    p = parse_text(f"Заголовок статьи\n05.03.2026. {text}\nВторой абзац с выводами.")
    assert (p.published_on, p.lead) == (date(2026, 3, 5), text)


def test_a_very_long_paragraph_opening_with_a_date_is_text():
    text = "05.03.2026 стороны подписали соглашение о транзите через Каспий, " * 5 + "и это итог года."
    p = parse_text(f"Заголовок статьи\n{text}\nВторой абзац с выводами.")
    assert (p.published_on, p.lead) == (None, text)


@pytest.mark.parametrize(
    ("line", "source"),
    [
        ("Источник: Contur.kz https://contur.kz/a/1.", ("Contur.kz", "https://contur.kz/a/1")),
        ("Источник: https://www.contur.kz/a/1", ("contur.kz", "https://www.contur.kz/a/1")),
        ("Источник: Contur.kz (https://contur.kz/a/1)", ("Contur.kz", "https://contur.kz/a/1")),
        ("https://contur.kz/a/1.", ("", "https://contur.kz/a/1")),
        ("**https://contur.kz/a/1**", ("", "https://contur.kz/a/1")),
        ("<https://contur.kz/a/1>", ("", "https://contur.kz/a/1")),
        ("https://bit.ly/3xYzX", ("", "https://bit.ly/3xYzX")),  # a short link ending in a capital X
        ("Источник: https://bit.ly/3xYzX", ("bit.ly", "https://bit.ly/3xYzX")),
        ("Источник: Xinhua", ("Xinhua", "")),
    ],
)
def test_the_source_and_its_address_at_the_end(line, source):
    p = parse_text(f"Заголовок статьи\n{BODY}\nАвтор: Иван Петров\n{line}")
    assert ((p.source_name, p.source_url), p.paragraphs) == (source, ["Второй абзац с выводами."])


DISCLAIMER = "Мнение автора может не совпадать с позицией редакции, а ответственность за факты и оценки несёт автор."
LONG_BYLINE = "Иван Петров, старший научный сотрудник Института мировой экономики и международных отношений"
LONG_JUNK = "Чтобы не пропустить главное, подписывайтесь на наш Telegram-канал и следите за новостями региона"
MIDDLE = [f"Абзац {n} о портах на Каспии." for n in range(6)]


@pytest.mark.parametrize(
    "junk_line",
    [
        LONG_JUNK,
        "Подписывайтесь на наш Telegram-канал, чтобы первыми узнавать новости",
        "Любое использование материалов допускается только с письменного согласия редакции издания «Вестник»",
    ],
)
def test_long_lines_at_the_end_of_a_long_text_are_read_for_what_they_are(junk_line):
    p = parse_text("\n".join(["Заголовок статьи", BODY, *MIDDLE, LONG_BYLINE, DISCLAIMER, junk_line]))
    assert (p.authors, p.kind, p.disclaimer_text, p.paragraphs) == (
        [("Иван Петров", LONG_BYLINE.removeprefix("Иван Петров, "))],
        "opinion",
        DISCLAIMER,
        ["Второй абзац с выводами.", *MIDDLE],
    )
    assert p.removed_lines == [("служебная строка сайта", junk_line)]


def test_a_long_byline_is_not_read_in_the_middle_of_the_text():
    p = parse_text(f"Заголовок статьи\n{BODY}\n{LONG_BYLINE}\nТретий абзац текста.\nАвтор: Анна Смирнова")
    assert p.authors == [("Анна Смирнова", "")]
    assert p.paragraphs == ["Второй абзац с выводами.", LONG_BYLINE, "Третий абзац текста."]


def article(head="", tail=""):
    return parse_text(f"{head}Заголовок статьи\n05.03.2026\n{BODY}\nАвтор: Иван Петров\n{tail}")


def test_a_long_breadcrumb_above_the_title_is_removed():
    crumbs = "Главная / Аналитика / Мнения / Каспий как коридор: почему транзит через море растёт третий год подряд"
    p = article(head=f"{crumbs}\n")
    assert (p.title, p.lead, p.removed_lines) == ("Заголовок статьи", LEAD, [("служебная строка сайта", crumbs)])


def test_a_bold_name_under_the_title_is_the_author():
    p = parse_text(f"Заголовок статьи\n**Иван Петров**\n05.03.2026\n{BODY}")
    assert (p.authors, p.lead) == ([("Иван Петров", "")], LEAD)


def test_copyright_lines_at_the_end():
    p = article(tail="© РИА Новости\n(c) Reuters\n© 2026 Вестник. Все права защищены.")
    assert p.removed_lines == [
        ("подпись к фото", "© РИА Новости"),
        ("подпись к фото", "(c) Reuters"),
        ("служебная строка сайта", "© 2026 Вестник. Все права защищены."),
    ]
    assert p.paragraphs == ["Второй абзац с выводами."]


def test_tags_in_every_spelling_become_themes_once_each():
    long = "очень длинное ключевое слово, " * 2 + "x" * 61
    p = article(tail=f"#ЕАЭС #Каспий, #транзит\nТеги: «Каспий»; ЕАЭС | энергетика.\nКлючевые слова: {long}")
    assert p.themes == ["ЕАЭС", "Каспий", "транзит", "энергетика", "очень длинное ключевое слово"]
    assert [what for what, _ in p.removed_lines] == ["теги", "теги", "теги"]


@pytest.mark.parametrize(
    ("line", "rubric", "kind"),
    [
        ("Рубрика: Точка зрения", "Точка зрения", "opinion"),
        ("Раздел: Большая Евразия", "Большая Евразия", "analysis"),
        ("**Колонка**", "Колонка", "opinion"),
        ("Аналитика", "Аналитика", "analysis"),
        ("Мнение эксперта", "Мнение эксперта", "opinion"),
    ],
)
def test_the_rubric_above_the_title(line, rubric, kind):
    p = article(head=f"{line}\n")
    assert (p.title, p.rubric, p.kind, p.removed_lines) == ("Заголовок статьи", rubric, kind, [("рубрика", line)])


@pytest.mark.parametrize(
    ("line", "themes"),
    [
        ("#ЕАЭС#Каспий", ["ЕАЭС", "Каспий"]),  # no space between the hashtags
        ("#Xinhua #ЕАЭС", ["Xinhua", "ЕАЭС"]),
        ("Теги: Xinhua, ЕАЭС", ["Xinhua", "ЕАЭС"]),
        ("Теги:ЕАЭС, Каспий", ["ЕАЭС", "Каспий"]),  # no space after the colon
    ],
)
def test_more_tag_spellings(line, themes):
    assert article(tail=line).themes == themes


def test_a_rubric_typed_with_a_double_space():
    p = article(head="Точка  зрения\n")
    assert (p.title, p.rubric, p.kind) == ("Заголовок статьи", "Точка  зрения", "opinion")


def test_a_bold_source_label_takes_the_address_on_the_next_line_out_of_the_text():
    p = article(tail="**Источник:**\nhttps://contur.kz/news/42")
    assert p.source_url == "https://contur.kz/news/42"
    assert not any("Источник" in paragraph for paragraph in p.paragraphs)
