"""Article cover images: checked on upload, resized once into WebP renditions (and a JPEG for link previews)."""

import hashlib
import io
import warnings

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils.html import format_html
from PIL import Image, ImageOps

MAX_COVER_BYTES = 15 * 1024 * 1024
MAX_COVER_PIXELS = 40_000_000  # 40 Mpx: more than any camera editors use, far less than a bomb
MIN_COVER_WIDTH = 400
COVER_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
RENDITION_WIDTHS = (400, 800, 1200, 1600)
SHARE_WIDTH = 1200  # og:image, feeds: JPEG, which every preview robot and feed reader shows


def _megabytes(size):
    return filesizeformat(size).replace("\xa0", " ")


def check_cover_file(upload):
    """The uploaded file as an opened, fully decoded Pillow image, or a Russian ``ValidationError``."""
    if upload.size > MAX_COVER_BYTES:
        raise ValidationError(
            f"Файл слишком большой: {_megabytes(upload.size)}. Максимум — {_megabytes(MAX_COVER_BYTES)}."
        )
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(upload)
            fmt = image.format
            width, height = image.size
            if width * height > MAX_COVER_PIXELS:
                raise ValidationError(
                    f"Изображение слишком большое: {width}×{height} пикселей. "
                    f"Максимум — {MAX_COVER_PIXELS // 1_000_000} мегапикселей."
                )
            image.load()  # decodes everything: a truncated or corrupt file fails here
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError("Изображение слишком большое (похоже на «декомпрессионную бомбу»).") from None
    except ValidationError:
        raise
    except Image.UnidentifiedImageError:
        raise ValidationError("Файл не является изображением. Загрузите JPEG, PNG, WebP или GIF.") from None
    except (OSError, SyntaxError, ValueError) as error:
        raise ValidationError(f"Изображение повреждено и не читается ({error}). Сохраните его заново.") from None
    finally:
        upload.seek(0)
    if fmt not in COVER_FORMATS:
        raise ValidationError(f"Формат {fmt} не подходит. Загрузите JPEG, PNG, WebP или GIF.")
    if width < MIN_COVER_WIDTH:
        raise ValidationError(
            f"Изображение слишком маленькое: {width} пикселей в ширину, нужно хотя бы {MIN_COVER_WIDTH}."
        )
    return image


class CoverFormField(forms.ImageField):
    """Our checks instead of Django's one generic «повреждено или не является изображением»."""

    def to_python(self, data):
        upload = forms.FileField.to_python(self, data)
        if upload is None:
            return None
        image = check_cover_file(upload)
        upload.image = image
        upload.content_type = Image.MIME.get(image.format)
        return upload


class CoverImageField(models.ImageField):
    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": CoverFormField, **kwargs})


def _flatten(image):
    """RGB, upright (EXIF orientation applied), transparency on white; metadata dropped."""
    image = ImageOps.exif_transpose(image)
    if image.mode in ("RGBA", "LA", "P"):
        image = image.convert("RGBA")
        background = Image.new("RGB", image.size, "white")
        background.paste(image, mask=image.getchannel("A"))
        return background
    return image.convert("RGB")


