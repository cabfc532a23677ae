"""Whole documents, and everything the preview proposes for each: title, date, authors, lead, text,
source, genre, rubric, themes, the lines taken out of the text and the warnings."""

from datetime import date

import pytest

from editorial.importing import DocumentError, Proposal, parse_document, parse_text

L1 = "Первый абзац статьи о транзите через Каспий."
L2 = "Второй абзац с выводами."
NO_DATE = "Дата публикации не указана: статья останется черновиком, пока её не зададут."
NO_AUTHOR = "Автор не найден."
NO_TITLE = "Заголовка нет: предложен по первому предложению — проверьте."
PAGE = (
    "<html><head><meta property='og:title' content='Каспий как коридор'>{meta}</head>"
    f"<body><article><h1>Каспий как коридор</h1><p>{L1}</p><p>{L2}</p></article></body></html>"
)


def shown(p):
    """What the preview shows of a proposal; empty fields left out."""
    fields = {
        "title": p.title,
        "title_guessed": p.title_guessed,
        "lead": p.lead,
        "paragraphs": p.paragraphs,
        "published_on": p.published_on,
        "updated_on": p.updated_on,
        "authors": p.authors,
        "source": (p.source_name, p.source_url),
        "kind": p.kind,
        "disclaimer": p.disclaimer_text,
        "rubric": p.rubric,
        "themes": p.themes,
        "removed": p.removed_lines,
        "warnings": p.warnings,
    }
    return {k: v for k, v in fields.items() if v not in ("", [], None, False, ("", ""), "analysis")}


def expected(**fields):
    return {"title": "Каспий как коридор", "lead": L1, "paragraphs": [L2]} | fields


