"""The document parser: the two seeds field by field, each format, each bad input."""

import io
import zipfile
from datetime import date
from pathlib import Path

import docx
import pytest

from editorial.importing import MAX_FILE_BYTES, DocumentError, expand_upload, parse_document, parse_text

DATA = Path(__file__).resolve().parent.parent / "data"
OPINION = "000_3702b199f85a99a0.txt"
ANALYSIS = "003_e280fcfc0b207261.txt"
DISCLAIMER = "Автор выражает личное мнение, которое может не совпадать с позицией редакции."


def seed(name):
    return (DATA / name).read_bytes()


def test_opinion_seed():
    p = parse_document(OPINION, seed(OPINION))
    assert p.published_on == date(2025, 12, 11)
    assert p.lead.startswith("2025 год стал переломным этапом")
    assert p.lead.endswith("суммировал развитие российско-казахстанских отношений.")
    assert p.title == "2025 год стал переломным этапом в российско-казахстанских отношениях"
    assert p.title_guessed and any("Заголовка нет" in w for w in p.warnings)
    assert p.authors == [("Андрей Серенко", "директор Аналитического центра Российского общества политологов")]
    assert (p.kind, p.disclaimer_text) == ("opinion", DISCLAIMER)
    assert p.source_name == ""
    assert len(p.paragraphs) == 8
    assert p.paragraphs[0].startswith("Уходящий 2025 год стал знаковым рубежом")
    assert p.paragraphs[-1].endswith("интеграции России и Казахстана».")  # the stray » is kept
    body = "\n".join(p.paragraphs)
    for gone in ["date 2025", "Автор:", DISCLAIMER]:
        assert gone not in body
    assert "«не существует нерешаемых вопросов»" in body


def test_analysis_seed():
    p = parse_document(ANALYSIS, seed(ANALYSIS))
    assert p.title == "Всеобъемлющее стратегическое партнерство России и Казахстана"
    assert not p.title_guessed
    assert p.published_on is None  # 12 ноября 2025 in the text is not the publication date
    assert any("Дата публикации не указана" in w for w in p.warnings)
    assert p.lead.startswith("Подписание 12 ноября 2025 года Декларации")
    assert p.source_name == "Contur.kz"
    assert (p.kind, p.disclaimer_text, p.authors) == ("analysis", "", [])
    assert len(p.paragraphs) == 11
    assert p.paragraphs[-1].startswith("В конечном счете декларация 2025 года")
    assert "Источник" not in "\n".join(p.paragraphs)


@pytest.mark.parametrize(
    ("first_line", "expected"),
    [
        ("Дата: 11 декабря 2025", date(2025, 12, 11)),
        ("11.12.2025", date(2025, 12, 11)),
        ("date 2025-12-11", date(2025, 12, 11)),
        ("дата 1 марта 2024 г.", date(2024, 3, 1)),
    ],
)
def test_date_markers(first_line, expected):
    p = parse_text(f"{first_line}\nЗаголовок статьи\nПервый абзац.\nВторой абзац.")
    assert p.published_on == expected
    assert p.title == "Заголовок статьи"


def test_impossible_date_is_a_warning_not_a_guess():
    p = parse_text("date 2025-13-40\nЗаголовок\nАбзац один.\nАбзац два.")
    assert p.published_on is None
    assert any("не существует" in w for w in p.warnings)


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        ("Автор: Иван Петров, профессор МГУ", [("Иван Петров", "профессор МГУ")]),
        ("Авторы: Иван Петров и Анна Смирнова", [("Иван Петров", ""), ("Анна Смирнова", "")]),
        ("Авторы: Иван Петров, Анна Смирнова", [("Иван Петров", ""), ("Анна Смирнова", "")]),
        (
            "Авторы: Иван Петров, профессор МГУ; Анна Смирнова, директор центра",
            [("Иван Петров", "профессор МГУ"), ("Анна Смирнова", "директор центра")],
        ),
        ("Автор: политолог Әлия Нұрланқызы.", [("Әлия Нұрланқызы", "политолог")]),
        ("Автор: профессор МГУ Иван Петров", [("Иван Петров", "профессор МГУ")]),
        ("Автор: ИВАН ПЕТРОВ, профессор", [("Иван Петров", "профессор")]),
    ],
)
def test_author_lines(line, authors):
    assert parse_text(f"Заголовок\nАбзац.\nЕщё абзац.\n{line}").authors == authors


