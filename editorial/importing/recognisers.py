"""One recogniser per class of line in a document's head and tail.

Each takes one line (stripped) and returns a ``Found`` or ``None``. Labelled
recognisers are sure of themselves and apply anywhere in the head and tail;
the unlabelled ones (a bare date, a bare name, a bare URL) only where
metadata is expected: among the other head lines, or at the very end. Adding
a layout is one recogniser here, its examples in its docstring, and its test.
"""

import re

from .date_lines import (  # noqa: F401 (recognisers of every line class are imported from here)
    _publication_date,
    bare_date,
    closing_date,
    dateline,
    labelled_date,
    month_and_year,
    yearless_date,
)
from .dates import DateProblem, find_date
from .found import Found
from .junk import _JUNK_ANYWHERE, SECTION_OPENERS, junk, junk_anywhere  # noqa: F401 (one place to import from)
from .names import bare_byline, parse_authors

_U = "A-ZА-ЯЁӘҒҚҢӨҰҮҺІ"
_SEP = r"\s*(?::|—|–|-(?=\s)|\s(?=\S))\s*"  # «Label: value», «Label — value», «Label value»
_URL = re.compile(r"https?://[^\s<>«»\"')]+", re.I)


def _label(words):
    return re.compile(rf"^[\W_]*(?:{words})[\W_]*?(?P<separator>{_SEP})(?P<value>.*?)[\s*_]*$", re.I)


# People, credits, sources ----------------------------------------------------

_BYLINE = _label(
    r"авторы?(?:\s+(?:текста|материала|статьи|колонки))?|об\s+автор(?:е|ах)|текст(?:\s+и\s+фото)?|беседовал[аи]?|"
    r"интервью\s+(?:взял[аи]?|записал[аи]?|подготовил[аи]?)|материал\s+подготовил[аи]?|подготовил[аи]?|"
    r"записал[аи]?|authors?|about\s+the\s+authors?|by|автордың\s+аты-жөні|мақала\s+авторы|авторлар|автор\s+туралы|"
    r"мәтін|сұхбаттасқан|әзірлеген|"
    r"дайындаған"
)
_CREDITS_AFTER = re.compile(r"[,;|]?\s*(?:фото|иллюстраци\w*|видео|инфографика|сурет)\b.*$", re.I)


def labelled_byline(line):
    """«Автор: Иван Петров», «Авторы: Иван Петров, Анна Смирнова», «Текст: Дина Ахметова, фото: …»,
    «Об авторе: Ерлан Сагатов — доктор экономических наук»,
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
    Петров», «Иван Петров — директор центра», «Нұрлан Серікұлы және Әлия Нұрланқызы», «— Серик
    Жумабеков, публицист» (a signature after a dash)."""
    authors = bare_byline(re.sub(r"^[—–-]\s+", "", line.strip(" *_")))
    return Found("byline", authors) if authors else None


_PHOTO = re.compile(
    r"^[\W_]*(?:автор\s+фото|фото(?:графия|графии|граф)?(?:\s+(?:на\s+обложке|автора|из\s+открытых\s+источников|"
    r"из\s+архива|предоставлено|пресс-службы|[\w-]+))?|иллюстраци[яи]|изображение|коллаж|видео|"
    r"инфографика|источник\s+фото|фото\s+и\s+видео|photo|image|credit|сурет(?:\s+[\w-]+)?|суретті\s+түсірген|"
    r"фотосурет|суреттер)\s*(?::|—|–|-|/|©)"
    # without a colon: «Фото предоставлено героем публикации», «Фото из личного архива автора»
    r"|^[\W_]*(?:на\s+(?:фото|снимке|фотографии)|суретте)\s*:"
    r"|^[\W_]*(?:фото|снимок|сурет)\s+(?:предоставлен[оаы]?|из\s+(?:личного\s+)?архива|из\s+открытых\s+источников|"
    r"с\s+сайта|пресс-службы|автора\b|ашық\s+дереккөз)",
    re.I,
)


def photo_credit(line):
    """«Фото: Shutterstock», «Фото — ТАСС», «(Фото: Reuters)», «Фото на обложке: пресс-служба
    Акорды», «Сурет: Ақорда», «© РИА Новости», «Фото предоставлено героем публикации» — never an author."""
    if len(line) > 200:
        return None
    if _PHOTO.match(line) or (line.startswith(("©", "(c)")) and not re.search(r"\d{4}|прав", line, re.I)):
        return Found("photo")  # the line itself is what leaves the text
    return None


