"""Highlighted fragments of search results, built from the same terms the search matched."""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

from editorial.querysets import search_terms

FRAGMENT_CHARS = 110
MAX_FRAGMENTS = 2


def snippet(text, query):
    """Up to two escaped fragments of ``text`` around the query's words, the words in <mark>."""
    terms = search_terms(query)
    if not terms or not text:
        return ""
    folded = text.lower().replace("ё", "е")  # same length as text: positions carry over
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(t) for t in terms) + r")\w*")
    matches = list(pattern.finditer(folded))
    if not matches:
        end = _word_end(text, min(len(text), FRAGMENT_CHARS * 2), 0) or FRAGMENT_CHARS * 2
        return escape(text[:end]) + ("…" if len(text) > end else "")
    windows = []
    for match in matches:
        start = _word_start(text, max(0, match.start() - FRAGMENT_CHARS), match.start())
        end = _word_end(text, min(len(text), match.end() + FRAGMENT_CHARS), match.end())
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end)
        elif len(windows) < MAX_FRAGMENTS:
            windows.append((start, end))
    parts = []
    for start, end in windows:
        hits = [m for m in matches if m.start() >= start and m.end() <= end]
        out, cursor = [], start
        for hit in hits:
            out += [escape(text[cursor : hit.start()]), "<mark>", escape(text[hit.start() : hit.end()]), "</mark>"]
            cursor = hit.end()
        out.append(escape(text[cursor:end]))
        parts.append(("…" if start else "") + "".join(out) + ("…" if end < len(text) else ""))
    return mark_safe(" ".join(parts))


def _word_start(text, start, limit):
    """``start`` moved forward to the beginning of a word (never past ``limit``)."""
    if start == 0 or text[start - 1].isspace():
        return start
    space = text.find(" ", start, limit)
    return space + 1 if space != -1 else limit


def _word_end(text, end, limit):
    """``end`` moved back to the end of a word (never before ``limit``)."""
    if end >= len(text) or text[end].isspace():
        return end
    space = text.rfind(" ", limit, end)
    return space if space != -1 else limit


def add_snippets(articles, query):
    for article in articles:
        article.snippet = snippet(f"{article.lead} {article.body_text}".strip(), query)
