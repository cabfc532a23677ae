"""Line classes found missing on documents the importer had never seen (tests/data/corpus_blind/):
one test per rule, on the smallest document that shows it, and what the rule must not take."""

from datetime import date

import pytest

from editorial.importing import parse_document, parse_text
from editorial.importing import recognisers as r

BODY = "Первый абзац статьи о транзите через Каспий.\n\nВторой абзац с выводами."


# Rubrics no list knows ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "head",
    [
        "Разбор\nЗаголовок статьи о транзите",
        "Свободная трибуна\nЗаголовок статьи о транзите",
        "Аналитика / Финансы\nЗаголовок статьи о транзите",
        "Разбор\n5 марта 2026\nЗаголовок статьи о транзите",  # the date between label and title
    ],
)
def test_a_short_label_above_the_title_is_a_rubric_not_the_title(head):
    p = parse_text(f"{head}\n\n{BODY}")
    assert p.title == "Заголовок статьи о транзите"
    assert p.lead == "Первый абзац статьи о транзите через Каспий."
    assert p.rubric == head.split("\n")[0]
    assert ("rubric", head.split("\n")[0]) in p.removed
    assert any("принята за рубрику" in w for w in p.warnings)


def test_a_title_of_three_words_above_a_subtitle_stays_the_title():
    p = parse_text(f"Газ уходит на восток\nРоссия и Казахстан согласовали параметры транзита\n\n{BODY}")
    assert p.title == "Газ уходит на восток"
    assert p.lead == "Россия и Казахстан согласовали параметры транзита"


def test_a_styled_title_of_two_words_stays_the_title_above_its_styled_subtitle():
    html = "<h1>Каспийская пятёрка</h1><h2>Как прикаспийские государства делят ресурсы моря</h2><p>Текст.</p>"
    p = parse_document("a.html", html.encode())
    assert p.title == "Каспийская пятёрка"


def test_a_one_word_label_under_the_title_is_a_rubric_not_the_lead():
    p = parse_text(f"Водная дипломатия в Центральной Азии\nИсследование\n\nДата публикации: 22.10.2026\n\n{BODY}")
    assert p.title == "Водная дипломатия в Центральной Азии"
    assert p.lead == "Первый абзац статьи о транзите через Каспий."
    assert p.rubric == "Исследование"


def test_a_masthead_above_a_press_release_label_is_not_the_title():
    p = parse_text(
        "Министерство торговли и интеграции\nПРЕСС-РЕЛИЗ\nДля немедленного распространения\n30.09.2026\n"
        f"Казахстан и ОАЭ подписали соглашение\n\n{BODY}\n\nКонтакты для прессы: press@mti.example"
    )
    assert p.title == "Казахстан и ОАЭ подписали соглашение"
    assert p.published_on == date(2026, 9, 30)
    assert p.lead == "Первый абзац статьи о транзите через Каспий."
    assert p.paragraphs == ["Второй абзац с выводами."]


def test_a_city_and_date_line_under_a_label_is_not_a_wrapped_paragraph():
    p = parse_text(f"ПРЕСС-РЕЛИЗ\nг. Астана, 12 ноября 2026 года\nИнститут представил доклад\n\n{BODY}")
    assert (p.title, p.published_on) == ("Институт представил доклад", date(2026, 11, 12))


# Positions on their own line ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("byline", "position"),
    [
        ("Анастасия Корнеева\nКорреспондент", "корреспондент"),
        ("Нурлан Ерімбетов,\nдиректор Центра торговой политики", "директор Центра торговой политики"),
    ],
)
def test_a_position_on_the_line_under_the_name(byline, position):
    p = parse_text(f"Заголовок статьи\n{byline}\n\n{BODY}")
    assert p.authors == [(byline.split("\n")[0].rstrip(","), position)]
    assert p.lead == "Первый абзац статьи о транзите через Каспий."


def test_a_name_with_a_comma_and_the_position_under_it_at_the_end():
    p = parse_text(
        f"Заголовок\n\n{BODY}\n\nАкбота Жолдасова,\n\nстарший эксперт института\n\nБишкек – Астана, 28 сентября 2026 г."
    )
    assert p.authors == [("Акбота Жолдасова", "старший эксперт института")]
    assert p.published_on == date(2026, 9, 28)
    assert p.paragraphs == ["Второй абзац с выводами."]


