"""The body format: plain text kept as written, HTML cleaned to the allow-list, nothing that breaks feeds."""

import pytest

from editorial.text import html_to_text, normalize_body, strip_control_chars, without_paragraph


@pytest.mark.parametrize(
    "markup",
    [
        "<p>Это <strong>важно</strong> и <em>срочно</em>, <b>жирно</b>, <i>курсив</i>.</p>",
        "<h2>Подзаголовок</h2>",
        "<h3>Меньше</h3>",
        "<h4>Ещё меньше</h4>",
        "<blockquote><p>Цитата</p></blockquote>",
        "<ul><li>один</li><li>два</li></ul>",
        "<ol><li>первый</li></ol>",
        "<p>H<sub>2</sub>O и м<sup>2</sup></p>",
        '<table><thead><tr><th scope="col">Год</th></tr></thead><tbody><tr><td colspan="2">2025</td></tr></tbody></table>',
        "<p>до</p><hr><p>после</p>",
        "<p>строка<br>строка</p>",
    ],
)
def test_allowed_markup_survives_unchanged(markup):
    assert normalize_body(markup) == markup


def test_figures_lose_their_wrapper_but_keep_their_text():
    # The body's editor has no figure without images (not allowed), so the allow-list has none either.
    assert normalize_body("<figure><p>Фото</p><figcaption>Подпись</figcaption></figure>") == "<p>Фото</p>Подпись"


def test_links_keep_their_address_and_get_a_safe_rel():
    body = normalize_body('<p><a href="https://contur.kz/x" title="Оригинал">Contur.kz</a></p>')
    assert body == '<p><a href="https://contur.kz/x" title="Оригинал" rel="noopener noreferrer">Contur.kz</a></p>'


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        ("<p>a<script>alert(1)</script>b</p>", "<p>ab</p>"),
        ('<p onclick="x()">текст</p>', "<p>текст</p>"),
        ('<p><a href="javascript:alert(1)">ссылка</a></p>', '<p><a rel="noopener noreferrer">ссылка</a></p>'),
        ("<p>a</p><style>p{}</style>", "<p>a</p>"),
        ('<div><p style="color:red" class="x">текст</p></div>', "<p>текст</p>"),
        ('<p>a<iframe src="https://evil"></iframe></p>', "<p>a</p>"),
    ],
)
def test_everything_else_is_removed(dirty, clean):
    assert normalize_body(dirty) == clean


@pytest.mark.parametrize(
    "body",
    ["<ul><li>только список</li></ul>", "<table><tr><td>только таблица</td></tr></table>", "<ol><li>1</li></ol>"],
)
def test_a_body_made_only_of_a_list_or_a_table_is_html_not_text(body):
    assert "&lt;" not in normalize_body(body)
    assert normalize_body(body).startswith(body[:4])


def test_plain_text_is_kept_exactly_as_written():
    text = "Он сказал: «a < b & c > d», — и <b> остался текстом.\n\nВторой абзац с ё."
    assert normalize_body(text) == (
        "<p>Он сказал: «a &lt; b &amp; c &gt; d», — и &lt;b&gt; остался текстом.</p>\n<p>Второй абзац с ё.</p>"
    )


def test_a_line_break_inside_a_paragraph_is_kept():
    assert normalize_body("Первая строка\nвторая строка\n\nНовый абзац") == (
        "<p>Первая строка<br>вторая строка</p>\n<p>Новый абзац</p>"
    )


def test_windows_line_endings():
    assert normalize_body("Первый\r\nвсё ещё первый\r\n\r\nВторой\r\n") == (
        "<p>Первый<br>всё ещё первый</p>\n<p>Второй</p>"
    )


def test_text_without_blank_lines_is_one_paragraph_a_line():
    assert normalize_body("Один\nДва\r\nТри") == "<p>Один</p>\n<p>Два</p>\n<p>Три</p>"


def test_empty_and_blank_bodies():
    assert normalize_body("") == ""
    assert normalize_body(None) == ""
    assert normalize_body(" \n\n \x00 ") == ""