CASES = {
    "opinion with everything": (
        f"Мнение\nКаспий как коридор\nДата публикации: 5 марта 2026 г.\nАвтор: Иван Петров, политолог\n{L1}\n{L2}\n"
        "Мнение автора может не совпадать с позицией редакции.\nТеги: Каспий, транзит\n"
        "Источник: Contur.kz https://contur.kz/a/1\nФото: Shutterstock",
        expected(
            published_on=date(2026, 3, 5),
            authors=[("Иван Петров", "политолог")],
            source=("Contur.kz", "https://contur.kz/a/1"),
            kind="opinion",
            disclaimer="Мнение автора может не совпадать с позицией редакции.",
            rubric="Мнение",
            themes=["Каспий", "транзит"],
            removed=[
                ("рубрика", "Мнение"),
                ("теги", "Теги: Каспий, транзит"),
                ("подпись к фото", "Фото: Shutterstock"),
            ],
        ),
    ),
    "a rubric in capitals above the title": (
        f"ЭКСПЕРТНОЕ МНЕНИЕ\nКаспий как коридор\n05.03.2026\n{L1}\n{L2}",
        expected(
            published_on=date(2026, 3, 5),
            kind="opinion",
            rubric="ЭКСПЕРТНОЕ МНЕНИЕ",
            removed=[("рубрика", "ЭКСПЕРТНОЕ МНЕНИЕ")],
            warnings=[NO_AUTHOR, "Мнение без автора нельзя опубликовать."],
        ),
    ),
    "an unknown word in capitals above the title is the rubric": (
        f"ТРАНЗИТ\nКаспий как коридор\n05.03.2026\nИван Петров\n{L1}\n{L2}",
        expected(
            published_on=date(2026, 3, 5),
            authors=[("Иван Петров", "")],
            rubric="ТРАНЗИТ",
            removed=[("рубрика", "ТРАНЗИТ")],
        ),
    ),
    "a title in capitals above a byline": (
        f"КАСПИЙ КАК КОРИДОР\nИван Петров\n{L1}\n{L2}",
        expected(title="КАСПИЙ КАК КОРИДОР", authors=[("Иван Петров", "")], warnings=[NO_DATE]),
    ),
    "a one-sentence title with a period above a byline": (
        f"Россия и Казахстан подписали декларацию.\nИван Петров\n{L1}\n{L2}",
        expected(title="Россия и Казахстан подписали декларацию", authors=[("Иван Петров", "")], warnings=[NO_DATE]),
    ),
    "a subtitle becomes the lead": (
        f"Каспий как коридор\nПочему транзит через море растёт третий год подряд\n05.03.2026\n{L2}\nТретий абзац.",
        expected(
            lead="Почему транзит через море растёт третий год подряд",
            paragraphs=[L2, "Третий абзац."],
            published_on=date(2026, 3, 5),
            warnings=[NO_AUTHOR],
        ),
    ),
    "only an update date": (
        f"Каспий как коридор\nОбновлено: 06.03.2026\n{L1}\n{L2}\nАвтор: Иван Петров",
        expected(
            updated_on=date(2026, 3, 6),
            authors=[("Иван Петров", "")],
            warnings=["Указана только дата обновления (06.03.2026): дата публикации неизвестна — укажите её."],
        ),
    ),
    "publication and update dates on one line": (
        f"Каспий как коридор\nОпубликовано: 05.03.2026 | Обновлено: 06.03.2026\n{L1}\n{L2}\nАвтор: Иван Петров",
        expected(published_on=date(2026, 3, 5), updated_on=date(2026, 3, 6), authors=[("Иван Петров", "")]),
    ),
    "an opinion without an author": (
        f"Каспий как коридор\n05.03.2026\n{L1}\n{L2}\nМнение автора может не совпадать с позицией редакции.",
        expected(
            published_on=date(2026, 3, 5),
            kind="opinion",
            disclaimer="Мнение автора может не совпадать с позицией редакции.",
            warnings=[NO_AUTHOR, "Мнение без автора нельзя опубликовать."],
        ),
    ),
    "no title: the first sentence, cut at a word": (
        "Это очень длинное первое предложение статьи, в котором автор рассказывает о транзите грузов через "
        "Каспийское море и о планах стран региона на ближайшие годы. Дальше текст.\n" + L2,
        expected(
            title="Это очень длинное первое предложение статьи, в котором автор рассказывает о транзите грузов "
            "через Каспийское море и о…",
            title_guessed=True,
            lead="Это очень длинное первое предложение статьи, в котором автор рассказывает о транзите грузов "
            "через Каспийское море и о планах стран региона на ближайшие годы. Дальше текст.",
            warnings=[NO_TITLE, NO_DATE, NO_AUTHOR],
        ),
    ),
    "no title: a short first sentence": (
        f"{L1} Дальше текст.\n{L2}",
        expected(
            title="Первый абзац статьи о транзите через Каспий",
            title_guessed=True,
            lead=f"{L1} Дальше текст.",
            warnings=[NO_TITLE, NO_DATE, NO_AUTHOR],
        ),
    ),
    "junk in the text and «Читайте также» with headlines at the end": (
        f"Каспий как коридор\n05.03.2026\n{L1}\nПодписывайтесь на наш Telegram-канал\n{L2}\nАвтор: Иван Петров\n"
        "Читайте также:\nДругая статья о Каспии\nЕщё одна статья",
        expected(
            published_on=date(2026, 3, 5),
            authors=[("Иван Петров", "")],
            removed=[
                ("служебная строка сайта", "Подписывайтесь на наш Telegram-канал"),
                ("служебная строка сайта", "Читайте также:"),
                ("служебная строка сайта", "Другая статья о Каспии"),
                ("служебная строка сайта", "Ещё одна статья"),
            ],
        ),
    ),
    "«Читайте также» followed by a paragraph keeps the paragraph": (
        f"Каспий как коридор\n05.03.2026\n{L1}\n{L2}\nЧитайте также:\n{'Длинный абзац текста, ' * 12}конец.\n"
        "Автор: Иван Петров",
        expected(
            paragraphs=[L2, f"{'Длинный абзац текста, ' * 12}конец."],
            published_on=date(2026, 3, 5),
            authors=[("Иван Петров", "")],
            removed=[("служебная строка сайта", "Читайте также:")],
        ),
    ),
    "the same author at the top and with a position at the end": (
        f"Каспий как коридор\nИван Петров\n05.03.2026\n{L1}\n{L2}\nИван Петров, политолог",
        expected(published_on=date(2026, 3, 5), authors=[("Иван Петров", "политолог")]),
    ),
    "two authors, the first with a position twice": (
        f"Каспий как коридор\nАвтор: Иван Петров, политолог\n05.03.2026\n{L1}\n{L2}\n"
        "Авторы: Иван Петров, директор центра; Анна Смирнова",
        expected(
            published_on=date(2026, 3, 5),
            authors=[("Иван Петров", "политолог"), ("Анна Смирнова", "")],
        ),
    ),
    "the first date, source and disclaimer win": (
        f"Каспий как коридор\n05.03.2026\n{L1}\n{L2}\nИсточник: Contur.kz\nИсточник: Kursiv.media\n"
        "Мнение автора может не совпадать с позицией редакции.\nРедакция не несёт ответственности за мнение автора.\n"
        "Автор: Иван Петров\n06.03.2026",
        expected(
            published_on=date(2026, 3, 5),
            authors=[("Иван Петров", "")],
            source=("Contur.kz", ""),
            kind="opinion",
            disclaimer="Мнение автора может не совпадать с позицией редакции.",
        ),
    ),
    "a date line with the text after it": (
        f"Каспий как коридор\ndate 2025-12-11 {L1} И ещё одно предложение.\n{L2}",
        expected(lead=f"{L1} И ещё одно предложение.", published_on=date(2025, 12, 11), warnings=[NO_AUTHOR]),
    ),
    "a labelled date under the lead with the text after it": (
        f"Каспий как коридор\n{L1}\nДата: 5 марта 2026 — второй абзац начинается после даты и идёт дальше.\nКонец.",
        expected(
            paragraphs=["второй абзац начинается после даты и идёт дальше.", "Конец."],
            published_on=date(2026, 3, 5),
            warnings=[NO_AUTHOR],
        ),
    ),
    "Kazakh": (
        "Пікір\nКаспий дәлізі\nЖарияланған күні: 04.03.2026\nМәтін: Әлия Нұрланқызы\nБірінші абзац туралы мәтін.\n"
        "Екінші абзац.\nАвтордың пікірі редакцияның көзқарасымен сәйкес келмеуі мүмкін.\nДереккөз: Egemen.kz",
        expected(
            title="Каспий дәлізі",
            lead="Бірінші абзац туралы мәтін.",
            paragraphs=["Екінші абзац."],
            published_on=date(2026, 3, 4),
            authors=[("Әлия Нұрланқызы", "")],
            source=("Egemen.kz", ""),
            kind="opinion",
            disclaimer="Автордың пікірі редакцияның көзқарасымен сәйкес келмеуі мүмкін.",
            rubric="Пікір",
            removed=[("рубрика", "Пікір")],
        ),
    ),
}


