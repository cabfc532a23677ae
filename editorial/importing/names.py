"""People's names and positions in bylines (Russian and Kazakh), told from other short lines."""

import re

_UP = "A-ZА-ЯЁӘҒҚҢӨҰҮҺІ"
_LO = "a-zа-яёәғқңөұүһі"
_CAP = rf"[{_UP}][{_LO}]+(?:-[{_UP}]?[{_LO}]+)?"
_UPPER = rf"[{_UP}]{{2,}}(?:-[{_UP}]{{2,}})?"
_INITIALS = rf"[{_UP}]\.\s?(?:[{_UP}]\.\s?)?"
_WORD = rf"(?:{_CAP}|{_UPPER})"
# «Иван Петров», «Иван Петрович Петров», «ИВАН ПЕТРОВ», «И. И. Петров», «Петров И.И.»
NAME = rf"(?:{_WORD}(?:\s+{_WORD}){{1,2}}|{_INITIALS}\s*{_CAP}|{_CAP}\s+{_INITIALS})"
NAME_ONLY = _NAME_ONLY = re.compile(rf"^{NAME}$")
_NAME_AT_START = re.compile(rf"^(?P<name>{NAME})\s*(?:[,—–|]|\s-\s)\s*(?P<position>.+?)$")
_NAME_AND_BRACKETS = re.compile(rf"^(?P<name>{NAME})\s*\((?P<position>[^()]+)\)$")  # «Иван Петров (МГУ)»
# At the end of a position a name may not be in capitals: «профессор МГУ Иван Петров».
_NAME_AT_END = re.compile(
    rf"^(?P<position>.*?[{_LO}].*?)[\s,—–-]+(?P<name>{_CAP}(?:\s+{_CAP}){{1,2}}|{_INITIALS}\s*{_CAP})$"
)
_SURNAME_ENDINGS = (
    "ов", "ова", "ев", "ева", "ёв", "ёва", "ин", "ина", "ын", "ына", "ский", "ская", "цкий", "цкая", "ской",
    "ых", "их", "ко", "ук", "юк", "ян", "янц", "дзе", "швили", "ич", "вич", "овна", "евна", "ична", "бек",
    "беков", "бекова", "баев", "баева", "ұлы", "қызы", "улы", "кызы", "уулу", "ёнок", "off", "son", "ski",
)  # fmt: skip
FIRST_NAMES = {
    "александр", "алексей", "анатолий", "андрей", "анна", "антон", "аркадий", "борис", "вадим", "валентина",
    "валерий", "василий", "вера", "виктор", "виктория", "владимир", "владислав", "галина", "георгий", "глеб",
    "григорий", "дарья", "денис", "дмитрий", "евгений", "евгения", "екатерина", "елена", "елизавета", "иван",
    "игорь", "илья", "ирина", "кирилл", "константин", "ксения", "лариса", "леонид", "любовь", "людмила",
    "максим", "марина", "мария", "михаил", "надежда", "наталья", "наталия", "никита", "николай", "нина",
    "олег", "ольга", "павел", "пётр", "петр", "роман", "светлана", "семён", "сергей", "станислав", "степан",
    "татьяна", "тимофей", "фёдор", "федор", "юлия", "юрий", "яна", "ярослав", "айгерим", "айгүл", "айгуль",
    "айдар", "айдос", "алибек", "алия", "әлия", "алмас", "арман", "асель", "әсел", "асхат", "аскар", "асқар",
    "бауыржан", "болат", "гульнара", "гүлнар", "дамир", "данияр", "дина", "ержан", "ерлан", "жанна", "жанар",
    "зарина", "ильяс", "камила", "кайрат", "қайрат", "мадина", "марат", "мурат", "нурлан", "нұрлан",
    "нурсултан", "руслан", "самал", "санжар", "серик", "серік", "тимур", "темір", "улан", "ұлан", "шынар",
    "эльмира", "эльдар", "рустам", "фарид", "азамат", "ерболат", "жандос", "меруерт", "назира", "сауле",
    "сәуле", "талгат", "талғат", "бахыт", "бақыт", "досым", "рахим", "ислам", "ахмед", "гульмира",
}  # fmt: skip
_NOT_NAMES = {
    "россия", "казахстан", "москва", "астана", "алматы", "евразия", "союз", "республика", "центр", "институт",
    "университет", "президент", "министерство", "главная", "новости", "редакция", "агентство", "фото",
    "источник", "читайте", "подписывайтесь", "декларация", "договор", "саммит", "форум", "экономика",
    "политолог", "эксперт", "директор", "министр", "профессор", "аналитик", "экономист", "журналист",
    "посол", "глава", "депутат", "сенатор", "премьер", "председатель", "губернатор", "аким",
}  # fmt: skip
_NOT_POSITION = re.compile(r"^(?:о|об|про|в|на|как|что|это|и|но|а|за|по|с|из|для|почему|зачем)\s", re.I)


