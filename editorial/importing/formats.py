"""Bytes of an uploaded file → text blocks with structure (txt, md, html, docx; a zip of them).

Limits are checked before anything is parsed: a .zip or .docx is refused from
its declared and actual uncompressed sizes, a .docx also by its paragraph
count, so a small file cannot make the server spend gigabytes or minutes.
"""

import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from ..text import split_paragraphs
from .blocks import html_blocks, join_wrapped_lines, text_blocks
from .encodings import decode
from .errors import DocumentError
from .hyphens import join_broken_words

MAX_FILE_BYTES = 5 * 1024 * 1024  # one document
MAX_ZIP_FILES = 500
MAX_ZIP_TOTAL_BYTES = 100 * 1024 * 1024  # all documents of one .zip, uncompressed
MAX_DOCX_XML_BYTES = 25 * 1024 * 1024  # word/document.xml uncompressed
MAX_DOCX_TOTAL_BYTES = 60 * 1024 * 1024  # every part of one .docx, uncompressed
MAX_DOCX_PARAGRAPHS = 20_000
DOCUMENT_EXTENSIONS = {".txt", ".md", ".html", ".htm", ".docx"}
UPLOAD_EXTENSIONS = DOCUMENT_EXTENSIONS | {".zip"}


class SkippedMember(bytes):
    """A member of a .zip that is not imported; ``parse_document`` answers it with its reason."""

    def __new__(cls, reason):
        member = super().__new__(cls, b"")
        member.reason = reason
        return member


@dataclass
class Document:
    """A document read from its format: blocks, the page's own metadata, reading warnings."""

    blocks: list
    meta: dict = field(default_factory=dict)
    warnings: list = field(default_factory=list)


def read_document(filename, data):
    if isinstance(data, SkippedMember):
        raise DocumentError(data.reason)
    suffix = PurePosixPath(filename).suffix.lower()
    if suffix == ".docx":
        return Document(html_blocks(_docx_html(filename, data)))
    text, warnings = decode(filename, data)
    if suffix in {".html", ".htm"}:
        from .webpage import read_webpage  # trafilatura is imported only when a page arrives

        return read_webpage(text, warnings)
    if suffix == ".md":
        meta, text = front_matter(text)
        return Document(_markdown_blocks(text), meta, warnings)
    return Document(plain_text_blocks(text), warnings=warnings)


def plain_text_blocks(text):
    """Blocks of plain text: paragraphs between blank lines; without any blank line, one a line
    except hard-wrapped lines, which go on in lowercase. Words broken at a line end (text taken from a
    PDF) are joined first."""
    text = join_broken_words(text.replace("\r\n", "\n").replace("\r", "\n"))
    if re.search(r"\n[ \t]*\n", text.strip()):
        return text_blocks(split_paragraphs(text))
    return text_blocks(join_wrapped_lines([line.strip() for line in text.split("\n") if line.strip()]))


_HASHTAG_LINE = re.compile(r"^(#[^\s#][^\s#]*(?:[ \t,]+#[^\s#][^\s#]*)+)[ \t]*$", re.M)  # two or more


def _markdown_blocks(text):
    import markdown

    # «#политика #выборы» is a line of hashtags (→ themes), not a heading: Markdown would make it one.
    text = _HASHTAG_LINE.sub(lambda match: "\\" + match.group(1), text)
    text = join_broken_words(text)

    # A line break inside a paragraph stays a line break: documents put title, date and
    # byline on consecutive lines without blank lines between.
    return html_blocks(markdown.markdown(text, extensions=["tables", "sane_lists", "nl2br"]))