@pytest.mark.parametrize("text", [pytest.param(text, id=name) for name, (text, _) in CASES.items()])
def test_what_the_preview_proposes(text):
    name = next(name for name, (t, _) in CASES.items() if t == text)
    assert shown(parse_text(text)) == CASES[name][1]


MARKDOWN = {
    "a heading under the title is the lead": (
        f"# Каспий как коридор\n\n## Почему транзит через море растёт третий год подряд\n\n{L1}\n\n{L2}\n",
        expected(
            lead="Почему транзит через море растёт третий год подряд",
            paragraphs=[L1, L2],
            warnings=[NO_DATE, NO_AUTHOR],
        ),
    ),
    "a short heading under the title is text": (
        f"# Каспий как коридор\n\n05.03.2026\n\n## Порты\n\n{L1}\n\n{L2}\n",
        {  # no lead proposed: the text opens with a heading
            "title": "Каспий как коридор",
            "paragraphs": ["Порты", L1, L2],
            "published_on": date(2026, 3, 5),
            "warnings": [NO_AUTHOR],
        },
    ),
    "a source written as a link": (
        f"# Каспий как коридор\n\n05.03.2026\n\n{L1}\n\n{L2}\n\nИсточник: [Kursiv](https://kursiv.media/x)\n",
        expected(published_on=date(2026, 3, 5), source=("Kursiv", "https://kursiv.media/x"), warnings=[NO_AUTHOR]),
    ),
}


@pytest.mark.parametrize("name", MARKDOWN)
def test_what_the_preview_proposes_for_markdown(name):
    text, proposal = MARKDOWN[name]
    assert shown(parse_document("a.md", text.encode())) == proposal


def test_what_the_page_says_about_itself_is_proposed():
    meta = (
        "<meta name='author' content='Иван Петров'>"
        "<meta property='article:published_time' content='2026-03-05T10:00:00+05:00'>"
        "<meta property='article:modified_time' content='2026-03-06'><meta property='og:site_name' content='Курсив'>"
        "<link rel='canonical' href='https://kursiv.media/a/1'><meta property='article:tag' content='Каспий'>"
        "<meta property='article:tag' content='транзит'><meta property='article:tag' content='Каспий'>"
        "<meta property='article:section' content='Мнение'>"
    )
    p = parse_document("p.html", PAGE.format(meta=meta).encode())
    assert shown(p) == expected(
        published_on=date(2026, 3, 5),
        updated_on=date(2026, 3, 6),
        authors=[("Иван Петров", "")],
        source=("Курсив", "https://kursiv.media/a/1"),
        kind="opinion",
        rubric="Мнение",
        themes=["Каспий", "транзит"],
    )


