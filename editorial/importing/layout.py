"""Where each line of a document stands: its head (rubric, title, subtitle, date, byline… until the
text starts) and its tail (byline, source, disclaimer, credits, junk — any order). The recognisers say
what a line is; this module says which lines are asked and what a line means where it stands."""

import re
from dataclasses import dataclass

from .dates import DATE_PATTERN
from .names import POSITION_WORDS, split_person
from .recognisers import RUBRICS, SECTION_OPENERS, Found, closing_date, recognise, strip_pictographs, unlabelled_byline

TITLE_MAX_LENGTH = 250
HEAD_LINES = 25  # a head longer than this is not a head
TAIL_LINES = 14
LABEL_METADATA_LINES = 8  # author, date, update, source, photo, views, comments, reading time under a label
HEAD_ONLY = {"rubric", "title", "lead"}  # «Главное: …» closing the text is the author's conclusion, not the lead
SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[«\"A-ZА-ЯЁ0-9])")


@dataclass
class Line:
    """One line of the document with what it was recognised as."""

    block: int
    text: str
    heading: bool
    found: object = None
    role: str = ""  # "title", "lead" or a recognised line class
    rest_of_line: bool = False
    links: tuple = ()
    under_table: bool = False  # the first line of the block right under a table (its caption or source)
    main_heading: bool = False  # an <h1> (a page's, a Word title's, Markdown's «#»): a title over any line above it


# The head: rubric, title, subtitle, date, byline… until the text starts ------------------


def same_text(a, b):
    def norm(s):
        return re.sub(r"[\W_]+", " ", s.lower().replace("ё", "е")).strip()

    return norm(a) == norm(b)


def title_like(text):
    return (
        3 <= len(text) <= TITLE_MAX_LENGTH
        and not re.search(r"[.:;,—–-]$", text)
        and not text[0].islower()
        and len(SENTENCE_END.split(text)) <= 2
    )


def classify_head(lines, proposal, known_subtitle=""):
    """Mark the head's lines; the index of the first line of the text. ``known_subtitle``: the one
    a web page marks as such, whatever its length."""
    title_known = bool(proposal.title)
    title_at = subtitle_at = None
    subtitle_done = labelled_lead = False
    i = 0
    while i < len(lines) and i < HEAD_LINES:
        line = lines[i]
        if title_known and title_at is None and same_text(line.text, proposal.title):
            line.role, title_at = "title", i
            i += 1
            continue
        if known_subtitle and not subtitle_done and not proposal.lead and same_text(line.text, known_subtitle):
            line.role, subtitle_done, proposal.lead = "lead", True, line.text
            i += 1
            continue
        found = recognise(line.text, labelled_only=line.heading)
        if found is None and i > 0 and (merged := _with_position(lines[i - 1], line)):
            lines[i - 1].found, line.role = merged, "byline"
            i += 1
            continue
        if found is not None and found.line_class == "title":  # «Заголовок: …», «Тақырыбы: …»
            line.role = "title"
            if title_at is None:
                title_at = i
                proposal.title = proposal.title if title_known else found.value
            i += 1
            continue
        if found is not None and found.line_class == "rubric" and title_at is not None and not title_known:
            # a masthead above a label in capitals: «Министерство …» / «ПРЕСС-РЕЛИЗ» / the title
            if not subtitle_done and _masthead_above(lines, title_at, i):
                lines[title_at].role, title_at = "rubric-guess", None
                proposal.removed.append(("rubric", proposal.title))
                proposal.title = ""
        if found is not None and found.line_class == "lead" and not labelled_lead:
            labelled_lead = True  # «Кратко: …» is the lead, whatever subtitle stands beside it
            proposal.lead = found.value
            if subtitle_at is not None:
                _set_aside_subtitle(lines[subtitle_at], proposal)
        if found is not None and not (line.rest_of_line and found.line_class in {"date", "updated"}):
            take(lines, i, found)
            i += 1
            continue
        if title_at is None and title_known and _is_label_above_known_title(lines, i, proposal):
            _take_rubric_guess(line, proposal, sure=True)
            i += 1
            continue
        if title_at is None and not title_known and (joined := _wrapped_title(lines, i)):
            line.role, lines[i + 1].role, title_at = "title", "title", i
            proposal.title, proposal.title_guessed = joined, False
            i += 2
            continue
        if title_at is None and (
            line.heading
            or (not title_known and title_like(line.text) and not _wraps_on(lines, i))
            or (not title_known and i < 3 and _sentence_title(lines, i))
        ):
            label = line.text.strip(" *_")
            metadata_below = i + 1 < len(lines) and recognise(lines[i + 1].text) is not None
            outranked = _below_is_main_heading(lines, i)
            rubric_guess = _is_rubric_guess(lines, i)
            if rubric_guess and (metadata_below or outranked or _rubric_words(label)):
                _take_rubric_guess(line, proposal, sure=(label.isupper() or outranked) and not metadata_below)
            else:
                line.role, title_at = "title", i
                title = strip_pictographs(line.text).strip(" *_#").removesuffix(".")
                proposal.title, proposal.title_guessed = title, False
                if rubric_guess:  # «Каспийский транзит» / «Как Казахстан перестраивает маршруты…»
                    proposal.warnings.append(
                        f"Строка «{label}» принята за заголовок, следующая — за подзаголовок; если это рубрика, "
                        "проверьте заголовок."
                    )
            i += 1
            continue
        if title_at is not None and _is_label_under_title(lines, i):
            line.found, line.role = Found("rubric", (line.text.strip(" *_"), False)), "rubric"
            i += 1
            continue
        if title_at is not None and _only_known_metadata(line.text, proposal):
            line.found, line.role = Found("junk"), "junk"
            i += 1
            continue
        if (
            title_at is not None
            and not subtitle_done
            and (labelled_lead or not proposal.lead)
            and _is_subtitle(line, lines, i)
        ):
            line.role, subtitle_done, subtitle_at = "lead", True, i
            if labelled_lead:
                _set_aside_subtitle(line, proposal)
            else:
                proposal.lead = line.text.strip(" *_")
            i += 1
            continue
        break
    # A labelled line just after the text starts («Фото: …», «Автор: …» under the lead).
    for j in range(i, min(i + 6, len(lines))):
        line = lines[j]
        found = None if line.role else recognise(line.text, labelled_only=True)
        if found is not None and found.line_class not in HEAD_ONLY and not _table_source(line, found):
            take(lines, j, found)
    return i