def caption(line):
    """A photo caption or credit between paragraphs: a short line opening with its label and a colon
    («На фото: министр на площадке», «Фото: Reuters»), never a sentence such as «Фото — это память»."""
    if ":" not in line[:25] or line.endswith((".", "!", "?")):
        return None
    return photo_credit(line)


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
    опубликован на сайте Eurasia Expert», «Дереккөз: Egemen.kz», «Оригинал: https://…», «Материал
    опубликован в газете «Ведомости» №215 от 20.11.2026 …» (the newspaper, and the issue's date)."""
    match = _SOURCE.match(line)
    if not match or len(_URL.sub("", line)) > 300:  # a long address is still an address
        return None
    if not match["value"].strip():  # «Источник:» with the address on the next line
        return Found("source", ("", ""))
    if edition := print_edition(match["value"]):  # «… в газете «Ведомости» №215 от 20.11.2026 …»
        return edition
    return Found("source", parse_source(match["value"]))


_DOMAIN = re.compile(r"(?:www\.)?[\w-]+(?:\.[\w-]+)*\.(?:[a-z]{2,12}|рф|қаз)", re.I)


_MORE_LINK = re.compile(
    r"^[\W_]*(?:подробнее(?:\s+(?:на\s+сайте|читайте|по\s+ссылке))?|читать\s+(?:полностью|в\s+источнике)|"
    r"полная\s+версия(?:\s+(?:статьи|материала))?|толығырақ)\s*[:—–-]?\s*(?P<url>https?://\S+)\s*$",
    re.I,
)


def more_link(line):
    """«Подробнее на сайте: https://…», «Читать полностью: https://…» at the end: the original's address."""
    match = _MORE_LINK.match(line)
    return Found("source", parse_source(match["url"])) if match else None


def bare_url(line):
    """A line that is only a web address (the original of the text), or only a site's name that
    is its domain: «Ekonomika.kz», «24.kg», «Vlast.kz» → the source. «**https://…**»: the stars
    are not part of the address."""
    text = line.strip(" *_")
    if re.fullmatch(r"[<(]?https?://\S+[>)]?", text):
        return Found("source", ("", _URL.search(text).group(0).rstrip(".,;)")))
    if len(text) <= 40 and _DOMAIN.fullmatch(text):  # its last part is letters: «24.12» is no domain
        return Found("source", (text, ""))
    return None


_PRINT_EDITION = re.compile(
    r"^(?:(?:газет[аеу]|журнал[еу]?|еженедельник[еу]?|приложени[еи]|издани[еи])\s+)?«(?P<name>[^«»]{2,60})»"
    r"(?:\s*[,(]?\s*№\s*\d+[\w/-]*)(?:\s*\(\d+\))?(?P<rest>.*)$",
    re.I,
)


def print_edition(line):
    """The issue a text was printed in: «Газета «Коммерсантъ» №215 от 21.11.2026, стр. 6»,
    «Журнал «Эксперт» №12 (1234), 2026» → the source, and the date when the issue has one."""
    match = _PRINT_EDITION.match(line.strip(" *_"))
    if not match or len(line) > 160:
        return None
    parts = [Found("source", (match["name"].strip(), ""))]
    try:
        found, date_match = find_date(match["rest"])
    except DateProblem:
        found = None
    if found is not None:
        parts.append(_publication_date(found, date_match))
    return Found("composite", parts)


_TITLE = _label(r"заголовок|название(?:\s+статьи)?|тема\s+статьи|тақырыбы|тақырып|title|headline")


def labelled_title(line):
    """«Заголовок: …», «Название статьи: …», «Тақырыбы: …», as a form or an author's letter gives it."""
    match = _TITLE.match(line)
    if not match or ":" not in match["separator"] or len(match["value"]) < 3:
        return None
    return Found("title", match["value"].strip())


_LEAD = _label(
    r"(?:кратко|коротко)\s+о\s+главном|аннотация|лид|резюме|кратко|коротко|вкратце|"
    r"(?:самое\s+)?главное(?:\s+коротко)?|суть|аңдатпа|abstract|summary"
)


def labelled_lead(line):
    """«Аннотация: В статье рассматриваются…», «Кратко: …», «Главное: …», «Суть: …», «Лид: …»,
    «Аңдатпа: …» → the lead, without its label."""
    match = _LEAD.match(line)
    if not match or ":" not in match["separator"] or len(match["value"]) < 20:
        return None
    return Found("lead", match["value"].strip())


_GREETING = re.compile(
    r"^[\W_]*(?:здравствуйте|добрый\s+(?:день|вечер)|доброе\s+утро|уважаем(?:ая|ый|ые)\s+(?:редакци|коллег)\w*|"
    r"сәлеметсіз\s+бе|құрметті\s+редакция)[\W_]*(?:\w+[\W_]*)?$"
    r"|^[\W_]*(?:(?:направляю|высылаю|предлагаю|отправляю)\s+(?:вам\s+|вашему\s+вниманию\s+)?"
    r"(?:(?:свою|мою|нашу|новую|авторскую)\s+)?(?:стать|материал|колонк|текст)|прошу\s+(?:опубликовать|рассмотреть))"
    r"|^[\W_]*(?:с\s+уважением|искренне\s+ваш[аи]?|всего\s+доброго|құрметпен)[\W_]*$",
    re.I,
)
_LETTER_RUBRIC = re.compile(r"рубрик\w*\s+«(?P<rubric>[^«»]{2,40})»", re.I)


def letter(line):
    """The covering letter of an author's e-mail: «Здравствуйте!», «Направляю статью для публикации
    в рубрике «Мнения».» (→ that rubric), «С уважением,» (the byline follows)."""
    if len(line) > 300 or not _GREETING.match(line):
        return None
    if (match := _LETTER_RUBRIC.search(line)) and (found := rubric(match["rubric"])):
        return found
    return Found("junk")


# Opinion, themes, rubric -------------------------------------------------------

_DISCLAIMER = re.compile(
    r"(мнени|точк\w*\s+зрени|позици|взгляд|оценк|суждени|выводы)\w*.{0,100}(автор|редакци).{0,160}"
    r"(не\s+(?:обязательно\s+|всегда\s+)?(?:совпада|отража|выража)|мо(?:жет|гут)\s+не\s+совпада)"
    r"|редакци\w*.{0,40}не\s+(?:несёт|несет)\s+ответственност\w*\s+за\s+(?:мнени|содержани|высказывани|точк|позици|оценк|материал)"
    r"|(?:личн|частн|собственн)\w*\s+(?:мнени|точк\w*\s+зрени|позици|взгляд)\w*\s+автор"
    r"|не\s+(?:должн\w*|следует)\s+(?:рассматрива|восприниматься|считать)\w*\s+как\s+(?:точк|позици|мнени|официальн)"
    r"|(?:выражает|излагает|отражает)\s+(?:исключительно\s+|только\s+)?(?:личн|частн|собственн)\w*\s+(?:мнени|точк|позици)"
    r"|в\s+порядке\s+(?:дискуссии|обсуждения|полемики)"
    r"|редакци\w*.{0,40}(?:может\s+не\s+|не\s+(?:обязательно\s+|всегда\s+)?)разделя\w*.{0,40}(?:мнени|точк|позици|взгляд|оценк)"
    r"|(?:пікір|көзқарас|ұстаным)\w*.{0,100}(?:редакци|автор)\w*.{0,100}(?:сәйкес\s+келмеу|сәйкес\s+келмей|үйлеспеу|жауап\s+бермейді|жауапты\s+емес)"
    r"|редакция.{0,80}(?:жауап\s+бермейді|жауапты\s+емес)",
    re.I,
)


# Each alternative of _DISCLAIMER holds one of these: a line without any is not searched.
_DISCLAIMER_KEYS = ("автор", "редакц", "дискусс", "обсужден", "полемик", "рассматрива", "воспринима", "считать", "личн",
                    "частн", "собственн")  # fmt: skip


def disclaimer(line):
    """«Мнение автора может не совпадать с позицией редакции», «Редакция не несёт ответственности за
    мнение автора», «Точка зрения автора может не совпадать…», «Позиция редакции может не совпадать с
    мнением автора», «Редакция может не разделять точку зрения автора», «Автордың пікірі редакцияның
    көзқарасымен сәйкес келмеуі мүмкін» → opinion."""
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
        return Found("tags", [t.strip("#, ;").replace("_", " ") for t in line.split("#") if t.strip("#, ;")])
    match = _TAGS.match(line)
    if not match or ":" not in match["separator"]:
        return None
    values = [t.strip(' #.«»"') for t in re.split(r"[,;#|]", match["value"])]
    return Found("tags", [v for v in values if v and len(v) <= 60])  # «Теги:» left empty leaves the text too


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
INTERVIEW_RUBRICS = {"интервью", "сұхбат", "interview", "беседа", "диалог"}
RUBRICS |= INTERVIEW_RUBRICS | {"пресс-релиз", "пресс-релизы", "баспасөз релизі", "press release"}
_INTERVIEWER = re.compile(
    r"^[\W_]*(?:беседовал[аи]?|интервью\s+(?:взял[аи]?|записал[аи]?)|сұхбаттасқан|interviewed\s+by)\b", re.I
)


def is_interview(line):
    """Whether a rubric or byline line says the text is an interview: «Интервью», «Сұхбат»,
    «Беседовала Алина Ким», «Интервью взял Иван Петров»."""
    text = line.strip(" *_#.:|/[]").lower()
    return text in INTERVIEW_RUBRICS or bool(_INTERVIEWER.match(line))


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


_SEPARATOR = re.compile(r"\s+[|·•]\s+")


_SENTENCES = re.compile(rf"(?<=[.!?])\s+(?=[{_U}«])")


def composite(line):
    """A line of several metadata parts between «·», «|» or «•», or of several sentences, each
    recognised on its own: «Даурен Абаев, урбанист · 6 октября 2026 г.», «Текст: Анна Ким |
    05.03.2026 | Фото: ТАСС», «Автор — Алихан Мусин, блогер. Мнение автора может не совпадать…»,
    «Просмотров: 1 245 · 05.03.2026» (a counter beside the date). Counters, share and reading-time
    parts alone: «Комментарии: 3 · Время чтения: 5 мин» → junk."""
    text = line.strip(" *_")
    if tags(text) is not None:  # «Теги: Каспий | ЕАЭС | энергетика»: the bars separate tags
        return None
    parts = _SEPARATOR.split(text)
    between_signs = len(parts) >= 2
    if not between_signs:
        parts = _SENTENCES.split(text)
    if not 2 <= len(parts) <= 4 or len(line) > 400:
        return None
    found = [recognise(part) for part in parts]
    classes = {f.line_class for f in found if f is not None}
    if None in found:
        return None
    if "junk" in classes and (not between_signs or classes & {"rubric", "title", "lead"}):
        return None  # «© ВЕСТНИК. ВСЕ ПРАВА ЗАЩИЩЕНЫ» is one line, «Главная | Аналитика» a menu
    if classes == {"junk"}:  # «Комментарии: 3 · Время чтения: 5 мин»
        return Found("junk")
    if len(classes) < 2 or classes <= {"date", "updated"}:
        return None
    return Found("composite", found)


# Order matters: the first that answers wins («Источник фото: …» is a photo credit, not a source).
LABELLED = (
    labelled_date, photo_credit, disclaimer, source, more_link, tags, print_edition, labelled_byline, labelled_title,
    labelled_lead, junk, letter, rubric,
)  # fmt: skip
UNLABELLED = (bare_date, month_and_year, yearless_date, bare_url, unlabelled_byline)

# First words of every labelled line. A long line opening with none of them is body text unless a
# recogniser that looks inside lines says otherwise: this keeps recognition fast.
LABEL_WORDS = frozenset(
    """дата date опубликовано опубликован опубликована публикация размещено published posted жарияланған
    жарияланды обновлено обновлен обновлена обновлён изменено последнее updated modified жаңартылған жаңартылды
    автор авторы author authors by об about текст беседовал беседовала беседовали интервью материал подготовил
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
    youtube instagram дзен яндекс газета журнал еженедельник приложение copyright самые көп қаралым контакты
    пресс-релиз пресс-служба для заголовок название тақырыбы тақырып title headline күні здравствуйте
    добрый уважаемая уважаемый уважаемые направляю прошу предлагаю высылаю сәлеметсіз құрметті аннотация
    лид резюме кратко коротко вкратце аңдатпа abstract summary суть снимок о контакты выйти мобильная rss
    суретті фотосурет суреттер на сегодня вчера бүгін кеше подробнее полная толығырақ суретте""".split()
)
# Emoji and signs opening a line of a post: «📌 Источник: Kloop», «🕒 01.10.2026», «⚡️ Заголовок».
_PICTOGRAPHS = re.compile(r"^(?:[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\uFE0F\u200D]+\s*)+")


def strip_pictographs(line):
    """«⚡️ Минфин предложил…» → «Минфин предложил…»."""
    return _PICTOGRAPHS.sub("", line)


_FIRST_WORD = re.compile(r"^[\s*_#>(\[«\"]*(\w*)")
_LONG = 90


def _inside(line, labelled_only):
    """Recognisers that look inside a long line (its first word is no label)."""
    found = disclaimer(line)
    if found is None and len(line) <= 250:
        lower = line.lower()
        for keys, pattern in _JUNK_ANYWHERE:
            if any(key in lower for key in keys) and pattern.search(line):
                return Found("junk")
        if not labelled_only:
            found = unlabelled_byline(line)
    return found


def recognise(line, *, labelled_only=False):
    """The ``Found`` for ``line``, or ``None`` when it is not metadata (body text or a title)."""
    if len(line) > _LONG and not any(separator in line for separator in "|/·•"):
        first = _FIRST_WORD.match(line).group(1).lower()
        if first and not first[0].isdigit() and first not in LABEL_WORDS:
            return _inside(line, labelled_only)
    line = _PICTOGRAPHS.sub("", line)
    if ("|" in line or "·" in line or "•" in line or _SENTENCES.search(line)) and (found := composite(line)):
        return found
    for recogniser in LABELLED if labelled_only else LABELLED + UNLABELLED:
        found = recogniser(line)
        if found is not None:
            return found
    return None
