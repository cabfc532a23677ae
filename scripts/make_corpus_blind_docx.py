"""Write the .docx documents of the blind and hold-out corpora (tests/data/corpus_blind/,
tests/data/corpus_holdout/) as authors send them.

Usage: ``.venv/bin/python scripts/make_corpus_blind_docx.py`` (rewrites the twelve .docx files).
Each document imitates a Word file from an author or a press office: a Title style or
just a bold first paragraph, the byline at the top or the bottom, photo captions,
headings, lists, quotes and bold questions of an interview.
"""

from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
CORPUS = DATA / "corpus_blind"
HOLDOUT = DATA / "corpus_holdout"


def _bold(document, text, size=None, align=None):
    paragraph = document.add_paragraph()
    run = paragraph.add_run(text)
    run.bold = True
    if size:
        run.font.size = Pt(size)
    if align:
        paragraph.alignment = align
    return paragraph


def _italic(document, text, align=None):
    paragraph = document.add_paragraph()
    paragraph.add_run(text).italic = True
    if align:
        paragraph.alignment = align
    return paragraph


def styled_author_top():
    """Title style, «Автор:» and a photo caption under it, headings, a list and a quote."""
    document = Document()
    document.add_paragraph("Рубрика: Регионы")
    document.add_paragraph("Моногорода Казахстана: жизнь после градообразующего предприятия", style="Title")
    document.add_paragraph("Автор: Салтанат Мусина, журналист-исследователь")
    document.add_paragraph("6 сентября 2026 года")
    _italic(document, "Фото: Руслан Пряников")
    document.add_paragraph(
        "В Казахстане 27 моногородов, и почти в каждом из них главный работодатель — одно предприятие. "
        "Когда оно сокращает персонал, город начинает пустеть."
    )
    document.add_paragraph("Что делает государство", style="Heading 2")
    document.add_paragraph(
        "Программа развития моногородов финансирует малый бизнес и переселение жителей в крупные центры."
    )
    for item in ("льготные кредиты предпринимателям;", "ремонт жилья и дорог;", "переобучение работников."):
        document.add_paragraph(item, style="List Bullet")
    document.add_paragraph("Что говорят жители", style="Heading 2")
    document.add_paragraph("«Молодёжь уезжает сразу после школы», — говорит учительница из Сатпаева.", style="Quote")
    paragraph = document.add_paragraph("Главный вывод: ")
    paragraph.add_run("без новых отраслей программа лишь замедляет отток населения.").bold = True
    document.save(CORPUS / "b44_docx_title_style_author_top.docx")


def bold_title_author_bottom():
    """No styles at all: a bold centred title, the text, the author and position at the bottom."""
    document = Document()
    _bold(document, "ШОС после саммита в Бишкеке: расширение без углубления", size=14, align=WD_ALIGN_PARAGRAPH.CENTER)
    document.add_paragraph("")
    document.add_paragraph(
        "Организация снова приняла новых членов, но так и не договорилась о механизмах совместных проектов. "
        "Банк развития ШОС обсуждается уже пятнадцать лет."
    )
    document.add_paragraph(
        "Для стран Центральной Азии организация остаётся площадкой, где можно говорить одновременно с Москвой "
        "и Пекином. Это немало, но для экономической интеграции недостаточно."
    )
    document.add_paragraph("Расширение делает консенсус всё более трудным.")
    document.add_paragraph("")
    _bold(document, "Акбота Жолдасова,", align=WD_ALIGN_PARAGRAPH.RIGHT)
    _italic(document, "старший эксперт Казахстанского института стратегических исследований", WD_ALIGN_PARAGRAPH.RIGHT)
    document.add_paragraph("Бишкек – Астана, 28 сентября 2026 г.")
    document.add_paragraph("")
    _italic(document, "Мнение автора может не совпадать с позицией редакции.")
    document.save(CORPUS / "b45_docx_bold_title_author_bottom.docx")


def kazakh_column():
    """A Kazakh column: rubric, Heading 1 title, author with position, Kazakh date and disclaimer."""
    document = Document()
    document.add_paragraph("КӨЗҚАРАС")
    document.add_paragraph("Жастар неге ауылға оралмайды?", style="Heading 1")
    document.add_paragraph("Айдана Қасымқызы, әлеуметтанушы")
    document.add_paragraph("2026 жылғы 15 қыркүйек")
    document.add_paragraph(
        "«Дипломмен ауылға» бағдарламасы он жылдан астам уақыт жұмыс істеп келеді. "
        "Алайда ауылға барған жас мамандардың жартысы үш жылдан кейін қалаға қайтады."
    )
    document.add_paragraph("Себебі тек жалақыда емес: ауылда балабақша, интернет пен жайлы баспана жетіспейді.")
    document.add_paragraph("Ауылды дамыту инфрақұрылымнан басталуы тиіс.")
    _italic(document, "Мақалада айтылған пікір автордың жеке көзқарасы, редакция ұстанымымен сәйкес келмеуі мүмкін.")
    document.save(CORPUS / "b46_docx_kazakh_column.docx")


