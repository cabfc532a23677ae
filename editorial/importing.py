"""Parsing uploaded documents into proposed articles. Never touches the database.

One document (.txt, .md, .html, .docx; a .zip of them) becomes a ``Proposal``:
title, lead, paragraphs, date, authors with positions, source and original
URL, kind and disclaimer, plus warnings for what could not be decided. Bad
input raises ``DocumentError`` with a Russian message naming the file.
"""

import io
import re
import zipfile
from dataclasses import asdict, dataclass, field
from datetime import date
from html.parser import HTMLParser
from pathlib import PurePosixPath

from .text import paragraphs_to_html, split_paragraphs

MAX_FILE_BYTES = 5 * 1024 * 1024  # one document
MAX_ZIP_FILES = 500
MAX_ZIP_TOTAL_BYTES = 100 * 1024 * 1024  # all documents of one .zip, uncompressed
DOCUMENT_EXTENSIONS = {".txt", ".md", ".html", ".htm", ".docx"}
UPLOAD_EXTENSIONS = DOCUMENT_EXTENSIONS | {".zip"}
TITLE_MAX_LENGTH = 200

MONTHS = {
    "января": 1, "февраля": 2, "марта": 3, "апреля": 4, "мая": 5, "июня": 6,
    "июля": 7, "августа": 8, "сентября": 9, "октября": 10, "ноября": 11, "декабря": 12,
}  # fmt: skip
_DATE_VALUE = (
    r"(?P<iso>\d{4}-\d{1,2}-\d{1,2})"
    r"|(?P<dotted>\d{1,2}\.\d{1,2}\.\d{4})"
    r"|(?P<written>\d{1,2}\s+(?:" + "|".join(MONTHS) + r")\s+\d{4})(?:\s*(?:г\.|года|г(?=\s|$)))?"
)
_DATE_LINE = re.compile(r"^\s*(?:(?:date|дата)\s*:?\s*)?(?:" + _DATE_VALUE + r")[\s.,:;—–-]*(?P<rest>.*)$", re.I)
_MARKED_DATE_LINE = re.compile(r"^\s*(?:date|дата)\s*:?\s*(?P<value>\S.*?)?\s*$", re.I)
_AUTHOR_LINE = re.compile(r"^\s*(?:автор(?:ы)?|author)\s*:\s*(?P<value>.+?)\s*$", re.I)
_SOURCE_LINE = re.compile(r"^\s*(?:источник|source)\s*:\s*(?P<value>.+?)\s*$", re.I)
_URL = re.compile(r"https?://[^\s<>«»\"']+", re.I)
_BARE_URL_LINE = re.compile(r"^\s*https?://\S+\s*$", re.I)
_CAP = r"[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][a-zа-яёәғқңөұүһі]+(?:-[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]?[a-zа-яёәғқңөұүһі]+)?"
_UPPER = r"[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]{2,}(?:-[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]{2,})?"
_NAME = rf"{_CAP}(?:\s+{_CAP}){{1,2}}"
# A name standing alone or first may be in capitals («ПЁТР ИВАНОВ»); at the end of a
# position it may not, or «профессор МГУ Иван Петров» would give «МГУ Иван Петров».
_ANY_NAME = rf"(?:{_CAP}|{_UPPER})(?:\s+(?:{_CAP}|{_UPPER})){{1,2}}"
_NAME_ONLY = re.compile(rf"^{_ANY_NAME}$")
_NAME_AT_END = re.compile(rf"^(?P<position>.*?)[\s,]*(?P<name>{_NAME})$")
_NAME_AT_START = re.compile(rf"^(?P<name>{_ANY_NAME})\s*[,—–-]\s*(?P<position>.+)$")
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[«\"A-ZА-ЯЁ0-9])")
# Wordings of the opinion disclaimer: exact or close («частное мнение», «редакции может не совпадать»…).
_DISCLAIMER = re.compile(
    r"(личн|частн)\w*\s+мнени\w*.*(не\s+совпада|не\s+отража)|мнени\w*\s+автор\w*.*(не\s+совпада|не\s+отража)", re.I
)


class DocumentError(Exception):
    """A document that cannot be imported; the message says why, in Russian."""


