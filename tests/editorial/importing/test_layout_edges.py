"""Edges of the importer's head and tail layout where a mutation run found its rules untested
(issue 14): the shortest and longest title, a name with its position at the end of the text."""

from datetime import date

import pytest

from editorial.importing import parse_document, parse_text
from tests.editorial.importing.test_head_layout import BODY, LEAD, TITLE, of_length
from tests.editorial.importing.test_unseen_layouts import _page

JOLDASOVA = ("Акбота Жолдасова", "старший эксперт Института мировой экономики")


@pytest.mark.parametrize("title", ["ООН", of_length("Заголовок", 250)])
def test_a_title_of_three_to_250_characters_is_the_title(title):
    p = parse_text(f"{title}\n\n{BODY}")
    assert (p.title, p.lead) == (title, LEAD)


@pytest.mark.parametrize("line", ["Мы", of_length("Заголовок", 251)])
def test_a_first_line_too_short_or_too_long_for_a_title_is_the_lead(line):
    assert parse_text(f"{line}\n\n{BODY}").lead == line


@pytest.mark.parametrize(
    "tail",
    [
        "Акбота Жолдасова,\nстарший эксперт Института мировой экономики",
        "**Акбота Жолдасова,**\n\n*старший эксперт Института мировой экономики*",
        " Акбота Жолдасова,\n\nстарший эксперт Института мировой экономики ",
    ],
)
def test_a_name_and_its_position_at_the_end_are_the_author(tail):
    p = parse_text(f"{TITLE}\n\n{BODY}\n\n{tail}")
    assert (p.authors, p.paragraphs) == ([JOLDASOVA], ["Второй абзац с выводами."])


def test_a_source_under_the_name_and_position_does_not_hide_them():
    p = parse_text(f"{TITLE}\n\n{BODY}\n\n{JOLDASOVA[0]},\n{JOLDASOVA[1]}\n\nИсточник: Курсив")
    assert (p.authors, p.source_name, p.paragraphs) == ([JOLDASOVA], "Курсив", ["Второй абзац с выводами."])


def test_a_second_name_above_a_name_and_position():
    p = parse_text(f"{TITLE}\n\n{BODY}\n\nИван Петров\n{JOLDASOVA[0]},\n{JOLDASOVA[1]}")
    assert p.authors == [("Иван Петров", ""), JOLDASOVA]


def test_a_rubric_line_at_the_end_stays_in_the_text():
    p = parse_text(f"{TITLE}\n\n{BODY}\n\nРубрика: Аналитика")
    assert (p.rubric, p.paragraphs) == ("", ["Второй абзац с выводами.", "Рубрика: Аналитика"])


@pytest.mark.parametrize(("length", "removed"), [(199, True), (200, False)])
def test_only_headlines_under_read_also_at_the_end_are_dropped(length, removed):
    """«Читайте также» and the headlines under it go; a line of 200 characters is a paragraph: it stays."""
    line = of_length("Каспий", length)
    p = parse_text(f"{TITLE}\n\n{BODY}\n\nЧитайте также\n\n{line}")
    assert (("junk", line) in p.removed, line in p.paragraphs) == (removed, not removed)


@pytest.mark.parametrize(
    ("head", "rubric", "lead"),
    [
        (f"**Аналитика**\n{TITLE}", "Аналитика", LEAD),
        (f"**АНАЛИТИКА / ФИНАНСЫ**\n05.03.2026\n{TITLE}", "АНАЛИТИКА / ФИНАНСЫ", LEAD),
        (f"## **{TITLE}.**", "", LEAD),
        (
            f"{TITLE}\n*Кратко: Каспий становится главным коридором региона*",
            "",
            "Каспий становится главным коридором региона",
        ),
    ],
)
def test_bold_and_italic_marks_in_the_head_are_not_kept(head, rubric, lead):
    p = parse_text(f"{head}\n\n{BODY}")
    assert (p.title, p.rubric, p.lead) == (TITLE, rubric, lead)


def test_a_title_wrapped_onto_a_second_line_is_found_not_guessed():
    p = parse_text(f"Почему Казахстан и Узбекистан не могут договориться\nо распределении воды\n\n{BODY}")
    assert (p.title, p.title_guessed) == (
        "Почему Казахстан и Узбекистан не могут договориться о распределении воды",
        False,
    )


def test_a_rubric_line_right_under_the_lead_stays_in_the_text():
    p = parse_text(f"{TITLE}\n\n{LEAD}\n\nРубрика: Аналитика\n\nВторой абзац с выводами.")
    assert (p.rubric, p.paragraphs) == ("", ["Рубрика: Аналитика", "Второй абзац с выводами."])


@pytest.mark.parametrize("name", ["Әсел Тоқтарова", "ӘСЕЛ ТОҚТАРОВА"])
def test_a_line_of_the_known_author_date_and_counter_is_listed_as_removed(name):
    article = (
        f"<article><h1>Биылғы егін рекордтық деңгейде</h1><div><span>{name}</span> <span>10 қазан 2026</span>"
        " <span>Қаралым: 2 310</span></div><p>Биыл елімізде 26 миллион тонна астық жиналды, бұл рекорд.</p>"
        "<p>Өнімнің едәуір бөлігі экспортқа жіберіледі деп хабарлады министрлік.</p></article>"
    )
    p = parse_document("p.html", _page(article, '<meta name="author" content="Әсел Тоқтарова">').encode())
    assert p.removed == [("junk", f"{name} 10 қазан 2026 Қаралым: 2 310")]


