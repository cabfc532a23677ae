"""A saved web page's ``<h1>`` is its title: inside ``<header>`` or ``<hgroup>`` beside its subtitle (which the
extraction of the text drops), and under a short label («Разбор», «Мнение»), which is the rubric, never the title.
Pages as WordPress, Bitrix, Tilda and news sites write them, with menus and breadcrumbs around."""

import pytest

from editorial.importing import parse_document

TITLE = "Почему Астана и Ташкент не могут договориться о воде"
SUBTITLE = "Переговоры о распределении стока Сырдарьи снова зашли в тупик"
FIRST = "Переговоры о распределении воды между странами региона снова не дали результата, сообщили участники встречи."
TEXT = (
    f"<p>{FIRST}</p>"
    "<p>Эксперты считают, что без общего механизма учёта стока договориться не удастся, и предлагают вернуться"
    " к соглашению 1998 года.</p>"
    "<p>Министерства обеих стран обещают продолжить консультации в начале следующего года, уже на уровне"
    " заместителей министров.</p>"
)
MENU = "<nav><ul><li><a href='/'>Главная</a></li><li><a href='/analytics/'>Аналитика</a></li></ul></nav>"
CRUMBS = "<div class='breadcrumbs'><a href='/'>Главная</a> / <a href='/analytics/'>Аналитика</a></div>"


def page(article, around=MENU):
    return (
        f"<!DOCTYPE html><html lang='ru'><head><meta charset='utf-8'><title>{TITLE} — Вода и мир</title></head>"
        f"<body><header class='site-header'><a class='logo' href='/'>Вода и мир</a></header>{around}{article}"
        "<footer><p>© 2026 Вода и мир. Все права защищены.</p></footer></body></html>"
    )


def proposal(html):
    return parse_document("page.html", html.encode())


def assert_text_kept_whole(p):
    """The title and the label left the text; its first paragraph is the first the page shows."""
    assert not any(TITLE in paragraph for paragraph in p.paragraphs)
    assert all(len(paragraph) > 40 for paragraph in p.paragraphs)


# The <h1> beside its subtitle in a header -----------------------------------------------------------------


@pytest.mark.parametrize(
    "article",
    [
        pytest.param(
            "<main><article class='post'><header class='entry-header'><h1 class='entry-title'>{t}</h1>"
            "<h2 class='subheader'>{s}</h2></header><div class='entry-content'>{x}</div></article></main>",
            id="wordpress-header-h2-subheader",
        ),
        pytest.param("<article><header><h1>{t}</h1><h2>{s}</h2></header>{x}</article>", id="header-h2-no-class"),
        pytest.param(
            "<article><header><h1>{t}</h1><p class='subtitle'>{s}</p></header><div>{x}</div></article>",
            id="header-p-subtitle",
        ),
        pytest.param("<div class='news'><header><h1>{t}</h1><p>{s}</p></header>{x}</div>", id="header-p-no-class"),
        pytest.param("<article><hgroup><h1>{t}</h1><p>{s}</p></hgroup>{x}</article>", id="hgroup-p"),
        pytest.param(
            CRUMBS + "<article><header class='article-header'><h1>{t}</h1><h2 class='article-subtitle'>{s}</h2>"
            "<div class='meta'><time datetime='2026-03-05'>5 марта 2026</time></div></header>{x}</article>",
            id="header-with-breadcrumbs-and-date",
        ),
        pytest.param(
            "<div class='news-detail'><div class='news-detail__header'><h1 class='news-detail__title'>{t}</h1>"
            "<div class='news-detail__subtitle'>{s}</div></div><div class='news-detail__text'>{x}</div></div>",
            id="bitrix",
        ),
        pytest.param(
            "<div class='t-records'><div class='t-rec'><div class='t-container'><h1 class='t-title'>{t}</h1>"
            "<div class='t-descr t-descr_xl'>{s}</div></div></div><div class='t-rec'><div class='t-text'>{x}</div>"
            "</div></div>",
            id="tilda",
        ),
    ],
)
def test_the_h1_beside_its_subtitle_in_a_header_is_the_title(article):
    p = proposal(page(article.format(t=TITLE, s=SUBTITLE, x=TEXT)))
    assert (p.title, p.title_guessed, p.lead) == (TITLE, False, SUBTITLE)
    assert p.paragraphs[0] == FIRST
    assert_text_kept_whole(p)


