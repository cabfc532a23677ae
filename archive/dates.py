"""The date navigator of the archive and period pages: years, and the months of a year with counts."""

from dataclasses import dataclass, field
from datetime import date

from django.urls import reverse

from editorial import tallies


def month_counts():
    """``{(year, month): count}`` of public articles, from the maintained counts (``editorial.tallies``)."""
    return {(key // 100, key % 100): count for key, count in tallies.month_counts().items()}


@dataclass
class MonthCell:
    month: date
    count: int
    url: str  # "" when the month has no article
    current: bool = False


@dataclass
class YearEntry:
    year: int
    count: int
    url: str
    current: bool = False
    months: list = field(default_factory=list)  # all twelve, like a calendar, when shown


def date_navigator(current_year=None, current_month=None):
    """Every year with articles, newest first; each with its twelve months when it is shown
    (all years on the archive page, only the current one on a period page)."""
    counts = month_counts()
    years = sorted({year for year, _ in counts}, reverse=True)
    entries = []
    for year in years:
        entry = YearEntry(
            year=year,
            count=sum(c for (y, _), c in counts.items() if y == year),
            url=reverse("archive:year", kwargs={"year": year}),
            current=year == current_year,
        )
        if current_year is None or year == current_year:
            for month in range(1, 13):
                count = counts.get((year, month), 0)
                url = reverse("archive:month", kwargs={"year": year, "month": month}) if count else ""
                entry.months.append(
                    MonthCell(date(year, month, 1), count, url, entry.current and month == current_month)
                )
        entries.append(entry)
    return entries