@pytest.mark.parametrize(
    ("meta", "authors"),
    [
        ("<meta name='author' content='Иван Петров, политолог'>", [("Иван Петров", "политолог")]),
        ("<meta name='author' content='Редакция Contur.kz'>", [("Редакция Contur.kz", "")]),
    ],
)
def test_the_page_author_with_or_without_a_person_in_it(meta, authors):
    assert parse_document("p.html", PAGE.format(meta=meta).encode()).authors == authors


def test_an_impossible_page_date_is_no_date():
    meta = "<meta property='article:published_time' content='2026-02-30'><meta name='author' content='Иван Петров'>"
    p = parse_document("p.html", PAGE.format(meta=meta).encode())
    assert (p.published_on, p.warnings) == (None, [NO_DATE])


def test_a_page_section_that_is_not_an_opinion_rubric():
    meta = "<meta property='article:section' content='Экономика'><meta name='author' content='Иван Петров'>"
    p = parse_document("p.html", PAGE.format(meta=meta).encode())
    assert (p.rubric, p.kind) == ("Экономика", "analysis")


def test_a_document_with_only_a_title_and_a_date_is_refused():
    with pytest.raises(DocumentError, match=r"^пустой\.txt: в документе нет текста статьи\.$"):
        parse_document("пустой.txt", "Каспий как коридор\n05.03.2026".encode())


def test_a_proposal_survives_the_round_trip_through_the_job_record():
    p = parse_text(
        f"Мнение\nКаспий как коридор\nОпубликовано: 05.03.2026 | Обновлено: 06.03.2026\nАвтор: Иван Петров, политолог\n"
        f"{L1}\n{L2}\nФото: Shutterstock\nПодписывайтесь на наш Telegram-канал"
    )
    data = p.to_dict()
    assert (data["published_on"], data["updated_on"]) == ("2026-03-05", "2026-03-06")
    again = Proposal.from_dict(data)
    assert again == p
    assert again.removed_junk == ["Фото: Shutterstock", "Подписывайтесь на наш Telegram-канал"]
    assert Proposal.from_dict(parse_text(f"Заголовок\n{L1}\n{L2}").to_dict()).published_on is None


def test_the_body_of_a_plain_text_and_of_a_structured_document():
    assert parse_text(f"Заголовок\n{L1}\n{L2}\nТретий абзац.").body_html == f"<p>{L2}</p>\n<p>Третий абзац.</p>"
    p = parse_document("a.md", f"# Заголовок\n\n{L1}\n\n## Порты\n\n- паром;\n- порт.\n".encode())
    assert p.body_html == "<h2>Порты</h2>\n<ul>\n<li>паром;</li>\n<li>порт.</li>\n</ul>"
    assert p.paragraphs == ["Порты", "паром;\nпорт."]


def test_a_hard_wrapped_first_paragraph_is_not_taken_for_a_title():
    p = parse_text("Первый абзац, разбитый\nпереносами строк, как в письме.\nВторой абзац.")
    assert (p.title, p.title_guessed, p.lead, p.paragraphs) == (
        "Первый абзац, разбитый переносами строк, как в письме",
        True,
        "Первый абзац, разбитый переносами строк, как в письме.",
        ["Второй абзац."],
    )


def test_a_hard_wrapped_line_under_the_title_is_not_a_subtitle():
    p = parse_text("Каспий как коридор\nПочему транзит через море растёт,\nа порты не успевают.\nВторой абзац.")
    assert (p.title, p.lead, p.paragraphs) == (
        "Каспий как коридор",
        "Почему транзит через море растёт, а порты не успевают.",
        ["Второй абзац."],
    )


def test_a_one_sentence_document_is_its_own_title():
    p = parse_text("Россия и Казахстан подписали декларацию.")
    assert (p.title, p.title_guessed, p.lead, p.paragraphs) == (
        "Россия и Казахстан подписали декларацию",
        True,
        "",
        ["Россия и Казахстан подписали декларацию."],
    )


def test_the_title_from_front_matter_leaves_the_text_whatever_its_spelling():
    md = f"---\ntitle: Ёлки и палки: итоги года\n---\n\nЕлки и палки — итоги года\n\n{L1}\n\n{L2}\n"
    p = parse_document("a.md", md.encode())
    assert (p.title, p.lead, p.paragraphs) == ("Ёлки и палки: итоги года", L1, [L2])