def _set_aside_subtitle(line, proposal):
    """A subtitle beside a labelled lead: the labelled one is the lead, the subtitle leaves the text
    and is listed for the editor."""
    line.role = "subtitle"
    proposal.removed.append(("subtitle", line.text))
    proposal.warnings.append(
        f"Подзаголовок «{line.text.strip(' *_')}» не вошёл в статью: лидом взят текст с пометкой — проверьте."
    )


def take(lines, i, found):
    """Line ``i`` is what ``found`` says; text after a date on it («date 2025-12-11 First paragraph…»)
    becomes a line of its own, which stays in the text."""
    line = lines[i]
    line.found, line.role = found, found.line_class
    if found.rest:
        lines.insert(i + 1, Line(line.block, found.rest, False, rest_of_line=True))


def _take_rubric_guess(line, proposal, *, sure):
    """The short label above the title is the rubric. Unless ``sure`` (capitals, an ``<h1>`` below, the title
    the page names), the editor is asked to check: «Свободная трибуна» or a two-word title?"""
    line.found, line.role = None, "rubric-guess"
    label = line.text.strip(" *_")
    proposal.rubric = label
    proposal.removed.append(("rubric", line.text))
    if not sure:
        proposal.warnings.append(f"Строка «{label}» над заголовком принята за рубрику — проверьте заголовок.")


def _below_is_main_heading(lines, i):
    return i + 1 < len(lines) and lines[i + 1].main_heading and not lines[i].main_heading


def _is_label_above_known_title(lines, i, proposal):
    """A short label above the title the page names (its ``<h1>``, its ``og:title``): «Разбор» /
    «Свободная трибуна» over it, dates and bylines between them allowed, or the page's own section
    shown again in its head."""
    text = lines[i].text.strip(" *_")
    if not short_label(text) or lines[i].main_heading:
        return False
    if proposal.rubric and same_text(text, proposal.rubric):
        return True
    j = i + 1
    while j < min(len(lines), i + 1 + LABEL_METADATA_LINES) and recognise(lines[j].text) is not None:
        j += 1
    return j < len(lines) and same_text(lines[j].text, proposal.title)