def test_source_with_url_on_the_next_line_and_close_disclaimer_wording():
    p = parse_text(
        "Заголовок\nАбзац.\nЕщё абзац.\nИсточник: Contur.kz\nhttps://contur.kz/news/1\n"
        "Мнение автора может не совпадать с позицией редакции."
    )
    assert (p.source_name, p.source_url) == ("Contur.kz", "https://contur.kz/news/1")
    assert p.kind == "opinion"
    assert p.paragraphs == ["Ещё абзац."]


def test_markdown_html_and_docx_give_the_same_article():
    md = "# Заголовок статьи\n\nПервый абзац «текста».\n\nВторой абзац — с тире.\n\nАвтор: Иван Петров\n"
    html = (
        "<html><head><title>x</title><style>p{}</style></head><body><h1>Заголовок статьи</h1>"
        "<p>Первый абзац &laquo;текста&raquo;.</p><p>Второй абзац — с тире.</p><script>alert(1)</script>"
        "<p>Автор: Иван Петров</p></body></html>"
    )
    document = docx.Document()
    for text in ["Заголовок статьи", "Первый абзац «текста».", "Второй абзац — с тире.", "Автор: Иван Петров"]:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    results = [
        parse_document("a.md", md.encode()),
        parse_document("a.html", html.encode()),
        parse_document("a.docx", buffer.getvalue()),
    ]
    for p in results:
        assert (p.title, p.lead, p.paragraphs, p.authors) == (
            "Заголовок статьи",
            "Первый абзац «текста».",
            ["Второй абзац — с тире."],
            [("Иван Петров", "")],
        )


def test_utf16_with_a_bom_is_read():
    p = parse_document("a.txt", "Заголовок\nАбзац с ёлкой.\nЕщё.".encode("utf-16"))
    assert (p.title, p.lead) == ("Заголовок", "Абзац с ёлкой.")


def test_cp1251_is_read():
    p = parse_document("a.txt", "Заголовок\nАбзац с ёлкой.\nЕщё.".encode("cp1251"))
    assert p.lead == "Абзац с ёлкой."


def make_zip(entries):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def test_zip_gives_its_documents_and_skips_system_files():
    data = make_zip({"a/one.txt": seed(OPINION), "two.txt": seed(ANALYSIS), "__MACOSX/._two.txt": b"x"})
    assert [name for name, _ in expand_upload("batch.zip", data)] == ["batch.zip/a/one.txt", "batch.zip/two.txt"]


@pytest.mark.parametrize(
    ("filename", "data", "message"),
    [
        ("empty.txt", b"   \n", "файл пуст"),
        ("binary.txt", b"\x89PNG\x00\x00\x00", "не текстовый"),
        ("latin.txt", bytes(range(128, 256)) * 4 + b"\x81\x98", "кодировку"),
        ("big.txt", b"a" * (MAX_FILE_BYTES + 1), "больше 5 МБ"),
        ("broken.docx", b"PK\x03\x04not really", "повреждён"),
        ("picture.png", b"x", "формат не поддерживается"),
        ("bad.zip", b"not a zip", "архив повреждён"),
        ("evil.zip", make_zip({"../../etc/passwd.txt": b"x"}), "за его пределами"),
        ("many.zip", make_zip({f"{i}.txt": b"x" for i in range(501)}), "больше допустимых"),
        ("only-title.txt", b"date 2025-01-01", "нет текста"),
    ],
)
def test_bad_documents_are_refused_with_a_message_naming_the_file(filename, data, message):
    with pytest.raises(DocumentError) as error:
        for name, content in expand_upload(filename, data):
            parse_document(name, content)
    assert filename in str(error.value) and message in str(error.value)
