"""ASCII slugs from Russian and Kazakh text: the one transliteration of the project.

Django's ``slugify`` and taggit's default drop Cyrillic letters, so «Россия»
would get an empty slug. This table follows the common Russian passport/Yandex
style (х→kh, ц→ts, щ→shch, я→ya) and maps the Kazakh letters to their
nearest Latin (ә→a, ғ→g, қ→q, ң→ng, ө→o, ұ→u, ү→u, һ→h, і→i). The admin's
slug field uses the same table (served to its JavaScript as JSON).
"""

import hashlib
import re
import unicodedata

CYRILLIC_TO_LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e",
    "ж": "zh", "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m",
    "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
    "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
    # Kazakh
    "ә": "a", "ғ": "g", "қ": "q", "ң": "ng", "ө": "o", "ұ": "u", "ү": "u",
    "һ": "h", "і": "i",
    # Ukrainian and Belarusian, for names
    "є": "ye", "ї": "yi", "ґ": "g", "ў": "u",
}  # fmt: skip

_NON_SLUG = re.compile(r"[^a-z0-9]+")


def transliterate(text):
    """Latin letters for Cyrillic ones; other accented letters lose their marks."""
    out = []
    for char in text.lower():
        if char in CYRILLIC_TO_LATIN:
            out.append(CYRILLIC_TO_LATIN[char])
        else:
            # Accented Latin letters lose the accent (and № becomes «no»); dashes, quotes and the like
            # separate words.
            out.append(unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode().lower() or " ")
    return "".join(out)


def slugify_ru(text, max_length=100, fallback_prefix="item"):
    """A non-empty ASCII slug: lowercase words joined by hyphens.

    A text with no letters or digits at all (e.g. «—») gets a short stable
    hash instead, so a slug is never empty.
    """
    slug = _NON_SLUG.sub("-", transliterate(text or "")).strip("-")
    if len(slug) > max_length:
        # Cut after the last whole word that fits (one character more shows whether it ends there).
        head = slug[: max_length + 1]
        slug = head.rsplit("-", 1)[0] if "-" in head else slug[:max_length]
    if not slug:
        digest = hashlib.sha1((text or "").encode()).hexdigest()[:8]
        slug = f"{fallback_prefix}-{digest}"
    return slug


def unique_slug(base, taken, max_length=100):
    """``base`` or ``base-2``, ``base-3``… whichever ``taken(slug)`` says is free."""
    slug = base[:max_length]
    n = 2
    while taken(slug):
        suffix = f"-{n}"
        slug = base[: max_length - len(suffix)].rstrip("-") + suffix
        n += 1
    return slug