def _encode(image, width, fmt):
    height = round(image.height * width / image.width)
    resized = image if width == image.width else image.resize((width, height), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    if fmt == "WEBP":
        resized.save(buffer, "WEBP", quality=80, method=4)
    else:
        resized.save(buffer, "JPEG", quality=82, optimize=True, progressive=True)
    return buffer.getvalue()


def make_renditions(upload):
    """Writes the renditions of an uploaded cover to storage; returns their description."""
    upload.seek(0)
    digest = hashlib.sha256(upload.read()).hexdigest()[:16]
    upload.seek(0)
    image = _flatten(Image.open(upload))
    upload.seek(0)
    widths = [w for w in RENDITION_WIDTHS if w < image.width] + [min(image.width, RENDITION_WIDTHS[-1])]
    webp = {}
    for width in sorted(set(widths)):
        name = default_storage.save(f"covers/{digest}-{width}.webp", ContentFile(_encode(image, width, "WEBP")))
        webp[str(width)] = name
    share_width = min(image.width, SHARE_WIDTH)
    jpeg = _encode(image, share_width, "JPEG")
    share = default_storage.save(f"covers/{digest}-{share_width}.jpg", ContentFile(jpeg))
    return {
        "width": image.width,
        "height": image.height,
        "webp": webp,
        "jpeg": {"width": share_width, "name": share, "length": len(jpeg)},
    }


class CoverMixin(models.Model):
    """The cover of an article and its renditions. API for templates and feeds:
    ``has_cover``, ``cover_url(width)``, ``cover_srcset``, ``cover_share`` (a JPEG: url,
    width, height, type, length), ``cover_caption``, ``cover_credit``, ``cover_alt``."""

    cover = CoverImageField(
        "обложка", upload_to="covers/originals/", blank=True,
        help_text="JPEG, PNG, WebP или GIF: от 400 пикселей в ширину, до 15 МБ; копии делаются сами.",
    )  # fmt: skip
    cover_caption = models.CharField("подпись к обложке", max_length=300, blank=True)
    cover_credit = models.CharField(
        "автор снимка", max_length=200, blank=True, help_text="Например, «Фото: Ербол Ахметов / Contur.kz»."
    )
    cover_renditions = models.JSONField("копии обложки", default=dict, blank=True, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self.cover:
            self.cover_renditions = {}
        elif not self.cover._committed:  # a new upload: resize it now, once
            self.cover_renditions = make_renditions(self.cover.file)
        super().save(*args, **kwargs)

    @property
    def has_cover(self):
        return bool(self.cover and self.cover_renditions.get("webp"))

    @property
    def cover_widths(self):
        return sorted(int(w) for w in self.cover_renditions.get("webp", {}))

    def cover_url(self, width=800):
        """The smallest rendition at least ``width`` wide (the largest if none is)."""
        widths = self.cover_widths
        if not widths:
            return ""
        chosen = next((w for w in widths if w >= width), widths[-1])
        return default_storage.url(self.cover_renditions["webp"][str(chosen)])

    @property
    def cover_src(self):
        return self.cover_url(800)

    @property
    def cover_small(self):
        return self.cover_url(400)

    @property
    def cover_srcset(self):
        return ", ".join(
            f"{default_storage.url(self.cover_renditions['webp'][str(w)])} {w}w" for w in self.cover_widths
        )

    @property
    def cover_width(self):
        """The original's size, for the ``width``/``height`` attributes (no layout shift)."""
        return self.cover_renditions.get("width")

    @property
    def cover_height(self):
        return self.cover_renditions.get("height")

    @property
    def cover_alt(self):
        return self.cover_caption or self.title

    @property
    def cover_share(self):
        """The JPEG rendition for og:image, JSON-LD and feed enclosures, or ``None``."""
        jpeg = self.cover_renditions.get("jpeg")
        if not self.has_cover or not jpeg:
            return None
        width = jpeg["width"]
        ratio = self.cover_renditions["height"] / self.cover_renditions["width"]
        return {
            "url": default_storage.url(jpeg["name"]),
            "width": width,
            "height": round(width * ratio),
            "type": "image/jpeg",
            "length": jpeg["length"],
        }


def cover_figure_html(article, absolute):
    """The cover as a <figure> with the JPEG rendition, for the top of a feed item's content
    (feed readers know neither srcset nor, all of them, WebP); "" without a cover.
    ``absolute`` makes a path absolute (``request.build_absolute_uri``)."""
    share = article.cover_share
    if share is None:
        return ""
    caption = " · ".join(part for part in (article.cover_caption, article.cover_credit) if part)
    return format_html(
        '<figure><img src="{}" width="{}" height="{}" alt="{}">{}</figure>',
        absolute(share["url"]),
        share["width"],
        share["height"],
        article.cover_alt,
        format_html("<figcaption>{}</figcaption>", caption) if caption else "",
    )
