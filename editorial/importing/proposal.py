"""Assembling what was recognised into a proposed article (``Proposal``).

Every line of the document's head (before the text starts) and tail is put to
the recognisers, in any order, blank lines or not; what they recognise leaves
the body, and removed junk is listed. An unrecognised line in the tail does
not stop the lines above it from being recognised.
"""

import re
from dataclasses import asdict, dataclass, field
from datetime import date

from ..text import paragraphs_to_html, sanitize_html
from .blocks import Block, join_wrapped_lines
from .dates import DateProblem, find_date
from .errors import DocumentError
from .formats import Document, plain_text_blocks, read_document
from .names import split_person
from .recognisers import (
    OPINION_RUBRICS,
    SECTION_OPENERS,
    Found,
    junk_anywhere,
    labelled_byline,
    recognise,
    unlabelled_byline,
)

TITLE_MAX_LENGTH = 250
HEAD_LINES = 25  # a head longer than this is not a head
TAIL_LINES = 14
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[«\"A-ZА-ЯЁ0-9])")
REMOVED_LABELS = {
    "junk": "служебная строка сайта",
    "photo": "подпись к фото",
    "date": "дата",
    "updated": "дата обновления",
    "byline": "автор",
    "source": "источник",
    "disclaimer": "оговорка",
    "tags": "теги",
    "rubric": "рубрика",
}


@dataclass
class Proposal:
    filename: str
    title: str = ""
    title_guessed: bool = False
    lead: str = ""
    paragraphs: list = field(default_factory=list)  # plain text of each body block
    published_on: date | None = None
    authors: list = field(default_factory=list)  # [(name, position)]
    source_name: str = ""
    source_url: str = ""
    kind: str = "analysis"
    disclaimer_text: str = ""
    warnings: list = field(default_factory=list)
    body_blocks: list = field(default_factory=list)  # markup of each body block (headings, lists…)
    updated_on: date | None = None
    rubric: str = ""
    themes: list = field(default_factory=list)  # proposed from the document's tags
    removed: list = field(default_factory=list)  # [(what, line)] taken out of the text

    @property
    def body_html(self):
        if self.body_blocks:
            return sanitize_html("\n".join(self.body_blocks))
        return paragraphs_to_html(self.paragraphs)

    @property
    def removed_lines(self):
        """``[(what in Russian, line)]`` for the preview."""
        return [(REMOVED_LABELS.get(what, what), line) for what, line in self.removed]

    @property
    def removed_junk(self):
        return [line for what, line in self.removed if what in {"junk", "photo"}]

    def to_dict(self):
        data = asdict(self)
        for key in ("published_on", "updated_on"):
            data[key] = data[key].isoformat() if data[key] else None
        return data

    @classmethod
    def from_dict(cls, data):
        data = dict(data)
        for key in ("published_on", "updated_on"):
            data[key] = date.fromisoformat(data[key]) if data.get(key) else None
        data["authors"] = [tuple(a) for a in data.get("authors", [])]
        data["removed"] = [tuple(r) for r in data.get("removed", [])]
        return cls(**data)


@dataclass
class _Line:
    block: int
    text: str
    heading: bool
    found: object = None
    role: str = ""  # "title", "lead" or a recognised line class
    rest_of_line: bool = False
    links: tuple = ()


def parse_document(filename, data):
    """The proposal for one document's bytes; raises DocumentError if it cannot be read."""
    return assemble(read_document(filename, data), filename)


def parse_text(text, filename="документ"):
    return assemble(Document(plain_text_blocks(text)), filename)


def assemble(document, filename):
    proposal = Proposal(filename=filename, warnings=list(document.warnings))
    _apply_page_metadata(proposal, document.meta)
    blocks = document.blocks
    lines = [
        _Line(index, text, block.is_heading, links=block.links)
        for index, block in enumerate(blocks)
        for text in block.lines
    ]
    body_start = _classify_head(lines, proposal)
    _classify_tail(lines, body_start)
    for line in lines[body_start:]:
        if not line.role and not line.heading and len(line.text) <= 250 and (found := junk_anywhere(line.text)):
            line.found, line.role = found, "junk"
    for line in lines:
        if line.found is not None:
            _apply(proposal, line)
    body = _body_blocks(blocks, lines)
    if not body and not proposal.lead:
        raise DocumentError(f"{filename}: в документе нет текста статьи.")
    if not proposal.lead and len(body) > 1 and body[0].kind == "p":
        proposal.lead = re.sub(r"\s*\n\s*", " ", body.pop(0).text).strip()
    if not proposal.title:
        proposal.title = _propose_title(proposal.lead or (body[0].text if body else ""))
        proposal.title_guessed = True
        proposal.warnings.append("Заголовка нет: предложен по первому предложению — проверьте.")
    proposal.paragraphs = [block.text for block in body]
    proposal.body_blocks = [block.body_html() for block in body] if any(b.html for b in body) else []
    _final_warnings(proposal)
    return proposal