_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\n(?P<body>.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_FRONT_KEYS = {
    "title": "title", "заголовок": "title", "date": "published", "дата": "published", "published": "published",
    "updated": "updated", "author": "authors", "authors": "authors", "автор": "authors", "авторы": "authors",
    "source": "site_name", "источник": "site_name", "url": "url", "source_url": "url", "link": "url",
    "canonical_url": "url", "tags": "tags", "теги": "tags", "category": "section", "rubric": "section",
    "рубрика": "section",
}  # fmt: skip


def front_matter(text):
    """``(meta, text without it)`` of a Markdown file opening with a ``---`` block of ``key: value``
    lines (as static-site and CMS exports write them); lists as ``[a, b]`` or ``- a`` lines."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    meta, key = {}, None
    for raw in match["body"].split("\n"):
        item = re.match(r"^\s+-\s+(?P<value>.+)$", raw)
        if item and key in {"authors", "tags"}:
            meta.setdefault(key, []).append(item["value"].strip(" '\""))
            continue
        pair = re.match(r"^(?P<key>[\w-]+)\s*:\s*(?P<value>.*)$", raw)
        if not pair:
            continue
        key = _FRONT_KEYS.get(pair["key"].lower())
        value = pair["value"].strip().strip("'\"")
        if key is None or not value:
            continue
        if key in {"authors", "tags"}:
            meta[key] = [v.strip(" '\"") for v in value.strip("[]").split(",") if v.strip(" '\"")]
        else:
            meta[key] = value
    return meta, text[match.end() :]


# .docx ---------------------------------------------------------------------


def _docx_html(filename, data):
    from .docx_html import docx_to_html

    _check_docx(filename, data)
    try:
        return docx_to_html(data)
    except Exception as error:  # python-docx raises many kinds on a broken package
        raise DocumentError(f"{filename}: файл .docx повреждён или не является документом Word.") from error


_PARAGRAPH_TAG = re.compile(rb"<w:p[ >/]")


def _check_docx(filename, data):
    """Refuse a .docx whose parts expand beyond the limits, reading at most the limits."""
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        infos = package.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise DocumentError(f"{filename}: файл .docx повреждён или не является документом Word.") from error
    if sum(info.file_size for info in infos) > MAX_DOCX_TOTAL_BYTES:
        raise DocumentError(
            f"{filename}: документ Word распаковывается больше чем в {MAX_DOCX_TOTAL_BYTES // 2**20} МБ."
        )
    main = next((info for info in infos if info.filename == "word/document.xml"), None)
    if main is None:
        raise DocumentError(f"{filename}: файл .docx повреждён или не является документом Word.")
    too_big = f"{filename}: текст документа Word больше {MAX_DOCX_XML_BYTES // 2**20} МБ в распакованном виде."
    if main.file_size > MAX_DOCX_XML_BYTES:
        raise DocumentError(too_big)
    size = paragraphs = 0
    tail = b""
    try:
        with package.open(main) as stream:  # the header may lie: count what really comes out
            while chunk := stream.read(1 << 20):
                size += len(chunk)
                if size > MAX_DOCX_XML_BYTES:
                    raise DocumentError(too_big)
                paragraphs += len(_PARAGRAPH_TAG.findall(tail + chunk)) - len(_PARAGRAPH_TAG.findall(tail))
                tail = chunk[-8:]
                if paragraphs > MAX_DOCX_PARAGRAPHS:
                    raise DocumentError(
                        f"{filename}: в документе Word больше {MAX_DOCX_PARAGRAPHS:,} абзацев — "
                        "это не статья; разделите его.".replace(",", " ")
                    )
    except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError, EOFError) as error:
        raise DocumentError(f"{filename}: файл .docx повреждён или не является документом Word.") from error


# .zip ----------------------------------------------------------------------


def expand_upload(filename, data):
    """``[(filename, bytes)]`` of the documents in one upload: itself, or a zip's members.

    A member that is not a document (a .pdf, a picture, one too big) is listed
    with a ``SkippedMember`` instead of its bytes: its siblings are imported,
    and parsing it gives its reason. A zip that escapes its folder, holds too
    many files or expands too much is refused whole.
    """
    name = PurePosixPath(filename).name or "без имени"
    suffix = PurePosixPath(name).suffix.lower()
    if suffix not in UPLOAD_EXTENSIONS:
        raise DocumentError(f"{name}: формат не поддерживается (можно: {', '.join(sorted(UPLOAD_EXTENSIONS))}).")
    if suffix != ".zip":
        _check_size(name, len(data))
        return [(name, data)]
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = [info for info in archive.infolist() if not info.is_dir()]
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise DocumentError(f"{name}: архив повреждён или это не zip.") from error
    for info in members:
        path = PurePosixPath(info.filename.replace("\\", "/"))
        if path.is_absolute() or ".." in path.parts or re.match(r"^[a-zA-Z]:", info.filename):
            raise DocumentError(f"{name}: в архиве путь за его пределами ({info.filename}); архив отклонён.")
    members = [m for m in members if not _is_hidden(m.filename)]
    if len(members) > MAX_ZIP_FILES:
        raise DocumentError(f"{name}: в архиве {len(members)} файлов, больше допустимых {MAX_ZIP_FILES}.")
    if sum(m.file_size for m in members) > MAX_ZIP_TOTAL_BYTES:
        raise DocumentError(f"{name}: распакованный архив больше {MAX_ZIP_TOTAL_BYTES // 2**20} МБ.")
    documents = []
    for info in members:
        inner = f"{name}/{info.filename}"
        member_suffix = PurePosixPath(info.filename).suffix.lower()
        if member_suffix not in DOCUMENT_EXTENSIONS:
            kind = member_suffix or "без расширения"
            documents.append((inner, SkippedMember(f"{inner}: пропущен — формат {kind} не поддерживается.")))
            continue
        if info.file_size > MAX_FILE_BYTES:
            documents.append((inner, SkippedMember(f"{inner}: пропущен — файл больше {MAX_FILE_BYTES // 2**20} МБ.")))
            continue
        try:
            with archive.open(info) as member:
                content = member.read(MAX_FILE_BYTES + 1)  # headers can lie about the size
        except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError, EOFError) as error:
            documents.append((inner, SkippedMember(f"{inner}: пропущен — не удалось распаковать ({error}).")))
            continue
        if len(content) > MAX_FILE_BYTES:
            content = SkippedMember(f"{inner}: пропущен — файл больше {MAX_FILE_BYTES // 2**20} МБ.")
        documents.append((inner, content))
    if not documents:
        raise DocumentError(f"{name}: в архиве нет документов.")
    return documents


def _is_hidden(path):
    return any(part.startswith(".") or part == "__MACOSX" for part in PurePosixPath(path).parts)


def _check_size(name, size):
    if size > MAX_FILE_BYTES:
        raise DocumentError(f"{name}: файл больше {MAX_FILE_BYTES // 2**20} МБ.")
