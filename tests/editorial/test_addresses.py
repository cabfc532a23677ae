"""Addresses built around a slug are exactly what ``reverse()`` gives, under any script prefix."""

import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix

from editorial.addresses import slug_path


@pytest.fixture
def script_prefix():
    yield set_script_prefix
    set_script_prefix("/")


@pytest.mark.parametrize("prefix", ["/", "/archive/"])
def test_the_same_address_as_reverse(script_prefix, prefix):
    script_prefix(prefix)
    for slug in ("kazakhstan", "andrey-serenko", "a_b-1"):
        for view in ("archive:theme", "archive:author", "archive:source"):
            assert slug_path(view, slug) == reverse(view, kwargs={"slug": slug})
        day = {"year": 2026, "month": "03", "day": "05"}
        assert slug_path("archive:article", slug, **day) == reverse("archive:article", kwargs={**day, "slug": slug})
    assert slug_path("archive:theme", "x").startswith(f"{prefix}themes/")


def test_another_day_is_another_address():
    march, april = ({"year": 2026, "month": month, "day": "05"} for month in ("03", "04"))
    assert slug_path("archive:article", "itogi", **march) == "/2026/03/05/itogi/"
    assert slug_path("archive:article", "itogi", **april) == "/2026/04/05/itogi/"


@pytest.mark.parametrize("slug", ["", "два слова", "a/b"])
def test_a_slug_the_route_refuses_is_refused_as_by_reverse(slug):
    with pytest.raises(NoReverseMatch):
        slug_path("archive:theme", slug)
