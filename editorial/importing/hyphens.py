"""Words broken by a hyphen at a line end, as text extracted from a PDF keeps them: «интегра-» /
«ции» is one word again, «Санкт-» / «Петербург» and «что-» / «то» keep their hyphen."""

import re

_BROKEN = re.compile(r"(?P<first>[^\W\d_]+)(?P<hyphen>[-\u00ad\u2010])[ \t]*\n[ \t]*(?P<second>[^\W\d_]+)")
# Parts that stand beside a hyphen in a real hyphenated word: «что-то», «кое-где», «по-русски».
_PARTICLES_AFTER = {"либо", "нибудь", "таки"}
# «-то» only after a question word: «кто-» / «то», «какой-» / «то», but «мес-» / «то» is «место».
_BEFORE_TO = re.compile(
    r"кто|кого|кому|кем|что|чего|чему|чем|где|когда|куда|откуда|почему|зачем|сколько|чь?[еи]\w*|как\w*"
)
_PARTICLES_BEFORE = {  # the first part, and how the second ends: «по-русски» but «по-» / «шли»
    "кое": "", "кой": "", "по": r"(?:ски|цки|[оеи]му)$", "во": r"(?:ых|их)$", "в": r"(?:ых|их)$", "из": r"^(?:за|под)$",
}  # fmt: skip
# A compound adjective: «социально-» / «экономический», «военно-» / «политического», «северо-» / «западных».
_COMPOUND_FIRST = re.compile(r"северо|юго|\w{3,}(?:ьно|нно|чно|рно|тно|ско|ико|ово|ево)")
_ADJECTIVE = re.compile(r"(?:[ыио]й|[ая]я|[оеыи]е|[ыи]х|[ое]го|[ое]му|[ыи]ми?|[ую]ю|[ое]м)$")


def join_broken_words(text):
    """``text`` with every word broken at a line end made whole. A hyphen is kept where the word
    is a hyphenated one: the second part capitalised («Алма-» / «Ата»), the hyphenated form written
    on one line elsewhere in the same text (and the whole one not), a particle on either side
    («что-» / «то», «кое-» / «где»), a compound adjective («социально-» / «экономический»). A soft
    hyphen never stays."""
    if "\n" not in text:
        return text
    words = {word.lower() for word in re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", text)}

    def join(match):
        first, second = match["first"], match["second"]
        if match["hyphen"] == "\u00ad":
            return first + second
        if _keeps_hyphen(first, second, words):
            return f"{first}-{second}"
        return first + second

    return _BROKEN.sub(join, text)


def _keeps_hyphen(first, second, words):
    """Whether «first-» / «second» is a hyphenated word; ``words``: the text's words, as written."""
    lower_first, lower_second = first.lower(), second.lower()
    if not second[0].islower() or f"{lower_first}-{lower_second}" in words:
        return True
    if lower_first + lower_second in words:  # «интеграции» written whole elsewhere
        return False
    if lower_second in _PARTICLES_AFTER or (lower_second == "то" and _BEFORE_TO.fullmatch(lower_first)):
        return True
    if lower_first in _PARTICLES_BEFORE and re.search(_PARTICLES_BEFORE[lower_first], lower_second):
        return True
    return bool(_COMPOUND_FIRST.fullmatch(lower_first) and len(second) >= 6 and _ADJECTIVE.search(lower_second))
