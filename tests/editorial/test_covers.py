"""Cover images: uploaded in the admin, resized into renditions; bad files refused with a clear message."""

import io
import struct
import zlib
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from editorial.models import Article
from tests.editorial.test_admin import article_form

pytestmark = pytest.mark.django_db

ADD_ARTICLE = reverse("admin:editorial_article_add")


def jpeg_bytes(width=2000, height=1250, color=(40, 90, 160)):
    image = Image.new("RGB", (width, height), color)
    for x in range(0, width, 50):  # some detail, so the JPEG is not trivially small
        image.paste((200, 60, 40), (x, 0, x + 10, height))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def png_claiming(width, height):
    """A tiny PNG whose header claims ``width``×``height`` pixels: a decompression bomb."""
    buffer = io.BytesIO()
    Image.new("L", (10, 10)).save(buffer, "PNG")
    data = bytearray(buffer.getvalue())
    header = b"IHDR" + struct.pack(">II", width, height) + bytes(data[24:29])
    data[12:29] = header
    data[29:33] = struct.pack(">I", zlib.crc32(header))
    return bytes(data)


def upload(content, name="cover.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def test_a_cover_is_resized_into_renditions_on_upload(editor_client, media):
    response = editor_client.post(
        ADD_ARTICLE,
        article_form(
            cover=upload(jpeg_bytes()), cover_caption="Байконур, стартовый стол", cover_credit="Фото: Роскосмос"
        ),
    )
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.cover_widths == [400, 800, 1200, 1600]
    for name in article.cover_renditions["webp"].values():
        with Image.open(media / name) as rendition:
            assert rendition.format == "WEBP"
            assert rendition.height == round(rendition.width * 1250 / 2000)
    assert article.cover_srcset.count("w, ") == 3 and article.cover_srcset.endswith("1600w")
    share = article.cover_share
    assert share["type"] == "image/jpeg" and share["width"] == 1200 and share["height"] == 750
    with Image.open(media / article.cover_renditions["jpeg"]["name"]) as jpeg:
        assert jpeg.format == "JPEG" and jpeg.size == (1200, 750)
    assert share["length"] == (media / article.cover_renditions["jpeg"]["name"]).stat().st_size


def test_a_small_cover_is_never_enlarged(editor_client, media):
    editor_client.post(ADD_ARTICLE, article_form(cover=upload(jpeg_bytes(640, 480))))
    article = Article.objects.get()
    assert article.cover_widths == [400, 640]
    assert article.cover_share["width"] == 640


def test_transparent_png_is_flattened_on_white(editor_client, media):
    buffer = io.BytesIO()
    Image.new("RGBA", (800, 400), (0, 0, 0, 0)).save(buffer, "PNG")
    editor_client.post(ADD_ARTICLE, article_form(cover=upload(buffer.getvalue(), "logo.png", "image/png")))
    with Image.open(media / Article.objects.get().cover_renditions["jpeg"]["name"]) as jpeg:
        assert jpeg.getpixel((10, 10)) == (255, 255, 255)


def test_clearing_the_cover_drops_the_renditions(editor_client, media):
    editor_client.post(ADD_ARTICLE, article_form(cover=upload(jpeg_bytes())))
    article = Article.objects.get()
    editor_client.post(
        reverse("admin:editorial_article_change", args=[article.pk]), article_form(**{"cover-clear": "on"})
    )
    article.refresh_from_db()
    assert not article.has_cover and article.cover_srcset == "" and article.cover_share is None


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"\xd0\xad\xd1\x82\xd0\xbe \xd0\xbd\xd0\xb5 \xd0\xba\xd0\xb0\xd1\x80\xd1\x82\xd0\xb8\xd0\xbd\xd0\xba\xd0\xb0", "photo.jpg", "Файл не является изображением. Загрузите JPEG, PNG, WebP или GIF."),
        (png_claiming(9000, 9000), "bomb.png", "Изображение слишком большое: 9000×9000 пикселей. Максимум — 40 мегапикселей."),
        (png_claiming(40000, 40000), "bomb.png", "Изображение слишком большое (похоже на «декомпрессионную бомбу»)."),
        (jpeg_bytes()[:6000], "cut.jpg", "Изображение повреждено и не читается"),
        (b"\xff\xd8\xff" + bytes(50 * 1024 * 1024), "huge.jpg", "Файл слишком большой: 50,0 МБ. Максимум — 15,0 МБ."),
        (jpeg_bytes(300, 200), "tiny.jpg", "Изображение слишком маленькое: 300 пикселей в ширину, нужно хотя бы 400."),
    ],
    ids=["not-an-image", "too-many-pixels", "decompression-bomb", "corrupt", "50-mb", "too-small"],
)  # fmt: skip
def test_a_bad_cover_is_refused_with_a_clear_message_and_nothing_saved(editor_client, media, content, name, message):
    response = editor_client.post(ADD_ARTICLE, article_form(cover=upload(content, name)))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Article.all_objects.exists()
    assert not media.exists() or not any(path.is_file() for path in media.rglob("*"))


def test_the_cover_reaches_every_feed_first_in_the_content_and_as_an_enclosure(editor_client, client, media):
    import json
    import xml.etree.ElementTree as ET

    import feedparser

    editor_client.post(
        ADD_ARTICLE,
        article_form(
            cover=upload(jpeg_bytes()), cover_caption="Байконур, стартовый стол", cover_credit="Фото: Роскосмос"
        ),
    )
    article = Article.objects.get()
    article.publish(when=timezone.now() - timedelta(hours=1))
    jpeg_url = "http://testserver" + article.cover_share["url"]
    size = str(article.cover_share["length"])
    for fmt in ("rss", "atom"):
        entry = feedparser.parse(client.get(f"/feeds/{fmt}/").content).entries[0]
        assert [(e["href"], e["length"], e["type"]) for e in entry.enclosures] == [(jpeg_url, size, "image/jpeg")], fmt
        content = entry.content[0].value
        assert content.startswith("<figure><img ") and f'src="{jpeg_url}"' in content.split("</figure>")[0], fmt
        assert "<figcaption>Байконур, стартовый стол · Фото: Роскосмос</figcaption>" in content, fmt
    rss = feedparser.parse(client.get("/feeds/rss/").content).entries[0]
    assert rss.media_content == [
        {"url": jpeg_url, "type": "image/jpeg", "medium": "image", "width": "1200", "height": "750", "filesize": size}
    ]
    assert rss.summary == "<p>Лид.</p>"  # the caption does not take the summary's place
    media = ET.fromstring(client.get("/feeds/rss/").content).find("channel/item/{http://search.yahoo.com/mrss/}content")
    # Media RSS spells the attributes so (feedparser lowercases their names, XML readers do not)
    assert media.attrib == {
        "url": jpeg_url, "type": "image/jpeg", "medium": "image", "width": "1200", "height": "750", "fileSize": size
    }  # fmt: skip
    assert [(child.tag.split("}")[1], child.text) for child in media] == [
        ("description", "Байконур, стартовый стол"),
        ("credit", "Фото: Роскосмос"),
    ]
    assert rss.media_credit[0]["content"] == "Фото: Роскосмос"
    item = json.loads(client.get("/feeds/json/").content)["items"][0]
    assert item["image"] == jpeg_url