def _is_rubric_guess(lines, i):
    """A short label above the title, in a rubric list or not: «ЭКСПЕРТНОЕ МНЕНИЕ», «Разбор»,
    «Свободная трибуна», «Аналитика / Финансы» — one or two words (or a path of such) above a longer
    title-like line, metadata lines between them allowed (up to ``LABEL_METADATA_LINES``: author,
    date, source, counters…). An ``<h1>`` right below outranks a short line above it, styled or not."""
    text = lines[i].text.strip(" *_")
    if not short_label(text):
        return False
    outranked = _below_is_main_heading(lines, i)
    if lines[i].heading and not text.isupper() and not outranked:  # a styled heading is the title, the next one
        return False  # its subtitle
    j = i + 1
    while j < min(len(lines), i + 1 + LABEL_METADATA_LINES) and recognise(lines[j].text) is not None:
        j += 1
    if j >= len(lines):
        return False
    following = lines[j].text
    return (
        title_like(following)
        and len(following) > len(text)
        and recognise(following) is None
        and not _wraps_on(lines, j)
        and (
            outranked
            or not (lines[j].heading and not lines[i].heading and j == i + 1 and lines[i].block != lines[j].block)
        )
    )


# Words of the names rubrics have beyond the known list: «Свободная трибуна», «Точка зрения эксперта».
_RUBRIC_WORDS = re.compile(
    r"(?:трибун|колонк|точк|бесед|цитат|цифр|тем|хроник|записк|заметк|полемик|аналитик|экспертиз|рубрик)[аиы]"
    r"|(?:мнени|позици|дискусси|верси|лекци|рецензи|расследовани)[еяи]|комментари[йи]|"
    r"(?:разбор|взгляд|обзор|факт|диалог|спецпроект|итог|блог|прогноз|репортаж|эксперт)(?:ы|и|а|ов)?|"
    r"контекст|досье|дайджест|анализ|интервью|подкаст|пікір|сараптама"
)


def _rubric_words(label):
    """Whether a short label reads as a rubric, not a title: in capitals, a path, one word, or a word
    of a rubric's name in it («Свободная трибуна», «Экономика Казахстана» after the site's category).
    Otherwise («Каспийский транзит», «Водный вопрос») it may be a short title as well."""
    if label.isupper() or re.search(r"\s[/›»>|]\s", label) or len(label.split()) == 1:
        return True
    words = [word.lower() for word in re.findall(r"[\w-]+", label)]
    return any(_RUBRIC_WORDS.fullmatch(word) or word in RUBRICS for word in words)


def short_label(text):
    """One or two words (or a path of such, «Аналитика / Финансы»), no sentence punctuation."""
    parts = re.split(r"\s+[/›»>|]\s+", text)
    longest = 3 if len(parts) > 1 else 2
    if len(text) >= 40 or not all(1 <= len(part.split()) <= longest for part in parts):
        return False
    return not re.search(r"[:?!«»\"\d]", text) and not text.endswith((".", ","))


def _is_label_under_title(lines, i):
    """A genre label between the title and the byline or date: «Исследование», «Колонка»,
    «Свободная трибуна», «Аналитика / Финансы»."""
    text = lines[i].text.strip(" *_")
    following = lines[i + 1].text if i + 1 < len(lines) else ""
    return short_label(text) and text[:1].isupper() and bool(following) and recognise(following) is not None


def _masthead_above(lines, title_at, i):
    """Whether the «title» above a rubric («Министерство …» / «ПРЕСС-РЕЛИЗ» / date / the real title)
    is a masthead: only metadata lines between them, and a title-like line after the rubric."""
    if not lines[i].text.isupper():  # stars and underscores have no case
        return False
    if any(not lines[k].role or lines[k].role == "lead" for k in range(title_at + 1, i)):
        return False
    j = i + 1
    while j < min(len(lines), i + 5) and recognise(lines[j].text) is not None:
        j += 1
    return j < len(lines) and title_like(lines[j].text) and not _wraps_on(lines, j)


def _is_position_line(text, above):
    """A position on its own line under a name: «Корреспондент», «директор Центра …» (after
    «Нурлан Ерімбетов,»)."""
    if len(text) > 150 or re.search(r"[.!?]$", text) or recognise(text) is not None:
        return False
    first = text.split(" ", 1)[0].lower().strip(",")
    return above.rstrip(" *_").endswith(",") or first in POSITION_WORDS


def _with_position(above, line):
    """The byline of ``above`` completed with the position on ``line``, or ``None``."""
    if above.role != "byline" or above.found is None or not above.found.value:
        return None
    authors = above.found.value
    if authors[-1][1] or not _is_position_line(line.text, above.text):
        return None
    person = split_person(f"{authors[-1][0]}, {line.text.strip(' *_')}")
    return Found("byline", [*authors[:-1], person]) if person else None


_COUNTER = re.compile(r"(?:просмотр\w*|қаралым|көрілім|views|комментари\w*)\s*:?\s*[\d\s]+", re.I)


