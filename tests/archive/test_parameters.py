"""Reader parameters are capped before anything echoes them back."""

import pytest

from archive.filters import PARAMETER_MAX_LENGTHS
from tests.factories import make_article

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/", "/search/", "/feeds/rss/", "/2025/"])
@pytest.mark.parametrize("name", sorted(PARAMETER_MAX_LENGTHS))
def test_a_huge_parameter_is_never_echoed_beyond_its_cap(client, url, name):
    make_article()
    response = client.get(url, {name: "ж" * 10000, "other": "ы" * 10000})
    assert response.status_code in {200, 404}
    page = response.content.decode()
    assert "ж" * (PARAMETER_MAX_LENGTHS[name] + 2) not in page
    assert "%D0%B6" * (PARAMETER_MAX_LENGTHS[name] + 2) not in page  # nor in links, percent-encoded
    assert "ы" * 10 not in page and "%D1%8B" * 10 not in page  # unknown parameters are not echoed


def test_a_long_search_is_reported_and_the_page_stays_small(client):
    make_article()
    response = client.get("/search/", {"q": "ж" * 10000})
    page = response.content.decode()
    assert "не более 200" in page or "Некоторые условия не приняты" in page
    assert len(response.content) < 40_000


def test_pagination_links_keep_the_filters(client):
    for _ in range(21):
        make_article(kind="opinion")
    page = client.get("/", {"kind": "opinion", "utm_source": "x"}).content.decode()
    assert 'href="/?kind=opinion&amp;page=2"' in page and "utm_source" not in page
