"""The recognisers' limits and separators where a mutation run found them untested (issue 14): how
long each kind of line may be, which signs a line of several parts is split at, and what each part
becomes in the proposal."""

from datetime import date

import pytest

from editorial.importing import parse_text
from editorial.importing import recognisers as r

LEAD = "Первый абзац статьи о транзите через Каспий."
BODY = f"{LEAD}\nВторой абзац с выводами."
SITE = "Ekonomika-i-biznes-kazakhstana-segodnya"
DISCLAIMER = "Мнение автора может не совпадать с позицией редакции."


def of_length(start, length):
    """``start`` followed by words up to ``length`` characters."""
    line = (start + " текст" * length)[:length]
    return line[:-1] + "т" if line.endswith(" ") else line


def article(head="", tail=""):
    return parse_text(f"{head}Заголовок статьи\n05.03.2026\n{BODY}\nАвтор: Иван Петров\n{tail}")


@pytest.mark.parametrize(
    ("start", "limit", "recogniser"),
    [
        ("Автор: Иван Петров, директор центра", 300, r.labelled_byline),
        ("Фото: пресс-служба", 200, r.photo_credit),
        ("На фото: министр на площадке", 200, r.caption),
        ("Направляю статью для публикации", 300, r.letter),
        (DISCLAIMER, 400, r.disclaimer),
        ("Теги: ЕАЭС, Каспий,", 300, r.tags),
    ],
)
def test_a_metadata_line_has_a_length_past_which_it_is_text(start, limit, recogniser):
    line = of_length(start, limit)
    assert recogniser(line) is not None
    assert recogniser(line + "т") is None


def test_a_rubric_line_is_read_up_to_80_characters():
    line = "Мнение".ljust(80, "*")
    assert r.rubric(line).value == ("Мнение", True)
    assert r.rubric(line + "*") is None


def test_a_covering_letter_leaves_the_text_as_a_line_of_the_site():
    p = parse_text(f"Здравствуйте!\nЗаголовок статьи\n05.03.2026\n{BODY}")
    assert (p.title, p.lead, p.removed_lines) == (
        "Заголовок статьи",
        LEAD,
        [("служебная строка сайта", "Здравствуйте!")],
    )


def test_a_caption_between_paragraphs_leaves_the_text():
    p = parse_text("Заголовок статьи\nПервый абзац.\nНа фото: министр на площадке\nВторой абзац.\nТретий абзац.")
    assert p.paragraphs == ["Второй абзац.", "Третий абзац."]
    assert p.removed_lines == [("подпись к фото", "На фото: министр на площадке")]


@pytest.mark.parametrize(
    "line",
    [
        "Фото из личного архива В.: министр на площадке",  # the colon is past the 25th character
        "На фото: министр на площадке!",
        "На фото: кто стоит рядом с министром?",
        "На фото: министр на площадке.",
    ],
)
def test_a_line_that_reads_as_a_sentence_is_no_caption(line):
    assert r.caption(line) is None


def test_a_caption_label_ends_within_25_characters():
    assert r.caption("Снимок из личного архива: министр на площадке") is not None


def test_a_copyright_line_in_capitals_is_the_site_s_not_a_photo_credit():
    p = article(tail="© ВЕСТНИК. ВСЕ ПРАВА ЗАЩИЩЕНЫ")
    assert p.removed_lines == [("служебная строка сайта", "© ВЕСТНИК. ВСЕ ПРАВА ЗАЩИЩЕНЫ")]


@pytest.mark.parametrize(
    ("line", "source"),
    [
        ("**Газета «Коммерсантъ» №215 от 21.11.2026, стр. 6**", ("Коммерсантъ", date(2026, 11, 21))),
        ("Газета «Коммерсантъ» №215 от 31.02.2026", ("Коммерсантъ", None)),  # an impossible date: no date
    ],
)
def test_a_print_edition_at_the_end(line, source):
    p = parse_text(f"Заголовок статьи\n{BODY}\nАвтор: Иван Петров\n{line}")
    assert ((p.source_name, p.published_on), p.paragraphs) == (source, ["Второй абзац с выводами."])


def test_a_print_edition_line_is_read_up_to_160_characters():
    line = of_length("Газета «Коммерсантъ» №215, стр. 6,", 160)
    assert r.print_edition(line).value == [r.Found("source", ("Коммерсантъ", ""))]
    assert r.print_edition(line + "т") is None


@pytest.mark.parametrize(
    ("line", "source"),
    [
        (f"{SITE[:37]}.kz", (f"{SITE[:37]}.kz", "")),  # 40 characters
        ("X.com", ("X.com", "")),
        (f"{SITE[:38]}.kz", None),  # 41 characters: a word, not a site's name
        ("24.12", None),  # a number
    ],
)
def test_a_site_s_name_alone_at_the_end_is_the_source(line, source):
    p = parse_text(f"Заголовок статьи\n{BODY}\nАвтор: Иван Петров\n{line}")
    if source is None:
        assert (p.source_name, p.paragraphs[-1]) == ("", line)
    else:
        assert ((p.source_name, p.source_url), p.paragraphs) == (source, ["Второй абзац с выводами."])


