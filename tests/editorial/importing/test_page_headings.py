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
