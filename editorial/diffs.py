"""Readable differences between two snapshots of an article (see ``revisions.py``): word by word for text."""

import difflib
import re
from datetime import datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from .text import html_to_text

LABELS = {
    "title": "Заголовок", "slug": "Адрес (slug)", "lead": "Лид", "body": "Текст", "status": "Статус",
    "published_at": "Время публикации", "kind": "Жанр", "language": "Язык", "source": "Источник",
    "source_url": "Ссылка на оригинал", "disclaimer": "Оговорка", "cover": "Обложка",
    "cover_caption": "Подпись к обложке", "cover_credit": "Автор снимка", "bylines": "Авторы", "themes": "Темы",
}  # fmt: skip
_TOKEN = re.compile(r"\s+|\w+|[^\w\s]")
_BLOCK_END = re.compile(r"(?<=</p>)|(?<=</h2>)|(?<=</h3>)|(?<=</h4>)|(?<=</li>)|(?<=</blockquote>)|(?<=</tr>)")


def _show(value):
    if value in (None, ""):
        return "—"
    if isinstance(value, datetime):
        return date_format(timezone.localtime(value), "j E Y, H:i")
    return str(value)


def word_diff(old, new):
    """``new`` with the words removed since ``old`` in <del> and the added ones in <ins>."""
    a, b = _TOKEN.findall(old or ""), _TOKEN.findall(new or "")
    parts = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(escape("".join(a[i1:i2])))
            continue
        if i2 > i1:
            parts.append(format_html("<del>{}</del>", "".join(a[i1:i2])))
        if j2 > j1:
            parts.append(format_html("<ins>{}</ins>", "".join(b[j1:j2])))
    return mark_safe("".join(parts))


def _paragraphs(body_html):
    return [text for text in (html_to_text(block) for block in _BLOCK_END.split(body_html or "")) if text]


def body_diff(old_html, new_html):
    """Paragraph by paragraph: unchanged runs folded, changed paragraphs diffed word by word."""
    a, b = _paragraphs(old_html), _paragraphs(new_html)
    rows = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            rows.append(format_html('<p class="diff-same">… без изменений абзацев: {} …</p>', i2 - i1))
        elif op == "replace" and i2 - i1 == j2 - j1:
            rows.extend(format_html("<p>{}</p>", word_diff(x, y)) for x, y in zip(a[i1:i2], b[j1:j2], strict=True))
        else:
            rows.extend(format_html("<p><del>{}</del></p>", x) for x in a[i1:i2])
            rows.extend(format_html("<p><ins>{}</ins></p>", y) for y in b[j1:j2])
    return mark_safe("\n".join(rows))


def list_diff(old, new):
    old_set, new_set = set(old), set(new)
    items = [format_html("<li><del>{}</del></li>", x) for x in old if x not in new_set]
    items += [
        format_html("<li><ins>{}</ins></li>", x) if x not in old_set else format_html("<li>{}</li>", x) for x in new
    ]
    if old != new and old_set == new_set:
        items.append(mark_safe('<li class="diff-same">(изменён порядок)</li>'))
    return mark_safe('<ul class="diff-list">' + "".join(items) + "</ul>")


def changed_fields(old, new):
    return [name for name in LABELS if (old or {}).get(name) != (new or {}).get(name)]


def compare(old, new):
    """``[(label, html)]`` for every field that differs between two snapshots."""
    old = old or {}
    rows = []
    for name in changed_fields(old, new):
        before, after = old.get(name), new.get(name)
        if name == "body":
            html = body_diff(before, after)
        elif name in ("bylines", "themes"):
            html = list_diff(before or [], after or [])
        elif name in ("title", "lead", "cover_caption", "cover_credit"):
            html = word_diff(before, after)
        else:
            html = format_html("<del>{}</del> → <ins>{}</ins>", _show(before), _show(after))
        rows.append((LABELS[name], html))
    return rows


def change_summary(old, new):
    """«Заголовок, Текст, Темы», or «Создана» for the first version."""
    if old is None:
        return "Первая версия"
    names = changed_fields(old, new)
    return ", ".join(LABELS[name] for name in names) if names else "Без изменений"
