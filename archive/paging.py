"""Numbered pagination of every list: which page numbers to show and their addresses."""

from dataclasses import dataclass

from .filters import capped_params

AROUND = 2  # pages shown on each side of the current one


def page_window(number, num_pages, around=AROUND):
    """Page numbers to show, ``None`` standing for a gap: the first, the last and those near ``number``.

    ``page_window(7, 40)`` → ``[1, None, 5, 6, 7, 8, 9, None, 40]``; a gap of a single page
    shows that page instead of «…».
    """
    shown = sorted(n for n in {1, num_pages, *range(number - around, number + around + 1)} if 1 <= n <= num_pages)
    window, previous = [], 0
    for n in shown:
        if n - previous == 2:
            window.append(n - 1)
        elif n - previous > 2:
            window.append(None)
        window.append(n)
        previous = n
    return window


def page_url(request, number):
    """The current address (path and every filter) on page ``number``; page 1 has no ``page``."""
    params = capped_params(request).copy()
    params.pop("page", None)
    if number > 1:
        params["page"] = number
    query = params.urlencode()
    return f"{request.path}?{query}" if query else request.path


@dataclass
class PageLink:
    number: int | None  # None: a gap («…»)
    url: str = ""
    current: bool = False


class Pagination:
    """What the pagination bar and the ``<head>`` need of a page of a list."""

    def __init__(self, request, page_obj):
        self.request, self.page = request, page_obj
        self.number = page_obj.number
        self.num_pages = page_obj.paginator.num_pages
        self.is_capped = getattr(page_obj.paginator, "is_capped", False)  # a list longer than it counts

    def url(self, number):
        return page_url(self.request, number)

    @property
    def links(self):
        return [
            PageLink(n, self.url(n), n == self.number) if n else PageLink(None)
            for n in page_window(self.number, self.num_pages)
        ]

    @property
    def previous_url(self):
        return self.url(self.number - 1) if self.page.has_previous() else ""

    @property
    def next_url(self):
        return self.url(self.number + 1) if self.page.has_next() else ""

    @property
    def first_url(self):
        return self.url(1) if self.number > 1 else ""

    @property
    def last_url(self):
        return self.url(self.num_pages) if self.number < self.num_pages else ""

    @property
    def hidden_params(self):
        """The filters the page-jump form carries along (everything but ``page``)."""
        params = capped_params(self.request)
        return [(key, value) for key, values in params.lists() if key != "page" for value in values]
