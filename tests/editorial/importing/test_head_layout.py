"""The head of a document where a mutation run found its rules untested (issue 14): labels above and
under the title, a masthead above a label in capitals, a title wrapped onto a second line, a subtitle."""

from datetime import date

import pytest

from editorial.importing import parse_document, parse_text

LEAD = "Первый абзац статьи о транзите через Каспий."
BODY = f"{LEAD}\n\nВторой абзац с выводами."
TITLE = "Заголовок статьи о транзите через Каспийское море"
MASTHEAD = "Министерство торговли и интеграции"
RELEASE_TITLE = "Казахстан и ОАЭ подписали соглашение"


def of_length(start, length):
    """``start`` followed by words up to ``length`` characters."""
    line = (start + " текст" * length)[:length]
    return line[:-1] + "т" if line.endswith(" ") else line


def html(head):
    page = f"{head}<p>{LEAD}</p><p>Второй абзац с выводами.</p>"
    return parse_document("a.html", page.encode())


def test_a_rubric_under_the_title_leaves_the_title_in_place():
    p = parse_text(f"Заголовок статьи\nАналитика\n05.03.2026\n\n{BODY}")
    assert (p.title, p.rubric, p.published_on, p.lead) == ("Заголовок статьи", "Аналитика", date(2026, 3, 5), LEAD)


def test_a_label_in_capitals_under_the_title_and_its_lead_is_no_masthead():
    p = parse_text(f"Заголовок статьи\nКратко: Каспий становится главным коридором региона\nАНАЛИТИКА\n\n{BODY}")
    assert (p.title, p.lead, p.rubric) == (
        "Заголовок статьи",
        "Каспий становится главным коридором региона",
        "АНАЛИТИКА",
    )


@pytest.mark.parametrize(
    "head",
    [
        f"{MASTHEAD}\nПРЕСС-РЕЛИЗ\n{RELEASE_TITLE}",  # the title right under the label
        f"{MASTHEAD}\n30.09.2026\nПРЕСС-РЕЛИЗ\n{RELEASE_TITLE}",  # a date between the masthead and the label
    ],
)
def test_a_masthead_above_a_label_in_capitals(head):
    p = parse_text(f"{head}\n\n{BODY}")
    assert (p.title, p.rubric, p.lead) == (RELEASE_TITLE, "ПРЕСС-РЕЛИЗ", LEAD)
    assert p.removed_lines == [("рубрика", MASTHEAD), ("рубрика", "ПРЕСС-РЕЛИЗ")]


def test_a_path_label_in_capitals_above_the_date_and_the_title():
    p = parse_text(f"АНАЛИТИКА / ФИНАНСЫ\n05.03.2026\n{TITLE}\n\n{BODY}")
    assert (p.title, p.rubric, p.published_on) == (TITLE, "АНАЛИТИКА / ФИНАНСЫ", date(2026, 3, 5))


def test_a_label_three_metadata_lines_above_the_title():
    p = parse_text(f"Разбор\n05.03.2026\nАвтор: Иван Петров\nФото: ТАСС\n{TITLE}\n\n{BODY}")
    assert (p.title, p.rubric, p.authors, p.lead) == (TITLE, "Разбор", [("Иван Петров", "")], LEAD)


def test_a_styled_label_in_capitals_above_the_styled_title():
    p = html("<h3>РАЗБОР</h3><h1>Заголовок статьи</h1>")
    assert (p.title, p.rubric, p.lead) == ("Заголовок статьи", "РАЗБОР", LEAD)


@pytest.mark.parametrize(
    "label",
    [
        "Аналитика / Финансы и банки",  # three words in a part of a path
        "Аналитика / Внешнеэкономические связи",  # 37 characters
    ],
)
def test_a_path_label_above_the_title_is_the_rubric(label):
    p = parse_text(f"{label}\n{TITLE}\n\n{BODY}")
    assert (p.title, p.rubric, p.lead) == (TITLE, label, LEAD)