def test_a_sentence_under_the_byline_is_not_a_position():
    p = parse_text("Заголовок\nАнастасия Корнеева\nЭксперты ждут роста цен.\n\nВторой абзац.")
    assert p.authors == [("Анастасия Корнеева", "")]
    assert p.lead == "Эксперты ждут роста цен."


# Dates ---------------------------------------------------------------------------------------


def test_a_dateline_gives_the_date_and_stays_in_the_text():
    p = parse_text("Заголовок\n\nТашкент, 16 ноября 2026 г. Президенты подписали протокол.\n\nВторой абзац.")
    assert p.published_on == date(2026, 11, 16)
    assert p.lead == "Ташкент, 16 ноября 2026 г. Президенты подписали протокол."


def test_a_dateline_without_a_year_gives_no_date():
    assert parse_text("Заголовок\n\nАСТАНА, 16 ноября. Президенты подписали протокол.\n\nВторой.").published_on is None


def test_a_closing_line_ending_with_a_date_dates_an_undated_document():
    last = "Статья подготовлена для журнала «Евразийская интеграция», 14 октября 2026 г."
    p = parse_text(f"Заголовок\n\n{BODY}\n\n{last}")
    assert p.published_on == date(2026, 10, 14)
    assert p.paragraphs == ["Второй абзац с выводами."]


def test_a_closing_sentence_with_a_date_stays_text_when_the_document_is_dated():
    last = "Следующее заседание пройдёт в Астане, 14 октября 2026 г."
    p = parse_text(f"Заголовок\n5 марта 2026\n\n{BODY}\n\n{last}")
    assert p.published_on == date(2026, 3, 5)
    assert p.paragraphs[-1] == last


@pytest.mark.parametrize("line", ["Бишкек – Астана, 28 сентября 2026 г.", "г. Астана, 12 ноября 2026 года"])
def test_bare_date_after_a_city_or_two(line):
    assert r.bare_date(line).value["published"] is not None


# Sources ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("line", "name"), [("Ekonomika.kz", "Ekonomika.kz"), ("24.kg", "24.kg")])
def test_a_line_that_is_a_site_domain_is_the_source(line, name):
    assert r.bare_url(line).value == (name, "")


@pytest.mark.parametrize("line", ["3.14", "Итоги.", "т.е.", "Ekonomika.kz сообщает о росте цен"])
def test_numbers_and_sentences_are_no_domain(line):
    assert r.bare_url(line) is None


def test_a_print_issue_line_gives_the_source_and_the_date():
    found = r.print_edition("Газета «Коммерсантъ» №215 от 21.11.2026, стр. 6")
    source, published = found.value
    assert source.value == ("Коммерсантъ", "")
    assert published.value["published"] == date(2026, 11, 21)
    p = parse_text(f"Газета «Коммерсантъ» №215 от 21.11.2026, стр. 6\nГаз уходит на восток\n\n{BODY}")
    assert (p.title, p.source_name, p.published_on) == ("Газ уходит на восток", "Коммерсантъ", date(2026, 11, 21))


def test_a_quoted_title_is_no_print_issue():
    assert r.print_edition("«Реформы без институтов не работают»: экономист о приватизации") is None


# Lines of several parts, emoji, wordings ------------------------------------------------------


def test_a_line_of_a_byline_and_a_date_between_dots():
    p = parse_text(f"Заголовок\nДаурен Абаев, урбанист · 6 октября 2026 г.\n\n{BODY}")
    assert p.authors == [("Даурен Абаев", "урбанист")]
    assert p.published_on == date(2026, 10, 6)


def test_a_menu_between_bars_is_not_a_line_of_parts():
    assert r.recognise("Политика | Экономика | Общество").line_class == "junk"


def test_emoji_of_a_post_do_not_hide_its_lines():
    p = parse_text(f"⚡️ Минфин предложил поднять НДС\n\n{BODY}\n\n📌 Источник: Kloop\n🕒 01.10.2026")
    assert p.title == "Минфин предложил поднять НДС"
    assert (p.source_name, p.published_on) == ("Kloop", date(2026, 10, 1))
    assert p.paragraphs == ["Второй абзац с выводами."]


