"""What a filtered list shows, in words: removable chips and the heading «Мнение · Казахстан · март 2026»."""

import calendar
from dataclasses import dataclass

from django.utils.formats import date_format

from editorial.models import Article

from .filters import capped_params


@dataclass(frozen=True)
class Chip:
    name: str  # the filter: kind, theme, author, source, period, q
    label: str  # what the reader sees on the chip
    remove_url: str  # the same address without this filter (and back on page 1)


def _without(request, key, value=None):
    """The current address minus ``key`` (or only its ``value``, for a repeated key), from page 1."""
    params = capped_params(request).copy()
    params.pop("page", None)
    keys = key if isinstance(key, tuple) else (key,)
    for name in keys:
        if value is None:
            params.pop(name, None)
        else:
            params.setlist(name, [v for v in params.getlist(name) if v != value])
    query = params.urlencode()
    return f"{request.path}?{query}" if query else request.path


def period_label(start, end):
    """«март 2026», «2026 год», «с 1 марта 2026», «по 5 мая 2026», «1 марта — 5 мая 2026»."""
    if start and end:
        if start == end:
            return date_format(start, "j E Y")
        if start.day == 1 and start.year == end.year:
            if start.month == end.month and end.day == calendar.monthrange(end.year, end.month)[1]:
                return date_format(start, "F Y").lower()
            if (start.month, end.month, end.day) == (1, 12, 31):
                return f"{start.year} год"
        return f"{date_format(start, 'j E Y')} — {date_format(end, 'j E Y')}"
    if start:
        return f"с {date_format(start, 'j E Y')}"
    return f"по {date_format(end, 'j E Y')}"


def filter_chips(filterset, request, hidden=()):
    """One chip per valid filter the reader gave (the list's conditions), in the order of the heading."""
    data = filterset.applied()  # an invalid condition is reported and ignored; the others still filter
    chips = []
    if data.get("kind") and "kind" not in hidden:
        chips.append(Chip("kind", dict(Article.Kind.choices)[data["kind"]], _without(request, "kind")))
    if "theme" not in hidden:
        for theme in data.get("theme") or []:
            chips.append(Chip("theme", theme.name, _without(request, "theme", theme.slug)))
    for name in ("author", "source"):
        if data.get(name) and name not in hidden:
            chips.append(Chip(name, data[name].name, _without(request, name)))
    if data.get("date_from") or data.get("date_to"):
        chips.append(
            Chip(
                "period",
                period_label(data.get("date_from"), data.get("date_to")),
                _without(request, ("date_from", "date_to")),
            )
        )
    if data.get("q"):
        chips.append(Chip("q", f"«{data['q']}»", _without(request, "q")))
    return chips


def summary(chips, facet=None):
    """The heading of a filtered list: the chips' labels, the page's own theme/author/source after the genre."""
    labels = [chip.label for chip in chips]
    if facet is not None:
        labels.insert(1 if chips and chips[0].name == "kind" else 0, str(facet))
    return " · ".join(labels)