@dataclass
class Proposal:
    filename: str
    title: str = ""
    title_guessed: bool = False
    lead: str = ""
    paragraphs: list = field(default_factory=list)
    published_on: date | None = None
    authors: list = field(default_factory=list)  # [(name, position)]
    source_name: str = ""
    source_url: str = ""
    kind: str = "analysis"
    disclaimer_text: str = ""
    warnings: list = field(default_factory=list)

    @property
    def body_html(self):
        return paragraphs_to_html(self.paragraphs)

    def to_dict(self):
        data = asdict(self)
        data["published_on"] = self.published_on.isoformat() if self.published_on else None
        return data

    @classmethod
    def from_dict(cls, data):
        data = dict(data)
        data["published_on"] = date.fromisoformat(data["published_on"]) if data.get("published_on") else None
        data["authors"] = [tuple(a) for a in data.get("authors", [])]
        return cls(**data)


# Reading files ------------------------------------------------------------


def expand_upload(filename, data):
    """``[(filename, bytes)]`` of the documents in one upload: itself, or a zip's members."""
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
        if PurePosixPath(info.filename).suffix.lower() not in DOCUMENT_EXTENSIONS:
            raise DocumentError(f"{inner}: формат не поддерживается; архив отклонён.")
        _check_size(inner, info.file_size)
        try:
            with archive.open(info) as member:
                content = member.read(MAX_FILE_BYTES + 1)  # headers can lie about the size
        except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError) as error:
            raise DocumentError(f"{inner}: не удалось распаковать ({error}).") from error
        _check_size(inner, len(content))
        documents.append((inner, content))
    if not documents:
        raise DocumentError(f"{name}: в архиве нет документов.")
    return documents


def _is_hidden(path):
    return any(part.startswith(".") or part == "__MACOSX" for part in PurePosixPath(path).parts)


def _check_size(name, size):
    if size > MAX_FILE_BYTES:
        raise DocumentError(f"{name}: файл больше {MAX_FILE_BYTES // 2**20} МБ.")


def document_text(filename, data):
    """The plain text of one document, paragraphs separated by blank lines."""
    suffix = PurePosixPath(filename).suffix.lower()
    if suffix == ".docx":
        return _docx_text(filename, data)
    text = _decode(filename, data)
    if suffix in {".html", ".htm"}:
        return _html_text(text)
    if suffix == ".md":
        return re.sub(r"^\s{0,3}#{1,6}\s+", "", text, flags=re.M)
    return text