def looks_like_name(text):
    """Whether ``text`` is a person's name shape with a name-like word (a known first name,
    a surname ending, initials or a Kazakh patronymic) and no common non-name word."""
    text = text.strip()
    if not _NAME_ONLY.match(text):
        return False
    words = [w.lower() for w in re.split(r"[\s.]+", text) if w]
    if any(w in _NOT_NAMES for w in words):
        return False
    if "." in text:
        return True
    return any(w in FIRST_NAMES or w.split("-")[-1].endswith(_SURNAME_ENDINGS) for w in words)


def _clean_name(name):
    name = re.sub(r"\s+", " ", name).strip()
    return " ".join(w.capitalize() if w.isupper() and len(w) > 1 and "." not in w else w for w in name.split(" "))


_POSITION_WORDS = {
    "профессор", "директор", "доцент", "эксперт", "аналитик", "политолог", "экономист", "журналист",
    "обозреватель", "корреспондент", "научный", "старший", "ведущий", "главный", "заместитель", "руководитель",
    "председатель", "посол", "советник", "сотрудник", "исследователь", "историк", "социолог", "востоковед",
    "колумнист", "редактор", "заведующий", "декан", "ректор", "член", "депутат", "министр", "кандидат",
    "доктор", "преподаватель", "генеральный", "исполнительный", "специалист", "юрист", "публицист",
}  # fmt: skip


POSITION_WORDS = _POSITION_WORDS


_ABBREVIATION_END = re.compile(r"(?:^|\s)(?:\w{1,4}\.){2,}$")  # «к.э.н.», «д.п.н.»


def _strip_end(text, chars=" ,.;—–-"):
    """``text`` without punctuation around it, but an abbreviation keeps its final dot."""
    stripped = text.strip(chars)
    if _ABBREVIATION_END.search(text.rstrip(" ,;")):
        return text.strip(" ,;—–-")
    return stripped


def _position(text):
    """A position as it reads inside a sentence: «Профессор МГИМО» at the start of a line → «профессор МГИМО»."""
    text = _strip_end(text)
    first = text.split(" ", 1)[0]
    if first.lower() in _POSITION_WORDS and first[:1].isupper() and first[1:].islower():
        return first.lower() + text[len(first) :]
    return text


def split_person(chunk):
    """``(name, position)`` of «Name, position», «Name — position», «position Name»; ``None``
    when no name is found."""
    chunk = _strip_end(chunk, " ,.;:")
    if _NAME_ONLY.match(chunk):
        return _clean_name(chunk), ""
    if match := _NAME_AT_START.match(chunk) or _NAME_AND_BRACKETS.match(chunk):
        position = _strip_end(match["position"])
        if position.count("(") == position.count(")"):
            position = position.strip("()") if position.startswith("(") and position.endswith(")") else position
        return _clean_name(match["name"]), _position(position)
    if match := _NAME_AT_END.match(chunk):
        return _clean_name(match["name"]), _position(match["position"].strip(" ,.;()—–-"))
    return None


def parse_authors(value):
    """``[(name, position)]`` from «position Name Surname», «Name Surname, position», several
    separated by «;», «и» or commas. A chunk without a recognisable name is kept whole."""
    value = _strip_end(re.sub(r"\s+", " ", value), " .")  # an initial keeps its dot («Петров И.И.»)
    pieces = re.split(rf"(;|\s+и\s+(?=[{_UP}])|\s+және\s+|\s+&\s+)", value)
    chunks = pieces[:1]
    for separator, piece in zip(pieces[1::2], pieces[2::2], strict=True):
        # «профессор МГУ и МГИМО»: what follows «и» is no person, so it goes on the position before it.
        person = split_person(piece)
        previous = split_person(chunks[-1])
        if separator.strip() == "и" and previous and previous[1] and not (person and looks_like_name(person[0])):
            chunks[-1] += separator + piece
        else:
            chunks.append(piece)
    chunks = [c.strip() for c in chunks if c.strip()]
    if len(chunks) == 1 and "," in value:
        pieces = [p.strip() for p in value.split(",") if p.strip()]
        if all(_NAME_ONLY.match(p) for p in pieces):
            chunks = pieces
    authors = []
    for chunk in chunks:
        person = split_person(chunk)
        authors.append(person if person else (_clean_name(chunk.strip(" ,")), ""))
    return authors


def bare_byline(line):
    """``[(name, position)]`` for an unlabelled byline line («Айгерим Сейткали», «Иван Петров,
    политолог», «ИВАН ПЕТРОВ», «политолог Иван Петров», «Иван Петров и Анна Смирнова»); else ``None``."""
    if len(line) > 160 or line.endswith(("?", "!")) or line.count(" ") > 14:
        return None
    authors = parse_authors(line)
    if not authors:
        return None
    for name, position in authors:
        if len(position) > 120 or (position and position[0].isupper() and len(position.split()) > 8):
            return None
        if _NOT_POSITION.match(position) or not _NAME_ONLY.match(name):
            return None
        # An unknown name is still a name when a position follows it: «Ганболд Батбаяр, востоковед».
        if not looks_like_name(name) and not (position[:1].islower() and len(position) <= 80):
            return None
        if any(w.lower() in _NOT_NAMES for w in name.split()):
            return None
    return authors
