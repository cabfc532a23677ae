"""A Word document's body as simple HTML, from its paragraph styles (python-docx, lxml).

Title and heading styles become headings, list styles and numbered paragraphs
lists, quote styles block quotes, bold/italic runs and hyperlinks are kept,
tables become simple tables. Style names are matched in English and in the
Russian that a Russian Word writes.
"""

import html
import io
import re

_HEADINGS = {"title": 1, "заголовок": 1, "название": 1, "subtitle": 2, "подзаголовок": 2}
_QUOTES = {"quote", "intense quote", "цитата", "выделенная цитата", "цитата 2"}
_HEADING_N = re.compile(r"^(?:heading|заголовок)\s+(\d)$")


def _style_names(document):
    """``{style id: lowercase name}``, read once (python-docx looks styles up one by one)."""
    from docx.oxml.ns import qn

    names = {}
    for style in document.styles.element.iterchildren(qn("w:style")):
        name = style.find(qn("w:name"))
        if name is not None:
            names[style.get(qn("w:styleId"))] = (name.get(qn("w:val")) or "").strip().lower()
    return names


def _style_name(paragraph, names):
    p_pr = paragraph._p.pPr
    style_id = p_pr.pStyle.val if p_pr is not None and p_pr.pStyle is not None else None
    return names.get(style_id, "") if style_id else ""


def _runs_html(paragraph):
    from docx.text.hyperlink import Hyperlink

    parts = []
    for item in paragraph.iter_inner_content():
        if isinstance(item, Hyperlink):
            text = html.escape(item.text, quote=False)
            address = item.address or ""
            parts.append(f'<a href="{html.escape(address)}">{text}</a>' if address.startswith("http") else text)
            continue
        text = html.escape(item.text, quote=False).replace("\n", "<br>").replace("\t", " ")
        if text.strip():
            if item.italic:
                text = f"<em>{text}</em>"
            if item.bold:
                text = f"<strong>{text}</strong>"
        parts.append(text)
    return re.sub(r"</strong><strong>|</em><em>", "", "".join(parts)).strip()


def _list_kind(paragraph, style):
    if style.startswith(("list number", "нумерованный список")):
        return "ol"
    if style.startswith(("list", "список", "маркированный список")):
        return "ul"
    p_pr = paragraph._p.pPr
    if p_pr is not None and p_pr.numPr is not None:
        return "ul"
    return ""


def _table_html(table):
    rows = []
    for row in table.rows:
        cells = "".join(f"<td>{html.escape(cell.text.strip(), quote=False)}</td>" for cell in row.cells)
        rows.append(f"<tr>{cells}</tr>")
    return "<table>" + "".join(rows) + "</table>"


def docx_to_html(data):
    """HTML of the document's body; raises whatever python-docx raises on a broken file."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(io.BytesIO(data))
    names = _style_names(document)
    out, open_list = [], ""
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            if open_list:
                out.append(f"</{open_list}>")
                open_list = ""
            out.append(_table_html(item))
            continue
        assert isinstance(item, Paragraph)
        content = _runs_html(item)
        style = _style_name(item, names)
        kind = _list_kind(item, style) if content else ""
        if open_list and kind != open_list:
            out.append(f"</{open_list}>")
            open_list = ""
        if not content:
            continue
        if kind:
            if not open_list:
                out.append(f"<{kind}>")
                open_list = kind
            out.append(f"<li>{content}</li>")
        elif level := _HEADINGS.get(style) or (int(m[1]) if (m := _HEADING_N.match(style)) else 0):
            out.append(f"<h{min(level, 6)}>{content}</h{min(level, 6)}>")
        elif style in _QUOTES:
            out.append(f"<blockquote><p>{content}</p></blockquote>")
        else:
            out.append(f"<p>{content}</p>")
    if open_list:
        out.append(f"</{open_list}>")
    return "\n".join(out)
