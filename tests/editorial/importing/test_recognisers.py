"""Each recogniser on its own: the examples of its docstring, and what it must not take."""

from datetime import date

import pytest

from editorial.importing import recognisers as r


@pytest.mark.parametrize(
    ("line", "published", "updated"),
    [
        ("Дата публикации: 5 марта 2026 г.", date(2026, 3, 5), None),
        ("Опубликовано: 05.03.2026, 18:40 | Обновлено: 06.03.2026, 09:15", date(2026, 3, 5), date(2026, 3, 6)),
        ("Обновлено: 06.03.2026 · Опубликовано: 05.03.2026", date(2026, 3, 5), date(2026, 3, 6)),
        ("Жарияланған күні: 04.03.2026", date(2026, 3, 4), None),
        ("Жарияланды: 2026 жылғы 4 наурыз", date(2026, 3, 4), None),
        ("Date: 2026-02-17T08:30:00+05:00", date(2026, 2, 17), None),
        ("Опубликовано 22 января 2026 года в 14:05", date(2026, 1, 22), None),
        ("Дата: 3 сент. 2025", date(2025, 9, 3), None),
    ],
)
def test_labelled_date(line, published, updated):
    found = r.labelled_date(line)
    assert (found.value["published"], found.value["updated"]) == (published, updated)


def test_only_an_update_date_is_not_a_publication_date():
    found = r.labelled_date("Обновлено 7 марта 2026")
    assert found.line_class == "updated" and found.value["published"] is None


def test_labelled_date_with_the_lead_after_it():
    found = r.labelled_date("date 2025-12-11 2025 год стал переломным этапом в отношениях двух стран.")
    assert found.value["published"] == date(2025, 12, 11)
    assert found.rest == "2025 год стал переломным этапом в отношениях двух стран."


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("12 марта 2026", date(2026, 3, 12)),
        ("**12 марта 2026**", date(2026, 3, 12)),
        ("Четверг, 5 марта 2026 года, 18:40", date(2026, 3, 5)),
        ("05.03.2026", date(2026, 3, 5)),
        ("2026-03-05T18:40:00+05:00", date(2026, 3, 5)),
        ("Алматы, 5 марта 2026 г.", date(2026, 3, 5)),
        ("4 наурыз 2026 ж.", date(2026, 3, 4)),
        ("сенбі, 7 ақпан 2026", date(2026, 2, 7)),
        ("1 мая 2025 г., 10:00 (мск)", date(2025, 5, 1)),
    ],
)
def test_bare_date(line, expected):
    assert r.bare_date(line).value["published"] == expected


@pytest.mark.parametrize(
    "line",
    [
        "12 ноября 2025 года стороны подписали декларацию о партнёрстве.",  # a date in a sentence
        "В марте 2026 года",
        "Вчера",
        "15 марта",  # no year: never completed with this year
    ],
)
def test_not_a_bare_date(line):
    assert r.bare_date(line) is None


def test_impossible_and_ambiguous_dates_are_problems_not_guesses():
    assert r.labelled_date("Дата: 31.02.2026").value == {
        "published": None,
        "updated": None,
        "problems": ["даты «31.02.2026» не существует"],
    }
    slashed = r.bare_date("03/05/2026").value
    assert slashed["published"] == date(2026, 5, 3) and "косой чертой" in slashed["problems"][0]


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        ("Автор: Иван Петров", [("Иван Петров", "")]),
        ("Авторы: Иван Петров, Анна Смирнова", [("Иван Петров", ""), ("Анна Смирнова", "")]),
        ("Текст: Дина Ахметова, фото: Олег Ким", [("Дина Ахметова", "")]),
        ("Беседовала Мария Кузнецова", [("Мария Кузнецова", "")]),
        ("Материал подготовил Ерлан Жумабаев", [("Ерлан Жумабаев", "")]),
        ("Автор — Тимур Алиев, политолог", [("Тимур Алиев", "политолог")]),
        ("Автор: ИВАН ПЕТРОВ — профессор МГУ", [("Иван Петров", "профессор МГУ")]),
        ("Авторы: Әлия Нұрланқызы және Нұрлан Серікұлы", [("Әлия Нұрланқызы", ""), ("Нұрлан Серікұлы", "")]),
    ],
)
def test_labelled_byline(line, authors):
    assert r.labelled_byline(line).value == authors


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        ("Айгерим Сейткали", [("Айгерим Сейткали", "")]),
        ("СЕРГЕЙ ВОЛКОВ", [("Сергей Волков", "")]),
        ("Иван Петров, политолог", [("Иван Петров", "политолог")]),
        ("политолог Иван Петров", [("Иван Петров", "политолог")]),
        ("Ганболд Батбаяр, востоковед", [("Ганболд Батбаяр", "востоковед")]),
        ("И. И. Петров", [("И. И. Петров", "")]),
    ],
)
def test_unlabelled_byline(line, authors):
    assert r.unlabelled_byline(line).value == authors


