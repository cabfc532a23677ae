"""One recogniser per class of line in a document's head and tail.

Each takes one line (stripped) and returns a ``Found`` or ``None``. Labelled
recognisers are sure of themselves and apply anywhere in the head and tail;
the unlabelled ones (a bare date, a bare name, a bare URL) only where
metadata is expected: among the other head lines, or at the very end. Adding
a layout is one recogniser here, its examples in its docstring, and its test.
"""

import re

from .dates import DateProblem, ambiguity, find_date, is_date_only, parse_with_dateparser
from .found import Found
from .junk import _JUNK_ANYWHERE, SECTION_OPENERS, junk, junk_anywhere  # noqa: F401 (one place to import from)
from .names import bare_byline, parse_authors

_U = "A-ZА-ЯЁӘҒҚҢӨҰҮҺІ"
_SEP = r"\s*(?::|—|–|-(?=\s)|\s(?=\S))\s*"  # «Label: value», «Label — value», «Label value»
_URL = re.compile(r"https?://[^\s<>«»\"')]+", re.I)


def _label(words):
    return re.compile(rf"^[\W_]*(?:{words})[\W_]*?(?:{_SEP})(?P<value>.*?)[\s*_]*$", re.I)


# Dates ---------------------------------------------------------------------

_PUBLISHED = r"дата\s+(?:публикации|выхода|материала)|дата|опубликован[оа]?|публикация|размещено|published|posted|date|жарияланған\s+(?:күні|уақыты)|жарияланды|жарияланған"  # noqa: E501
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
        text = text.strip(" :—–-")  # the separator after the label is not part of the date
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


_CITY_PREFIX = re.compile(rf"^[{_U}][\w-]+(?:[-\s][{_U}][\w-]+)?\s*[,—–]\s*")


def bare_date(line):
    """A line that is only a date: «12 марта 2026», «**12 марта 2026**», «Четверг, 5 марта 2026 года,
    18:40», «05.03.2026», «2026-03-05T18:40:00+05:00», «Алматы, 5 марта 2026 г.», «4 наурыз 2026 ж.».
    A numeric date at the start of a line followed by text («11.12.2025. Текст…») gives ``rest``."""
    if len(line) > 300 or (len(line) > 120 and not line[:1].isdigit()):
        return None  # a date line is short, or a numeric date opens a longer one
    text = _CITY_PREFIX.sub("", line) if not line[:1].isdigit() else line
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


# People, credits, sources ----------------------------------------------------

_BYLINE = _label(
    r"авторы?(?:\s+(?:текста|материала|статьи|колонки))?|текст(?:\s+и\s+фото)?|беседовал[аи]?|"
    r"интервью\s+(?:взял[аи]?|записал[аи]?|подготовил[аи]?)|материал\s+подготовил[аи]?|подготовил[аи]?|"
    r"записал[аи]?|authors?|by|автордың\s+аты-жөні|мақала\s+авторы|авторлар|мәтін|сұхбаттасқан|әзірлеген|"
    r"дайындаған"
)
_CREDITS_AFTER = re.compile(r"[,;|]?\s*(?:фото|иллюстраци\w*|видео|инфографика|сурет)\b.*$", re.I)


def labelled_byline(line):
    """«Автор: Иван Петров», «Авторы: Иван Петров, Анна Смирнова», «Текст: Дина Ахметова, фото: …»,
    «Беседовала Мария Кузнецова», «Материал подготовил Ерлан Жумабаев», «Автор — Тимур Алиев,
    политолог», «By John Smith»; a label without a colon needs a name after it."""
    match = _BYLINE.match(line)
    if not match or len(line) > 300:
        return None
    value = _CREDITS_AFTER.sub("", match["value"]).strip()
    if not value:
        return None
    has_colon = bool(re.match(r"^[\W_]*[\w\s-]+?[\W_]*\s*[:—–]", line))
    if not has_colon:
        authors = bare_byline(value)
        return Found("byline", authors) if authors else None
    return Found("byline", parse_authors(value))


