"""Assembling the proposal where a mutation run found it untested (issue 14): junk and captions in
the middle of the text, the parts of one line, authors named twice, a title made from the lead."""

import pytest

from editorial.importing import parse_document, parse_text

LEAD = "Первый абзац статьи о транзите через Каспий."
BODY = f"{LEAD}\n\nВторой абзац с выводами."


def of_length(start, length):
    """``start`` followed by words up to ``length`` characters."""
    line = (start + " текст" * length)[:length]
    return line[:-1] + "т" if line.endswith(" ") else line


def test_the_file_name_stays_with_the_proposal():
    assert parse_text(f"Заголовок статьи\n\n{BODY}", filename="статья.txt").filename == "статья.txt"


def test_a_subscription_line_in_the_middle_of_the_text_is_removed():
    line = "Подписывайтесь на наш Telegram-канал"
    middle = "\n\n".join(f"Абзац {n} о портах на Каспии." for n in range(20))
    p = parse_text(f"Заголовок статьи\n\n{BODY}\n\n{middle}\n\n{line}\n\n{middle}")
    assert line not in p.paragraphs and len(p.paragraphs) == 41
    assert ("служебная строка сайта", line) in p.removed_lines


def test_a_source_with_its_link_and_a_date_on_one_line():
    md = f"# Заголовок статьи\n\n{BODY}\n\nИсточник: [Kursiv](https://kursiv.media/a/1) · 05.03.2026\n"
    p = parse_document("a.md", md.encode())
    assert (p.source_name, p.source_url) == ("Kursiv", "https://kursiv.media/a/1")


def test_an_author_named_twice_on_one_byline_is_one_author_with_the_position():
    p = parse_text(f"Заголовок статьи\n\n{BODY}\n\nАвторы: Иван Петров и Иван Петров, политолог")
    assert p.authors == [("Иван Петров", "политолог")]


@pytest.mark.parametrize(("length", "cut"), [(120, False), (121, True)])
def test_a_title_made_from_the_first_sentence_keeps_120_characters(length, cut):
    sentence = of_length("Казахстан и Узбекистан договорились", length)
    p = parse_text(f"{sentence}.\n\nВторой абзац.")
    assert p.title_guessed
    assert p.title == (sentence[:120].rsplit(" ", 1)[0] + "…" if cut else sentence)


def test_a_caption_in_the_middle_of_a_long_text_leaves_it():
    middle = "\n\n".join(f"Абзац {n} о портах на Каспии." for n in range(20))
    p = parse_text(f"Заголовок статьи\n\n{BODY}\n\n{middle}\n\nНа фото: министр на площадке\n\n{middle}")
    assert "На фото: министр на площадке" not in p.paragraphs and len(p.paragraphs) == 41
    assert p.removed_lines == [("подпись к фото", "На фото: министр на площадке")]
