"""Every public URL pattern, fed generated path values and query strings, answers without a server error."""

import re
from datetime import timedelta
from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import make_article, make_author, make_source, make_theme

pytestmark = pytest.mark.django_db

ALLOWED = {200, 301, 302, 304, 400, 404}
FUZZ = settings(
    max_examples=120,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
PARAMS = ["q", "page", "theme", "author", "source", "kind", "date_from", "date_to", "year", "month", "format", "o"]
_PLACEHOLDER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


def public_routes():
    """The route of every public pattern (the archive's URLconf walked, the admin left out)."""
    routes = []

    def walk(patterns, prefix):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                if not route.startswith("admin/"):
                    walk(pattern.url_patterns, route)
            elif isinstance(pattern, URLPattern):
                routes.append(route)

    walk(get_resolver().url_patterns, "")
    return sorted(set(routes))


ROUTES = public_routes()
NASTY_VALUES = (
    [
        "", "0", "-1", "00", "13", "32", "0000", "9999", "10000", "99999999999999999999999999999999",
        "1e309", "NaN", "%00", "\x00", "%zz", "%", "%C3", "%C3%28", "%ED%A0%80", "..", "%2e%2e", "a/b",
        "россия", "ё", "\u202e", "\ufeff", "😀", "x" * 5000, "'", '"', "<script>", "1 OR 1=1", "--",
        "²", "١٢", "１２", "1_000", " 1", "+1", "0x10",
    ]
)  # fmt: skip
NASTY = st.sampled_from(NASTY_VALUES)
PATH_VALUE = st.one_of(NASTY, st.text(max_size=40), st.integers(-(10**30), 10**30).map(str))
QUERY_VALUE = st.one_of(NASTY, st.text(max_size=60), st.integers(-(10**30), 10**30).map(str), st.just("9" * 4000))
QUERY_KEY = st.one_of(st.sampled_from(PARAMS), st.sampled_from(PARAMS), st.text(max_size=10))


def _escape(value):
    """Percent-encode what a URL cannot carry, keeping deliberate (maybe invalid) %-escapes as they are."""
    return quote(value, safe="%/:@!$&'()*+,;=-._~")


def real_path(route, valid):
    """The route with the real object of each kind: a theme's slug under themes/, an article's elsewhere."""

    def fill(match):
        kind = route.split("/", 1)[0] if match["converter"] == "slug" else match["converter"]
        return valid.get(kind, valid.get(match["converter"]))

    return "/" + _PLACEHOLDER.sub(fill, route)


@st.composite
def requests(draw, routes=ROUTES, valid=None):
    route = draw(st.sampled_from(routes))
    if valid:
        path = real_path(route, valid)
    else:
        path = "/" + _PLACEHOLDER.sub(lambda match: _escape(draw(PATH_VALUE)), route)
    pairs = draw(st.lists(st.tuples(QUERY_KEY, QUERY_VALUE), max_size=6))
    if pairs and draw(st.booleans()):
        pairs.append(pairs[0])  # a repeated key
    query = "&".join(f"{_escape(k)}={_escape(v)}" for k, v in pairs)
    return path + ("?" + query if query else "")


@pytest.fixture
def archive(db):
    theme, author, source = make_theme("Россия"), make_author("Андрей Серенко"), make_source("Contur.kz")
    article = make_article(authors=[author], themes=[theme], source=source, title="Итоги года")
    make_article(ago=timedelta(days=40), themes=[theme])
    day = article.publication_date
    return {
        "yyyy": str(day.year), "mm": f"{day.month:02}", "dd": f"{day.day:02}", "slug": article.slug,
        "themes": theme.slug, "authors": author.slug, "sources": source.slug,
    }  # fmt: skip


def test_the_walk_finds_every_kind_of_public_url():
    for expected in ("search/", "<yyyy:year>/<mm:month>/<dd:day>/<slug:slug>/", "feeds/rss/", "sitemap.xml"):
        assert expected in ROUTES
    assert any("archive/<yyyy:year>/<mm:month>/json/" in r for r in ROUTES)
    assert any(r.startswith("themes/<slug:slug>/") and r.endswith("atom/") for r in ROUTES)
    assert "subscribe/" in ROUTES


@FUZZ
@given(url=requests())
def test_generated_urls_never_answer_a_server_error(archive, url):
    response = Client(raise_request_exception=False).get(url)
    assert response.status_code in ALLOWED, (url, response.status_code)


@pytest.mark.parametrize("route", ROUTES)
@settings(FUZZ, max_examples=6)
@given(data=st.data())
def test_real_objects_with_generated_query_strings_never_answer_a_server_error(archive, route, data):
    """The path resolves to real articles, facets and months, so every known parameter reaches the views."""
    path = data.draw(requests(routes=[route], valid=archive)).split("?")[0]
    known = data.draw(st.fixed_dictionaries({key: st.none() | QUERY_VALUE for key in PARAMS}))
    pairs = [(k, v) for k, v in known.items() if v is not None]
    pairs += data.draw(st.lists(st.tuples(QUERY_KEY, QUERY_VALUE), max_size=3))
    url = path + "?" + "&".join(f"{_escape(k)}={_escape(v)}" for k, v in pairs + pairs[:1])
    response = Client(raise_request_exception=False).get(url)
    assert response.status_code in ALLOWED, (url, response.status_code)


def test_every_nasty_value_in_every_parameter_of_every_real_route(archive):
    """Not left to chance: a value that breaks one parser (``?page=²``: a digit to ``isdigit()``, not to
    ``int()``) would be drawn too rarely by the random tests above to be found."""
    client = Client(raise_request_exception=False)
    failures = []
    for route in ROUTES:
        path = real_path(route, archive)
        for value in NASTY_VALUES:
            url = path + "?" + "&".join(f"{key}={_escape(value)}" for key in PARAMS)
            status = client.get(url).status_code
            if status not in ALLOWED:
                failures.append((url[:120], status))
    assert failures == []