def interview_bold_questions():
    """An interview: «Интервью» rubric, title, lead in italics, bold questions, «Беседовал» at the end."""
    document = Document()
    document.add_paragraph("Интервью")
    _bold(document, "Арман Тулегенов: «Афганистан — это не только угроза, но и рынок»", size=16)
    _italic(document, "Востоковед — о торговле с талибами, транзите и безопасности на южных границах")
    document.add_paragraph("21.09.2026")
    _bold(document, "— Как изменилась торговля Центральной Азии с Афганистаном за последние два года?")
    document.add_paragraph(
        "— Она выросла почти вдвое. Казахстан и Узбекистан поставляют зерно, муку, топливо. "
        "Для бизнеса это прагматичный рынок."
    )
    _bold(document, "— А риски?")
    document.add_paragraph("— Риски никуда не делись, но изоляция соседа их только увеличивает.")
    document.add_paragraph("Беседовал Ержан Кадыров")
    document.save(CORPUS / "b47_docx_interview_bold_questions.docx")


def press_release_header():
    """A press office's release: organisation header, «Для немедленного распространения», contacts."""
    document = Document()
    _bold(document, "Министерство торговли и интеграции Республики Казахстан")
    document.add_paragraph("ПРЕСС-РЕЛИЗ")
    document.add_paragraph("Для немедленного распространения")
    document.add_paragraph("30.09.2026")
    _bold(document, "Казахстан и ОАЭ подписали соглашение о всеобъемлющем экономическом партнёрстве")
    document.add_paragraph(
        "Соглашение снижает пошлины на 90% товарных позиций и упрощает доступ казахстанских компаний "
        "к рынку государственных закупок Эмиратов."
    )
    document.add_paragraph("Ожидается, что товарооборот между странами вырастет до 3 млрд долларов к 2030 году.")
    document.add_paragraph("Контакты для прессы: пресс-служба министерства, press@mti.example")
    document.save(CORPUS / "b48_docx_press_release.docx")


def academic_paper():
    """An analyst's paper: the author's name above the title, an abstract and keywords, no date."""
    document = Document()
    _bold(document, "Аскар Нурмаганбетов", align=WD_ALIGN_PARAGRAPH.RIGHT)
    document.add_paragraph("ЕАЭС через десять лет: торговля без общего рынка услуг", style="Title")
    document.add_paragraph(
        "Аннотация: В статье рассматриваются итоги десяти лет работы союза в торговле товарами и услугами."
    )
    document.add_paragraph("Ключевые слова: ЕАЭС, интеграция, торговля")
    document.add_paragraph("Введение", style="Heading 2")
    document.add_paragraph("Общий рынок товаров в основном сложился, хотя изъятия и ограничения сохраняются.")
    document.add_paragraph("Рынок услуг", style="Heading 2")
    document.add_paragraph("Единый рынок услуг охватывает лишь половину секторов, указанных в договоре.")
    document.save(HOLDOUT / "h26_docx_academic_abstract.docx")


def exclusive_with_table():
    """A label above a Heading 1 title, a table of figures in the text, «Подготовила:» and the date at the end."""
    document = Document()
    document.add_paragraph("ЭКСКЛЮЗИВ")
    document.add_paragraph("Как распределяют квоты на вылов рыбы в Балхаше", style="Heading 1")
    document.add_paragraph(
        "Квоты на вылов рыбы в Балхаше за пять лет сократились почти вдвое, а число пользователей выросло."
    )
    table = document.add_table(rows=3, cols=2)
    for row, (year, quota) in zip(
        table.rows, (("Год", "Квота, тонн"), ("2021", "9 800"), ("2026", "5 100")), strict=True
    ):
        row.cells[0].text, row.cells[1].text = year, quota
    document.add_paragraph("Рыбаки говорят, что крупные квоты достаются одним и тем же компаниям.")
    document.add_paragraph("Подготовила: Ботагоз Сейдахметова")
    document.add_paragraph("11.11.2026")
    document.save(HOLDOUT / "h40_docx_exclusive_table.docx")


