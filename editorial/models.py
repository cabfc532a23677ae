"""The content model of the archive: articles, their authors, sources, themes and disclaimers."""

import math
from datetime import timedelta

from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from taggit.managers import TaggableManager
from taggit.models import TagBase, TaggedItemBase

from .addresses import slug_path
from .covers import CoverMixin
from .integrity import ConstraintErrorsOnFields, violated_constraint
from .querysets import ArticleQuerySet
from .redirects import OldArticlePath
from .slugs import slugify_ru, unique_slug
from .tallies import Tally  # noqa: F401  (a model: registered with the app from here)
from .text import content_fingerprint, html_to_text, normalize_body, strip_control_chars, without_paragraph
from .trash import LiveManager, TrashedManager, TrashMixin


class CleanTextMixin:
    """Strips control characters from the text fields readers and feeds see (``text_fields``)."""

    text_fields = ()

    def save(self, *args, **kwargs):
        self.clean_text_fields()
        super().save(*args, **kwargs)

    def clean_text_fields(self):
        """What ``save`` does first; called by itself before a bulk insert, which calls no ``save``."""
        for name in self.text_fields:
            one_line = not isinstance(self._meta.get_field(name), models.TextField)
            setattr(self, name, strip_control_chars(getattr(self, name), " " if one_line else "\n"))


class SluggedMixin:
    """Fills an empty ``slug`` from ``name`` (transliterated, made unique) on save."""

    slug_source = "name"

    def fill_slug(self):
        if not self.slug:
            base = slugify_ru(getattr(self, self.slug_source), max_length=100, fallback_prefix=self._meta.model_name)
            others = type(self)._default_manager.exclude(pk=self.pk)
            self.slug = unique_slug(base, lambda s: others.filter(slug=s).exists())