def test_a_page_without_a_site_around_it_keeps_its_header_h1_as_the_title():
    p = proposal(
        f"<html><body><header><h1>{TITLE}</h1><h2 class='subheader'>{SUBTITLE}</h2></header>{TEXT}</body></html>"
    )
    assert (p.title, p.lead, p.paragraphs[0]) == (TITLE, SUBTITLE, FIRST)


def test_the_og_title_stays_the_title_when_the_h1_says_the_same():
    html = page(f"<article><header><h1>{TITLE}</h1><h2>{SUBTITLE}</h2></header>{TEXT}</article>")
    html = html.replace("</head>", f'<meta property="og:title" content="{TITLE}"></head>')
    assert (proposal(html).title, proposal(html).lead) == (TITLE, SUBTITLE)


@pytest.mark.parametrize(
    "site_heading",
    [
        "<h1 class='logo'>Вода и мир</h1>",
        "<h1><a href='/'>Вода и мир</a></h1>",
        "<h1>Вода и мир</h1>",  # the name ending the page's <title>
    ],
)
def test_a_sites_name_set_as_a_heading_is_no_title(site_heading):
    p = proposal(page(f"<article>{TEXT}</article>", around=site_heading + MENU))
    assert p.title != "Вода и мир"
    assert p.title_guessed


# A short label above the <h1> --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("article", "rubric", "lead"),
    [
        pytest.param("<article><p>Разбор</p><h1>{t}</h1>{x}</article>", "Разбор", FIRST, id="p"),
        pytest.param(
            "<article><p>Свободная трибуна</p><h1>{t}</h1>{x}</article>", "Свободная трибуна", FIRST, id="two-words"
        ),
        pytest.param(
            "<article><header><span class='kicker'>Мнение</span><h1>{t}</h1></header>{x}</article>",
            "Мнение",
            FIRST,
            id="header-span-kicker",
        ),
        pytest.param(
            "<article><header class='entry-header'><div class='cat-links'><a href='/category/analytics/'"
            " rel='category tag'>Аналитика</a></div><h1 class='entry-title'>{t}</h1></header>"
            "<div class='entry-content'>{x}</div></article>",
            "Аналитика",
            FIRST,
            id="wordpress-category-link",
        ),
        pytest.param(
            "<main><article><p class='rubric'>Колонка</p><h1>{t}</h1><p class='lead'>{s}</p>{x}</article></main>",
            "Колонка",
            SUBTITLE,
            id="p-rubric-and-lead",
        ),
        pytest.param(
            CRUMBS + "<article><div class='category'>Интервью</div><h1>{t}</h1>{x}</article>",
            "Интервью",
            FIRST,
            id="breadcrumbs-and-category",
        ),
        pytest.param(
            "<article><hgroup><p class='kicker'>Разбор</p><h1>{t}</h1><p>{s}</p></hgroup>{x}</article>",
            "Разбор",
            SUBTITLE,
            id="hgroup-kicker-and-subtitle",
        ),
        pytest.param(
            "<article><h3>Главное</h3><h1>{t}</h1>{x}</article>", "Главное", FIRST, id="label-styled-as-heading"
        ),
        pytest.param(
            "<div class='t-records'><div class='t-rec'><div class='t-uptitle'>Разбор</div><h1 class='t-title'>{t}</h1>"
            "</div><div class='t-rec'><div class='t-text'>{x}</div></div></div>",
            "Разбор",
            FIRST,
            id="tilda-uptitle",
        ),
        pytest.param(
            "<div class='news-detail'><span class='news-detail__category'>Мнение</span><h1>{t}</h1>"
            "<div class='news-detail__text'>{x}</div></div>",
            "Мнение",
            FIRST,
            id="bitrix-category",
        ),
    ],
)
def test_a_short_label_above_the_h1_is_the_rubric_not_the_title(article, rubric, lead):
    p = proposal(page(article.format(t=TITLE, s=SUBTITLE, x=TEXT)))
    assert (p.title, p.title_guessed, p.rubric, p.lead) == (TITLE, False, rubric, lead)
    assert not any("принята за рубрику" in warning for warning in p.warnings)  # the <h1> is sure
    assert_text_kept_whole(p)


def test_a_label_above_the_h1_of_a_plain_html_export_is_the_rubric():
    p = proposal(f"<html><body><p>Разбор</p><h1>{TITLE}</h1>{TEXT}</body></html>")
    assert (p.title, p.rubric, p.lead) == (TITLE, "Разбор", FIRST)


def test_a_label_above_a_markdown_title_is_the_rubric():
    p = parse_document("a.md", f"Разбор\n\n# {TITLE}\n\n{FIRST}\n\nВторой абзац с выводами.".encode())
    assert (p.title, p.rubric, p.lead) == (TITLE, "Разбор", FIRST)