# The head: rubric, title, subtitle, date, byline… until the text starts ------------------


def _same(a, b):
    def norm(s):
        return re.sub(r"[\W_]+", " ", s.lower().replace("ё", "е")).strip()

    return norm(a) == norm(b)


def title_like(text):
    return (
        3 <= len(text) <= TITLE_MAX_LENGTH
        and not re.search(r"[.:;,—–-]$", text)
        and not text[0].islower()
        and len(_SENTENCE_END.split(text)) <= 2
    )


def _classify_head(lines, proposal):
    """Mark the head's lines; the index of the first line of the text."""
    title_known = bool(proposal.title)
    title_at = None
    subtitle_done = False
    i = 0
    while i < len(lines) and i < HEAD_LINES:
        line = lines[i]
        if title_known and title_at is None and _same(line.text, proposal.title):
            line.role, title_at = "title", i
            i += 1
            continue
        found = recognise(line.text, labelled_only=line.heading)
        if found is not None and not (line.rest_of_line and found.line_class in {"date", "updated"}):
            _take(lines, i, found)
            i += 1
            continue
        if title_at is None and (
            line.heading
            or (not title_known and title_like(line.text) and not _wraps_on(lines, i))
            or (not title_known and i < 3 and _sentence_title(lines, i))
        ):
            if _is_rubric_guess(lines, i):
                line.found, line.role = None, "rubric-guess"
                proposal.rubric = line.text.strip(" *_")
            else:
                line.role, title_at = "title", i
                proposal.title, proposal.title_guessed = line.text.strip(" *_#").removesuffix("."), False
            i += 1
            continue
        if title_at is not None and not subtitle_done and not proposal.lead and _is_subtitle(line, lines, i):
            line.role, subtitle_done = "lead", True
            proposal.lead = line.text.strip(" *_")
            i += 1
            continue
        break
    # A labelled line just after the text starts («Фото: …», «Автор: …» under the lead).
    for j in range(i, min(i + 6, len(lines))):
        if (
            not lines[j].role
            and (found := recognise(lines[j].text, labelled_only=True))
            and found.line_class != "rubric"
        ):
            _take(lines, j, found)
    return i


def _take(lines, i, found):
    """Line ``i`` is what ``found`` says; text after a date on it («date 2025-12-11 First paragraph…»)
    becomes a line of its own, which stays in the text."""
    line = lines[i]
    line.found, line.role = found, found.line_class
    if found.rest:
        lines.insert(i + 1, _Line(line.block, found.rest, False, rest_of_line=True))
        line.text = line.text[: len(line.text) - len(found.rest)]


def _is_rubric_guess(lines, i):
    """A short line in capitals above a title: «ЭКСПЕРТНОЕ МНЕНИЕ», «ГЛАВНОЕ» (not above a byline or
    a date: then the capitals are the title itself)."""
    text = lines[i].text.strip(" *_")
    following = lines[i + 1].text if i + 1 < len(lines) else ""
    return (
        text.isupper()
        and len(text.split()) <= 2
        and len(text) < 30
        and not re.search(r"[:?!«»\"]", text)
        and title_like(following)
        and recognise(following) is None
    )


def _wraps_on(lines, i):
    """Whether line ``i`` is the first line of a hard-wrapped paragraph (its block goes on in lowercase)."""
    following = lines[i + 1] if i + 1 < len(lines) else None
    return bool(
        following
        and following.block == lines[i].block
        and following.text[:1].islower()
        and recognise(following.text) is None  # «date 2025-12-11», «политолог Иван Петров» under a title
    )


def _sentence_title(lines, i):
    """A short first sentence with a final period, right above a date or a byline, is the title."""
    text = lines[i].text
    following = lines[i + 1].text if i + 1 < len(lines) else ""
    found = recognise(following) if following else None
    return (
        len(text) <= 150
        and text.endswith(".")
        and not text[0].islower()
        and len(_SENTENCE_END.split(text)) == 1
        and found is not None
        and found.line_class in {"date", "byline"}
    )


def _is_subtitle(line, lines, i):
    """A second title-like line under the title (or a long heading) is the subtitle → the lead."""
    if i + 1 >= len(lines):
        return False
    text = line.text
    if line.heading:
        return len(text) >= 40
    return title_like(text) and len(text) >= 30 and not lines[i + 1].heading and not _wraps_on(lines, i)


# The tail: byline, source, disclaimer, photo credit, tags, junk — any order ----------------


