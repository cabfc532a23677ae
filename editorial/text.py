"""Article body format: sanitized HTML, made from plain text or pasted HTML.

The body is stored as HTML limited to a small allow-list (paragraphs,
subheadings, quotes, lists, emphasis, links, tables): ``BODY_MARKUP``, which the
editor in the admin offers too. Plain text, as editors
type it or as documents arrive, becomes one ``<p>`` per paragraph, with the
text kept exactly as written (quotes, dashes, «», ё). Anything else (scripts,
styles, event handlers, foreign attributes) is removed by nh3.
"""

import functools
import hashlib
import html
import re

import nh3

# One definition of what a body may contain: each feature of the body's editor (a
# django-prose-editor extension, see body_editor.py) and the tags it writes. The sanitiser
# keeps exactly these tags, the editor offers exactly these features. <b> and <i> of pasted
# or imported HTML are kept too: the editor reads them as bold and italic.
BODY_MARKUP = {
    "Paragraph": ("p",),
    "HardBreak": ("br",),
    "Heading": ("h2", "h3", "h4"),
    "Blockquote": ("blockquote",),
    "BulletList": ("ul",),
    "OrderedList": ("ol",),
    "ListItem": ("li",),
    "Bold": ("strong", "b"),
    "Italic": ("em", "i"),
    "Link": ("a",),
    "Subscript": ("sub",),
    "Superscript": ("sup",),
    "HorizontalRule": ("hr",),
    "Table": ("table", "thead", "tbody", "tr", "th", "td"),
}
ALLOWED_TAGS = {tag for tags in BODY_MARKUP.values() for tag in tags}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope", "colspan", "rowspan"}, "td": {"colspan", "rowspan"}}
LINK_SCHEMES = {"http", "https", "mailto"}
# Block-level markup means the value is HTML; anything else is plain text, kept literally
# (so «a < b» or «<b>» typed as text stay as written).
_HTML_HINT = re.compile(r"<\s*/?\s*(p|br|h[1-6]|div|blockquote|ul|ol|li|table|section|article)\b[^>]*>", re.I)
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n|\r\n\s*\r\n")
_TAG = re.compile(r"<[^>]+>")


_LINE_BREAK_CONTROLS = re.compile(r"[\x0b\x0c]")  # Word's line and page breaks
_OTHER_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f]")
_ANY_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def strip_control_chars(value, line_break="\n"):
    """Text without the control characters XML 1.0 forbids (they would break every feed).

    Vertical tabs and form feeds, which Word leaves for line and page breaks,
    become ``line_break`` (a space for one-line values); the rest are dropped.
    """
    if not value or not _ANY_CONTROL.search(value):  # the usual case: one scan, no copy
        return value
    return _OTHER_CONTROLS.sub("", _LINE_BREAK_CONTROLS.sub(line_break, value))


def sanitize_html(value):
    return nh3.clean(
        value,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=LINK_SCHEMES,
        link_rel="noopener noreferrer",
    ).strip()


def paragraphs_to_html(paragraphs):
    """One escaped ``<p>`` per non-empty paragraph; line breaks inside kept."""
    parts = []
    for paragraph in paragraphs:
        paragraph = paragraph.strip()
        if paragraph:
            parts.append("<p>" + html.escape(paragraph, quote=False).replace("\n", "<br>") + "</p>")
    return "\n".join(parts)


def split_paragraphs(text):
    """Paragraphs of plain text: blank lines separate them; so do single
    newlines when the text has no blank lines at all (one paragraph a line)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        return []
    if _PARAGRAPH_BREAK.search(text):
        chunks = _PARAGRAPH_BREAK.split(text)
    else:
        chunks = text.split("\n")
    return [chunk.strip() for chunk in chunks if chunk.strip()]


# The same body is normalised several times while it is checked, fingerprinted and saved.
@functools.lru_cache(maxsize=32)
def normalize_body(value):
    """What is stored as the body: sanitized HTML, whether ``value`` was HTML or plain text."""
    value = strip_control_chars(value or "").strip()
    if not value:
        return ""
    if _HTML_HINT.search(value):
        return sanitize_html(value)
    return paragraphs_to_html(split_paragraphs(value))


@functools.lru_cache(maxsize=32)
def html_to_text(value):
    """Plain text of a body (for word counts, descriptions and search)."""
    text = _TAG.sub(" ", value or "")
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


_PARAGRAPH = re.compile(r"<p>(.*?)</p>\s*", re.S)


def _comparable(text):
    return re.sub(r"\s+", " ", text).strip().lower().replace("ё", "е").rstrip(".")


def without_paragraph(body_html, text):
    """The body minus any paragraph that says exactly ``text`` (e.g. a disclaimer pasted into it)."""
    target = _comparable(text or "")
    if not target:
        return body_html
    return _PARAGRAPH.sub(
        lambda match: "" if _comparable(html_to_text(match.group(1))) == target else match.group(0), body_html
    ).strip()


def content_fingerprint(lead, body_html):
    """The fingerprint of an article's text: same words, same fingerprint, whatever the markup,
    control characters or case. Taken from the body as it will be stored, or from the lead
    when there is no body (a document that is only a lead is still recognised the next time)."""
    text = html_to_text(normalize_body(body_html)) or strip_control_chars(lead or "")
    words = re.sub(r"\s+", " ", text.lower().replace("ё", "е")).strip()
    return hashlib.sha256(words.encode()).hexdigest() if words else ""


def plural_form(count, one, few, many):
    """The Russian plural: 1 статья, 2 статьи, 5 статей, 11 статей, 21 статья."""
    count = abs(count)
    if count % 10 == 1 and count % 100 != 11:
        return one
    if 2 <= count % 10 <= 4 and not 12 <= count % 100 <= 14:
        return few
    return many