def test_the_same_author_spelt_with_and_without_yo_is_one_author():
    p = parse_text(f"Каспий как коридор\nАвтор: Семён Петров\n05.03.2026\n{L1}\n{L2}\nСемен  Петров, политолог")
    assert p.authors == [("Семён Петров", "политолог")]


def test_an_empty_document_is_refused_with_the_default_name():
    with pytest.raises(DocumentError, match=r"^документ: в документе нет текста статьи\.$"):
        parse_text("Каспий как коридор\n05.03.2026")


def test_a_job_record_written_before_authors_and_removed_lines_were_kept():
    p = Proposal.from_dict({"filename": "a.txt", "title": "Каспий", "published_on": "2026-03-05"})
    assert (p.title, p.published_on, p.authors, p.removed, p.removed_lines) == ("Каспий", date(2026, 3, 5), [], [], [])


@pytest.mark.parametrize(
    ("first_line", "title", "rubric"),
    [
        ("БОЛЬШАЯ ИГРА", "Каспий как коридор", "БОЛЬШАЯ ИГРА"),  # two words in capitals: a rubric
        ("БОЛЬШАЯ ИГРА КАСПИЯ", "БОЛЬШАЯ ИГРА КАСПИЯ", ""),  # three: the title
        ("ЧТО ДАЛЬШЕ?", "ЧТО ДАЛЬШЕ?", ""),  # a question is no rubric
    ],
)
def test_a_line_in_capitals_above_a_title_like_line(first_line, title, rubric):
    p = parse_text(f"{first_line}\nКаспий как коридор\n05.03.2026\n{L1}\n{L2}")
    assert (p.title, p.rubric) == (title, rubric)


def test_a_word_in_capitals_above_a_byline_is_the_title():
    p = parse_text(f"КАСПИЙ\nИван Петров\n05.03.2026\n{L1}\n{L2}")
    assert (p.title, p.rubric, p.authors, p.lead) == ("КАСПИЙ", "", [("Иван Петров", "")], L1)


def test_a_title_of_two_short_sentences_and_a_line_of_three_that_is_text():
    p = parse_text(f"Каспий растёт. Порты не успевают\n05.03.2026\n{L1}\n{L2}")
    assert (p.title, p.title_guessed) == ("Каспий растёт. Порты не успевают", False)
    p = parse_text(f"Каспий растёт. Порты не успевают. Что дальше?\n{L1}\n{L2}")
    assert (p.title, p.title_guessed, p.lead) == (
        "Каспий растёт",
        True,
        "Каспий растёт. Порты не успевают. Что дальше?",
    )


def test_a_two_line_document_keeps_its_second_line_as_text():
    p = parse_text("Каспий как коридор\nПочему транзит через море растёт третий год подряд")
    assert (p.title, p.lead, p.paragraphs) == (
        "Каспий как коридор",
        "",
        ["Почему транзит через море растёт третий год подряд"],
    )


def test_read_also_after_a_long_last_paragraph():
    last = "Последний абзац, длинный: " + "транзит через Каспий растёт, порты не успевают, " * 7 + "конец."
    p = parse_text(f"Каспий как коридор\n05.03.2026\n{L1}\n{last}\nЧитайте также:\nДругая статья\nЕщё одна статья")
    assert p.paragraphs == [last]
    assert [line for _, line in p.removed_lines] == ["Читайте также:", "Другая статья", "Ещё одна статья"]


def test_a_name_above_the_last_paragraph_is_text():
    p = parse_text(f"Каспий как коридор\n05.03.2026\n{L1}\n{L2}\nИван Петров\nПоследний абзац.\nАвтор: Анна Смирнова")
    assert p.authors == [("Анна Смирнова", "")]
    assert p.paragraphs == [L2, "Иван Петров", "Последний абзац."]


def test_a_labelled_sentence_far_from_the_end_of_a_long_text_is_text():
    sentence = "Опубликовано: 1 марта 2026 года"
    before = [f"Абзац {n} о транзите через Каспий." for n in range(8)]
    after = [f"Абзац {n} о портах на Каспии." for n in range(16)]
    p = parse_text("\n".join(["Каспий как коридор", L1, *before, sentence, *after, "Автор: Иван Петров"]))
    assert p.published_on is None and NO_DATE in p.warnings
    assert sentence in p.paragraphs and len(p.paragraphs) == 25


