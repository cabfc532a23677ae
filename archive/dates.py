"""The date navigator of the archive and period pages: years, and the months of a year with counts."""

from dataclasses import dataclass, field
from datetime import date

from django.urls import reverse
from django.utils.formats import date_format

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
    name: str = ""  # «Март»: the month's name, as ``month|date:"F"``


@dataclass
class YearEntry:
    year: int
    count: int
    url: str
    current: bool = False
    months: list = field(default_factory=list)  # all twelve, like a calendar, when shown


class PublicMonths:
    """The months that have public articles and their counts, read once (one small query):
    what a period page needs to know whether it exists, its length and its neighbours."""

    def __init__(self):
        self.counts = month_counts()

    def of_year(self, year):
        """The first days of ``year``'s months that have articles, in order."""
        return [date(y, m, 1) for y, m in sorted(self.counts) if y == year]

    def count(self, year, month=None):
        if month is not None:
            return self.counts.get((year, month), 0)
        return sum(n for (y, _), n in self.counts.items() if y == year)

    def neighbour_year(self, year, later):
        """The nearest year before (or after) ``year`` that has articles, as its 1 January; or None."""
        years = {y for y, _ in self.counts if (y > year if later else y < year)}
        return date(min(years) if later else max(years), 1, 1) if years else None

    def neighbour_month(self, year, month, later):
        """The nearest month before (or after) that has articles, as its first day; or None."""
        months = [key for key in self.counts if (key > (year, month) if later else key < (year, month))]
        if not months:
            return None
        y, m = min(months) if later else max(months)
        return date(y, m, 1)


def date_navigator(current_year=None, current_month=None, months=None):
    """Every year with articles, newest first; each with its twelve months when it is shown
    (all years on the archive page, only the current one on a period page). ``months``:
    the ``PublicMonths`` already read, if any."""
    counts = (months or PublicMonths()).counts
    years = sorted({year for year, _ in counts}, reverse=True)
    entries, names = [], {month: date_format(date(2000, month, 1), "F") for month in range(1, 13)}
    # A month's address is its year's plus «MM/»: one reverse() per year, not thirteen (200 on /archive/).
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
                url = f"{entry.url}{month:02d}/" if count else ""
                entry.months.append(
                    MonthCell(date(year, month, 1), count, url, entry.current and month == current_month, names[month])
                )
        entries.append(entry)
    return entries
