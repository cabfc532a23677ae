"""Heads of documents partners send that the importer misread: a metadata line of parts beside the
title, a labelled lead beside a subtitle, a label above many metadata lines, a short title above
its subtitle. Each rule on the smallest documents that show it, and what it must not take."""

from datetime import date

import pytest

from editorial.importing import parse_document, parse_text
from editorial.importing import recognisers as r
from tests.editorial.importing.test_formats import make_docx

TITLE = "Казахстан наращивает транзит через Каспий"
SUBTITLE = "Новые маршруты меняют логистику всего региона"
LEAD = "Первый абзац статьи о транзите через Каспий."
LAST = "Второй абзац с выводами."
BODY = f"{LEAD}\n\n{LAST}"


# A metadata line of parts: counters, reading time, share lines beside the date -----------------


@pytest.mark.parametrize(
    "meta",
    [
        "Просмотров: 1 245 · 05.03.2026",
        "05.03.2026 | Просмотров: 1245",
        "5 марта 2026 · Время чтения: 5 мин · Комментарии: 3",
        "05.03.2026 • 1 245 просмотров",
        "Поделиться · Печать · 05.03.2026",
        "Время чтения: 5 мин | 05.03.2026",
        "Просмотры: 1,2 тыс. · 5 марта 2026 г.",
    ],
)
@pytest.mark.parametrize("above", [False, True])
def test_a_counter_beside_the_date_is_metadata_and_gives_the_date(meta, above):
    head = f"{meta}\n{TITLE}" if above else f"{TITLE}\n{meta}"
    p = parse_text(f"{head}\n\n{BODY}")
    assert (p.title, p.lead, p.published_on, p.paragraphs) == (TITLE, LEAD, date(2026, 3, 5), [LAST])
    assert ("junk", meta) in p.removed


@pytest.mark.parametrize(
    "meta",
    ["Комментарии: 3 · Время чтения: 5 мин", "Просмотров: 1 245 | Комментарии (3)", "Поделиться | Печать"],
)
@pytest.mark.parametrize("above", [False, True])
def test_a_line_of_counters_alone_is_junk(meta, above):
    head = f"{meta}\n{TITLE}" if above else f"{TITLE}\n{meta}"
    p = parse_text(f"{head}\n\n{BODY}")
    assert (p.title, p.lead, p.published_on, p.paragraphs) == (TITLE, LEAD, None, [LAST])
    assert ("junk", meta) in p.removed


def test_a_counter_line_with_a_byline_and_a_photo_credit():
    meta = "Иван Петров · 05.03.2026 · Просмотров: 1 245 · Фото: ТАСС"
    p = parse_text(f"{TITLE}\n{meta}\n\n{BODY}")
    assert (p.title, p.lead, p.published_on, p.authors) == (TITLE, LEAD, date(2026, 3, 5), [("Иван Петров", "")])


def test_a_counter_line_of_a_word_document_is_not_the_title():
    data = make_docx(
        [("Normal", "Просмотров: 1 245 · 05.03.2026"), ("Title", TITLE), ("Normal", LEAD), ("Normal", LAST)]
    )
    p = parse_document("a.docx", data)
    assert (p.title, p.lead, p.published_on, p.paragraphs) == (TITLE, LEAD, date(2026, 3, 5), [LAST])


@pytest.mark.parametrize(
    "line",
    [
        "Главная | Аналитика",  # a breadcrumb stays junk, its part is no rubric
        "Политика | Экономика | Общество",
    ],
)
def test_a_menu_of_parts_stays_junk(line):
    assert r.recognise(line).line_class == "junk"


def test_a_sentence_about_views_and_a_date_is_text():
    sentence = "Число просмотров ролика выросло до 1 245 тысяч · 05.03.2026"
    assert r.recognise(sentence) is None


# A labelled lead beside a subtitle ------------------------------------------------------------

SUMMARY = "Транзит через Каспий вырос вдвое за три года, но узкие места остаются."


