"""Recognisers of date lines: labelled, bare, a dateline opening the text, a closing line, and the
date lines that give no date (no day, no year) but leave the text with a warning."""

import re

from .dates import (
    RU_MONTH,
    WEEKDAYS,
    DateProblem,
    ambiguity,
    find_date,
    is_date_only,
    is_month_and_year,
    parse_with_dateparser,
)
from .found import Found

_U = "A-ZА-ЯЁӘҒҚҢӨҰҮҺІ"

_PUBLISHED = r"дата\s+(?:публикации|выхода|материала)|дата|опубликован[оа]?|публикация|размещено|published|posted|date|жарияланған\s+(?:күні|уақыты)|жарияланды|жарияланған|күні"  # noqa: E501
_UPDATED = r"дата\s+обновления|последнее\s+обновление|обновлен[оа]?|обновлён|изменено|updated|modified|жаңартылған(?:\s+күні)?|жаңартылды"  # noqa: E501
_DATE_LABELS = re.compile(rf"(?<![\w])(?P<upd>{_UPDATED})|(?<![\w])(?P<pub>{_PUBLISHED})(?![\w])", re.I)
_LABELLED_DATE = re.compile(rf"^[\W_]*(?:{_PUBLISHED}|{_UPDATED})(?![\w])", re.I)


def _date_value(text):
    """``(date, problem, match)`` of the first date in ``text``."""
    try:
        found, match = find_date(text)
    except DateProblem as problem:
        return None, str(problem), None
    if found is None:
        text = text.strip(" :—–-|·•")  # the separators around a label are not part of the date
        found = parse_with_dateparser(text)
        return found, "" if found else f"не удалось разобрать дату «{text[:60]}»", None
    return found, ambiguity(match), match


def labelled_date(line):
    """«Дата публикации: 5 марта 2026 г.», «Опубликовано: 05.03.2026, 18:40 | Обновлено: 06.03.2026»,
    «Жарияланған күні: 04.03.2026», «date 2025-12-11 Первый абзац…» (the text after is ``rest``),
    «Обновлено 7 марта 2026» alone → ``updated``."""
    if not _LABELLED_DATE.match(line):
        return None
    labels = list(_DATE_LABELS.finditer(line[:200]))
    if len(line) > 200:  # a long line is text after the date: its words are not labels
        labels = labels[:1]
    values = {"published": None, "updated": None, "problems": []}
    rest = ""
    for index, label in enumerate(labels):
        end = labels[index + 1].start() if index + 1 < len(labels) else len(line)
        segment = line[label.end() : end]
        key = "updated" if label["upd"] else "published"
        found, problem, match = _date_value(segment)
        if problem:
            values["problems"].append(problem)
        if found and values[key] is None:
            values[key] = found
        if match and key == "published" and index == len(labels) - 1:
            after = segment[match.end() :].strip()
            if len(after) > 40 and not is_date_only(segment, match):
                rest = re.sub(r"^[\s,.:;—–-]*(?:г\.|года)?[\s,.:;—–-]*", "", after)
    if values["published"] is None and values["updated"] is None and not values["problems"]:
        return None
    line_class = "date" if values["published"] or not values["updated"] else "updated"
    return Found(line_class, values, rest)


_CITY = rf"(?:г\.\s*)?[{_U}][\w-]+(?:[-\s][{_U}][\w-]+)?"
# «Алматы, », «г. Астана, », «Бишкек – Астана, » before a date
_CITY_PREFIX = re.compile(rf"^{_CITY}(?:\s*[—–-]\s*{_CITY})?\s*[,—–]\s*")


def bare_date(line):
    """A line that is only a date: «12 марта 2026», «**12 марта 2026**», «Четверг, 5 марта 2026 года,
    18:40», «05.03.2026», «2026-03-05T18:40:00+05:00», «Алматы, 5 марта 2026 г.», «4 наурыз 2026 ж.».
    A numeric date at the start of a line followed by text («11.12.2025. Текст…») gives ``rest``."""
    if len(line) > 300 or (len(line) > 120 and not line[:1].isdigit()):
        return None  # a date line is short, or a numeric date opens a longer one
    text = _CITY_PREFIX.sub("", line)  # a city opens with a capital, never with a digit
    try:
        found, match = find_date(text)
    except DateProblem as problem:
        return (
            Found("date", {"published": None, "updated": None, "problems": [str(problem)]}) if len(line) < 40 else None
        )
    if found is None:
        return None
    values = {"published": found, "updated": None, "problems": [p for p in [ambiguity(match)] if p]}
    if is_date_only(text, match):
        return Found("date", values)
    numeric = match["iso"] or match["dotted"]
    after = text[match.end() :]
    if numeric and match.start() == 0 and re.match(rf"^\s*(?:[.,|—–-]\s+|\s+[—–-]\s+|\s+(?=[{_U}«\"]))", after):
        return Found("date", values, after.lstrip(" .,|—–-"))
    return None


def month_and_year(line):
    """«Ноябрь 2026 г.», «2026 жылғы қараша»: a date line without its day. It leaves the text, but the
    article gets no date from it (a day would be invented), only a warning."""
    if len(line) > 40 or not is_month_and_year(line):
        return None
    problem = f"в дате «{line.strip(' *_')}» нет дня — укажите дату публикации"
    return Found("date", {"published": None, "updated": None, "problems": [problem]})


_YEARLESS = re.compile(
    rf"^[\W_]*(?:{WEEKDAYS}\s*,?\s*)?(?:\d{{1,2}}\s+{RU_MONTH}|сегодня|вчера|бүгін|кеше)"
    r"(?:\s*,?\s*(?:в\s+)?\d{1,2}:\d{2})?[\W_]*$",
    re.I,
)


def yearless_date(line):
    """«21 ноября в 18:04», «Сегодня, 14:20» (a post or a page copied without the year): the line leaves
    the text, the article gets no date from it (the year would be invented), only a warning."""
    if len(line) > 50 or not _YEARLESS.match(line):
        return None
    problem = f"в дате «{line.strip(' *_')}» нет года — укажите дату публикации"
    return Found("date", {"published": None, "updated": None, "problems": [problem]})


def _publication_date(found, match):
    return Found("date", {"published": found, "updated": None, "problems": [p for p in [ambiguity(match)] if p]})


def dateline(paragraph):
    """The date of a news agency's dateline opening the first paragraph, which stays text:
    «Ташкент, 16 ноября 2026 г. Президенты…», «АЛМАТЫ, 05.03.2026 — …». Only with the year."""
    prefix = _CITY_PREFIX.match(paragraph)
    if not prefix:
        return None
    try:
        found, match = find_date(paragraph[prefix.end() : prefix.end() + 40])
    except DateProblem:
        return None
    if found is None or match.start() != 0:
        return None
    return _publication_date(found, match)


_CLOSING_DATE = re.compile(r",\s*(?P<date>[^,]{6,40})$")


def closing_date(line):
    """A closing line that ends with the date after a comma: «Статья подготовлена для журнала
    «Евразийская интеграция», 14 октября 2026 г.», «Бишкек – Астана, 28 сентября 2026 г.»
    (only at the end of a document, where a signature stands)."""
    match = _CLOSING_DATE.search(line)
    if len(line) > 160 or not match:
        return None
    date_text = match["date"]
    try:
        found, date_match = find_date(date_text)
    except DateProblem:
        return None
    if found is None or date_match.start() != 0 or not is_date_only(date_text, date_match):
        return None
    return _publication_date(found, date_match)