def unlabelled_byline(line):
    """A name line: «Айгерим Сейткали», «ИВАН ПЕТРОВ», «Иван Петров, политолог», «политолог Иван
    Петров», «Иван Петров — директор центра», «Нұрлан Серікұлы және Әлия Нұрланқызы»."""
    authors = bare_byline(line.strip(" *_"))
    return Found("byline", authors) if authors else None


_PHOTO = re.compile(
    r"^[\W_]*(?:автор\s+фото|фото(?:графия|графии|граф)?(?:\s+(?:на\s+обложке|автора|из\s+открытых\s+источников|"
    r"из\s+архива|предоставлено|пресс-службы|[\w-]+))?|иллюстраци[яи]|изображение|коллаж|видео|"
    r"инфографика|источник\s+фото|фото\s+и\s+видео|photo|image|credit|сурет(?:\s+[\w-]+)?)\s*(?::|—|–|-|/|©)",
    re.I,
)


def photo_credit(line):
    """«Фото: Shutterstock», «Фото — ТАСС», «(Фото: Reuters)», «Фото на обложке: пресс-служба
    Акорды», «Сурет: Ақорда», «© РИА Новости» — never an author."""
    if len(line) > 200:
        return None
    if _PHOTO.match(line) or (line.startswith(("©", "(c)")) and not re.search(r"\d{4}|прав", line, re.I)):
        return Found("photo", line)
    return None


_SOURCE = _label(
    r"источник(?:\s+материала)?|первоисточник|оригинал(?:\s+(?:статьи|материала|публикации))?|source|"
    r"дереккөз|материал\s+(?:впервые\s+)?опубликован\s+(?:на\s+сайте|в\s+издании|на|в)|"
    r"(?:впервые|первоначально)\s+опубликован[оа]?\s+(?:на\s+сайте|в\s+издании|в\s+журнале|на|в)|"
    r"статья\s+(?:впервые\s+)?опубликована\s+(?:на\s+сайте|в\s+журнале|в\s+издании|на|в)|"
    r"ссылка\s+на\s+(?:источник|оригинал)|перепечатано\s+(?:с\s+сайта|из|с)|по\s+материалам"
)


def parse_source(value):
    """``(name, url)`` of «Contur.kz https://contur.kz/…», «https://…» or «Деловой вестник»."""
    url_match = _URL.search(value)
    url = url_match.group(0).rstrip(".,;)") if url_match else ""
    name = _URL.sub("", value).strip(" ,;—–-()[]")
    name = re.sub(r"\s*\(\s*\)\s*$", "", name)
    if re.fullmatch(r"«[^«»]*»|\"[^\"]*\"", name):  # «Деловой вестник» → Деловой вестник; ИА «Кабар» stays
        name = name[1:-1].strip()
    if not name and url:
        name = re.sub(r"^www\.", "", url.split("/")[2])
    return name, url


def source(line):
    """«Источник: Contur.kz», «Источник — «Деловой вестник», https://…», «Материал впервые
    опубликован на сайте Eurasia Expert», «Дереккөз: Egemen.kz», «Оригинал: https://…»."""
    match = _SOURCE.match(line)
    if not match or len(_URL.sub("", line)) > 300:  # a long address is still an address
        return None
    if not match["value"].strip():  # «Источник:» with the address on the next line
        return Found("source", ("", "")) if re.search(r"[:—–]\s*$", line) else None
    return Found("source", parse_source(match["value"]))


def bare_url(line):
    """A line that is only a web address: the original of the text, at its end."""
    line = line.strip(" *_")  # «**https://…**»: the stars are not part of the address
    if re.fullmatch(r"[<(]?https?://\S+[>)]?", line):
        return Found("source", ("", _URL.search(line).group(0).rstrip(".,;)")))
    return None


# Opinion, themes, rubric -------------------------------------------------------