def kazakh_labelled_title():
    """A Kazakh form-like head: «Тақырыбы:», «Авторы:», «Күні:» labels, then the text."""
    document = Document()
    document.add_paragraph("Тақырыбы: Жылу маусымы: қазандықтар дайын ба?")
    document.add_paragraph("Авторы: Берік Әлімжанов")
    document.add_paragraph("Күні: 12.11.2026")
    document.add_paragraph("Облыстағы қазандықтардың үштен бірі күрделі жөндеуді қажет етеді.")
    document.add_paragraph("Әкімдік биыл 40 нысанды жөндеуге қаржы бөлді.")
    document.save(HOLDOUT / "h41_docx_kazakh_labelled_title.docx")


def soft_breaks_head():
    """Title, byline and date in one paragraph split by line breaks (Shift+Enter), as many authors type."""
    document = Document()
    head = document.add_paragraph()
    head.add_run("Зачем Казахстану второй нефтеперерабатывающий кластер").bold = True
    head.add_run().add_break()
    head.add_run("Автор: Нуржан Байболов")
    head.add_run().add_break()
    head.add_run("10.11.2026")
    document.add_paragraph(
        "Три действующих НПЗ работают почти на пределе мощности, а спрос на топливо растёт на 4% в год."
    )
    document.add_paragraph("Новый кластер позволит отказаться от импорта дизельного топлива в пиковые месяцы.")
    document.save(HOLDOUT / "h68_docx_soft_breaks_head.docx")


def subtitle_style_footer():
    """Title and Subtitle styles, a source line with a hyperlink-like address, a page footer."""
    document = Document()
    document.add_paragraph("Водородные планы Казахстана", style="Title")
    document.add_paragraph("Проект на 50 млрд долларов: шансы и риски", style="Subtitle")
    document.add_paragraph("Автор: Жанель Асқарова, энергетический аналитик")
    document.add_paragraph("Дата: 7 ноября 2026 г.")
    document.add_paragraph(
        "Европейский инвестор подтвердил намерение построить в Мангистау завод по производству водорода."
    )
    document.add_paragraph("Главный риск — вода: для электролиза нужна опреснённая вода в больших объёмах.")
    document.add_paragraph("Источник: https://kapital.kz/economic/130000/vodorod.html")
    document.sections[0].footer.paragraphs[0].text = "Страница 1 из 1"
    document.save(HOLDOUT / "h69_docx_subtitle_style_footer.docx")


def numbered_questions_interview():
    """An interview in Word: numbered questions (List Number), answers, the interviewer at the end."""
    document = Document()
    document.add_paragraph("Интервью", style="Heading 2")
    document.add_paragraph("Ректор о платном образовании: «Грант должен идти за студентом»", style="Title")
    document.add_paragraph("5 ноября 2026 года")
    document.add_paragraph("Сколько студентов учится на гранте?", style="List Number")
    document.add_paragraph("Около трети. Остальные платят сами или за счёт работодателей.")
    document.add_paragraph("Что изменится с новой системой?", style="List Number")
    document.add_paragraph("Вуз будет получать деньги только за тех, кто у него учится.")
    document.add_paragraph("Беседовала: Айгерим Тажи")
    document.save(HOLDOUT / "h70_docx_numbered_questions.docx")


def data_source_under_a_table():
    """A figure's «Источник:» under a table near the end: the data's source, not the article's."""
    document = Document()
    document.add_paragraph("Экспорт зерна: рекорд без прибыли", style="Title")
    document.add_paragraph("Автор: Ербол Сарсенов")
    document.add_paragraph("8 ноября 2026")
    document.add_paragraph("Экспорт зерна в этом сезоне побьёт рекорд, но цены на мировом рынке низкие.")
    table = document.add_table(rows=2, cols=2)
    for row, (season, volume) in zip(table.rows, (("Сезон", "Экспорт, млн т"), ("2025/26", "11,2")), strict=True):
        row.cells[0].text, row.cells[1].text = season, volume
    document.add_paragraph("Источник: Бюро национальной статистики")
    document.add_paragraph("Фермеры просят субсидировать перевозку зерна до портов.")
    document.save(HOLDOUT / "h71_docx_data_source_table.docx")


def main():
    styled_author_top()
    bold_title_author_bottom()
    kazakh_column()
    interview_bold_questions()
    press_release_header()
    academic_paper()
    exclusive_with_table()
    kazakh_labelled_title()
    soft_breaks_head()
    subtitle_style_footer()
    numbered_questions_interview()
    data_source_under_a_table()


if __name__ == "__main__":
    main()