def test_a_disclaimer_about_the_personal_views_of_the_author():
    line = (
        "Фонд как организация не выступает с общей позицией по общественно-политическим вопросам. В публикации "
        "отражены личные взгляды автора, которые не должны рассматриваться как точка зрения Фонда."
    )
    assert r.disclaimer(line) is not None
    assert r.disclaimer("Эти взгляды не должны рассматриваться как окончательные.") is None


def test_hashtags_with_underscores_are_themes_with_spaces():
    assert r.tags("#рынок_труда #удалёнка").value == ["рынок труда", "удалёнка"]


@pytest.mark.parametrize(
    "head", ["Интервью\nЗаголовок беседы", "Заголовок беседы\nБеседовала Алина Ким", "Сұхбат\nЗаголовок беседы"]
)
def test_an_interview_is_of_the_interview_kind(head):
    assert parse_text(f"{head}\n\n{BODY}").kind == "interview"


def test_a_column_with_its_interviewer_stays_an_opinion():
    p = parse_text(
        f"Заголовок\nБеседовала Алина Ким\n\n{BODY}\n\nМнение автора может не совпадать с позицией редакции."
    )
    assert p.kind == "opinion"


@pytest.mark.parametrize(
    "line",
    [
        "Самые читаемые",
        "Көп оқылған",
        "Қаралым: 2 310",
        "Copyright © 2000-2026 Центр-Азия. Перепечатка только с разрешения.",
        "Для немедленного распространения",
        "Контакты для СМИ: press@iwep.example, +7 7172 00 00 00",
    ],
)
def test_more_site_and_press_office_lines_are_junk(line):
    assert r.junk(line) is not None


# Web pages -----------------------------------------------------------------------------------


def _page(article, head=""):
    return f'<html><head><meta property="og:site_name" content="Сайт">{head}</head><body><nav>Меню</nav>{article}</body></html>'


def test_an_old_page_laid_out_in_a_table_is_read_cell_by_cell():
    html = (
        "<html><body><table><tr><td><a href='/'>Главная</a> | <a href='/n'>Новости</a> | <a href='/a'>Архив</a></td>"
        "</tr></table><table><tr><td><font size=2>07.10.2026 12:40</font><br><h2>Туркменистан открыл границу</h2>"
        "<p>Ашхабад упростил въезд для граждан пяти стран.</p><p>Новые правила действуют год.</p></td>"
        "<td><b>Самые читаемые</b><br><a href='/1'>Нефть дорожает</a></td></tr></table></body></html>"
    )
    p = parse_document("old.html", html.encode("cp1251"))
    assert (p.title, p.published_on) == ("Туркменистан открыл границу", date(2026, 10, 7))
    assert p.lead == "Ашхабад упростил въезд для граждан пяти стран."
    assert p.paragraphs == ["Новые правила действуют год."]


def test_a_data_table_with_paragraphs_in_its_cells_stays_a_table():
    html = "<p>Текст до таблицы, довольно длинный.</p><table><tr><td><p>Год</p></td><td><p>Рост</p></td></tr></table>"
    p = parse_document("a.html", f"<html><body><h1>Заголовок</h1>{html}<p>Вывод.</p></body></html>".encode())
    assert any(block.startswith("<table>") for block in p.body_blocks)


def test_the_tag_links_of_a_page_are_its_proposed_themes():
    article = (
        "<article><h1>Заголовок страницы</h1><p>Первый абзац статьи, достаточно длинный для извлечения текста.</p>"
        "<p>Второй абзац статьи, тоже длинный, чтобы страница была статьёй.</p></article>"
        '<div class="tags">Теги: <a href="/t/1">Хоргос</a> <a href="/t/2">Китай</a></div>'
    )
    assert parse_document("p.html", _page(article).encode()).themes == ["Хоргос", "Китай"]


