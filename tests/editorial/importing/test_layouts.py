"""Whole layouts: the head and tail recognised by line class, in any order, blank lines or not."""

from datetime import date

import pytest

from editorial.importing import parse_document, parse_text

BODY = "Первый абзац статьи о транзите через Каспий.\nВторой абзац с выводами."


@pytest.mark.parametrize(
    "text",
    [
        f"Заголовок статьи\n5 марта 2026\n{BODY}",  # the most common layout: no blank lines at all
        f"Заголовок статьи\n\n5 марта 2026\n\n{BODY.replace(chr(10), chr(10) * 2)}",
        f"Заголовок статьи\n5 марта 2026\n{BODY.replace(chr(10), chr(10) * 2)}",  # head glued to the lead
        f"5 марта 2026\nЗаголовок статьи\n{BODY}",
        f"Мнение\nЗаголовок статьи\nДата публикации: 5 марта 2026 г.\n{BODY}",
        f"МНЕНИЕ\n\nЗаголовок статьи\n\nЧетверг, 5 марта 2026 года, 18:40\n\n{BODY.replace(chr(10), chr(10) * 2)}",
        f"Заголовок статьи\nОпубликовано: 05.03.2026, 18:40 | Обновлено: 06.03.2026, 09:15\n{BODY}",
        f"Заголовок статьи\n18:40, 5 марта 2026\n{BODY}",
        f"Заголовок статьи\n{BODY}\nФото: Shutterstock\n05.03.2026",
    ],
)
def test_title_date_and_lead_whatever_the_layout(text):
    p = parse_text(text)
    assert (p.title, p.published_on) == ("Заголовок статьи", date(2026, 3, 5))
    assert p.lead == "Первый абзац статьи о транзите через Каспий."
    assert p.paragraphs == ["Второй абзац с выводами."]


def test_an_unrecognised_last_line_hides_nothing_above_it():
    p = parse_text(
        f"Заголовок\n{BODY}\nАвтор: Иван Петров, политолог\nТочка зрения автора может не совпадать с мнением "
        "редакции.\nЗвоните в редакцию по будням\nФото: Shutterstock"
    )
    assert p.authors == [("Иван Петров", "политолог")]
    assert p.kind == "opinion"
    assert p.paragraphs == ["Второй абзац с выводами.", "Звоните в редакцию по будням"]
    assert ("photo", "Фото: Shutterstock") in p.removed


def test_source_url_on_top_is_not_glued_to_the_title():
    p = parse_text(f"Источник: https://kursiv.media/a/1\nЗаголовок\n{BODY}")
    assert (p.title, p.source_name, p.source_url) == ("Заголовок", "kursiv.media", "https://kursiv.media/a/1")


def test_a_date_in_the_body_is_not_the_publication_date():
    p = parse_text(f"Заголовок\n{BODY}\n12 ноября 2025 года стороны подписали декларацию.\nПоследний абзац.")
    assert p.published_on is None
    assert any("Дата публикации не указана" in w for w in p.warnings)


def test_authors_above_the_title_and_a_bare_kazakh_name_under_it():
    assert parse_text(f"Авторы: Иван Петров, Анна Смирнова\nЗаголовок\n{BODY}").authors == [
        ("Иван Петров", ""),
        ("Анна Смирнова", ""),
    ]
    assert parse_text(f"Заголовок\nӘлия Нұрланқызы\n{BODY}").authors == [("Әлия Нұрланқызы", "")]


def test_a_title_with_a_final_period_above_a_date():
    p = parse_text(f"Россия и Казахстан подписали декларацию.\n05.03.2026\n{BODY}")
    assert (p.title, p.title_guessed, p.published_on) == (
        "Россия и Казахстан подписали декларацию",
        False,
        date(2026, 3, 5),
    )


def test_hard_wrapped_paragraphs_stay_whole():
    p = parse_text(
        "Заголовок\n5 марта 2026\nПервый абзац, разбитый\nпереносами строк, как в письме.\nВторой абзац тоже\nразбит."
    )
    assert p.lead == "Первый абзац, разбитый переносами строк, как в письме."
    assert p.paragraphs == ["Второй абзац тоже\nразбит."]
    assert "<p>Второй абзац тоже<br>разбит.</p>" in p.body_html


def test_read_also_and_the_headlines_under_it_leave_the_body():
    p = parse_text(f"Заголовок\n{BODY}\nАвтор: Иван Петров\nЧитайте также:\nДругая статья о Каспии\nЕщё одна статья")
    assert p.paragraphs == ["Второй абзац с выводами."]
    assert [line for _, line in p.removed] == ["Читайте также:", "Другая статья о Каспии", "Ещё одна статья"]


def test_markdown_front_matter():
    md = '---\ntitle: "Казахстан и Китай"\ndate: 2026-03-11\nauthors:\n  - Данияр Ашимов\ntags: [Китай, транзит]\n---\n\nЛид.\n\nТекст.'
    p = parse_document("a.md", md.encode())
    assert (p.title, p.published_on, p.authors, p.themes) == (
        "Казахстан и Китай",
        date(2026, 3, 11),
        [("Данияр Ашимов", "")],
        ["Китай", "транзит"],
    )


def test_page_date_shown_in_a_date_element():
    page = (
        "<html><body><nav><a href='/'>Главная</a></nav><article><h1>Заголовок</h1><div class='date'>12.03.2026</div>"
        "<p>Президенты двух стран подписали соглашение о государственной границе, поставив точку в споре.</p>"
        "<p>Документ предусматривает обмен участками территории и совместное использование водохранилищ.</p>"
        "</article></body></html>"
    )
    assert parse_document("p.html", page.encode()).published_on == date(2026, 3, 12)
