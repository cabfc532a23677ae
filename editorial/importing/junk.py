"""Recognisers of web-page junk: navigation, share, subscribe and counter lines, «Читайте также»."""

import re

from .found import Found

SECTION_OPENERS = re.compile(
    r"^[\W_]*(?:читайте\s+(?:также|еще|ещё|по\s+теме|нас)|смотрите\s+также|см\.\s+также|по\s+теме|"
    r"(?:еще|ещё)\s+по\s+теме|похожие\s+(?:материалы|новости|статьи|публикации)|другие\s+(?:материалы|новости|статьи)|"
    r"популярное|сам(?:ое|ые)\s+(?:читаемое|популярное|обсуждаемое|читаемые|популярные|обсуждаемые)|көп\s+оқылған|главное\s+за\s+(?:день|неделю)|новости\s+партн[её]ров|"
    r"рекомендуем|вам\s+может\s+быть\s+интересно|тағы\s+оқыңыз|оқи\s+отырыңыз|ұқсас\s+(?:жаңалықтар|материалдар)|"
    r"танымал|последние\s+новости|лента\s+новостей|материалы\s+по\s+теме)\b",
    re.I,
)
_JUNK = [
    re.compile(p, re.I)
    for p in (
        r"^(?:главная|басты\s+бет|home)\s*(?:[/>›»|→•·]|$)",
        r"^[^.!?/]{1,40}(?:\s+[/>›»→]\s+[^.!?/>›»→]{1,60}){2,}$",  # breadcrumbs
        r"^[\W_]*(?:поделиться|поделитесь|share|бөлісу|отправить\s+другу|распечатать|версия\s+для\s+печати|"
        r"сохранить\s+в\s+закладк|скопировать\s+ссылку)",
        r"^(?:[\W_]*(?:вконтакте|вк|vk|telegram|телеграм|whatsapp|одноклассники|ok|facebook|twitter|x|youtube|"
        r"instagram|дзен|яндекс\.?\s?дзен|rutube|viber|tiktok|email|e-mail|почта)[\W_]*){1,}$",
        r"(?:подписывайтесь|подпишитесь|подписаться\s+на|оформить\s+подписку|жазылыңыз|наш\s+(?:telegram|телеграм)"
        r"|канал\s+в\s+(?:telegram|телеграм)|мы\s+в\s+(?:telegram|телеграм|соцсетях|социальных)|следите\s+за\s+нами|"
        r"присоединяйтесь\s+к\s+нам|рассылк)",
        r"^[\W_]*(?:просмотр(?:ов|ы)?|views|прочитано|көрілім|қаралым|количество\s+просмотров|показов)\s*[:\-]?\s*[\d\s.,kк]+$",
        r"^[\W_]*[\d\s.,]+\s*(?:тыс\.\s*)?(?:просмотр\w*|прочтени\w*|комментари\w*|views)$",
        r"^[\W_]*(?:комментари\w*|пікірлер|comments?)\s*[:(]?\s*\d*\)?$",
        r"^[\W_]*(?:нашли\s+ошибку|если\s+вы\s+(?:нашли|заметили)\s+ошибку|выделите\s+(?:её|ее|текст))",
        r"^[\W_]*(?:реклама|advertisement|erid)\b",
        r"(?:все\s+права\s+защищены|при\s+(?:копировании|перепечатке|цитировании|использовании)\s+(?:материал|ссылк|гиперссылк)"
        r"|использование\s+материалов\s+(?:разрешено|допускается)|барлық\s+құқықтар\s+қорғалған)",
        r"^[\W_]*(?:copyright\s*)?(?:©|\(c\))\s*\d{4}|^[\W_]*copyright\b|перепечатка\s+(?:только|без|запрещена|разрешена)",
        # a press office's labels: «Для немедленного распространения», «Контакты для СМИ: …»
        r"^[\W_]*(?:для\s+немедленного\s+распространения|for\s+immediate\s+release|контакты\s+для\s+(?:сми|прессы|журналистов)"
        r"|(?:контакты|телефон)\s+пресс-службы|баспасөз\s+қызметі)",
        r"^[\W_]*(?:время\s+чтения|\d+\s+мин(?:ут[аы]?|\.)?\s+(?:чтения|на\s+чтение)|оқу\s+уақыты)",
        r"^[\W_]*(?:оставить\s+комментарий|войдите|загрузка|читать\s+(?:далее|полностью)|развернуть|наверх|"
        r"вернуться\s+(?:назад|к\s+списку)|к\s+списку\s+(?:новостей|статей)|все\s+(?:новости|статьи|материалы)\s+"
        r"(?:автора|рубрики|по\s+теме)|меню|поиск|войти|регистрация|\d{1,2}\+)[\W_]*$",
        r"^(?:[^|·•]{1,25}\s+[|·•]\s+){2,}[^|·•]{1,25}$",  # a menu: «Политика | Экономика | Общество»
    )
]


# Patterns that look inside the line are tried only when one of their words is there (speed).
_JUNK_ANYWHERE = (
    (("подпис", "жазыл", "telegram", "телеграм", "следите", "присоедин", "рассылк", "соцсет", "социальн"), _JUNK[4]),
    (("прав", "перепечат", "копирован", "цитирован", "использ", "құқық"), _JUNK[10]),
)
_JUNK_ANCHORED = tuple(p for p in _JUNK if all(p is not pattern for _, pattern in _JUNK_ANYWHERE))


def junk(line):
    """Navigation, share, subscribe and counter lines of a web page: «Главная / Аналитика / Мнения»,
    «Поделиться: ВКонтакте Telegram», «Подписывайтесь на наш Telegram-канал», «Просмотров: 1 245»,
    «Читайте также: …», «Популярное», «Нашли ошибку? Выделите текст…», «© 2026 … Все права защищены»,
    «Время чтения: 4 минуты», «Политика | Экономика | Общество»."""
    if len(line) > 250:
        return None
    if SECTION_OPENERS.match(line):
        return Found("junk", "section")
    if any(pattern.search(line) for pattern in _JUNK_ANCHORED):
        return Found("junk", "line")
    lower = line.lower()
    for keys, pattern in _JUNK_ANYWHERE:
        if any(key in lower for key in keys) and pattern.search(line):
            return Found("junk", "line")
    return None


def junk_anywhere(line):
    """Junk that is never text, even in the middle of the body: «Читайте также: …»,
    «Подписывайтесь…», «Реклама», «Поделиться»."""
    if len(line) > 250:
        return None
    if SECTION_OPENERS.match(line) and (":" in line or len(line) < 40):
        return Found("junk", "line")
    if any(pattern.match(line) for pattern in (_JUNK[2], _JUNK[3], _JUNK[8], _JUNK[9])):
        return Found("junk", "line")
    keys, subscribe = _JUNK_ANYWHERE[0]
    if any(key in line.lower() for key in keys) and subscribe.search(line):
        return Found("junk", "line")
    return None