def test_the_position_shown_in_the_byline_completes_the_meta_author():
    article = (
        '<article><h1>Конец эпохи ренты</h1><div class="byline">Досым Сарбасов, политолог</div>'
        "<p>Первый абзац статьи, достаточно длинный для извлечения текста страницы.</p>"
        "<p>Второй абзац статьи, тоже длинный, чтобы страница была статьёй.</p></article>"
    )
    p = parse_document("p.html", _page(article, '<meta name="author" content="Досым Сарбасов">').encode())
    assert p.authors == [("Досым Сарбасов", "политолог")]


def test_the_subtitle_under_the_pages_h1_is_the_lead():
    article = (
        "<article><header><h1>Минэкономразвития ухудшило прогноз</h1>"
        '<h2 class="subheader">Ведомство ожидает замедления до 0,8% в следующем году</h2></header>'
        "<p>Министерство понизило прогноз роста ВВП на следующий год с 1,5% до 0,8%.</p>"
        "<p>Прогноз инфляции на конец года повышен до 6,2%, цена нефти снижена.</p></article>"
    )
    p = parse_document("p.html", _page(article).encode())
    assert p.lead == "Ведомство ожидает замедления до 0,8% в следующем году"


def test_a_line_of_the_known_author_date_and_counter_under_the_title_leaves_the_text():
    article = (
        "<article><h1>Биылғы егін рекордтық деңгейде</h1><div><span>Әсел Тоқтарова</span> <span>10 қазан 2026</span>"
        " <span>Қаралым: 2 310</span></div><p>Биыл елімізде 26 миллион тонна астық жиналды, бұл рекорд.</p>"
        "<p>Өнімнің едәуір бөлігі экспортқа жіберіледі деп хабарлады министрлік.</p></article>"
    )
    p = parse_document("p.html", _page(article, '<meta name="author" content="Әсел Тоқтарова">').encode())
    assert p.lead.startswith("Биыл елімізде")


def test_an_about_the_author_line_at_the_end_is_the_byline():
    p = parse_text(f"Заголовок\n\n{BODY}\n\nОб авторе: Ерлан Сагатов — доктор экономических наук, профессор.")
    assert p.authors == [("Ерлан Сагатов", "доктор экономических наук, профессор")]
    assert p.paragraphs == ["Второй абзац с выводами."]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Д. Ахметов, к.э.н.", [("Д. Ахметов", "к.э.н.")]),
        ("Иван Петров, политолог.", [("Иван Петров", "политолог")]),
    ],
)
def test_a_position_ending_in_an_abbreviation_keeps_its_dot(line, expected):
    assert r.unlabelled_byline(line).value == expected


@pytest.mark.parametrize("line", ["Ноябрь 2026 г.", "2026 жылғы қараша"])
def test_a_month_and_year_line_leaves_the_text_but_gives_no_date(line):
    p = parse_text(f"Заголовок\n\n{BODY}\n\n{line}")
    assert p.published_on is None
    assert p.paragraphs == ["Второй абзац с выводами."]
    assert any("нет дня" in w for w in p.warnings)


def test_a_month_in_a_title_is_no_date_line():
    assert r.month_and_year("Май 2026: итоги") is None


def test_an_abstract_label_gives_the_lead_without_the_label():
    p = parse_text(f"Заголовок\nАннотация: В статье рассматриваются итоги десяти лет работы союза.\n\n{BODY}")
    assert p.lead == "В статье рассматриваются итоги десяти лет работы союза."
    assert p.paragraphs == ["Первый абзац статьи о транзите через Каспий.", "Второй абзац с выводами."]
    assert r.labelled_lead("Резюме: да.") is None  # too short to be a lead


def test_a_signature_after_a_dash_is_the_byline():
    p = parse_text(f"Заголовок\n\n{BODY}\n\n— Серик Жумабеков, публицист")
    assert p.authors == [("Серик Жумабеков", "публицист")]
    assert p.paragraphs == ["Второй абзац с выводами."]


def test_a_short_subtitle_heading_under_the_pages_h1_is_the_lead():
    article = (
        "<article><div><h1>Как устроена новая система</h1><h3>Объясняем по пунктам</h3></div>"
        "<p>С начала года власти внедряют систему, которая связывает данные операторов и банков.</p>"
        "<h3>Что она умеет</h3><p>Система сопоставляет номера телефонов, банковские карты и аккаунты.</p></article>"
    )
    p = parse_document("p.html", _page(article).encode())
    assert p.lead == "Объясняем по пунктам"
    assert p.paragraphs[0].startswith("С начала года")


