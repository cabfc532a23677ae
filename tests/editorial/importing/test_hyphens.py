"""Words broken by a hyphen at a line end (text extracted from a PDF and sent as .txt or .md)."""

import pytest

from editorial.importing import parse_document, parse_text
from editorial.importing.hyphens import join_broken_words

TITLE = "Евразийская интеграция после 2022 года"
LAST = "Второй абзац с выводами о будущем союза."


def body_of(paragraph, title=TITLE):
    return parse_text(f"{title}\n\n{paragraph}\n\n{LAST}")


@pytest.mark.parametrize(
    ("broken", "whole"),
    [
        ("Процессы интегра-\nции идут неравномерно.", "Процессы интеграции идут неравномерно."),
        ("Стороны обсудили сотрудни-\nчество в энергетике.", "Стороны обсудили сотрудничество в энергетике."),
        ("Союз ста-  \n  нет сильнее.", "Союз станет сильнее."),  # spaces around the line break
        ("Переговоры по-\nшли быстрее.", "Переговоры пошли быстрее."),
        ("Прави\u00ad\nтельство решило.", "Правительство решило."),  # a soft hyphen
        ("Договор подписан в Санкт-\nПетербурге.", "Договор подписан в Санкт-Петербурге."),
        ("Форум прошёл в Алма-\nАте.", "Форум прошёл в Алма-Ате."),
        ("Но что-\nто пошло не так.", "Но что-то пошло не так."),
        ("Кто-\nнибудь ответит.", "Кто-нибудь ответит."),
        ("Какой-\nто союз.", "Какой-то союз."),
        ("Почему-\nто молчат.", "Почему-то молчат."),
        ("Какие-\nлибо меры.", "Какие-либо меры."),
        ("Это мес-\nто встречи.", "Это место встречи."),  # «то» after no question word
        ("Нужна ру-\nка помощи.", "Нужна рука помощи."),
        ("Это ме\u00ad\nсто и кто\u00ad\nто ещё.", "Это место и ктото ещё."),  # a soft hyphen never stays
        ("Это торгово-\nэкономическое сотрудничество.", "Это торгово-экономическое сотрудничество."),
        ("Это социально-\nэкономический вопрос.", "Это социально-экономический вопрос."),
        ("Идут эконо-\nмические реформы.", "Идут экономические реформы."),  # «эконо-» is no compound's half
        ("Шли перегово-\nры.", "Шли переговоры."),  # «-ры» is no adjective
        ("Это ново-\nвведённый налог.", "Это нововведённый налог."),  # «ново-» is too short for a compound's half
        ("Это юго-\nвосточный фланг.", "Это юго-восточный фланг."),
        ("Это северо-\nзападный фланг.", "Это северо-западный фланг."),
        ("Это военно-\nморе.", "Это военноморе."),  # «-море»: no adjective
        ("Это военно-\nводный путь.", "Это военно-водный путь."),  # six letters make an adjective
        ("Был визит в Каза-\nхстан.", "Был визит в Казахстан."),
        ("Он всё-\nтаки приехал.", "Он всё-таки приехал."),
        ("Так или кое-\nкак решили.", "Так или кое-как решили."),
        ("Он говорит по-\nрусски.", "Он говорит по-русски."),
        ("Он, во-\nпервых, прав.", "Он, во-первых, прав."),
        ("Он вышел из-\nза стола.", "Он вышел из-за стола."),
        ("Он из-\nбран.", "Он избран."),
        ("Это военно-\nполитический союз.", "Это военно-политический союз."),
    ],
)
def test_a_word_broken_at_a_line_end_is_made_whole(broken, whole):
    p = body_of(broken)
    assert p.lead == whole
    assert p.paragraphs == [LAST]


def test_the_text_itself_says_whether_a_broken_word_has_a_hyphen():
    text = "Страны провели перегово-\nры. Перегово-\nры шли долго, переговоры продолжатся."
    assert join_broken_words(text) == "Страны провели переговоры. Переговоры шли долго, переговоры продолжатся."
    text = "Шли бело-\nрусские переговоры; бело-русские делегации приехали."
    assert join_broken_words(text).startswith("Шли бело-русские переговоры")


@pytest.mark.parametrize(
    "text",
    [
        "Рост составил 5 -\nпроцентов.",  # a dash with spaces, not a hyphen
        "Рост в 2022-\nм году.",  # a number before the hyphen
        "Список:\n- первое\n- второе",  # a list
        "Москва —\nстолица.",  # a dash
    ],
)
def test_what_is_no_broken_word_stays_as_written(text):
    assert join_broken_words(text) == text


def test_a_document_of_lines_without_blank_lines_keeps_a_broken_word_in_its_paragraph():
    p = parse_text(f"{TITLE}\nВстреча прошла в Санкт-\nПетербурге и касалась интегра-\nции.\n{LAST}")
    assert p.title == TITLE
    assert p.lead == "Встреча прошла в Санкт-Петербурге и касалась интеграции."
    assert p.paragraphs == [LAST]


@pytest.mark.parametrize("name", ["a.txt", "a.md"])
def test_broken_words_of_a_file(name):
    data = f"{TITLE}\n\nПроцессы евразийской интегра-\nции идут неравномерно.\n\n{LAST}".encode()
    p = parse_document(name, data)
    assert (p.title, p.lead, p.paragraphs) == (TITLE, "Процессы евразийской интеграции идут неравномерно.", [LAST])