def _only_known_metadata(text, proposal):
    """A line under the title made of what the page's metadata already says: «Әсел Тоқтарова
    10 қазан 2026 Қаралым: 2 310» (the author, the date and a counter, run together)."""
    if len(text) > 150 or not proposal.authors:
        return False
    rest = text
    for name, _ in proposal.authors:
        rest = re.sub(re.escape(name), " ", rest, flags=re.I)
    if rest == text:
        return False
    rest = _COUNTER.sub(" ", re.sub(DATE_PATTERN, " ", rest, flags=re.I))
    return not re.search(r"\w{3,}", re.sub(r"\d{1,2}:\d{2}", " ", rest))


def _wrapped_title(lines, i):
    """A title hard-wrapped onto a second line in lowercase, then a date, a byline or a blank line:
    «Почему Казахстан и Узбекистан не могут договориться» / «о распределении воды» / «16 ноября 2026»."""
    if i + 1 >= len(lines) or not _wraps_on(lines, i) or lines[i].heading:
        return ""
    joined = f"{lines[i].text} {lines[i + 1].text}".strip(" *_#")
    after = lines[i + 2] if i + 2 < len(lines) else None
    ends_there = after is None or after.block != lines[i].block or recognise(after.text) is not None
    return joined if ends_there and title_like(joined) and len(joined) <= 200 else ""


def _wraps_on(lines, i):
    """Whether line ``i`` is the first line of a hard-wrapped paragraph (its block goes on in lowercase)."""
    following = lines[i + 1] if i + 1 < len(lines) else None
    return bool(
        following
        and following.block == lines[i].block
        and following.text[:1].islower()
        and recognise(following.text) is None  # «г. Астана, 12 ноября 2026 года» is a line of its own
    )


def _sentence_title(lines, i):
    """A short first sentence with a final period, right above a date or a byline, is the title."""
    text = lines[i].text
    following = lines[i + 1].text if i + 1 < len(lines) else ""
    found = recognise(following) if following else None
    return (
        len(text) <= 150
        and text.endswith(".")
        and not text[0].islower()
        and len(SENTENCE_END.split(text)) == 1
        and found is not None
        and found.line_class in {"date", "byline"}
    )


def _is_subtitle(line, lines, i):
    """A second title-like line under the title (or a long heading) is the subtitle → the lead."""
    if i + 1 >= len(lines):
        return False
    text = line.text
    if line.heading:
        return len(text) >= 40
    return title_like(text) and len(text) >= 30 and not lines[i + 1].heading and not _wraps_on(lines, i)


# The tail: byline, source, disclaimer, photo credit, tags, junk — any order ----------------


def after_table(blocks, index):
    return index > 0 and blocks[index - 1].kind == "table"


def _table_source(line, found):
    """«Источник: Бюро национальной статистики» right under a table is the figures' source, not the
    article's: it stays in the text."""
    return line.under_table and found.line_class == "source"


def classify_tail(lines, body_start):
    contiguous = True  # only recognised lines so far, counting from the end
    stop = max(body_start, len(lines) - TAIL_LINES)
    for j in range(len(lines) - 1, stop - 1, -1):
        line = lines[j]
        if line.role:
            continue
        found = recognise(line.text, labelled_only=not contiguous or line.heading)
        if found is None and contiguous and not line.heading and (closing := closing_date(line.text)):
            found = Found("closing-date", closing.value)  # taken only when the document has no other date
        if found is not None and found.line_class not in HEAD_ONLY and not _table_source(line, found):
            line.found, line.role = found, found.line_class
            continue
        above = lines[j - 1] if j - 1 >= stop else None
        if contiguous and above is not None and not above.role and _is_position_line(line.text, above.text):
            person = unlabelled_byline(f"{above.text.strip(' *_').rstrip(',')}, {line.text.strip(' *_')}")
            if person is not None:  # «Акбота Жолдасова,» / «старший эксперт …»
                above.found, above.role, line.role = person, "byline", "byline"
                continue
        if len(line.text) > 300:
            break
        contiguous = False
    # «Читайте также» near the end and the headlines under it (only headlines: no paragraph follows).
    for j in range(stop, len(lines)):
        if lines[j].role == "junk" and SECTION_OPENERS.match(lines[j].text):
            after = [line for line in lines[j + 1 :] if not line.role]
            if all(len(line.text) < 200 for line in after):
                for line in after:
                    line.found, line.role = Found("junk"), "junk"
            break