@pytest.mark.parametrize("label", ["Исследование", "*Исследование*"])
def test_a_genre_label_under_the_title_is_the_rubric_of_an_analysis(label):
    p = parse_text(f"{TITLE}\n{label}\n05.03.2026\n\n{BODY}")
    assert (p.title, p.rubric, p.kind, p.lead) == (TITLE, "Исследование", "analysis", LEAD)


@pytest.mark.parametrize("marks", ["*", "_"])
def test_a_subtitle_in_italics_under_the_title_is_the_lead_without_its_marks(marks):
    p = parse_text(f"{TITLE}\n{marks}Каспий становится главным коридором региона{marks}\n\n{BODY}")
    assert (p.title, p.lead) == (TITLE, "Каспий становится главным коридором региона")


@pytest.mark.parametrize(("credits", "found"), [(12, True), (13, False)])
def test_a_name_and_position_are_looked_for_only_in_the_last_14_lines(credits, found):
    """Under twelve credit lines the name is the 14th line from the end, still in the tail; under
    thirteen it is the 15th, in the text."""
    paragraphs = "\n\n".join(f"Абзац номер {k} о транзите через Каспий." for k in range(20))
    tail = "\n\n".join([f"{JOLDASOVA[0]},", JOLDASOVA[1]] + ["Фото: Иван Петров"] * credits)
    p = parse_text(f"{TITLE}\n\n{paragraphs}\n\n{tail}")
    assert p.authors == ([JOLDASOVA] if found else [])
    assert p.paragraphs[-1] == ("Абзац номер 19 о транзите через Каспий." if found else JOLDASOVA[1])


@pytest.mark.parametrize(
    ("tail", "authors"),
    [
        (
            "**Акбота Жолдасова,**\n\nглава Центра исследований Каспия",
            [("Акбота Жолдасова", "глава Центра исследований Каспия")],
        ),
        (
            "Акбота Жолдасова,\n\nглава Центра исследований Каспия",
            [("Акбота Жолдасова", "глава Центра исследований Каспия")],
        ),
        ("Акбота Жолдасова\n\nглава Центра исследований Каспия", []),  # no comma, «глава» is no known position
        (
            "Акбота Жолдасова\n\nдиректор, Институт мировой экономики",
            [("Акбота Жолдасова", "директор, Институт мировой экономики")],
        ),
    ],
)
def test_a_line_under_a_name_is_a_position_after_a_comma_or_a_known_position_word(tail, authors):
    assert parse_text(f"{TITLE}\n\n{BODY}\n\n{tail}").authors == authors


@pytest.mark.parametrize(("length", "source"), [(300, "Курсив"), (301, "")])
def test_a_paragraph_over_300_characters_ends_the_tail(length, source):
    """A source line above a last paragraph of up to 300 characters is still the tail's; above a longer
    one it is text."""
    paragraphs = "\n\n".join(f"Абзац номер {k} о транзите через Каспий." for k in range(10))
    last = of_length("Длинный", length)
    p = parse_text(f"{TITLE}\n\n{paragraphs}\n\nИсточник: Курсив\n\n{last}")
    assert (p.source_name, "Источник: Курсив" in p.paragraphs) == (source, not source)


def test_a_wrapped_title_under_the_date_and_the_byline_under_it():
    p = parse_text(
        f"05.03.2026\nПочему Казахстан и Узбекистан не могут договориться\nо распределении воды\nИван Петров\n\n{BODY}"
    )
    assert (p.title, p.published_on, p.authors, p.lead) == (
        "Почему Казахстан и Узбекистан не могут договориться о распределении воды",
        date(2026, 3, 5),
        [("Иван Петров", "")],
        LEAD,
    )


PAGE_TEXT = (
    "<p>Первый абзац статьи, достаточно длинный для извлечения текста страницы.</p>"
    "<p>Второй абзац статьи, тоже длинный, чтобы страница была статьёй.</p>"
)


@pytest.mark.parametrize(
    ("head", "rubric", "authors"),
    [
        ("<h1>Конец эпохи ренты</h1><p>05.03.2026</p><p>Досым Сарбасов</p>", "", [("Досым Сарбасов", "")]),
        ("<p>АНАЛИТИКА</p><h1>Конец эпохи ренты</h1><p>05.03.2026</p>", "АНАЛИТИКА", []),
    ],
)
def test_the_lines_around_a_pages_h1_are_its_head(head, rubric, authors):
    page = _page(f"<article>{head}{PAGE_TEXT}</article>", '<meta property="og:title" content="Конец эпохи ренты">')
    p = parse_document("p.html", page.encode())
    assert (p.title, p.rubric, p.published_on, p.authors) == ("Конец эпохи ренты", rubric, date(2026, 3, 5), authors)
    assert p.lead == "Первый абзац статьи, достаточно длинный для извлечения текста страницы."


def test_the_date_under_a_pages_subtitle_is_the_date():
    article = (
        '<article><h1>Минэкономразвития ухудшило прогноз</h1><h2 class="subheader">Ведомство ожидает замедления'
        f" до 0,8% в следующем году</h2><p>05.03.2026</p><p>Досым Сарбасов</p>{PAGE_TEXT}</article>"
    )
    p = parse_document(
        "p.html", _page(article, '<meta property="og:title" content="Минэкономразвития ухудшило прогноз">').encode()
    )
    assert (p.title, p.lead, p.published_on, p.authors) == (
        "Минэкономразвития ухудшило прогноз",
        "Ведомство ожидает замедления до 0,8% в следующем году",
        date(2026, 3, 5),
        [("Досым Сарбасов", "")],
    )