def _classify_tail(lines, body_start):
    contiguous = True  # only recognised lines so far, counting from the end
    stop = max(body_start, len(lines) - TAIL_LINES)
    for j in range(len(lines) - 1, stop - 1, -1):
        line = lines[j]
        if line.role:
            continue
        found = recognise(line.text, labelled_only=not contiguous or line.heading)
        if found is not None and found.line_class != "rubric":
            line.found, line.role = found, found.line_class
            continue
        if len(line.text) > 300:
            break
        contiguous = False
    # «Читайте также» near the end and the headlines under it (only headlines: no paragraph follows).
    for j in range(stop, len(lines)):
        if lines[j].role == "junk" and SECTION_OPENERS.match(lines[j].text):
            after = [line for line in lines[j + 1 :] if not line.role]
            if all(len(line.text) < 200 for line in after):
                for line in after:
                    line.found, line.role = Found("junk", "section"), "junk"
            break


# Applying what was found ----------------------------------------------------------------


def _apply(proposal, line):
    found = line.found
    kind, value = found.line_class, found.value
    if kind in REMOVED_LABELS and kind not in {"date", "updated", "byline", "source", "disclaimer"}:
        proposal.removed.append((kind, line.text))
    if kind in {"date", "updated"}:
        if value["published"] and proposal.published_on is None:
            proposal.published_on = value["published"]
        if value["updated"] and proposal.updated_on is None:
            proposal.updated_on = value["updated"]
        proposal.warnings += [f"Дата: {problem}." for problem in value["problems"]]
    elif kind == "byline":
        _add_authors(proposal, value)
    elif kind == "source":
        name, url = value
        url = url or next(iter(line.links), "")  # «Источник: [Kursiv](https://…)»
        proposal.source_name = proposal.source_name or name
        proposal.source_url = proposal.source_url or url
    elif kind == "disclaimer":
        proposal.kind = "opinion"
        proposal.disclaimer_text = proposal.disclaimer_text or value
    elif kind == "tags":
        proposal.themes += [t for t in dict.fromkeys(value) if t not in proposal.themes]
    elif kind == "rubric":
        name, opinion = value
        proposal.rubric = proposal.rubric or name
        if opinion:
            proposal.kind = "opinion"


def _add_authors(proposal, authors):
    known = {_key(name): index for index, (name, _) in enumerate(proposal.authors)}
    for name, position in authors:
        if _key(name) in known:
            index = known[_key(name)]
            if position and not proposal.authors[index][1]:
                proposal.authors[index] = (proposal.authors[index][0], position)
        else:
            known[_key(name)] = len(proposal.authors)
            proposal.authors.append((name, position))


def _key(name):
    return " ".join(name.lower().replace("ё", "е").split())


def _apply_page_metadata(proposal, meta):
    if meta.get("title"):
        proposal.title = meta["title"]
    people = [split_person(name) or (name, "") for name in meta.get("authors", [])]
    _add_authors(proposal, [(n, p) for n, p in people if len(n) <= 120])
    for chunk in meta.get("byline", "").split(";"):
        found = labelled_byline(chunk.strip()) or unlabelled_byline(chunk.strip())
        if found:
            _add_authors(proposal, found.value)
    for key, attribute in (("published", "published_on"), ("updated", "updated_on")):
        if meta.get(key):
            try:
                found, _ = find_date(meta[key])
            except DateProblem:
                found = None
            setattr(proposal, attribute, found)
    proposal.source_name = meta.get("site_name", "")
    proposal.source_url = meta.get("url", "")
    proposal.themes = list(dict.fromkeys(meta.get("tags", [])))
    if section := meta.get("section", ""):
        proposal.rubric = section
        if section.lower().strip() in OPINION_RUBRICS:
            proposal.kind = "opinion"


def _body_blocks(blocks, lines):
    remaining = {}
    touched = set()
    for line in lines:
        if line.role:
            touched.add(line.block)
        else:
            remaining.setdefault(line.block, []).append(line.text)
    body = []
    for index, block in enumerate(blocks):
        if index not in touched:
            body.append(block)
        elif index in remaining:  # what is left of a block whose head or tail lines were taken
            body += [Block("p", text) for text in join_wrapped_lines(remaining[index])]
    return body


def _propose_title(text):
    text = re.sub(r"\s*\n\s*", " ", text)  # a hard-wrapped first paragraph
    sentence = _SENTENCE_END.split(text.strip(), maxsplit=1)[0].rstrip(".!…").strip()
    if len(sentence) <= 120:
        return sentence
    return sentence[:120].rsplit(" ", 1)[0] + "…"


def _final_warnings(proposal):
    if proposal.published_on is None:
        if proposal.updated_on is not None:
            proposal.warnings.append(
                f"Указана только дата обновления ({proposal.updated_on:%d.%m.%Y}): дата публикации неизвестна — "
                "укажите её."
            )
        elif not any("дат" in w.lower() for w in proposal.warnings):
            proposal.warnings.append("Дата публикации не указана: статья останется черновиком, пока её не зададут.")
    if not proposal.authors:
        proposal.warnings.append("Автор не найден.")
    if proposal.kind == "opinion" and not proposal.authors:
        proposal.warnings.append("Мнение без автора нельзя опубликовать.")
