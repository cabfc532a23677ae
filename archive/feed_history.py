"""A feed's whole history (RFC 5005): numbered pages of a subscription feed and finished months.

Pages: ``?page=N`` of 50 items, newest first; anything but a page that exists
is 404. Archives: one document per finished calendar month (site time zone)
that has articles — it never gains or loses an item once the month is over.
"""

from datetime import datetime

from django.http import Http404
from django.utils import timezone


def page_number_or_404(value):
    """``?page=`` as a number from 1; absent means 1; anything else is not a page."""
    if value is None:
        return 1
    if not value.isascii() or not value.isdigit() or len(value) > 6 or int(value) < 1:
        raise Http404("Нет такой страницы ленты.")
    return int(value)


def month_start(year, month):
    return timezone.make_aware(datetime(year, month, 1))


def next_month_start(start):
    year, month = (start.year + 1, 1) if start.month == 12 else (start.year, start.month + 1)
    return month_start(year, month)


def current_month_start():
    now = timezone.localtime()
    return month_start(now.year, now.month)


def finished_month_or_404(year, month):
    """The start of a calendar month that is over; a current or future month has no archive yet."""
    start = month_start(year, month)
    if next_month_start(start) > timezone.now():
        raise Http404("Архив за этот месяц появится, когда месяц закончится.")
    return start


def in_month(articles, start):
    return articles.filter(published_at__gte=start, published_at__lt=next_month_start(start))


def _first_month(articles, order):
    """The month of the newest (``DESC``) or oldest article: one row off the date index, where
    ``datetimes()`` would make every article's month DISTINCT first."""
    field = "-published_at" if order == "DESC" else "published_at"
    moment = articles.prefetch_related(None).order_by(field).values_list("published_at", flat=True).first()
    if moment is None:
        return None
    local = timezone.localtime(moment)
    return month_start(local.year, local.month)


def latest_finished_month(articles):
    """The newest finished month with articles: the subscription feed's ``prev-archive``."""
    return _first_month(articles.filter(published_at__lt=current_month_start()), "DESC")


def neighbour_months(articles, start):
    """(previous, next) finished months with articles around the month starting at ``start``."""
    previous = _first_month(articles.filter(published_at__lt=start), "DESC")
    later = articles.filter(published_at__gte=next_month_start(start), published_at__lt=current_month_start())
    return previous, _first_month(later, "ASC")