@pytest.mark.parametrize(
    ("line", "title"),
    [("Заголовок:Каспий как коридор", "Каспий как коридор"), ("Заголовок: Мир", "Мир"), ("Заголовок — Мир", None)],
)
def test_a_labelled_title_has_a_colon_and_three_letters(line, title):
    found = r.labelled_title(line)
    assert (found.value if found else None) == title
    assert r.labelled_title("Заголовок: ЕС") is None


def test_a_labelled_lead_has_a_colon_and_20_characters():
    assert r.labelled_lead("Кратко:Каспий — новый коридор").value == "Каспий — новый коридор"
    assert r.labelled_lead("Кратко: " + "а" * 20).value == "а" * 20
    assert r.labelled_lead("Кратко: " + "а" * 19) is None
    assert r.labelled_lead("Кратко — Каспий становится коридором") is None


def test_tags_need_a_colon_and_an_empty_tags_line_leaves_the_text():
    assert r.tags("Теги:ЕАЭС").value == ["ЕАЭС"]
    assert r.tags("Тема — Каспий") is None
    p = article(tail="Теги:")
    assert (p.themes, p.paragraphs, p.removed_lines) == ([], ["Второй абзац с выводами."], [("теги", "Теги:")])


def test_a_tag_of_60_characters_is_kept():
    tag = "т" * 60
    assert r.tags(f"Теги: {tag}, ЕАЭС").value == [tag, "ЕАЭС"]


@pytest.mark.parametrize(
    ("line", "rubric"),
    [
        ("Рубрика: XXI век", "XXI век"),
        ("Рубрика: Я", "Я"),
        (of_length("Рубрика: Большая", 49), of_length("Большая", 40)),
    ],
)
def test_a_labelled_rubric_of_up_to_40_characters(line, rubric):
    assert article(head=f"{line}\n").rubric == rubric


@pytest.mark.parametrize("line", ["Рубрика:", of_length("Рубрика: Большая", 50)])
def test_an_empty_or_long_rubric_label_gives_no_rubric(line):
    assert r.rubric(line) is None


@pytest.mark.parametrize("line", ["**Интервью**", "[Сұхбат]", "Интервью."])
def test_an_interview_rubric_in_stars_or_brackets(line):
    assert article(head=f"{line}\n").kind == "interview"


def test_a_disclaimer_in_stars_is_kept_without_them():
    assert article(tail=f"**{DISCLAIMER}**").disclaimer_text == DISCLAIMER


@pytest.mark.parametrize(
    "line",
    [
        "Колонка не должна восприниматься как официальная позиция издания.",
        "Колумнист выражает исключительно личное мнение.",
    ],
)
def test_disclaimers_that_name_neither_author_nor_editors(line):
    assert article(tail=line).kind == "opinion"


@pytest.mark.parametrize("separator", ["·", "|", "•"])
@pytest.mark.parametrize("position", ["урбанист", "урбанист, директор центра исследований городской среды Алматы"])
def test_a_byline_and_a_date_on_one_line_between_separators(separator, position):
    """Short or past 90 characters (where a line opening with no label is mostly text)."""
    p = parse_text(f"Заголовок статьи\nДаурен Абаев, {position} {separator} 6 октября 2026 г.\n{BODY}")
    assert (p.authors, p.published_on, p.lead) == ([("Даурен Абаев", position)], date(2026, 10, 6), LEAD)


def test_a_site_s_name_and_a_date_on_one_line():
    p = parse_text(f"Заголовок статьи\nX.com · 05.03.2026\n{BODY}")
    assert (p.source_name, p.published_on, p.lead) == ("X.com", date(2026, 3, 5), LEAD)


def test_a_line_of_up_to_four_parts_is_read_part_by_part():
    line = "Текст: Анна Ким | 05.03.2026 | Фото: ТАСС | Источник: Kloop"
    p = parse_text(f"Заголовок статьи\n{line}\n{BODY}")
    assert (p.authors, p.published_on, p.source_name, p.lead) == ([("Анна Ким", "")], date(2026, 3, 5), "Kloop", LEAD)
    assert r.composite(f"{line} | Мнение") is None  # five parts: a menu, not one line of metadata


def test_a_line_of_parts_is_read_up_to_400_characters():
    line = "Автор: Иван Петров · " + of_length(DISCLAIMER, 379)
    assert [part.line_class for part in r.composite(line).value] == ["byline", "disclaimer"]
    assert r.composite(line + "т") is None


def test_a_city_and_a_date_opening_a_line_of_up_to_90_characters_leave_the_text():
    line = of_length("Алматы, 05.03.2026 — Стороны подписали", 89) + "."
    p = parse_text(f"Заголовок статьи\n{line}\nВторой абзац.")
    assert (p.published_on, p.lead) == (date(2026, 3, 5), line.removeprefix("Алматы, 05.03.2026 — "))


def test_a_longer_paragraph_opening_with_a_city_and_a_date_keeps_them_as_its_dateline():
    for start in ("Алматы, 05.03.2026 — Стороны подписали", "Алматы, 05.03.2026 — Агентство Xinhua сообщает"):
        line = of_length(start, 90) + "."
        p = parse_text(f"Заголовок статьи\n{line}\nВторой абзац.")
        assert (p.published_on, p.lead) == (date(2026, 3, 5), line)


def test_a_long_line_of_the_site_is_junk_up_to_250_characters():
    line = of_length("Чтобы не пропустить главное, подписывайтесь на наш Telegram-канал", 250)
    assert r.recognise(line).line_class == "junk"
    assert r.recognise(line + "т") is None
