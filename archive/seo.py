"""Structured data for search engines and link previews (JSON-LD)."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import mark_safe

SCHEMA_TYPES = {
    "news": "NewsArticle",
    "analysis": "AnalysisNewsArticle",
    "opinion": "OpinionNewsArticle",
    # schema.org has no interview type: a NewsArticle whose genre says so.
    "interview": "NewsArticle",
}
_SCRIPT_SAFE = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def to_script_json(data):
    """JSON that can stand inside <script> whatever the strings contain."""
    return mark_safe(json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_SCRIPT_SAFE))


def share_image(article, request):
    """The article's cover for link previews and JSON-LD (an absolute JPEG URL and its size), or ``None``."""
    share = article.cover_share
    if share is None:
        return None
    return {**share, "url": request.build_absolute_uri(share["url"]), "alt": article.cover_alt}


def article_json_ld(article, request):
    url = request.build_absolute_uri(article.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": SCHEMA_TYPES[article.kind],
        "headline": article.title,
        "description": article.lead,
        "url": url,
        "mainEntityOfPage": url,
        "inLanguage": article.language,
        "datePublished": article.published_at.isoformat(),
        "dateModified": max(article.updated_at, article.published_at).isoformat(),
        "genre": article.get_kind_display(),
        "wordCount": len(article.body_text.split()),
        "author": [
            {
                "@type": "Person",
                "name": byline.author.name,
                "url": request.build_absolute_uri(byline.author.get_absolute_url()),
                **({"jobTitle": byline.position} if byline.position else {}),
            }
            for byline in article.ordered_bylines
        ],
        "keywords": [theme.name for theme in article.sorted_themes],
    }
    image = share_image(article, request)
    if image:
        data["image"] = {
            "@type": "ImageObject",
            "url": image["url"],
            "width": image["width"],
            "height": image["height"],
            **({"caption": article.cover_caption} if article.cover_caption else {}),
            **({"creditText": article.cover_credit} if article.cover_credit else {}),
        }
    if article.source_url:
        data["isBasedOn"] = article.source_url
    if article.source_id:
        data["sourceOrganization"] = {"@type": "Organization", "name": article.source.name}
    return to_script_json(data)