def from_page(meta, warnings=()):
    """The proposal for a page whose own metadata is ``meta`` (as read by ``webpage.page_metadata``)."""
    from editorial.importing.formats import Document, plain_text_blocks
    from editorial.importing.proposal import assemble

    return assemble(Document(plain_text_blocks(f"Каспий как коридор\n{L1}\n{L2}"), meta, list(warnings)), "p.html")


def test_a_page_byline_of_several_people():
    p = from_page({"byline": "Иван Петров; Беседовала Анна Смирнова"})
    assert p.authors == [("Иван Петров", ""), ("Анна Смирнова", "")]


def test_the_warnings_of_reading_come_first():
    p = from_page({"authors": ["Иван Петров"], "published": "5 марта 2026"}, ["Кодировка угадана: windows-1251."])
    assert (p.published_on, p.warnings) == (date(2026, 3, 5), ["Кодировка угадана: windows-1251."])


def test_page_metadata_left_out_is_empty_not_missing():
    p = from_page({})
    assert (p.title, p.source_name, p.source_url, p.themes, p.rubric, p.kind) == (
        "Каспий как коридор",
        "",
        "",
        [],
        "",
        "analysis",
    )


def test_the_text_after_a_date_keeps_the_date_it_opens_with():
    p = parse_text(
        "Каспий как коридор\nДата: 05.03.2026 — 12.11.2025 Россия и Казахстан подписали декларацию о партнёрстве.\n"
        "Второй абзац."
    )
    assert (p.published_on, p.lead, p.paragraphs) == (
        date(2026, 3, 5),
        "12.11.2025 Россия и Казахстан подписали декларацию о партнёрстве.",
        ["Второй абзац."],
    )


def test_the_text_after_a_date_goes_on_on_the_next_line():
    p = parse_text(
        "Каспий как коридор\ndate 2025-12-11 Первый абзац, который был разбит переносом строки\n"
        "посередине второго предложения.\nВторой абзац."
    )
    assert (p.published_on, p.lead, p.paragraphs) == (
        date(2025, 12, 11),
        "Первый абзац, который был разбит переносом строки посередине второго предложения.",
        ["Второй абзац."],
    )


def test_the_first_update_date_wins_and_every_date_problem_is_listed():
    p = parse_text(
        f"Каспий как коридор\nДата: 31.02.2026\nОбновлено: 06.03.2026\n{L1}\n{L2}\nАвтор: Иван Петров\n"
        "Обновлено: 07.03.2026\nДата: скоро"
    )
    assert (p.published_on, p.updated_on) == (None, date(2026, 3, 6))
    assert p.warnings == [
        "Дата: даты «31.02.2026» не существует.",
        "Дата: не удалось разобрать дату «скоро».",
        "Указана только дата обновления (06.03.2026): дата публикации неизвестна — укажите её.",
    ]


def test_a_date_problem_follows_the_warnings_of_reading():
    from editorial.importing.formats import Document, plain_text_blocks
    from editorial.importing.proposal import assemble

    blocks = plain_text_blocks(f"Каспий как коридор\nДата: 31.02.2026\n{L1}\n{L2}\nАвтор: Иван Петров")
    p = assemble(Document(blocks, {}, ["Кодировка угадана: windows-1251."]), "a.txt")
    assert p.warnings == ["Кодировка угадана: windows-1251.", "Дата: даты «31.02.2026» не существует."]


def test_the_front_matter_title_repeated_with_a_final_period_leaves_the_text():
    md = f"---\ntitle: Каспий как коридор\n---\n\nКаспий как коридор.\n\n{L1}\n\n{L2}\n"
    p = parse_document("a.md", md.encode())
    assert (p.title, p.lead, p.paragraphs) == ("Каспий как коридор", L1, [L2])


def test_a_byline_with_the_position_first_right_under_the_title():
    p = parse_text(f"Каспий как коридор\nполитолог Иван Петров\n{L1}\n{L2}")
    assert (p.title, p.authors, p.lead) == ("Каспий как коридор", [("Иван Петров", "политолог")], L1)


def test_a_single_hard_wrapped_paragraph_proposes_a_title_on_one_line():
    p = parse_text("Первый абзац, разбитый\nпереносами строк.")
    assert (p.title, p.title_guessed, p.paragraphs) == (
        "Первый абзац, разбитый переносами строк",
        True,
        ["Первый абзац, разбитый\nпереносами строк."],
    )


def test_a_title_alone_is_refused():
    with pytest.raises(DocumentError, match="нет текста статьи"):
        parse_text("Каспий как коридор")