@pytest.mark.parametrize("label", ["Кратко", "Коротко", "Главное", "Суть", "Лид", "Коротко о главном", "Самое главное"])
@pytest.mark.parametrize("subtitle_first", [False, True])
def test_a_labelled_lead_wins_over_the_subtitle(label, subtitle_first):
    labelled = f"{label}: {SUMMARY}"
    head = f"{TITLE}\n{SUBTITLE}\n{labelled}" if subtitle_first else f"{TITLE}\n{labelled}\n{SUBTITLE}"
    p = parse_text(f"{head}\n05.03.2026\n\n{BODY}")
    assert (p.title, p.lead, p.published_on) == (TITLE, SUMMARY, date(2026, 3, 5))
    assert p.paragraphs == [LEAD, LAST]
    assert ("подзаголовок", SUBTITLE) in p.removed_lines
    assert any(SUBTITLE in w for w in p.warnings)


def test_a_labelled_lead_in_lowercase_under_a_rubric_title_and_date():
    p = parse_text(f"Аналитика\n{TITLE}\nСуть: {SUMMARY.lower()}\n{SUBTITLE}\n5 марта 2026\n\n{BODY}")
    assert (p.rubric, p.title, p.lead, p.paragraphs) == ("Аналитика", TITLE, SUMMARY.lower(), [LEAD, LAST])


def test_a_labelled_lead_of_a_word_document_wins_over_its_styled_subtitle():
    data = make_docx(
        [
            ("Title", TITLE),
            ("Subtitle", SUBTITLE),
            ("Normal", f"Главное: {SUMMARY}"),
            ("Normal", LEAD),
            ("Normal", LAST),
        ]
    )
    p = parse_document("a.docx", data)
    assert (p.title, p.lead, p.paragraphs) == (TITLE, SUMMARY, [LEAD, LAST])


def test_a_long_labelled_lead_is_recognised_by_its_label():
    summary = SUMMARY + " Эксперты ждут, что к 2030 году поток грузов вырастет ещё в полтора раза."
    p = parse_text(f"{TITLE}\nСуть: {summary}\n{SUBTITLE}\n\n{BODY}")
    assert (p.lead, p.paragraphs) == (summary, [LEAD, LAST])


def test_the_warning_names_the_subtitle_without_its_stars():
    p = parse_text(f"{TITLE}\n*{SUBTITLE}*\nКратко: {SUMMARY}\n\n{BODY}")
    assert p.lead == SUMMARY
    assert f"Подзаголовок «{SUBTITLE}» не вошёл в статью" in " ".join(p.warnings)


def test_a_subtitle_without_a_labelled_lead_is_still_the_lead():
    p = parse_text(f"{TITLE}\n{SUBTITLE}\n\n{BODY}")
    assert (p.title, p.lead, p.paragraphs) == (TITLE, SUBTITLE, [LEAD, LAST])
    assert not any("Подзаголовок" in w for w in p.warnings)


@pytest.mark.parametrize("label", ["Главное", "Суть", "Кратко", "Резюме"])
@pytest.mark.parametrize("after", ["", "\n\nТретий абзац после вывода."])
def test_a_labelled_conclusion_closing_the_text_stays_text(label, after):
    conclusion = f"{label}: страны договорились продлить соглашение до 2030 года."
    p = parse_text(f"{TITLE}\n\n{LEAD}\n\n{LAST}\n\n{conclusion}{after}")
    assert p.lead == LEAD
    assert conclusion in p.paragraphs


# A label above (or under the title and above) many metadata lines ---------------------------

METADATA = [
    "Автор: Иван Петров",
    "05.03.2026",
    "Источник: Contur.kz",
    "Просмотров: 1 245",
    "Время чтения: 5 мин",
    "Комментарии: 3",
    "Фото: ТАСС",
    "Обновлено: 06.03.2026",
]


@pytest.mark.parametrize("label", ["Разбор", "Свободная трибуна", "Аналитика / Финансы", "Аналитика", "РАЗБОР"])
@pytest.mark.parametrize("count", [4, 6, 8])
def test_a_label_above_many_metadata_lines_is_the_rubric_not_the_title(label, count):
    metadata = "\n".join(METADATA[:count])
    p = parse_text(f"{label}\n{metadata}\n{TITLE}\n{SUBTITLE}\n\n{BODY}")
    assert (p.title, p.rubric, p.lead, p.paragraphs) == (TITLE, label, SUBTITLE, [LEAD, LAST])
    assert (p.published_on, p.authors, p.source_name) == (date(2026, 3, 5), [("Иван Петров", "")], "Contur.kz")


