"""Content rules: slugs, disclaimers, bylines, body format, publication checks."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from editorial.models import Article, ArticleAuthor, Disclaimer, Theme
from editorial.slugs import slugify_ru
from tests.factories import make_article, make_author, make_source

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Россия", "rossiya"),
        ("Казахстан", "kazakhstan"),
        ("ЕАЭС", "eaes"),
        ("Байконур", "baykonur"),
        ("Қазақстан", "qazaqstan"),
        ("Өскемен", "oskemen"),
        ("Әуезов", "auezov"),
        ("Россия–Казахстан", "rossiya-kazakhstan"),
        ("энергетика (АЭС)", "energetika-aes"),
    ],
)
def test_theme_slugs_are_transliterated_through_taggit(name, slug):
    article = make_article()
    article.themes.add(name)
    assert Theme.objects.get(name=name).slug == slug


KAZAKH = list(zip("әғқңөұүһі", ["a", "g", "q", "ng", "o", "u", "u", "h", "i"], strict=True))


@pytest.mark.parametrize(("letter", "latin"), KAZAKH)
def test_every_kazakh_letter_has_a_latin_form(letter, latin):
    assert slugify_ru(f"{letter}") == latin
    make_article().themes.add(f"тема {letter}")  # and through taggit
    assert Theme.objects.get(name=f"тема {letter}").slug == f"tema-{latin}"


def test_a_name_without_letters_still_gets_a_slug():
    assert slugify_ru("—«»").startswith("item-")


def test_author_and_source_slugs_are_transliterated_and_unique():
    assert make_author("Андрей Серенко").slug == "andrey-serenko"
    assert make_author("Андрей Серенко").slug == "andrey-serenko-2"
    assert make_source("Contur.kz").slug == "contur-kz"


def test_article_slug_is_unique_per_day_only():
    first = make_article(title="Итоги года")
    same_day = make_article(title="Итоги года", published_at=first.published_at)
    other_day = make_article(title="Итоги года", published_at=first.published_at - timedelta(days=3))
    assert (first.slug, same_day.slug, other_day.slug) == ("itogi-goda", "itogi-goda-2", "itogi-goda")


def test_opinion_gets_the_default_disclaimer_and_body_does_not_repeat_it():
    article = make_article(kind="opinion", body="Текст мнения.")
    assert article.disclaimer == Disclaimer.default()
    assert article.disclaimer_text == Disclaimer.OPINION_TEXT
    assert Disclaimer.OPINION_TEXT not in article.body
    assert make_article(kind="analysis").disclaimer is None


def test_only_one_default_disclaimer():
    new = Disclaimer.objects.create(title="Другая", text="Другая оговорка.", is_default=True)
    assert list(Disclaimer.objects.filter(is_default=True)) == [new]


def test_byline_keeps_the_position_held_at_the_time_of_writing():
    author = make_author("Андрей Серенко", position="директор центра")
    article = make_article(authors=[author])
    author.position = "профессор университета"
    author.save()
    assert article.ordered_bylines[0].position == "директор центра"
    later = make_article(authors=[author])
    assert later.ordered_bylines[0].position == "профессор университета"


def test_bylines_keep_their_order():
    first, second = make_author("Второй По Алфавиту"), make_author("Алфавитно Первый")
    article = make_article()
    ArticleAuthor.objects.create(article=article, author=first, order=0)
    ArticleAuthor.objects.create(article=article, author=second, order=1)
    assert [b.author for b in Article.objects.with_related().get().ordered_bylines] == [first, second]


def test_plain_text_body_keeps_text_exactly_as_written():
    text = '«Цитата» — тире, ёлка, "кавычки" и a < b & c»\n\nВторой абзац.'
    article = make_article(body=text)
    assert article.body == ('<p>«Цитата» — тире, ёлка, "кавычки" и a &lt; b &amp; c»</p>\n<p>Второй абзац.</p>')
    assert article.body_text == text.replace("\n\n", " ")


def test_html_body_is_sanitized():
    article = make_article(
        body='<p onclick="x()">Текст<script>alert(1)</script></p><h2>Итог</h2><iframe src="x"></iframe>'
    )
    assert article.body == "<p>Текст</p><h2>Итог</h2>"


def test_publication_rules_have_russian_messages():
    article = Article(status="published", kind="opinion")
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    messages = error.value.message_dict
    assert messages["title"] == ["Нельзя опубликовать статью без заголовка."]
    assert messages["body"] == ["Нельзя опубликовать статью без текста."]
    assert messages["published_at"] == ["Укажите время публикации (можно в будущем — статья выйдет сама)."]
    assert messages["kind"] == ["Мнение нельзя опубликовать без автора: добавьте хотя бы одного автора."]


def test_a_draft_may_be_incomplete():
    Article(status="draft", kind="opinion").full_clean()


def test_publish_checks_the_rules():
    article = make_article(published=False, kind="opinion", published_at=timezone.now())
    with pytest.raises(ValidationError):
        article.publish()
    ArticleAuthor.objects.create(article=article, author=make_author())
    article.publish()
    assert list(Article.objects.published()) == [article]  # saved, not only marked


def test_a_disclaimer_pasted_into_the_body_is_shown_only_once():
    article = make_article(kind="opinion", body=f"Текст мнения.\n\n{Disclaimer.OPINION_TEXT}")
    assert article.body == "<p>Текст мнения.</p>"
    assert article.disclaimer_text == Disclaimer.OPINION_TEXT


def test_themes_are_case_insensitive_on_every_database():
    article = make_article()
    article.themes.add("Россия")
    make_article().themes.add("россия")
    assert Theme.objects.count() == 1


def test_publishing_a_draft_next_to_a_same_day_namesake_gives_it_its_own_slug():
    public = make_article(title="Итоги года")
    draft = make_article(title="Итоги года", published=False)
    draft.publish(when=public.published_at)
    assert draft.slug == "itogi-goda-2" and draft.is_public


def test_control_characters_are_removed_from_what_readers_see():
    author = make_author("Андрей\x0bСеренко", position="директор\x01 центра")
    article = make_article(title="Заголовок\x0bиз Word", lead="Лид\x0c", body="Текст\x01 абзаца.", authors=[author])
    article.themes.add("Казахстан\x07")
    article.refresh_from_db()
    author.refresh_from_db()
    assert (article.title, article.lead, article.body) == ("Заголовок из Word", "Лид\n", "<p>Текст абзаца.</p>")
    assert (author.name, author.position) == ("Андрей Серенко", "директор центра")
    assert list(article.themes.names()) == ["Казахстан"]


def test_a_refused_publication_leaves_status_time_and_address_as_they_were():
    public = make_article(title="Итоги года")
    draft = make_article(title="Итоги года", kind="opinion", published=False)  # no author: refused
    with pytest.raises(ValidationError):
        draft.publish(when=public.published_at)
    assert (draft.status, draft.published_at, draft.slug) == ("draft", None, "itogi-goda")


def test_an_edit_keeps_the_articles_address():
    article = make_article(title="Итоги года")
    article.lead = "Новый лид."
    article.save()
    article.refresh_from_db()
    assert article.slug == "itogi-goda"


def test_untitled_and_very_long_titles_still_get_a_readable_address():
    untitled = Article.objects.create(body="Текст без заголовка.")
    assert untitled.slug.startswith("statya-")
    long = make_article(title="Очень " * 45 + "длинный заголовок")  # 287 characters: the title fits its column
    assert len(long.slug) <= 180 and long.slug.startswith("ochen-ochen-") and not long.slug.endswith("-")
    assert len(long.slug) > 170  # cut at the last whole word that fits, not much shorter


def test_a_save_that_keeps_losing_the_slug_race_gives_up_after_five_attempts(monkeypatch):
    existing = make_article(title="Итоги года")
    attempts = []

    def stale_check(self):  # every check runs «before» the other article took the slug
        attempts.append(self.slug)
        self.slug = existing.slug

    monkeypatch.setattr(Article, "_ensure_slug", stale_check)
    article = Article(title="Итоги года", body="Другой текст.", published_at=existing.published_at)
    with pytest.raises(IntegrityError):
        article.save()
    assert len(attempts) == Article.SLUG_ATTEMPTS == 5  # the first check, then one per retry
    assert not Article.objects.filter(body__contains="Другой текст").exists()


def test_a_taken_slug_of_full_length_gets_a_free_variant_that_still_fits():
    first = make_article(title="Итоги", slug="itogi-" + "a" * 194)
    second = make_article(title="Итоги", slug=first.slug, published_at=first.published_at)
    assert len(first.slug) == 200 and second.slug == first.slug[:198] + "-2"
