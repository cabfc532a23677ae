"""Text blocks with structure: what every format is turned into before recognition."""

import html
import re
from dataclasses import dataclass

import lxml.html
from lxml import etree

# Body headings: the document's title leaves the body, so its headings start at <h2>.
_HEADING_TAG = {"h1": "h2", "h2": "h2", "h3": "h3", "h4": "h4", "h5": "h4", "h6": "h4"}
_BLOCK_TAGS = {"p", "ul", "ol", "blockquote", "table", "pre", *_HEADING_TAG}
_CONTAINER_TAGS = {"div", "section", "article", "main", "body", "html", "span", "center", "font", "dl", "dd", "figure"}
_SKIPPED_TAGS = {
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "svg",
    "button",
    "form",
    "select",
    "input",
    "head",
}
_INLINE_TAGS = {"a", "b", "strong", "i", "em", "u", "sup", "sub", "span", "br", "small", "mark", "code", "s"}


@dataclass
class Block:
    """One paragraph-level unit: ``kind`` is ``p``, ``h1``–``h6``, ``ul``, ``ol``, ``blockquote``,
    ``table`` or ``pre``; ``text`` is its plain text (lines separated by ``\\n``); ``html`` its
    markup, or ``""`` for plain text (made from ``text`` when the body is built)."""

    kind: str
    text: str
    html: str = ""
    links: tuple = ()  # the addresses its links point to

    @property
    def is_heading(self):
        return self.kind.startswith("h")

    @property
    def lines(self):
        """Lines recognisers look at: a paragraph's own lines, any other block as one line."""
        if self.kind == "p":
            return [line.strip() for line in self.text.split("\n") if line.strip()]
        return [re.sub(r"\s+", " ", self.text).strip()]

    def body_html(self):
        if self.html:
            return self.html
        return "<p>" + html.escape(self.text.strip(), quote=False).replace("\n", "<br>") + "</p>"


def text_blocks(paragraphs):
    return [Block("p", paragraph) for paragraph in paragraphs if paragraph.strip()]


def join_wrapped_lines(lines):
    """Paragraphs of lines written without blank lines between them: a line that goes on in
    lowercase continues the paragraph above (a hard-wrapped line); any other starts a new one."""
    paragraphs = []
    for line in lines:
        if paragraphs and line[:1].islower():
            paragraphs[-1] += "\n" + line
        else:
            paragraphs.append(line)
    return paragraphs


def _text_of(element):
    """Plain text of an element, ``<br>`` as a line break, other whitespace collapsed."""
    parts = []
    for node in element.iter():
        if node is not element and node.tag in _SKIPPED_TAGS:
            continue
        if node.tag == "br":
            parts.append("\n")
        elif node.text and node.tag not in _SKIPPED_TAGS:
            parts.append(node.text)
        if node is not element and node.tail:
            parts.append(node.tail)
    text = "".join(parts)
    if element.tag in {"ul", "ol", "table"}:
        return "\n".join(re.sub(r"\s+", " ", t).strip() for t in element.itertext() if t.strip())
    return "\n".join(re.sub(r"[ \t\r\f\v\u00a0]+", " ", line).strip() for line in text.split("\n")).strip()


def _markup(element, tag):
    clone = lxml.html.fromstring(etree.tostring(element, encoding="unicode", method="html", with_tail=False))
    clone.tag = tag
    for attribute in list(clone.attrib):
        clone.attrib.pop(attribute)
    return etree.tostring(clone, encoding="unicode", method="html", with_tail=False).strip()


def html_blocks(markup):
    """Blocks of an HTML fragment or page: block elements kept with their inline markup,
    containers walked into, scripts and styles dropped, loose inline text made paragraphs."""
    if not markup or not markup.strip():
        return []
    try:
        root = lxml.html.document_fromstring(markup)
    except (etree.ParserError, ValueError):
        return []
    body = root.find("body")
    blocks = []
    _walk(root if body is None else body, blocks)
    return blocks


def _walk(element, blocks):
    loose = []  # inline content between block elements

    def flush():
        blocks.extend(_paragraphs("".join(loose)))
        loose.clear()

    if element.text:
        loose.append(element.text)
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in _SKIPPED_TAGS or not tag:
            pass
        elif tag == "table" and _is_layout_table(child):
            flush()
            for cell in _cells(child):
                _walk(cell, blocks)
        elif tag in _BLOCK_TAGS:
            flush()
            text = _text_of(child)
            if text:
                out_tag = _HEADING_TAG.get(tag, "blockquote" if tag == "pre" else tag)
                links = tuple(a.get("href") for a in child.iter("a") if (a.get("href") or "").startswith("http"))
                blocks.append(Block(tag, text, _markup(child, out_tag), links))
        elif tag in _CONTAINER_TAGS and tag != "span" and _has_blocks(child):
            flush()
            _walk(child, blocks)
        elif tag == "br":
            loose.append("\n")
        elif tag in _INLINE_TAGS:
            loose.append("".join(_inline_text(child)))
        else:  # a <div>, <li>, <tr>… of text only: a paragraph of its own (or several, between <br><br>)
            flush()
            blocks.extend(_paragraphs(_text_of(child)))
        if child.tail:
            loose.append(child.tail)
    flush()


def _is_layout_table(table):
    """An old site's page layout made of a table (menu, text, sidebar in cells), not a data table
    (whose cells may hold short paragraphs, as Word's web pages write them): a heading, a nested
    table or a cell of article length inside."""
    inside = [node for node in table.iter() if node is not table and isinstance(node.tag, str)]
    if any(node.tag in _HEADING_TAG or node.tag == "table" for node in inside):
        return True
    return any(len(cell.text_content()) > 600 for cell in inside if cell.tag in {"td", "th"})


def _cells(table):
    """The table's own cells in reading order (a nested table is walked by its cell's turn)."""
    for row in table.xpath("./tr | ./thead/tr | ./tbody/tr | ./tfoot/tr"):
        yield from row.xpath("./td | ./th")


def _paragraphs(text):
    """Paragraph blocks of loose text: an empty line (``<br><br>`` in old pages) separates two."""
    lines = [line.strip() for line in text.split("\n")]
    return [Block("p", chunk.strip()) for chunk in "\n".join(lines).split("\n\n") if chunk.strip()]


def _inline_text(element):
    for node in element.iter():
        if node.tag == "br":
            yield "\n"
        elif node.text:
            yield node.text
        if node is not element and node.tail:
            yield node.tail


def _has_blocks(element):
    return any(isinstance(node.tag, str) and node.tag in _BLOCK_TAGS | {"div", "br", "li"} for node in element.iter())
