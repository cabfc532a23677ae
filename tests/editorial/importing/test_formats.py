"""Formats: each becomes blocks with its structure; encodings; a zip imports what it can."""

import io
import zipfile

import docx
import pytest

from editorial.importing import DocumentError, SkippedMember, expand_upload, parse_document


def make_zip(entries):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def make_docx(paragraphs):
    document = docx.Document()
    for style, text in paragraphs:
        document.add_paragraph(text, style=style)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_keeps_headings_lists_quotes_and_bold():
    data = make_docx(
        [
            ("Title", "Средний коридор"),
            ("Normal", "Дата: 8 февраля 2026"),
            ("Normal", "Первый абзац статьи, он же лид."),
            ("Heading 2", "Порты и паромы"),
            ("List Bullet", "паромный терминал;"),
            ("List Bullet", "сухой порт."),
            ("Quote", "«Коридор перестал быть экзотикой»"),
            ("Normal", "Последний абзац."),
        ]
    )
    p = parse_document("a.docx", data)
    assert (p.title, p.lead) == ("Средний коридор", "Первый абзац статьи, он же лид.")
    body = p.body_html
    assert "<h2>Порты и паромы</h2>" in body
    assert "<ul>\n<li>паромный терминал;</li>\n<li>сухой порт.</li>\n</ul>" in body
    assert "<blockquote><p>«Коридор перестал быть экзотикой»</p></blockquote>" in body


def test_markdown_keeps_structure_and_reads_a_bold_date():
    md = (
        "# Заголовок\n\n**12 марта 2026**\n\nЛид статьи.\n\n## Раздел\n\n- пункт *один*\n- пункт два\n\n"
        "> цитата\n\nТекст со [ссылкой](https://example.org) и **жирным**.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
    )
    p = parse_document("a.md", md.encode())
    assert (p.title, str(p.published_on), p.lead) == ("Заголовок", "2026-03-12", "Лид статьи.")
    body = p.body_html
    for fragment in [
        "<h2>Раздел</h2>",
        "<li>пункт <em>один</em></li>",
        "<blockquote>",
        '<a href="https://example.org" rel="noopener noreferrer">ссылкой</a>',
        "<strong>жирным</strong>",
        "<td>1</td>",
    ]:
        assert fragment in body


def test_web_page_metadata_first_and_no_site_around_the_text():
    page = (
        "<html><head><meta property='og:title' content='Заголовок страницы'>"
        "<meta property='og:site_name' content='Вестник'><meta name='author' content='Марат Оспанов'>"
        "<meta property='article:published_time' content='2026-03-05T18:40:00+05:00'>"
        "<link rel='canonical' href='https://vestnik.kz/a/1'></head><body>"
        "<header><nav><a href='/'>Главная</a> <a href='/p'>Политика</a></nav></header>"
        "<article><h1>Заголовок страницы</h1><p>Просмотров: 1 245</p>"
        + "".join(f"<p>Абзац номер {i} достаточно длинный, чтобы его признали текстом статьи.</p>" for i in range(4))
        + "<h2>Подзаголовок раздела</h2><p>Ещё один длинный абзац текста статьи про интеграцию.</p>"
        "<p>Поделиться: ВКонтакте Telegram</p></article>"
        "<aside><h3>Популярное</h3><ul><li>Другая новость</li></ul></aside></body></html>"
    )
    p = parse_document("page.html", page.encode())
    assert (p.title, str(p.published_on), p.authors) == ("Заголовок страницы", "2026-03-05", [("Марат Оспанов", "")])
    assert (p.source_name, p.source_url) == ("Вестник", "https://vestnik.kz/a/1")
    text = p.lead + "\n".join(p.paragraphs)
    for junk in ["Главная", "Просмотров", "Поделиться", "Популярное", "Другая новость"]:
        assert junk not in text
    assert "<h2>Подзаголовок раздела</h2>" in p.body_html


def test_a_time_element_dates_a_page():
    page = "<html><body><article><h1>Т</h1><time datetime='2026-01-19'>19 января</time><p>Текст.</p><p>Ещё.</p>"
    assert str(parse_document("p.html", page.encode()).published_on) == "2026-01-19"


def test_koi8r_is_detected_and_said():
    p = parse_document("a.txt", "Заголовок\nПервый абзац с ёлкой.\nЕщё абзац.".encode("koi8-r"))
    assert p.lead == "Первый абзац с ёлкой."
    assert any("KOI8-R" in w for w in p.warnings)


def test_mixed_encodings_are_read_line_by_line_with_a_warning():
    data = "Заголовок\nПервый абзац.\n".encode() + "Второй абзац в Windows-1251.\n".encode("cp1251")
    p = parse_document("a.txt", data)
    assert p.paragraphs == ["Второй абзац в Windows-1251."]
    assert any("смешаны кодировки" in w and "3" in w for w in p.warnings)


def test_utf8_read_as_cp1251_once_is_repaired_with_a_warning():
    garbled = "Заголовок статьи\nПервый абзац текста.\nВторой абзац.".encode().decode("cp1251")
    p = parse_document("a.txt", garbled.encode())
    assert p.title == "Заголовок статьи"
    assert any("перекодирован" in w for w in p.warnings)


def test_zip_imports_the_documents_and_lists_each_skipped_member():
    data = make_zip(
        {
            "one.txt": "Первый\nТекст один.\nЕщё.".encode(),
            "two.md": "# Второй\n\nТекст два.\n\nЕщё.".encode(),
            "sub/three.txt": "Третий\nТекст три.\nЕщё.".encode(),
            "scan.pdf": b"%PDF-1.7",
        }
    )
    members = expand_upload("batch.zip", data)
    skipped = [(name, d.reason) for name, d in members if isinstance(d, SkippedMember)]
    assert skipped == [("batch.zip/scan.pdf", "batch.zip/scan.pdf: пропущен — формат .pdf не поддерживается.")]
    titles = [parse_document(n, d).title for n, d in members if not isinstance(d, SkippedMember)]
    assert titles == ["Первый", "Второй", "Третий"]
    with pytest.raises(DocumentError, match="пропущен"):
        parse_document(*members[3])