@pytest.mark.parametrize("label", ["Разбор", "Свободная трибуна", "Аналитика / Финансы"])
def test_a_label_under_the_title_above_many_metadata_lines_is_the_rubric_not_the_lead(label):
    metadata = "\n".join(METADATA[:6])
    p = parse_text(f"{TITLE}\n{label}\n{metadata}\n\n{BODY}")
    assert (p.title, p.rubric, p.lead, p.paragraphs) == (TITLE, label, LEAD, [LAST])
    assert p.published_on == date(2026, 3, 5)


def test_a_label_above_many_metadata_lines_of_a_word_document():
    paragraphs = [("Normal", "Разбор"), *[("Normal", line) for line in METADATA[:6]], ("Normal", TITLE)]
    p = parse_document("a.docx", make_docx([*paragraphs, ("Normal", LEAD), ("Normal", LAST)]))
    assert (p.title, p.rubric, p.published_on) == (TITLE, "Разбор", date(2026, 3, 5))


def test_a_label_in_capitals_far_above_the_title_is_flagged_for_the_editor():
    p = parse_text(f"РАЗБОР\n{chr(10).join(METADATA[:4])}\n{TITLE}\n\n{BODY}")
    assert any("«РАЗБОР» над заголовком принята за рубрику" in w for w in p.warnings)


def test_a_two_word_title_above_metadata_and_the_first_paragraph_stays_the_title():
    p = parse_text(f"Каспийский транзит\n{chr(10).join(METADATA[:5])}\n\n{BODY}")
    assert (p.title, p.rubric, p.lead) == ("Каспийский транзит", "", LEAD)


# A short title above its subtitle, or a rubric above the title -------------------------------


@pytest.mark.parametrize(
    ("short", "longer"),
    [
        ("Каспийский транзит", "Как Казахстан перестраивает маршруты после 2022 года"),
        ("Водный вопрос", "Почему Казахстан и Узбекистан не могут договориться о воде"),
        ("Цифровой тенге", "Зачем Нацбанк запускает национальную цифровую валюту"),
    ],
)
@pytest.mark.parametrize("after", ["", "\n05.03.2026\nАвтор: Иван Петров"])
def test_a_short_title_above_a_longer_subtitle_stays_the_title(short, longer, after):
    p = parse_text(f"{short}\n{longer}{after}\n\n{BODY}")
    assert (p.title, p.rubric, p.lead, p.paragraphs) == (short, "", longer, [LEAD, LAST])
    assert any(f"«{short}» принята за заголовок" in w for w in p.warnings)


def test_a_short_title_in_its_own_paragraph_above_the_subtitle():
    longer = "Как Казахстан перестраивает маршруты после 2022 года"
    p = parse_text(f"Каспийский транзит\n\n{longer}\n\n{BODY}")
    assert (p.title, p.rubric, p.lead) == ("Каспийский транзит", "", longer)


@pytest.mark.parametrize(
    "label",
    [
        "Свободная трибуна",  # a word of a rubric's name
        "Точка зрения",
        "Колонка редактора",
        "Экономика Казахстана",  # a category of the site
        "Евразия сегодня",
        "ТОЧКА ОТСЧЁТА",  # capitals
        "Регионы / Алматы",  # a path
        "Каспий / Логистика",  # a path of words no list knows
        "Разбор",  # one word
    ],
)
def test_a_rubric_above_the_title_stays_the_rubric(label):
    title = "Как Казахстан перестраивает маршруты после 2022 года"
    p = parse_text(f"{label}\n{title}\n\n{BODY}")
    assert (p.title, p.rubric, p.lead) == (title, label, LEAD)


def test_a_short_line_above_metadata_and_the_title_stays_the_rubric():
    title = "Как Казахстан перестраивает маршруты после 2022 года"
    p = parse_text(f"Каспийский транзит\n05.03.2026\n{title}\n\n{BODY}")
    assert (p.title, p.rubric, p.lead) == (title, "Каспийский транзит", LEAD)
    assert any("«Каспийский транзит» над заголовком принята за рубрику" in w for w in p.warnings)