def test_a_labelled_title_and_a_kazakh_date_label():
    p = parse_text(
        f"Тақырыбы: Жылу маусымы: қазандықтар дайын ба?\nАвторы: Берік Әлімжанов\nКүні: 12.11.2026\n\n{BODY}"
    )
    assert p.title == "Жылу маусымы: қазандықтар дайын ба?"
    assert (p.authors, p.published_on) == ([("Берік Әлімжанов", "")], date(2026, 11, 12))
    assert p.lead == "Первый абзац статьи о транзите через Каспий."


def test_the_covering_letter_of_an_authors_email_leaves_the_text_and_names_the_rubric():
    p = parse_text(
        "Здравствуйте!\nНаправляю статью для публикации в рубрике «Мнения».\n\nЗаголовок статьи\n\n"
        f"{BODY}\n\nС уважением,\nИрина Соколова, врач"
    )
    assert (p.title, p.kind) == ("Заголовок статьи", "opinion")
    assert p.authors == [("Ирина Соколова", "врач")]
    assert p.lead == "Первый абзац статьи о транзите через Каспий."
    assert p.paragraphs == ["Второй абзац с выводами."]


def test_a_body_sentence_that_proposes_something_is_no_letter():
    assert r.letter("Предлагаю вспомнить, как это было в 1990-е годы, когда статьи писали от руки.") is None


def test_a_line_of_a_byline_sentence_and_a_disclaimer_sentence():
    p = parse_text(
        f"Заголовок\n\n{BODY}\n\nАвтор — Алихан Мусин, блогер. Мнение автора может не совпадать с позицией редакции."
    )
    assert p.authors == [("Алихан Мусин", "блогер")]
    assert (p.kind, bool(p.disclaimer_text)) == ("opinion", True)
    assert p.paragraphs == ["Второй абзац с выводами."]


def test_json_ld_gives_the_authors_job_title_and_the_pages_own_address():
    ld = (
        '{"@context":"https://schema.org","@graph":[{"@type":"Article","headline":"Заголовок страницы",'
        '"mainEntityOfPage":{"@id":"https://vlast.kz/a/1.html"},'
        '"author":{"@type":"Person","name":"Рахим Ошакбаев","jobTitle":"экономист"}}]}'
    )
    article = (
        "<article><h1>Заголовок страницы</h1><p>Первый абзац статьи, достаточно длинный для извлечения текста.</p>"
        "<p>Второй абзац статьи, тоже длинный, чтобы страница была статьёй.</p></article>"
    )
    p = parse_document("p.html", _page(article, f'<script type="application/ld+json">{ld}</script>').encode())
    assert p.authors == [("Рахим Ошакбаев", "экономист")]
    assert p.source_url == "https://vlast.kz/a/1.html"


@pytest.mark.parametrize("line", ["Фото предоставлено героем публикации", "Фото из личного архива автора"])
def test_a_photo_credit_without_a_colon(line):
    assert r.photo_credit(line) is not None


def test_a_photo_word_in_a_sentence_is_no_credit():
    assert r.photo_credit("Фотограф Иван Петров снимал город двадцать лет.") is None


def test_a_whole_page_copied_with_select_all():
    p = parse_text(
        "Войти\nПодписаться\nНовости\nПолитика\nСпорт\nГлавная / Политика\nМаслихат утвердил правила\n"
        f"14 ноября 2026, 17:45\n\n{BODY}\n\nПоделиться\nЧитайте также\nАкимат обновит парк автобусов\n"
        "О проекте\nКонтакты\n© 2026 Все права защищены"
    )
    assert (p.title, p.published_on) == ("Маслихат утвердил правила", date(2026, 11, 14))
    assert p.lead == "Первый абзац статьи о транзите через Каспий."
    assert p.paragraphs == ["Второй абзац с выводами."]


def test_a_markdown_line_of_hashtags_is_themes_not_the_title():
    p = parse_document("n.md", f"#политика #выборы\n\n# Досрочные выборы\n\n{BODY}".encode())
    assert (p.title, p.themes) == ("Досрочные выборы", ["политика", "выборы"])