def test_the_kind_follows_the_label_above_the_h1():
    opinion = proposal(page(f"<article><header><span class='kicker'>Мнение</span><h1>{TITLE}</h1></header>{TEXT}"))
    interview = proposal(page(f"<article><div class='category'>Интервью</div><h1>{TITLE}</h1>{TEXT}</article>"))
    assert (opinion.kind, interview.kind) == ("opinion", "interview")


@pytest.mark.parametrize(
    "above",
    [
        "<p>05.03.2026</p>",  # a date
        "<p>Иван Петров</p>",  # a byline
        "<div class='breadcrumbs'>Главная / Аналитика</div>",
    ],
)
def test_what_is_no_label_above_the_h1_is_no_rubric(above):
    p = proposal(page(f"<article>{above}<h1>{TITLE}</h1>{TEXT}</article>"))
    assert (p.title, p.rubric) == (TITLE, "")


def test_a_short_paragraph_above_a_lower_heading_stays_the_title():
    """Only an ``<h1>`` outranks the line above it: «Итоги года» over an ``<h2>`` is the title, the ``<h2>`` its
    subtitle."""
    p = proposal(f"<html><body><p>Итоги года</p><h2>{TITLE}</h2>{TEXT}</body></html>")
    assert (p.title, p.rubric, p.lead) == ("Итоги года", "", TITLE)


def test_what_stands_before_the_article_is_no_label_of_its_h1():
    p = proposal(page(f"<div class='promo'>Спецпроект</div><article><header><h1>{TITLE}</h1></header>{TEXT}</article>"))
    assert (p.title, p.rubric) == (TITLE, "")


def test_a_label_above_the_box_of_the_h1_is_the_rubric():
    p = proposal(
        page(f"<article><div class='rubric'>Разбор</div><div class='title'><h1>{TITLE}</h1></div>{TEXT}</article>")
    )
    assert (p.title, p.rubric) == (TITLE, "Разбор")


def test_the_h1_of_the_article_is_the_title_over_the_og_title():
    html = page(f"<article><header><h1>{TITLE}</h1><h2>{SUBTITLE}</h2></header>{TEXT}</article>")
    html = html.replace("</head>", f'<meta property="og:title" content="{TITLE} | Вода и мир"></head>')
    assert (proposal(html).title, proposal(html).lead) == (TITLE, SUBTITLE)


def test_an_h1_outside_the_article_leaves_the_title_to_the_og_title():
    html = page(f"<h1>Новости региона</h1><div class='post'><h2>{TITLE}</h2>{TEXT}</div>")
    html = html.replace("</head>", f'<meta property="og:title" content="{TITLE}"></head>')
    assert proposal(html).title == TITLE


def test_a_wordpress_post_with_its_category_date_and_author_in_the_header():
    article = (
        "<div id='primary'><main id='main'><article class='post type-post'><header class='entry-header'>"
        "<span class='cat-links'><a href='/category/opinion/' rel='category tag'>Колонка</a></span>"
        f"<h1 class='entry-title'>{TITLE}</h1><div class='entry-meta'><span class='posted-on'>"
        "<time class='entry-date published' datetime='2026-03-05T10:00:00+03:00'>05.03.2026</time></span>"
        "<span class='byline'> <a class='url fn n' href='/author/ivan/'>Иван Петров</a></span></div></header>"
        f"<div class='entry-content'>{TEXT}</div></article></main></div>"
    )
    html = page(article).replace("</head>", f'<meta property="og:title" content="{TITLE} | Вода и мир"></head>')
    p = proposal(html)
    assert (p.title, p.rubric, p.kind, p.lead) == (TITLE, "Колонка", "opinion", FIRST)
    assert (p.published_on.isoformat(), p.authors) == ("2026-03-05", [("Иван Петров", "")])


def test_a_label_above_the_header_of_the_h1_is_the_rubric_and_leaves_the_text():
    p = proposal(
        page(f"<article><p class='rubric'>Разбор</p><header><h1>{TITLE}</h1><h2>{SUBTITLE}</h2></header>{TEXT}")
    )
    assert (p.title, p.rubric, p.lead, p.paragraphs[0]) == (TITLE, "Разбор", SUBTITLE, FIRST)


def test_a_line_break_in_the_h1_is_a_space_of_the_title():
    p = proposal(page(f"<article><h1>Почему Астана и Ташкент<br>не могут договориться о воде</h1>{TEXT}</article>"))
    assert p.title == TITLE
