"""What a recogniser answers about one line."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Found:
    """What a line is: ``line_class`` (date, updated, byline, photo, source, disclaimer, tags,
    rubric, junk), the value read from it, and ``rest``: text on the line that is not metadata."""

    line_class: str
    value: object = None
    rest: str = ""