_DISCLAIMER = re.compile(
    r"(мнени|точк\w*\s+зрени|позици|взгляд|оценк|суждени|выводы)\w*.{0,100}(автор|редакци).{0,160}"
    r"(не\s+(?:обязательно\s+|всегда\s+)?(?:совпада|отража|выража)|мо(?:жет|гут)\s+не\s+совпада)"
    r"|редакци\w*.{0,40}не\s+(?:несёт|несет)\s+ответственност\w*\s+за\s+(?:мнени|содержани|высказывани|точк|позици|оценк|материал)"
    r"|(?:личн|частн|собственн)\w*\s+(?:мнени|точк\w*\s+зрени|позици)\w*\s+автор"
    r"|(?:выражает|излагает|отражает)\s+(?:исключительно\s+|только\s+)?(?:личн|частн|собственн)\w*\s+(?:мнени|точк|позици)"
    r"|в\s+порядке\s+(?:дискуссии|обсуждения|полемики)"
    r"|(?:пікір|көзқарас|ұстаным)\w*.{0,100}(?:редакци|автор)\w*.{0,100}(?:сәйкес\s+келмеу|сәйкес\s+келмей|үйлеспеу|жауап\s+бермейді|жауапты\s+емес)"
    r"|редакция.{0,80}(?:жауап\s+бермейді|жауапты\s+емес)",
    re.I,
)


_DISCLAIMER_KEYS = ("автор", "редакц", "дискусс", "обсужден", "полемик")


def disclaimer(line):
    """«Мнение автора может не совпадать с позицией редакции», «Редакция не несёт ответственности за
    мнение автора», «Точка зрения автора может не совпадать…», «Позиция редакции может не совпадать с
    мнением автора», «Автордың пікірі редакцияның көзқарасымен сәйкес келмеуі мүмкін» → opinion."""
    if len(line) > 400:
        return None
    lower = line.lower()
    if not any(key in lower for key in _DISCLAIMER_KEYS) or not _DISCLAIMER.search(line):
        return None
    return Found("disclaimer", line.strip(" *_"))


_TAGS = _label(r"теги|тэги|метки|ключевые\s+слова|темы|тема|tags|тегтер|тақырыптар|кілт\s+сөздер")
_HASHTAGS = re.compile(r"^(?:#[\w-]+[\s,;]*){1,}$")


def tags(line):
    """«Теги: ЕАЭС, Казахстан, энергетика», «Ключевые слова: …», «#ЕАЭС #Казахстан», «Тегтер: …»
    → proposed themes."""
    if len(line) > 300:
        return None
    if _HASHTAGS.match(line):
        return Found("tags", [t.strip("#, ;") for t in line.split("#") if t.strip("#, ;")])
    match = _TAGS.match(line)
    if not match or ":" not in line[: match.start("value") + 1]:
        return None
    values = [t.strip(' #.«»"') for t in re.split(r"[,;#|]", match["value"])]
    values = [v for v in values if v and len(v) <= 60]
    return Found("tags", values) if values else None


OPINION_RUBRICS = {
    "мнение", "мнения", "колонка", "авторская колонка", "колумнистика", "колумнисты", "точка зрения",
    "позиция", "взгляд", "блог", "блоги", "комментарий", "особое мнение", "пікір", "көзқарас", "авторлық",
    "авторская позиция", "opinion", "op-ed", "мнение эксперта", "экспертное мнение", "пікір-талас",
}  # fmt: skip
RUBRICS = OPINION_RUBRICS | {
    "аналитика", "анализ", "интервью", "новости", "политика", "экономика", "общество", "геополитика",
    "сараптама", "репортаж", "обзор", "расследование", "эксклюзив", "тема дня", "главное", "в мире", "мир",
    "регионы", "безопасность", "энергетика", "история", "культура", "наука", "дипломатия", "евразия",
    "интеграция", "аналитическая записка", "экспертиза", "прогноз", "тренды", "жаңалықтар", "саясат",
    "экономика и бизнес", "международные отношения", "центральная азия", "казахстан", "россия", "снг",
}  # fmt: skip
_RUBRIC_LABEL = _label(r"рубрика|раздел|жанр|айдар|санат|категория")