@pytest.mark.parametrize(
    "label",
    [
        "Аналитика / Финансы, банки и рынки",  # four words in a part
        "Аналитика / Внешнеэкономическая политика",  # 40 characters
        "Разбор.",
        "Разбор,",
    ],
)
def test_a_line_above_the_title_that_is_no_short_label_is_no_rubric(label):
    assert parse_text(f"{label}\n{TITLE}\n\n{BODY}").rubric == ""


def test_a_hard_wrapped_first_paragraph_is_no_wrapped_title():
    paragraph = (
        "Почему Казахстан и Узбекистан не могут договориться\nо распределении воды в бассейне Сырдарьи\n"
        "и что из этого следует для региона."
    )
    p = parse_text(f"{paragraph}\n\nВторой абзац.")
    assert p.title_guessed
    assert p.lead == paragraph.replace("\n", " ")


@pytest.mark.parametrize(("length", "wrapped"), [(200, True), (201, False)])
def test_a_title_wrapped_onto_a_second_line_up_to_200_characters(length, wrapped):
    first = "Почему Казахстан и Узбекистан не могут договориться"
    title = of_length(f"{first} о распределении", length)
    p = parse_text(f"{first}\n{title.removeprefix(first + ' ')}\n\n05.03.2026\n\n{BODY}")
    assert (p.title == title) is wrapped


@pytest.mark.parametrize(("length", "title"), [(150, True), (151, False)])
def test_a_sentence_with_a_period_above_the_date_is_the_title_up_to_150_characters(length, title):
    sentence = of_length("Казахстан и Узбекистан договорились о воде", length - 1) + "."
    p = parse_text(f"{sentence}\n05.03.2026\n\n{BODY}")
    assert (p.title == sentence.removesuffix(".")) is title


@pytest.mark.parametrize(("length", "subtitle"), [(30, True), (29, False)])
def test_a_subtitle_has_30_characters(length, subtitle):
    line = of_length("Транзит через Каспий", length)
    p = parse_text(f"{TITLE}\n{line}\n05.03.2026\n\n{BODY}")
    assert p.title == TITLE
    assert (p.lead, p.published_on) == (line, date(2026, 3, 5) if subtitle else None)  # the head ends above a text line


@pytest.mark.parametrize(("length", "subtitle"), [(40, True), (39, False)])
def test_a_styled_subtitle_has_40_characters(length, subtitle):
    line = of_length("Транзит через Каспий", length)
    md = f"# {TITLE}\n\n## {line}\n\n{BODY}"
    p = parse_document("a.md", md.encode())
    assert (p.title, p.lead == line) == (TITLE, subtitle)


@pytest.mark.parametrize("between", ["", "05.03.2026\n"])
def test_a_label_in_capitals_under_the_title_above_the_text_leaves_the_title(between):
    p = parse_text(f"Заголовок статьи\nАНАЛИТИКА\n{between}\n{BODY}")
    assert (p.title, p.rubric, p.lead) == ("Заголовок статьи", "АНАЛИТИКА", LEAD)


def test_a_label_in_capitals_under_the_title_and_its_lead_above_an_intertitle_leaves_the_title():
    lead = "Кратко: Каспий становится главным коридором региона"
    p = parse_text(f"{TITLE}\n{lead}\nАНАЛИТИКА\nТранзит растёт третий год подряд\n\n{BODY}")
    assert (p.title, p.rubric) == (TITLE, "АНАЛИТИКА")


def test_a_masthead_above_a_label_in_capitals_and_its_date():
    p = parse_text(f"{MASTHEAD}\nПРЕСС-РЕЛИЗ\n30.09.2026\n{RELEASE_TITLE}\n\n{BODY}")
    assert (p.title, p.rubric, p.published_on) == (RELEASE_TITLE, "ПРЕСС-РЕЛИЗ", date(2026, 9, 30))


def test_a_bold_title_wrapped_onto_a_second_line():
    title = "Почему Казахстан и Узбекистан не могут договориться о распределении воды"
    p = parse_document("a.md", f"**{title.replace(' о ', chr(10) + 'о ', 1)}**\n\n05.03.2026\n\n{BODY}".encode())
    assert (p.title, p.published_on) == (title, date(2026, 3, 5))