def test_a_markdown_heading_without_a_space_stays_a_heading():
    assert parse_document("n.md", f"#Досрочные выборы\n\n{BODY}".encode()).title == "Досрочные выборы"


def test_the_editors_may_not_share_the_authors_view():
    assert r.disclaimer("Редакция может не разделять точку зрения автора.") is not None
    assert r.disclaimer("Редакция не разделяет восторгов по поводу реформы, но публикует цифры.") is None


def test_kazakh_photo_by_is_a_credit_not_an_author():
    p = parse_text(f"Заголовок\nСуретті түсірген: Ерболат Шадрахов\nАвторы: Қанат Жұмабек\n\n{BODY}")
    assert p.authors == [("Қанат Жұмабек", "")]


@pytest.mark.parametrize("line", ["Главная Новости Статьи", "© Фергана.Ру, 1999–2026"])
def test_an_old_sites_menu_and_copyright_lines_are_junk(line):
    assert r.junk(line) is not None


def test_a_sentence_opening_with_the_word_main_is_no_menu():
    assert r.junk("Главная Задача Года — снизить инфляцию.") is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("9 нояб. 2026 г.", date(2026, 11, 9)),
        ("5 февр. 2026", date(2026, 2, 5)),
        ("November 20, 2026", date(2026, 11, 20)),
        ("20 Nov 2026", date(2026, 11, 20)),
        ("20.11.2026 ж.", date(2026, 11, 20)),
    ],
)
def test_abbreviated_and_english_month_names(line, expected):
    assert r.bare_date(line).value["published"] == expected


def test_an_english_month_without_a_year_is_no_date():
    assert r.bare_date("November 20") is None


def test_paragraphs_of_an_old_page_separated_by_double_line_breaks():
    html = "<html><body><div>Заголовок страницы</div><div>Первый абзац.<br><br>Второй абзац.<br>Его строка.</div></body></html>"
    p = parse_document("old.html", html.encode())
    assert p.lead == "Первый абзац."
    assert p.paragraphs == ["Второй абзац.\nЕго строка."]


def test_a_source_line_under_a_table_is_the_figures_source_and_stays_text():
    html = (
        "<html><body><h1>Экспорт зерна</h1><p>Экспорт побьёт рекорд, но цены низкие.</p>"
        "<table><tr><td>Сезон</td><td>Экспорт</td></tr></table><p>Источник: Бюро национальной статистики</p>"
        "<p>Фермеры просят субсидий.</p></body></html>"
    )
    p = parse_document("t.html", html.encode())
    assert p.source_name == ""
    assert "Источник: Бюро национальной статистики" in p.paragraphs


def test_a_source_line_at_the_end_is_still_the_articles_source():
    html = "<html><body><h1>Экспорт зерна</h1><p>Экспорт побьёт рекорд.</p><p>Второй абзац.</p><p>Источник: Kapital.kz</p></body></html>"
    assert parse_document("t.html", html.encode()).source_name == "Kapital.kz"


ARTICLE = (
    "<article><h1>Заголовок страницы</h1><p>Первый абзац статьи, достаточно длинный для извлечения текста.</p>"
    "{inside}<p>Второй абзац статьи, тоже длинный, чтобы страница была статьёй.</p></article>"
)


def test_an_organisation_signing_a_page_is_no_author():
    ld = '{"@type":"NewsArticle","headline":"Заголовок страницы","author":{"@type":"Organization","name":"Kursiv.media"}}'
    head = f'<script type="application/ld+json">{ld}</script>'
    assert parse_document("p.html", _page(ARTICLE.format(inside=""), head).encode()).authors == []


def test_the_authors_card_gives_the_position():
    card = (
        '<div class="author-name">Руслан Ибраев</div>'
        '<div class="author-bio">Руслан Ибраев — эксперт по космической отрасли.</div>'
    )
    p = parse_document("p.html", _page(ARTICLE.format(inside="") + card).encode())
    assert p.authors == [("Руслан Ибраев", "эксперт по космической отрасли")]


