"""Covers as readers and link previews see them: srcset on the page and on cards, og:image, JSON-LD."""

import io
import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests.factories import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def covered(media):
    buffer = io.BytesIO()
    Image.new("RGB", (1800, 1200), (90, 120, 60)).save(buffer, "JPEG")
    return make_article(
        title="Каспийский трубопровод",
        cover=SimpleUploadedFile("ktk.jpg", buffer.getvalue(), content_type="image/jpeg"),
        cover_caption="Терминал КТК под Новороссийском",
        cover_credit="Фото: КТК",
    )


def test_article_page_shows_the_cover_with_srcset_caption_and_credit(client, covered):
    page = client.get(covered.get_absolute_url()).content.decode()
    figure = re.search(r'<figure class="article-cover">.*?</figure>', page, re.S).group(0)
    assert f'srcset="{covered.cover_srcset}"' in figure and " 1600w" in figure
    assert 'sizes="(max-width: 44.5rem) calc(100vw - 2.5rem), 42rem"' in figure
    assert 'width="1800" height="1200"' in figure and 'alt="Терминал КТК под Новороссийском"' in figure
    assert 'loading="lazy"' not in figure  # the page's main image loads at once
    assert 'Терминал КТК под Новороссийском · <span class="credit">Фото: КТК</span>' in figure


def test_cards_show_a_lazy_cover_with_srcset(client, covered):
    page = client.get("/").content.decode()
    img = re.search(r'<a class="card-cover"[^>]*><img[^>]*>', page).group(0)
    assert 'loading="lazy"' in img and f'srcset="{covered.cover_srcset}"' in img and "sizes=" in img
    assert 'src="/media/covers/' in img and img.count("-400.webp") == 2


def test_link_previews_and_json_ld_carry_the_jpeg_cover(client, covered):
    page = client.get(covered.get_absolute_url()).content.decode()
    share = covered.cover_share
    url = f"http://testserver{share['url']}"
    assert f'<meta property="og:image" content="{url}">' in page
    assert '<meta property="og:image:width" content="1200">' in page
    assert '<meta name="twitter:card" content="summary_large_image">' in page
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))
    assert data["image"] == {
        "@type": "ImageObject", "url": url, "width": 1200, "height": 800,
        "caption": "Терминал КТК под Новороссийском", "creditText": "Фото: КТК",
    }  # fmt: skip


def test_an_article_without_a_cover_has_no_image_anywhere(client):
    article = make_article()
    page = client.get(article.get_absolute_url()).content.decode()
    assert "og:image" not in page and "article-cover" not in page and '"image"' not in page
    assert "card-cover" not in client.get("/").content.decode()


def test_the_figure_for_feed_items_uses_the_absolute_jpeg(covered):
    from editorial.covers import cover_figure_html

    html = cover_figure_html(covered, lambda path: f"https://archive.example{path}")
    share = covered.cover_share
    assert html == (
        f'<figure><img src="https://archive.example{share["url"]}" width="1200" height="800" '
        'alt="Терминал КТК под Новороссийском"><figcaption>Терминал КТК под Новороссийском · Фото: КТК'
        "</figcaption></figure>"
    )
    assert cover_figure_html(make_article(), str) == ""