def _decode(filename, data):
    if not data.strip():
        raise DocumentError(f"{filename}: файл пуст.")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with a BOM (Word's «Unicode text»)
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise DocumentError(f"{filename}: повреждённый текст в UTF-16.") from error
    if b"\x00" in data[:8192]:
        raise DocumentError(f"{filename}: это не текстовый файл.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    text = data.decode("cp1251", errors="replace")
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\r\n\t")
    if "\ufffd" in text or controls > len(text) // 100:
        raise DocumentError(f"{filename}: не удалось определить кодировку (ожидается UTF-8 или Windows-1251).")
    return text


def _docx_text(filename, data):
    import docx  # python-docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises many kinds on a broken package
        raise DocumentError(f"{filename}: файл .docx повреждён или не является документом Word.") from error
    return "\n\n".join(p.text for p in document.paragraphs if p.text.strip())


class _HTMLText(HTMLParser):
    BLOCKS = {"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "tr", "section", "article"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "style", "head", "nav", "footer"}:
            self.skip += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag):
        if tag in {"script", "style", "head", "nav", "footer"}:
            self.skip = max(0, self.skip - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(re.sub(r"\s+", " ", data))


def _html_text(text):
    parser = _HTMLText()
    parser.feed(text)
    parser.close()
    return "\n\n".join(p.strip() for p in "".join(parser.parts).split("\n\n") if p.strip())


# Recognising the parts of an article --------------------------------------


def parse_date(value):
    """A date from «2025-12-11», «11.12.2025» or «11 декабря 2025»; ``None`` if none or impossible."""
    match = _DATE_LINE.match(value or "")
    if not match:
        return None
    try:
        if match["iso"]:
            return date.fromisoformat("-".join(f"{int(p):02d}" for p in match["iso"].split("-")))
        if match["dotted"]:
            day, month, year = (int(p) for p in match["dotted"].split("."))
            return date(year, month, day)
        day, month, year = match["written"].split()
        return date(int(year), MONTHS[month.lower()], int(day))
    except ValueError:
        return None


def parse_authors(value):
    """``[(name, position)]`` from «position Name Surname», «Name Surname, position», several
    separated by «;», «и» or commas."""
    value = value.strip().rstrip(".").strip()
    chunks = [c.strip() for c in re.split(r";|\s+и\s+(?=[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ])", value) if c.strip()]
    if len(chunks) == 1 and "," in value:
        pieces = [p.strip() for p in value.split(",") if p.strip()]
        if all(_NAME_ONLY.match(p) for p in pieces):
            chunks = pieces
    authors = []
    for chunk in chunks:
        chunk = chunk.strip(" ,")
        if _NAME_ONLY.match(chunk):
            authors.append((chunk, ""))
        elif match := _NAME_AT_START.match(chunk):
            authors.append((match["name"], match["position"].strip(" ,")))
        elif match := _NAME_AT_END.match(chunk):
            authors.append((match["name"], match["position"].strip(" ,")))
        else:
            authors.append((chunk, ""))
    return [(name.title() if name.isupper() else name, position) for name, position in authors]


def _parse_source(value):
    url_match = _URL.search(value)
    url = url_match.group(0).rstrip(".,;)") if url_match else ""
    name = _URL.sub("", value).strip(" ,;—–-()")
    if not name and url:
        name = re.sub(r"^www\.", "", url.split("/")[2])
    return name, url


def _propose_title(text):
    sentence = _SENTENCE_END.split(text.strip(), maxsplit=1)[0].rstrip(".!…").strip()
    if len(sentence) <= 120:
        return sentence
    return sentence[:120].rsplit(" ", 1)[0] + "…"


def parse_document(filename, data):
    """The proposal for one document's bytes; raises DocumentError if it cannot be read."""
    return parse_text(document_text(filename, data), filename)


def parse_text(text, filename="документ"):
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    proposal = Proposal(filename=filename)

    # Trailing metadata: author, source (+ URL line), disclaimer — in any order.
    while lines:
        line = lines[-1].strip()
        if not line:
            lines.pop()
        elif _BARE_URL_LINE.match(line) and len(lines) > 1 and _SOURCE_LINE.match(_last_nonblank(lines[:-1])):
            proposal.source_url = line
            lines.pop()
        elif match := _SOURCE_LINE.match(line):
            name, url = _parse_source(match["value"])
            proposal.source_name, proposal.source_url = name, url or proposal.source_url
            lines.pop()
        elif match := _AUTHOR_LINE.match(line):
            proposal.authors = parse_authors(match["value"]) + proposal.authors
            lines.pop()
        elif len(line) < 300 and _DISCLAIMER.search(line):
            proposal.kind, proposal.disclaimer_text = "opinion", line
            lines.pop()
        else:
            break

    # Leading metadata: a date, with the lead possibly on the same line.
    while lines and not lines[0].strip():
        lines.pop(0)
    if lines:
        first = lines[0]
        date_match = _DATE_LINE.match(first)
        marked = _MARKED_DATE_LINE.match(first)
        if date_match and (marked or len(first.strip()) < 40 or date_match["rest"]):
            proposal.published_on = parse_date(first)
            if proposal.published_on is None:
                proposal.warnings.append("Дата в начале документа не существует — укажите дату публикации.")
            lines[0] = date_match["rest"]
            if lines[0].strip():
                proposal.lead = lines.pop(0).strip()
        elif marked:
            proposal.warnings.append(f"Не удалось разобрать дату: «{first.strip()[:60]}» — укажите её.")
            lines.pop(0)

    paragraphs = split_paragraphs("\n".join(lines))
    if not paragraphs and not proposal.lead:
        raise DocumentError(f"{filename}: в документе нет текста статьи.")

    # Title: a first short line without a final period; else proposed from the first sentence.
    first = paragraphs[0] if paragraphs else ""
    if (
        not proposal.lead
        and len(paragraphs) > 1
        and len(first) <= TITLE_MAX_LENGTH
        and "\n" not in first
        and not re.search(r"[.!?…:;,]$", first)
    ):
        proposal.title = paragraphs.pop(0)
    else:
        proposal.title = _propose_title(proposal.lead or first)
        proposal.title_guessed = True
        proposal.warnings.append("Заголовка нет: предложен по первому предложению — проверьте.")

    if not proposal.lead and len(paragraphs) > 1:
        proposal.lead = paragraphs.pop(0)
    proposal.paragraphs = paragraphs

    if proposal.published_on is None and not any("дат" in w.lower() for w in proposal.warnings):
        proposal.warnings.append("Дата публикации не указана: статья останется черновиком, пока её не зададут.")
    if not proposal.authors:
        proposal.warnings.append("Автор не найден.")
    if proposal.kind == "opinion" and not proposal.authors:
        proposal.warnings.append("Мнение без автора нельзя опубликовать.")
    return proposal


def _last_nonblank(lines):
    for line in reversed(lines):
        if line.strip():
            return line
    return ""