def test_the_fallback_text_of_an_embedded_post_is_not_the_articles():
    embed = '<blockquote class="telegram-post" data-telegram-post="x/1">Сообщение из Telegram-канала</blockquote>'
    p = parse_document("p.html", _page(ARTICLE.format(inside=embed)).encode())
    assert not any("Сообщение из Telegram" in paragraph for paragraph in p.paragraphs)
    quote = "<blockquote><p>«Мы не выбираем сторону», — сказал министр на брифинге.</p></blockquote>"
    p = parse_document("p.html", _page(ARTICLE.format(inside=quote)).encode())
    assert any("Мы не выбираем сторону" in paragraph for paragraph in p.paragraphs)


@pytest.mark.parametrize("line", ["21 ноября в 18:04", "Сегодня, 14:20", "Вторник, 5 марта"])
def test_a_date_line_without_its_year_leaves_the_text_but_gives_no_date(line):
    p = parse_text(f"Данияр Ашимов\n{line}\n\nПосмотрел новый проект бюджета. Расходы растут.\n\nВыводы делайте сами.")
    assert (p.published_on, p.authors) == (None, [("Данияр Ашимов", "")])
    assert p.lead.startswith("Посмотрел новый проект бюджета")
    assert any("нет года" in w for w in p.warnings)


def test_a_read_more_link_at_the_end_is_the_original():
    p = parse_text(f"Заголовок\n\n{BODY}\n\nПодробнее на сайте: https://tengrinews.kz/a/520000/")
    assert (p.source_name, p.source_url) == ("tengrinews.kz", "https://tengrinews.kz/a/520000/")
    assert r.more_link("Подробнее: в материале по ссылке ниже") is None


def test_a_photo_caption_between_paragraphs_leaves_the_text():
    p = parse_text("Заголовок\n\nПервый абзац.\n\nНа фото: министр на площадке\n\nВторой абзац.\n\nТретий абзац.")
    assert p.paragraphs == ["Второй абзац.", "Третий абзац."]
    assert ("photo", "На фото: министр на площадке") in p.removed


def test_a_sentence_is_no_caption():
    assert r.caption("Фото: главный жанр выставки, пишет куратор.") is None
    assert r.caption("Фотография — это память, говорит куратор выставки") is None


def test_a_printed_in_sentence_gives_the_newspaper_and_the_issue_date():
    last = "Материал опубликован в газете «Ведомости» №215 (5432) от 20.11.2026 под заголовком: «Простить долги»."
    p = parse_text(f"Заголовок\n\n{BODY}\n\n{last}")
    assert (p.source_name, p.published_on) == ("Ведомости", date(2026, 11, 20))
    assert p.paragraphs == ["Второй абзац с выводами."]


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("https://informburo.kz/novosti/2026/11/23/almaty-dizel", date(2026, 11, 23)),
        ("https://example.kz/2026-02-30/impossible", None),  # no such day: no date, no error
        ("https://example.kz/news/520000", None),
    ],
)
def test_the_date_in_a_pages_own_address_when_it_has_no_other(address, expected):
    head = f'<link rel="canonical" href="{address}">'
    assert parse_document("p.html", _page(ARTICLE.format(inside=""), head).encode()).published_on == expected


def test_the_pages_own_date_wins_over_its_address():
    head = (
        '<link rel="canonical" href="https://informburo.kz/2026/11/23/a">'
        '<meta property="article:published_time" content="2026-11-22T10:00:00+05:00">'
    )
    assert parse_document("p.html", _page(ARTICLE.format(inside=""), head).encode()).published_on == date(2026, 11, 22)


def test_a_title_wrapped_onto_a_second_line():
    p = parse_text(f"Почему стороны не могут договориться\nо распределении воды\n16 ноября 2026\n\n{BODY}")
    assert (p.title, p.published_on) == (
        "Почему стороны не могут договориться о распределении воды",
        date(2026, 11, 16),
    )
    assert p.lead == "Первый абзац статьи о транзите через Каспий."


def test_a_first_paragraph_wrapped_onto_a_second_line_is_no_title():
    p = parse_text("Стороны снова не договорились\nо распределении воды.\n\nВторой абзац.\n\nТретий абзац.")
    assert p.title_guessed
    assert p.lead.startswith("Стороны снова не договорились")
