"""Dates as Russian and Kazakh newsrooms write them, read without ever inventing one.

«5 марта 2026 г.», «четверг, 5 марта 2026 года, 18:40», «05.03.2026, 18:40»,
«2026-03-05T18:40:00+05:00», «4 наурыз 2026 ж.», «2026 жылғы 4 наурыз»; other
spellings with an explicit year go to ``dateparser`` (it knows ru and kk). A
value without a year, or relative («вчера»), is not a date.
"""

import re
from datetime import date

RU_MONTHS = (
    ("январ", 1), ("янв", 1), ("феврал", 2), ("фев", 2), ("март", 3), ("мар", 3), ("апрел", 4), ("апр", 4),
    ("ма", 5), ("июн", 6), ("июл", 7), ("август", 8), ("авг", 8), ("сентябр", 9), ("сен", 9),
    ("октябр", 10), ("окт", 10), ("ноябр", 11), ("ноя", 11), ("декабр", 12), ("дек", 12),
)  # fmt: skip
KK_MONTHS = (
    ("қаңтар", 1), ("ақпан", 2), ("наурыз", 3), ("сәуір", 4), ("мамыр", 5), ("маусым", 6), ("шілде", 7),
    ("тамыз", 8), ("қыркүйек", 9), ("қазан", 10), ("қараша", 11), ("желтоқсан", 12),
)  # fmt: skip
_RU_MONTH = r"(?:январ[ья]|феврал[ья]|марта?|апрел[ья]|ма[йя]|июн[ья]|июл[ья]|августа?|сентябр[ья]|октябр[ья]|ноябр[ья]|декабр[ья]|янв|февр?|мар|апр|июн|июл|авг|сент?|окт|нояб?|дек)\.?"  # noqa: E501
RU_MONTH = _RU_MONTH
EN_MONTHS = (
    ("jan", 1), ("feb", 2), ("mar", 3), ("apr", 4), ("may", 5), ("jun", 6), ("jul", 7), ("aug", 8), ("sep", 9),
    ("oct", 10), ("nov", 11), ("dec", 12),
)  # fmt: skip
_EN_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_KK_MONTH = r"(?:" + "|".join(stem for stem, _ in KK_MONTHS) + r")[а-яәғқңөұүһі]*"
_YEAR_WORD = r"(?:\s*(?:г\.|гг\.|года|год|г(?![а-яё])|ж\.|жылы|жылғы|ж(?![а-яәғқңөұүһі])))?"
_TIME = r"(?:\s*(?:[,|•·/—–-]|в|at|сағат)?\s*\d{1,2}[:.]\d{2}(?::\d{2})?(?:\s*(?:\(?(?:мск|MSK|UTC|GMT|по\s+\w+)\)?|[+-]\d{2}:?\d{2}))?)?"  # noqa: E501

DATE_PATTERN = (
    r"(?P<iso>(?P<iy>\d{4})-(?P<im>\d{1,2})-(?P<id>\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?)"  # noqa: E501
    r"|(?P<dotted>(?P<dd>\d{1,2})(?P<sep>[./])(?P<dm>\d{1,2})(?P=sep)(?P<dy>\d{4}|\d{2})(?!\d))"
    rf"|(?P<ru>(?P<rd>\d{{1,2}})\s+(?P<rm>{_RU_MONTH})\s*,?\s*(?P<ry>\d{{4}}))"
    rf"|(?P<kk>(?P<kd>\d{{1,2}})\s+(?P<km>{_KK_MONTH})\s*,?\s*(?P<ky>\d{{4}}))"
    rf"|(?P<kkyf>(?P<fy>\d{{4}})\s*(?:ж\.|жылғы|жылы)?\s*(?P<fd>\d{{1,2}})\s*-?\s*(?P<fm>{_KK_MONTH}))"
    # English, as some Eurasian sites print it: «November 20, 2026», «20 Nov 2026»
    rf"|(?P<en>(?P<em>{_EN_MONTH})\s+(?P<ed>\d{{1,2}}),?\s+(?P<ey>\d{{4}})|(?P<ed2>\d{{1,2}})\s+(?P<em2>{_EN_MONTH})\s+(?P<ey2>\d{{4}}))"
)
_DATE = re.compile(DATE_PATTERN, re.I)
WEEKDAYS = (
    r"(?:понедельник|вторник|среда|четверг|пятница|суббота|воскресенье|пн|вт|ср|чт|пт|сб|вс"
    r"|дүйсенбі|сейсенбі|сәрсенбі|бейсенбі|жұма|сенбі|жексенбі)\.?"
)
# What may stand around a date on a line that is only a date.
_PUNCT = r"[\s*_|•·,.:;()\[\]«»\"—–-]*"
_AROUND = re.compile(rf"^{_PUNCT}(?:\d{{1,2}}:\d{{2}}{_PUNCT})?(?:{WEEKDAYS}\s*[,.]?)?{_PUNCT}$", re.I)
# After the date: «г.», a time, and perhaps the city it was written in («…, Астана»).
_AFTER = re.compile(
    rf"^{_YEAR_WORD}{_TIME}{_PUNCT}(?-i:[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][\w-]+(?:[-\s][A-ZА-ЯЁ][\w-]+)?{_PUNCT})?$", re.I
)