class Author(CleanTextMixin, SluggedMixin, models.Model):
    text_fields = ("name", "position", "bio")

    name = models.CharField("имя", max_length=200, help_text="Как в подписи: «Андрей Серенко».")
    slug = models.SlugField(
        "адрес (slug)", max_length=120, unique=True, blank=True,
        help_text="Латиницей; если оставить пустым, будет создан из имени.",
    )  # fmt: skip
    position = models.CharField(
        "должность", max_length=300, blank=True,
        help_text="Текущая должность или место работы. В уже опубликованных подписях сохраняется прежняя.",
    )  # fmt: skip
    bio = models.TextField("биография", blank=True)
    photo = models.ImageField("фотография", upload_to="authors/", blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "автор"
        verbose_name_plural = "авторы"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = self.name.strip()
        self.fill_slug()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return slug_path("archive:author", self.slug)


class Source(CleanTextMixin, SluggedMixin, models.Model):
    text_fields = ("name", "description")

    name = models.CharField("название", max_length=200, unique=True, help_text="Например, «Contur.kz».")
    slug = models.SlugField(
        "адрес (slug)", max_length=120, unique=True, blank=True,
        help_text="Латиницей; если оставить пустым, будет создан из названия.",
    )  # fmt: skip
    url = models.URLField("сайт", blank=True)
    description = models.TextField("описание", blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "источник"
        verbose_name_plural = "источники"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = self.name.strip()
        self.fill_slug()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return slug_path("archive:source", self.slug)


class Theme(CleanTextMixin, TagBase):
    """A theme (tag) of articles: «Россия», «Казахстан», «ЕАЭС»…"""

    text_fields = ("name", "description")

    name = models.CharField("название", max_length=100, unique=True)
    slug = models.SlugField("адрес (slug)", max_length=100, unique=True, blank=True)
    description = models.TextField("описание", blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "тема"
        verbose_name_plural = "темы"

    def slugify(self, tag, i=None):
        slug = slugify_ru(tag, max_length=90, fallback_prefix="tema")
        return f"{slug}-{i}" if i is not None else slug

    def get_absolute_url(self):
        return slug_path("archive:theme", self.slug)


class ThemedArticle(TaggedItemBase):
    """Through model of article themes: a real foreign key to the article."""

    content_object = models.ForeignKey("Article", on_delete=models.CASCADE, related_name="theme_links")
    # PROTECT: deleting a theme in use is refused (the admin says by how many articles), never
    # a silent unlinking of all its articles.
    tag = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="article_links", verbose_name="тема")

    # Copies of the article's publication time (only while it is published and not in the trash)
    # and kind, kept by PostgreSQL triggers (``listing.py``); empty on SQLite.
    published_at = models.DateTimeField(null=True, editable=False)
    kind = models.CharField(max_length=20, null=True, editable=False)

    class Meta:
        verbose_name = "тема статьи"
        verbose_name_plural = "темы статьи"
        constraints = [models.UniqueConstraint(fields=["content_object", "tag"], name="unique_theme_per_article")]
        indexes = [
            # A theme's articles, newest (highest id) first: «По теме» candidates.
            models.Index(fields=["tag", "-content_object"], name="themedarticle_tag_article"),
            # A theme's public list in order, its kind alongside: theme pages from the index alone.
            models.Index(
                fields=["tag", "-published_at", "-content_object", "kind"],
                condition=models.Q(published_at__isnull=False),
                name="themedarticle_tag_listed",
            ),
        ]


class Disclaimer(CleanTextMixin, models.Model):
    text_fields = ("title", "text")

    OPINION_TEXT = "Автор выражает личное мнение, которое может не совпадать с позицией редакции."

    title = models.CharField("название", max_length=100, help_text="Для редакции, читатели его не видят.")
    text = models.TextField("текст", help_text="Показывается читателям под статьёй.")
    is_default = models.BooleanField(
        "по умолчанию для мнений", default=False,
        help_text="Подставляется в материалы «Мнение», если оговорка не выбрана.",
    )  # fmt: skip

    class Meta:
        ordering = ["title"]
        verbose_name = "оговорка"
        verbose_name_plural = "оговорки"
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"], condition=models.Q(is_default=True), name="one_default_disclaimer"
            )
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        with transaction.atomic():
            if self.is_default:
                Disclaimer.objects.exclude(pk=self.pk).filter(is_default=True).update(is_default=False)
            super().save(*args, **kwargs)

    @classmethod
    def default(cls):
        return cls.objects.filter(is_default=True).first()


# Published and not in the trash: every public article (those scheduled are taken off by time).
LISTED = models.Q(status="published", deleted_at__isnull=True)


class Article(CleanTextMixin, CoverMixin, TrashMixin, ConstraintErrorsOnFields, models.Model):
    text_fields = ("title", "lead", "source_url", "cover_caption", "cover_credit")

    class Kind(models.TextChoices):
        NEWS = "news", "Новость"
        ANALYSIS = "analysis", "Аналитика"
        OPINION = "opinion", "Мнение"
        INTERVIEW = "interview", "Интервью"

    class Status(models.TextChoices):
        DRAFT = "draft", "Черновик"
        REVIEW = "review", "На проверке"  # submitted by a contributor, awaits an editor
        PUBLISHED = "published", "Опубликована"

    class Language(models.TextChoices):
        RU = "ru", "Русский"
        KK = "kk", "Қазақша"
        EN = "en", "English"

    title = models.CharField("заголовок", max_length=300, blank=True)
    slug = models.SlugField(
        "адрес (slug)", max_length=200, blank=True,
        help_text="Латиницей; уникален в пределах дня публикации. Пустой — будет создан из заголовка.",
    )  # fmt: skip
    lead = models.TextField("лид", blank=True, help_text="Вводный абзац: показывается в списках и лентах.")
    body = models.TextField(
        "текст", blank=True,
        help_text="Подзаголовки, списки, цитаты, полужирный, курсив, ссылки, таблицы; прочее удаляется.",
    )  # fmt: skip
    kind = models.CharField("жанр", max_length=20, choices=Kind.choices, default=Kind.ANALYSIS)
    authors = models.ManyToManyField(
        Author, through="ArticleAuthor", related_name="articles", blank=True, verbose_name="авторы"
    )
    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, null=True, blank=True, related_name="articles",
        verbose_name="источник", help_text="Пусто — собственный материал редакции.",
    )  # fmt: skip
    source_url = models.URLField("ссылка на оригинал", max_length=500, blank=True)
    themes = TaggableManager("темы", through=ThemedArticle, blank=True, help_text="")
    disclaimer = models.ForeignKey(
        Disclaimer, on_delete=models.PROTECT, null=True, blank=True, related_name="articles",
        verbose_name="оговорка", help_text="Для мнений по умолчанию подставляется стандартная оговорка.",
    )  # fmt: skip
    status = models.CharField("статус", max_length=20, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(
        "время публикации", null=True, blank=True, db_index=True,
        help_text="Время в будущем — статья выйдет автоматически в это время.",
    )  # fmt: skip
    language = models.CharField("язык", max_length=2, choices=Language.choices, default=Language.RU)
    created_at = models.DateTimeField("создана", auto_now_add=True)
    updated_at = models.DateTimeField("изменена", auto_now=True)
    content_hash = models.CharField("отпечаток текста", max_length=64, blank=True, db_index=True, editable=False)
    # The day of ``published_at`` in settings.TIME_ZONE (the day in the article's URL), kept by
    # save(): the database can then refuse a second article with the same day and slug.
    publication_day = models.DateField("день публикации", null=True, blank=True, editable=False)
    # Maintained by a database trigger on PostgreSQL (see migrations); unused on SQLite.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = LiveManager.from_queryset(ArticleQuerySet)()  # the trash is not there (trash.py)
    all_objects = ArticleQuerySet.as_manager()

    # Shown on the field the editor can change; computed from the form's fields in clean().
    constraint_error_fields = {"duplicate_slug": "slug", "duplicate_text": "body", "duplicate_url": "source_url"}
    derived_fields = {"content_hash", "publication_day", "deleted_at"}

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = "статья"
        verbose_name_plural = "статьи"
        indexes = [
            models.Index(fields=["status", "published_at"], name="article_status_published"),
            # The public order of every list, feed and previous/next link: an index scan, no sort;
            # a deep page's ids from the index alone (nothing public is outside its condition).
            models.Index(fields=["-published_at", "-id"], condition=LISTED, name="article_listed_order"),
            # The same for a source (and its kind alongside) and for a kind.
            models.Index(
                fields=["source", "-published_at", "-id", "kind"], condition=LISTED, name="article_source_listed"
            ),
            models.Index(fields=["kind", "-published_at", "-id"], condition=LISTED, name="article_kind_listed"),
        ]
        get_latest_by = "published_at"
        # The form checks these first (clean()), with the message on the field; concurrent
        # inserts get an IntegrityError that every insert path answers (see intake.py).
        constraints = [
            models.UniqueConstraint(
                fields=["publication_day", "slug"],
                condition=models.Q(publication_day__isnull=False, deleted_at__isnull=True),
                name="unique_article_slug_per_day", violation_error_code="duplicate_slug",
                violation_error_message="В этот день уже есть статья с таким адресом (slug): измените его.",
            ),
            models.UniqueConstraint(
                fields=["content_hash"], condition=~models.Q(content_hash="") & models.Q(deleted_at__isnull=True),
                name="unique_article_content", violation_error_code="duplicate_text",
                violation_error_message="Статья с таким же текстом уже есть в архиве.",
            ),
            models.UniqueConstraint(
                fields=["source_url"], condition=~models.Q(source_url="") & models.Q(deleted_at__isnull=True),
                name="unique_article_source_url", violation_error_code="duplicate_url",
                violation_error_message="Статья с этой ссылкой на оригинал уже есть в архиве.",
            ),
        ]  # fmt: skip
        # Editors have it (see editorial.workflow); contributors write and submit, never publish.
        permissions = [("publish_article", "Может публиковать и снимать с публикации статьи")]

    def __str__(self):
        return self.title or f"Без заголовка (#{self.pk})"

    # Derived values -----------------------------------------------------

    @property
    def is_opinion(self):
        return self.kind == self.Kind.OPINION

    @property
    def is_public(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
            and self.deleted_at is None
        )

    @property
    def is_scheduled(self):
        return self.status == self.Status.PUBLISHED and self.published_at is not None and not self.is_public

    @property
    def disclaimer_text(self):
        return self.disclaimer.text if self.disclaimer_id else ""

    @property
    def publication_date(self):
        """The day of publication in the site's time zone (the one in the URL)."""
        return timezone.localdate(self.published_at) if self.published_at else None

    @property
    def body_text(self):
        return html_to_text(self.body)

    @property
    def reading_minutes(self):
        return max(1, math.ceil(len(self.body_text.split()) / 180))

    @property
    def was_updated(self):
        """Edited noticeably (more than an hour) after it went public and after it came into
        the archive: an old article imported today has not been «updated»."""
        if not self.published_at:
            return False
        return self.updated_at - max(self.published_at, self.created_at) > timedelta(hours=1)

    @property
    def sorted_themes(self):
        """Themes in alphabetical order; uses those ``with_related()`` fetched (in no guaranteed order)."""
        themes = getattr(self, "fetched_themes", None)
        return sorted(self.themes.all() if themes is None else themes, key=lambda theme: theme.name.casefold())

    @property
    def ordered_bylines(self):
        """Bylines in order; uses those ``with_related()`` fetched."""
        bylines = getattr(self, "fetched_bylines", None)
        return sorted(self.bylines.all() if bylines is None else bylines, key=lambda b: (b.order, b.pk or 0))

    def get_absolute_url(self):
        day = self.publication_date
        if day is None:
            return ""
        return slug_path("archive:article", self.slug, year=day.year, month=f"{day.month:02d}", day=f"{day.day:02d}")

    # Rules --------------------------------------------------------------

    def publication_errors(self, author_count=None):
        """Why this article cannot be published as it stands (Russian messages, by field).

        ``author_count`` is the number of authors it will have; ``None`` counts
        the saved ones (an unsaved article has none).
        """
        errors = {}
        if self.status != self.Status.PUBLISHED:
            return errors
        if not (self.title or "").strip():
            errors["title"] = "Нельзя опубликовать статью без заголовка."
        if not html_to_text(normalize_body(self.body)):
            errors["body"] = "Нельзя опубликовать статью без текста."
        if self.published_at is None:
            errors["published_at"] = "Укажите время публикации (можно в будущем — статья выйдет сама)."
        if self.is_opinion:
            if author_count is None:
                author_count = self.bylines.count() if self.pk else 0
            if author_count == 0:
                errors["kind"] = "Мнение нельзя опубликовать без автора: добавьте хотя бы одного автора."
        return errors

    # Set by a form whose inline checks the author rule itself (admin.BylineFormSet).
    authors_checked_elsewhere = False

    def clean(self):
        self.derive_fields()  # so that the constraints are checked on what will be saved
        errors = self.publication_errors(author_count=1 if self.authors_checked_elsewhere else None)
        if errors:
            raise ValidationError(errors)

    def publish(self, when=None):
        """Mark published at its own time (or ``when``); validates, then saves.

        An undated article is refused like on the form: «today» is not its date
        (an imported back issue would top the home page as today's news).
        """
        previous = self.status, self.published_at, self.slug
        self.status = self.Status.PUBLISHED
        if when is not None:
            self.published_at = when
        try:
            self._ensure_slug()  # a same-day namesake gets «-2», not a refusal
            self.full_clean()
        except ValidationError:
            self.status, self.published_at, self.slug = previous
            raise
        self.save()

    SLUG_ATTEMPTS = 5

    def save(self, *args, **kwargs):
        """Saves; a slug taken the same day meanwhile (a concurrent save) becomes «-2», «-3»…

        A duplicate text or original URL is an ``IntegrityError`` for the caller to answer.
        """
        self.derive_fields()
        self._ensure_slug()
        old_path = OldArticlePath.public_path_in_database(self)
        for attempt in range(self.SLUG_ATTEMPTS):
            try:
                with transaction.atomic(using=kwargs.get("using")):
                    super().save(*args, **kwargs)
                break
            except IntegrityError as error:
                slug_taken = violated_constraint(error, Article) == "unique_article_slug_per_day"
                if not slug_taken or attempt + 1 == self.SLUG_ATTEMPTS:
                    raise
                self._ensure_slug()
        OldArticlePath.remember(self, old_path)  # a changed date or slug keeps the old URL working

    def derive_fields(self):
        """The stored forms of the editor's values: cleaned body, fingerprint, day of publication."""
        self.title = (self.title or "").strip()
        self.body = normalize_body(self.body)
        if self.is_opinion and not self.disclaimer_id:
            self.disclaimer = Disclaimer.default()
        if self.disclaimer_id:
            # The disclaimer is shown once, under the article: never also in the body.
            self.body = without_paragraph(self.body, self.disclaimer.text)
        self.content_hash = content_fingerprint(self.lead, self.body)
        self.publication_day = self.publication_date

    def _slug_base(self):
        return self.slug or slugify_ru(self.title, max_length=180, fallback_prefix="statya")

    def _ensure_slug(self):
        others = Article.objects.exclude(pk=self.pk).filter(publication_day=self.publication_date)
        self.slug = unique_slug(self._slug_base(), lambda s: others.filter(slug=s).exists(), max_length=200)

    @classmethod
    def assign_slugs(cls, articles):
        """``_ensure_slug`` for many new articles (derived fields set) before one bulk insert:
        a single query finds the namesakes of the day; only an article that has one looks further."""
        bases = [article._slug_base() for article in articles]
        days = {article.publication_day for article in articles}
        same_day = models.Q(publication_day__in=days - {None})
        if None in days:
            same_day |= models.Q(publication_day=None)
        taken = set(
            cls.objects.filter(same_day, slug__in={base[:200] for base in bases}).values_list("publication_day", "slug")
        )
        for article, base in zip(articles, bases, strict=True):
            day, others = article.publication_day, cls.objects.filter(publication_day=article.publication_day)

            def is_taken(slug, day=day, others=others, base=base[:200]):
                return (day, slug) in taken or (slug != base and others.filter(slug=slug).exists())

            article.slug = unique_slug(base, is_taken, max_length=200)
            taken.add((day, article.slug))


class ArticleAuthor(CleanTextMixin, models.Model):
    """An author on an article's byline, in order, with the position they held then."""

    text_fields = ("position",)

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="bylines", verbose_name="статья")
    author = models.ForeignKey(Author, on_delete=models.PROTECT, related_name="bylines", verbose_name="автор")
    position = models.CharField(
        "должность в подписи", max_length=300, blank=True,
        help_text="На момент публикации. Пусто — текущая должность автора.",
    )  # fmt: skip
    order = models.PositiveSmallIntegerField("порядок", default=0)

    # Copies of the article's, as on ``ThemedArticle``: an author's public list from the index alone.
    published_at = models.DateTimeField(null=True, editable=False)
    kind = models.CharField(max_length=20, null=True, editable=False)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = "автор статьи"
        verbose_name_plural = "авторы статьи"
        constraints = [models.UniqueConstraint(fields=["article", "author"], name="unique_author_per_article")]
        indexes = [
            models.Index(fields=["author", "-article"], name="articleauthor_author_article"),
            models.Index(
                fields=["author", "-published_at", "-article", "kind"],
                condition=models.Q(published_at__isnull=False),
                name="articleauthor_author_listed",
            ),
        ]

    def __str__(self):
        return f"{self.author} — {self.position}" if self.position else str(self.author)

    def save(self, *args, **kwargs):
        if not self.position:
            self.position = self.author.position
        super().save(*args, **kwargs)


class TrashedArticle(Article):
    """The trash («Корзина») as its own admin list: deleted articles (see ``trash.py``)."""

    objects = TrashedManager.from_queryset(ArticleQuerySet)()

    class Meta:
        proxy = True
        ordering = ["-deleted_at"]
        verbose_name = "статья в корзине"
        verbose_name_plural = "корзина"


from .jobs import ImportItem, ImportJob  # noqa: E402, F401  (import jobs live in their own module)
