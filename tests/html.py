"""Reading rendered pages as a reader's browser would: the text of the elements a CSS selector finds."""

import re

import lxml.html


def parse(page):
    return lxml.html.fromstring(page if isinstance(page, str) else page.decode())


def texts(page, selector):
    """Whitespace-normalised text of every element matching ``selector``, in document order."""
    return [re.sub(r"\s+", " ", el.text_content()).strip() for el in parse(page).cssselect(selector)]


def text(page, selector):
    """The text of the one element matching ``selector`` (fails when there are none or several)."""
    found = texts(page, selector)
    assert len(found) == 1, f"{len(found)} elements match {selector!r}"
    return found[0]


def attrs(page, selector, name):
    return [el.get(name) for el in parse(page).cssselect(selector)]