@pytest.mark.parametrize("code", [*range(0x00, 0x09), *range(0x0E, 0x20)])
def test_control_characters_that_xml_forbids_are_removed(code):
    assert strip_control_chars(f"до{chr(code)}после") == "допосле"


def test_word_line_and_page_breaks_become_the_given_break_and_ordinary_whitespace_stays():
    assert strip_control_chars("а\x0bб\x0cв") == "а\nб\nв"
    assert strip_control_chars("а\x0bб", " ") == "а б"
    assert strip_control_chars("а\tб\nв\rг") == "а\tб\nв\rг"
    assert strip_control_chars("") == "" and strip_control_chars(None) is None


def test_html_to_text():
    assert html_to_text("<p>Дом &amp; сад</p>\n<p>«Цитата»&nbsp;и   всё</p>") == "Дом & сад «Цитата»\xa0и всё".replace(
        "\xa0", " "
    )
    assert html_to_text("") == "" and html_to_text(None) == ""


DISCLAIMER = "Автор выражает личное мнение, которое может не совпадать с позицией редакции."


@pytest.mark.parametrize(
    "pasted",
    [
        DISCLAIMER,
        DISCLAIMER.rstrip("."),
        DISCLAIMER.upper(),
        DISCLAIMER.replace(" ", "  \n "),
        "<em>" + DISCLAIMER + "</em>",
    ],
)
def test_a_pasted_disclaimer_paragraph_is_removed_and_nothing_else(pasted):
    body = f"<p>Текст статьи.</p>\n<p>{pasted}</p>\n<p>Автор выражает благодарность.</p>"
    assert without_paragraph(body, DISCLAIMER) == "<p>Текст статьи.</p>\n<p>Автор выражает благодарность.</p>"


def test_ye_and_yo_are_the_same_when_finding_the_disclaimer():
    body = "<p>Её мнение.</p>"
    assert without_paragraph(body, "Ее мнение") == ""


def test_without_paragraph_with_no_text_changes_nothing():
    assert without_paragraph("<p>x</p>", "") == "<p>x</p>"


def test_attributes_outside_the_allow_list_are_removed_even_harmless_ones():
    # lang and title are allowed on every tag (a Kazakh quotation in a Russian text keeps its language).
    assert normalize_body('<p lang="kk" title="x" dir="rtl" class="c">Сәлем</p>') == '<p lang="kk" title="x">Сәлем</p>'
    assert normalize_body('<ol start="3" reversed><li>x</li></ol>') == "<ol><li>x</li></ol>"
    assert normalize_body('<p><a href="https://x.kz" hreflang="kk">x</a></p>') == (
        '<p><a href="https://x.kz" rel="noopener noreferrer">x</a></p>'
    )


@pytest.mark.parametrize(
    ("href", "kept"),
    [
        ("http://old-site.kz/a", True),
        ("https://contur.kz/", True),
        ("mailto:redaktsiya@example.kz", True),
        ("tel:+77001234567", False),
        ("ftp://files.example/x", False),
        ("data:text/html,<script>", False),
    ],
)
def test_only_web_and_mail_links_keep_their_address(href, kept):
    body = normalize_body(f'<p><a href="{href}">ссылка</a></p>')
    assert (f'href="{href}"' in body) is kept, body


def test_plain_text_quotes_stay_as_typed():
    assert normalize_body("Он сказал \"да\" и 'нет'") == "<p>Он сказал \"да\" и 'нет'</p>"


def test_old_mac_line_endings_and_lines_with_spaces():
    assert normalize_body("Первая строка\rВторая строка") == "<p>Первая строка</p>\n<p>Вторая строка</p>"
    assert normalize_body("Один два\nТри четыре") == "<p>Один два</p>\n<p>Три четыре</p>"


def test_a_disclaimer_written_with_odd_spacing_still_finds_its_paragraph():
    body = "<p>Текст.</p>\n<p>Автор выражает личное мнение.</p>"
    assert without_paragraph(body, "  Автор  выражает\nличное   мнение ") == "<p>Текст.</p>"