def rubric(line):
    """A rubric line above the title: «Мнение», «МНЕНИЕ», «Колонка», «Аналитика», «Пікір»,
    «Рубрика: Точка зрения» → ``(rubric, is_opinion)``."""
    if len(line) > 80:
        return None
    match = _RUBRIC_LABEL.match(line)
    value = match["value"] if match and ":" in line else line
    key = re.sub(r"\s+", " ", value.strip(" *_#.:|/[]").lower()).replace("ё", "е")
    if key in RUBRICS or (match and ":" in line and 0 < len(key) <= 40):
        return Found("rubric", (value.strip(" *_#.:|/[]"), key in OPINION_RUBRICS))
    return None


# Order matters: the first that answers wins («Источник фото: …» is a photo credit, not a source).
LABELLED = (labelled_date, photo_credit, disclaimer, source, tags, labelled_byline, junk, rubric)
UNLABELLED = (bare_date, bare_url, unlabelled_byline)

# First words of every labelled line. A long line opening with none of them is body text unless a
# recogniser that looks inside lines says otherwise: this keeps recognition fast.
LABEL_WORDS = frozenset(
    """дата date опубликовано опубликован опубликована публикация размещено published posted жарияланған
    жарияланды обновлено обновлен обновлена обновлён изменено последнее updated modified жаңартылған жаңартылды
    автор авторы author authors by текст беседовал беседовала беседовали интервью материал подготовил
    подготовила подготовили записал записала автордың мақала авторлар мәтін сұхбаттасқан әзірлеген дайындаған
    фото фотография фотографии фотограф иллюстрация иллюстрации изображение коллаж видео инфографика источник
    photo image credit сурет первоисточник оригинал source дереккөз впервые первоначально статья ссылка
    перепечатано по теги тэги метки ключевые темы тема tags тегтер тақырыптар кілт рубрика раздел жанр айдар
    санат категория главная басты home поделиться поделитесь share бөлісу отправить распечатать версия
    сохранить скопировать просмотров просмотры просмотр views прочитано көрілім количество показов комментарии
    комментариев комментарий пікірлер comments нашли если выделите реклама advertisement erid время оқу
    оставить войдите загрузка читать развернуть наверх вернуться к все меню поиск войти регистрация читайте
    смотрите см еще ещё похожие другие популярное самое главное новости рекомендуем вам тағы оқи ұқсас
    танымал последние лента материалы подписывайтесь подпишитесь подписаться оформить жазылыңыз наш мы
    следите присоединяйтесь вконтакте вк vk telegram телеграм whatsapp одноклассники facebook twitter
    youtube instagram дзен яндекс""".split()
)
_FIRST_WORD = re.compile(r"^[\s*_#>(\[«\"]*(\w*)")
_LONG = 90


def _inside(line, labelled_only):
    """Recognisers that look inside a long line (its first word is no label)."""
    found = disclaimer(line)
    if found is None and len(line) <= 250:
        lower = line.lower()
        for keys, pattern in _JUNK_ANYWHERE:
            if any(key in lower for key in keys) and pattern.search(line):
                return Found("junk", "line")
        if not labelled_only:
            found = unlabelled_byline(line)
    return found


def recognise(line, *, labelled_only=False):
    """The ``Found`` for ``line``, or ``None`` when it is not metadata (body text or a title)."""
    if len(line) > _LONG and "|" not in line and "/" not in line:
        first = _FIRST_WORD.match(line).group(1).lower()
        if first and not first[0].isdigit() and first not in LABEL_WORDS:
            return _inside(line, labelled_only)
    for recogniser in LABELLED if labelled_only else LABELLED + UNLABELLED:
        found = recogniser(line)
        if found is not None:
            return found
    return None