@pytest.mark.parametrize(
    "line",
    ["Большая Евразия", "Россия и Казахстан", "Политолог Арам Саркисян — о том, как строится курс.", "Текст документа"],
)
def test_not_a_byline(line):
    assert r.unlabelled_byline(line) is None and r.labelled_byline(line) is None


@pytest.mark.parametrize(
    "line",
    ["Фото: Shutterstock", "Фото — ТАСС", "(Фото: Reuters)", "Фото на обложке: пресс-служба Акорды", "Сурет: Ақорда"],
)
def test_photo_credit_is_never_an_author(line):
    assert r.recognise(line).line_class == "photo"


@pytest.mark.parametrize(
    ("line", "value"),
    [
        ("Источник: Contur.kz", ("Contur.kz", "")),
        ("Источник: https://contur.kz/news/1", ("contur.kz", "https://contur.kz/news/1")),
        ("Источник — «Деловой вестник», https://dv.kz/a/1", ("Деловой вестник", "https://dv.kz/a/1")),
        ("Материал впервые опубликован на сайте Eurasia Expert", ("Eurasia Expert", "")),
        ("Дереккөз: Egemen.kz", ("Egemen.kz", "")),
    ],
)
def test_source(line, value):
    assert r.source(line).value == value


@pytest.mark.parametrize("line", ["Источник:", "Источник —", "Оригинал:", "**Источник:**"])
def test_a_source_label_alone_waits_for_the_address_on_the_next_line(line):
    assert r.source(line) == r.Found("source", ("", ""))


def test_a_source_line_is_read_up_to_300_characters_besides_its_address():
    line = "Источник: " + "а" * 289 + " https://contur.kz/" + "x" * 300
    assert r.source(line).value[0] == "а" * 289
    assert r.source(line.replace(" https", "а https")) is None


@pytest.mark.parametrize(
    "line",
    [
        "Мнение автора может не совпадать с позицией редакции.",
        "Редакция не несёт ответственности за мнение автора.",
        "Точка зрения автора может не совпадать с точкой зрения редакции",
        "Позиция редакции может не совпадать с мнением автора.",
        "Автор выражает личное мнение, которое может не совпадать с позицией редакции.",
        "Публикуется в порядке дискуссии.",
        "Автордың пікірі редакцияның көзқарасымен сәйкес келмеуі мүмкін.",
        "Редакция автордың пікіріне жауап бермейді.",
    ],
)
def test_disclaimer(line):
    assert r.disclaimer(line).line_class == "disclaimer"


def test_a_sentence_about_opinions_is_not_a_disclaimer():
    assert r.disclaimer("Мнения экспертов разделились: одни ждут роста, другие спада.") is None


@pytest.mark.parametrize(
    ("line", "themes"),
    [
        ("Теги: ЕАЭС, Казахстан, энергетика", ["ЕАЭС", "Казахстан", "энергетика"]),
        ("#ЕАЭС #Казахстан", ["ЕАЭС", "Казахстан"]),
        ("Тегтер: саясат; экономика", ["саясат", "экономика"]),
    ],
)
def test_tags_become_proposed_themes(line, themes):
    assert r.tags(line).value == themes


@pytest.mark.parametrize(
    ("line", "opinion"),
    [("Мнение", True), ("МНЕНИЕ", True), ("Пікір", True), ("Аналитика", False), ("Рубрика: Точка зрения", True)],
)
def test_rubric(line, opinion):
    assert r.rubric(line).value[1] is opinion


@pytest.mark.parametrize(
    "line",
    [
        "Главная / Аналитика / Мнения",
        "Поделиться: ВКонтакте Telegram",
        "ВКонтакте Telegram WhatsApp",
        "Подписывайтесь на наш Telegram-канал",
        "Просмотров: 1 245",
        "3 412 просмотров",
        "Комментарии (0)",
        "Читайте также",
        "Читайте также: Как работает единый рынок услуг",
        "Популярное",
        "Нашли ошибку? Выделите текст и нажмите Ctrl+Enter",
        "© 2026 Вестник. Все права защищены.",
        "Время чтения: 4 минуты",
        "Политика | Экономика | Общество",
        "Тағы оқыңыз",
    ],
)
def test_junk(line):
    assert r.junk(line).line_class == "junk"


@pytest.mark.parametrize(
    "line",
    [
        "Подписание декларации стало итогом визита.",  # «подпис…» but not a subscription
        "Политика Казахстана остаётся многовекторной.",
        "Москва — Астана: новый этап",
    ],
)
def test_text_is_not_junk(line):
    assert r.junk(line) is None
