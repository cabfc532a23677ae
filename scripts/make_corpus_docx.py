"""Write the .docx documents of the import corpus (tests/data/corpus/) as Word would save them.

Run again after changing a document here: ``.venv/bin/python scripts/make_corpus_docx.py``.
Each document is a list of (style, text); a text with ``**…**`` gets a bold run.
"""

import re
from pathlib import Path

import docx

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "data" / "corpus"

DOCUMENTS = {
    "38_word_heading_styles.docx": [
        ("Title", "Средний коридор и китайские инвестиции"),
        ("Normal", "Дата публикации: 8 февраля 2026 г."),
        ("Normal", "Автор: Жандос Бекмуханов, директор Центра транспортных исследований"),
        ("Normal", "Китайские компании вложили в инфраструктуру Среднего коридора больше, чем за предыдущие пять лет."),
        ("Heading 2", "Порты и паромы"),
        ("Normal", "Основные вложения пришлись на порт Актау и новые паромы на Каспии."),
        ("List Bullet", "паромный терминал в Курыке;"),
        ("List Bullet", "сухой порт Хоргос."),
        ("Quote", "«Коридор перестал быть экзотикой», — считают логисты."),
        ("Normal", "Эксперты ждут, что объём перевозок удвоится к 2030 году."),
    ],
    "39_word_opinion.docx": [
        ("Normal", "Мнение"),
        ("Heading 1", "Почему ЕАЭС нужен общий рынок электроэнергии"),
        ("Normal", "Гульнара Абдрахманова, экономист"),
        ("Normal", "17 марта 2026 года"),
        ("Normal", "Общий рынок электроэнергии союза должен заработать в 2025 году, но запуск снова отложен."),
        ("Normal", "Причина — разногласия по тарифам на транзит и доступу к сетям."),
        ("Normal", "Без этого рынка **конкурентоспособность** промышленности союза будет снижаться."),
        ("Normal", "Мнение автора может не совпадать с мнением редакции."),
    ],
    "40_word_kazakh.docx": [
        ("Title", "Қазақстанның көші-қон саясаты: жаңа тәсілдер"),
        ("Normal", "Жарияланған күні: 12.01.2026"),
        ("Normal", "Авторы: Меруерт Жақсылықова"),
        ("Normal", "Үкімет этникалық қазақтарды елге қайтару бағдарламасын жаңартты."),
        ("Heading 2", "Негізгі өзгерістер"),
        ("Normal", "Енді қоныс аударушылар солтүстік өңірлерде тұрғын үй алуға басымдық алады."),
        ("Normal", "Дереккөз: Kazinform"),
    ],
    "41_word_no_styles_tail_meta.docx": [
        ("Normal", "Российский газ для Узбекистана"),
        ("Normal", "Поставки российского газа в Узбекистан через территорию Казахстана выросли в прошлом году вдвое."),
        ("Normal", "Ташкент рассматривает их как временное решение на период модернизации собственной добычи."),
        ("Normal", "Долгосрочный контракт пока не подписан."),
        ("Normal", "Автор: Станислав Прицкий"),
        ("Normal", "Опубликовано: 02.02.2026"),
        ("Normal", "Источник: Ritm Eurasia, https://www.ritmeurasia.ru/news/2026-02-02/uzbek-gas"),
        ("Normal", "Фото: Газпром"),
    ],
    "42_word_table_interview.docx": [
        ("Normal", "ИНТЕРВЬЮ"),
        ("Title", "«Армения не выбирает между Москвой и Брюсселем»"),
        ("Normal", "Беседовал Роман Тихонов"),
        ("Normal", "9 апреля 2026"),
        ("Normal", "Политолог Арам Саркисян — о том, как Ереван строит отношения с союзниками и соседями."),
        ("Normal", "**— Меняется ли внешнеполитический курс Армении?**"),
        ("Normal", "— Меняются акценты, но не фундамент: экономика по-прежнему завязана на ЕАЭС."),
        ("table", "Показатель|2024|2025\nТоварооборот с ЕАЭС, млрд $|9,1|9,8"),
    ],
    "43_word_subtitle.docx": [
        ("Title", "Каспийская пятёрка"),
        ("Subtitle", "Как прикаспийские государства делят ресурсы моря и договариваются о безопасности"),
        ("Normal", "Автор: Ильяс Нургалиев"),
        ("Normal", "Дата: 25.02.2026"),
        ("Normal", "Конвенция о правовом статусе Каспийского моря так и не вступила в силу для всех участников."),
        ("Normal", "Иран по-прежнему не ратифицировал документ, ссылаясь на вопросы разграничения дна."),
        ("Normal", "Тем не менее военное присутствие внерегиональных держав на Каспии исключено."),
    ],
}


def add_paragraph(document, style, text):
    if style == "table":
        rows = [row.split("|") for row in text.split("\n")]
        table = document.add_table(rows=len(rows), cols=len(rows[0]))
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                table.cell(r, c).text = value
        return
    paragraph = document.add_paragraph(style=style)
    for index, part in enumerate(re.split(r"\*\*", text)):
        if part:
            paragraph.add_run(part).bold = index % 2 == 1


def main():
    for name, paragraphs in DOCUMENTS.items():
        document = docx.Document()
        for style, text in paragraphs:
            add_paragraph(document, style, text)
        document.save(CORPUS / name)
        print(CORPUS / name)


if __name__ == "__main__":
    main()