_MONTH_AND_YEAR = re.compile(
    rf"^{_PUNCT}(?:(?:{_RU_MONTH}|{_KK_MONTH})\s*,?\s*(?:19|20)\d{{2}}|(?:19|20)\d{{2}}\s*(?:ж\.|жылғы|жылы)?\s*{_KK_MONTH})"
    rf"{_YEAR_WORD}{_PUNCT}$",
    re.I,
)


def is_month_and_year(value):
    """Whether ``value`` is only a month and a year: «Ноябрь 2026 г.», «2026 жылғы қараша»."""
    return bool(_MONTH_AND_YEAR.match(value))


class DateProblem(ValueError):
    """A date that is written but cannot be taken as it is: the message says why, in Russian."""


def _month(name, table):
    name = name.lower().rstrip(".")
    for stem, number in table:
        if name.startswith(stem):
            return number
    raise DateProblem(f"непонятный месяц «{name}»")


def date_from_match(match):
    """The ``date`` of a ``DATE_PATTERN`` match; ``DateProblem`` if it does not exist."""
    try:
        if match["iso"]:
            return date(int(match["iy"]), int(match["im"]), int(match["id"]))
        if match["dotted"]:
            year = int(match["dy"])
            if year < 100:
                year += 2000
            return date(year, int(match["dm"]), int(match["dd"]))
        if match["ru"]:
            return date(int(match["ry"]), _month(match["rm"], RU_MONTHS), int(match["rd"]))
        if match["kk"]:
            return date(int(match["ky"]), _month(match["km"], KK_MONTHS), int(match["kd"]))
        if match["en"]:
            day, month = match["ed"] or match["ed2"], match["em"] or match["em2"]
            return date(int(match["ey"] or match["ey2"]), _month(month, EN_MONTHS), int(day))
        return date(int(match["fy"]), _month(match["fm"], KK_MONTHS), int(match["fd"]))
    except ValueError as error:
        if isinstance(error, DateProblem):
            raise
        raise DateProblem(f"даты «{match.group(0)}» не существует") from error


def ambiguity(match):
    """Why a matched date could be read another way, or ``""``."""
    if match["dotted"] and match["sep"] == "/" and int(match["dd"]) <= 12 and int(match["dm"]) <= 12:
        if match["dd"] != match["dm"]:
            return f"дата «{match.group(0)}» с косой чертой прочитана как день/месяц — проверьте"
    if match["dotted"] and len(match["dy"]) == 2:
        return f"год «{match['dy']}» записан двумя цифрами — проверьте дату"
    return ""


def find_date(value):
    """The first date written in ``value``: ``(date, match)``; ``(None, None)`` if none."""
    match = _DATE.search(value)
    if not match:
        return None, None
    return date_from_match(match), match


def is_date_only(value, match):
    """Whether ``value`` is nothing but the date (weekday, time, «г.» and punctuation allowed)."""
    return bool(_AROUND.match(value[: match.start()]) and _AFTER.match(value[match.end() :]))


def parse_with_dateparser(value):
    """A date in a spelling the patterns above do not know, if ``dateparser`` reads it with a year."""
    if not re.search(r"(?<!\d)(19|20)\d{2}(?!\d)", value):
        return None  # no explicit year: dateparser would take this year, which is invention
    import dateparser

    parsed = dateparser.parse(
        value,
        languages=["ru", "kk", "en"],
        settings={"REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DATES_FROM": "past", "DATE_ORDER": "DMY"},
    )
    return parsed.date() if parsed else None


def parse_date(value):
    """A date from «2025-12-11», «11.12.2025», «11 декабря 2025», «4 наурыз 2026»…; ``None`` if
    none or impossible. (Kept for callers of the former module.)"""
    try:
        found, _ = find_date(value or "")
    except DateProblem:
        return None
    return found
