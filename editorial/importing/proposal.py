"""Assembling what was recognised into a proposed article (``Proposal``).

Every line of the document's head (before the text starts) and tail is put to
the recognisers, in any order, blank lines or not (``layout``); what they
recognise leaves the body, and removed junk is listed. An unrecognised line in
the tail does not stop the lines above it from being recognised.
"""

import re
from dataclasses import asdict, dataclass, field, replace
from datetime import date

from ..text import paragraphs_to_html, sanitize_html
from .blocks import Block, join_wrapped_lines
from .dates import DateProblem, find_date
from .errors import DocumentError
from .formats import Document, plain_text_blocks, read_document
from .layout import (  # noqa: F401 (TITLE_MAX_LENGTH is the package's)
    SENTENCE_END,
    TITLE_MAX_LENGTH,
    Line,
    after_table,
    classify_head,
    classify_tail,
    same_text,
)
from .names import split_person
from .recognisers import (
    OPINION_RUBRICS,
    caption,
    dateline,
    is_interview,
    junk_anywhere,
    labelled_byline,
    unlabelled_byline,
)

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
    "subtitle": "подзаголовок",
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
        Line(
            index,
            text,
            block.is_heading,
            links=block.links,
            under_table=k == 0 and after_table(blocks, index),
            main_heading=block.kind == "h1",
        )
        for index, block in enumerate(blocks)
        for k, text in enumerate(block.lines)
    ]
    body_start = classify_head(lines, proposal, document.meta.get("subtitle", ""))
    classify_tail(lines, body_start)
    for line in lines[body_start:]:
        if not line.role and not line.heading and (found := junk_anywhere(line.text)):
            line.found, line.role = found, "junk"
        elif not line.role and not line.heading and (found := caption(line.text)):  # «На фото: …» between paragraphs
            line.found, line.role = found, "photo"
    for line in lines:
        if line.found is not None:
            _apply(proposal, line)
    if proposal.published_on is None:  # «Ташкент, 16 ноября 2026 г. Президенты…»: the text stays
        first = next((line for line in lines[body_start:] if not line.role and not line.heading), None)
        if first is not None and (found := dateline(first.text)):
            proposal.published_on = found.value["published"]
    subtitle = document.meta.get("subtitle", "")
    if subtitle and not proposal.lead and not any(same_text(line.text, subtitle) for line in lines):
        proposal.lead = subtitle  # the page's subtitle, which the extraction of its text left out
    body = _body_blocks(blocks, lines)
    if not body and not proposal.lead:
        raise DocumentError(f"{filename}: в документе нет текста статьи.")
    if not proposal.lead and len(body) > 1 and body[0].kind == "p":
        proposal.lead = re.sub(r"\s*\n\s*", " ", body.pop(0).text).strip()
    if not proposal.title:
        proposal.title = _propose_title(proposal.lead or body[0].text)  # a document without either is refused above
        proposal.title_guessed = True
        proposal.warnings.append("Заголовка нет: предложен по первому предложению — проверьте.")
    proposal.paragraphs = [block.text for block in body]
    proposal.body_blocks = [block.body_html() for block in body] if any(b.html for b in body) else []
    _final_warnings(proposal)
    return proposal


# Applying what was found ----------------------------------------------------------------


def _apply(proposal, line):
    found = line.found
    kind, value = found.line_class, found.value
    if kind == "composite":  # «Имя, должность · 6 октября 2026 г.»: each part as if on its own line
        for part in value:
            _apply(proposal, replace(line, found=part))
        return
    if kind == "closing-date":  # «…, 14 октября 2026 г.» closing the text: its date, if it has no other
        if proposal.published_on is None:
            proposal.published_on = value["published"]
        else:
            line.found, line.role = None, ""  # the line stays text
        return
    if kind in {"rubric", "byline"} and is_interview(line.text) and proposal.kind == "analysis":
        proposal.kind = "interview"
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
    elif kind == "lead":
        proposal.lead = proposal.lead or value
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
        elif is_interview(section):  # «Интервью» shown above the page's title
            proposal.kind = "interview"


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
    sentence = SENTENCE_END.split(text.strip(), maxsplit=1)[0].rstrip(".!…").strip()
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
