"""XSS payloads typed by editors or carried by imported documents never come out as executable markup."""

import json
import re
from datetime import timedelta
from io import StringIO
from urllib.parse import urlencode, urlsplit

import feedparser
import lxml.html
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from editorial.models import Article, Author, Disclaimer, Source, Theme
from tests.editorial.test_admin import article_form, when

pytestmark = pytest.mark.django_db

# Every payload runs alert(…) or names xss/evil: the markers the checks look for.
PAYLOADS = [
    "<script>alert('xss')</script>",
    "<SCRIPT SRC=//evil.example/xss.js></SCRIPT>",
    "<scr<script>ipt>alert('xss')</scr</script>ipt>",
    "</script><script>alert('xss')</script>",
    "</title><script>alert('xss')</script>",
    "</textarea><script>alert('xss')</script>",
    "<img src=x onerror=alert('xss')>",
    "<IMG SRC=\"javascript:alert('xss');\">",
    '<body onload=alert("xss")>',
    "<svg onload=alert('xss')>",
    "<svg><script>alert('xss')</script></svg>",
    "<svg><a xlink:href=\"javascript:alert('xss')\"><text>x</text></a></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert('xss')>",
    "<iframe src=\"javascript:alert('xss')\"></iframe>",
    "<iframe srcdoc=\"<script>alert('xss')</script>\"></iframe>",
    '<object data="data:text/html;base64,PHNjcmlwdD5hbGVydCgneHNzJyk8L3NjcmlwdD4="></object>',
    "<embed src=\"javascript:alert('xss')\">",
    "<a href=\"javascript:alert('xss')\">ссылка</a>",
    "<a href=\"JaVaScRiPt:alert('xss')\">ссылка</a>",
    "<a href=\"jav&#x09;ascript:alert('xss')\">ссылка</a>",
    "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert('xss')\">ссылка</a>",
    "<a href=\" javascript:alert('xss')\">ссылка</a>",
    "<a href=\"data:text/html,<script>alert('xss')</script>\">ссылка</a>",
    "<a href=\"vbscript:msgbox('xss')\">ссылка</a>",
    "<p style=\"width: expression(alert('xss'))\">абзац</p>",
    "<p style=\"background:url(javascript:alert('xss'))\">абзац</p>",
    "<style>@import 'javascript:alert(\"xss\")';</style>",
    "<div style=\"background-image: url(&#1;javascript:alert('xss'))\">x</div>",
    "<link rel=stylesheet href=\"javascript:alert('xss')\">",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(\'xss\')">',
    "<base href=\"javascript:alert('xss')//\">",
    "<form action=\"javascript:alert('xss')\"><button>x</button></form>",
    "<button formaction=\"javascript:alert('xss')\">x</button>",
    "<details open ontoggle=alert('xss')>",
    "<input autofocus onfocus=alert('xss')>",
    "\" onmouseover=\"alert('xss')",
    "' onmouseover='alert(\"xss\")",
    "\"><script>alert('xss')</script>",
    "'><img src=x onerror=alert('xss')>",
    "`><img src=x onerror=alert('xss')>",
    "&lt;script&gt;alert('xss')&lt;/script&gt;",
    "&#60;script&#62;alert('xss')&#60;/script&#62;",
    "%3Cscript%3Ealert('xss')%3C/script%3E",
    "\\u003cscript\\u003ealert('xss')\\u003c/script\\u003e",
    "<scr\x00ipt>alert('xss')</scr\x00ipt>",
    "＜script＞alert('xss')＜/script＞",
    "<script\u2028>alert('xss')</script>",
    "\u2028\u2029</script><script>alert('xss')</script>",
    "<!--<script>alert('xss')</script>-->",
    "<![CDATA[<script>alert('xss')</script>]]>",
    "]]><script>alert('xss')</script>",
    "{{ 7*7 }}{% debug %}<script>alert('xss')</script>",
    "<noscript><p title=\"</noscript><img src=x onerror=alert('xss')>\">",
]

MARKERS = ("alert", "xss", "evil", "msgbox")
DANGEROUS_SCHEMES = re.compile(r"^(javascript|vbscript|data|livescript):", re.I)
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "srcdoc", "data", "poster", "background"}
FORBIDDEN_TAGS = {"iframe", "object", "embed", "base", "frame", "frameset", "applet"}
FEED_FORMATS = ("rss", "atom", "json")


def _marked(value):
    value = (value or "").lower()
    return any(marker in value for marker in MARKERS)


def _scheme(value):
    """The URL's scheme as a browser reads it: entities decoded, whitespace and controls dropped."""
    return re.sub(r"[\x00-\x20]", "", value or "")


def executable_markup(html, where, own_scripts=()):
    """What in ``html`` a browser would run: one message per finding (empty when the page is safe)."""
    found = []
    if not html.strip():
        return found
    tree = lxml.html.fromstring(html)
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        tag = el.tag.lower().rsplit("}", 1)[-1]
        if tag in FORBIDDEN_TAGS:
            found.append(f"{where}: <{tag}> element")
        if tag == "script":
            src = el.get("src")
            kind = (el.get("type") or "").lower()
            if src and src not in own_scripts:
                found.append(f"{where}: foreign <script src={src!r}>")
            elif kind == "application/ld+json":
                json.loads(el.text or "")  # a breakout would leave broken JSON
            elif _marked(el.text):
                found.append(f"{where}: script runs {el.text!r}")
        if tag in {"style", "svg", "math"} and _marked(lxml.html.tostring(el, encoding="unicode")):
            found.append(f"{where}: <{tag}> carries a payload")
        if tag == "meta" and (el.get("http-equiv") or "").lower() == "refresh":
            found.append(f"{where}: meta refresh")
        for name, value in el.attrib.items():
            name = name.lower().rsplit("}", 1)[-1]
            if name.startswith("on"):
                found.append(f"{where}: <{tag} {name}={value!r}>")
            if (name in URL_ATTRIBUTES or name == "href") and DANGEROUS_SCHEMES.match(_scheme(value)):
                found.append(f"{where}: <{tag} {name}={value!r}>")
            if name == "style" and re.search(r"expression\s*\(|javascript:|url\s*\(", value, re.I):
                found.append(f"{where}: <{tag} style={value!r}>")
    return found


def own_scripts(html):
    """The site's own script files (static, no payload): the baseline every page may carry."""
    return {src for src in lxml.html.fromstring(html).xpath("//script/@src") if src.startswith("/static/")}


@pytest.fixture
def payload_articles(editor_client):
    """One article a payload, entered through the admin forms with the payload in every text field."""
    articles = {}
    for i, payload in enumerate(PAYLOADS):
        text = f"{i} {payload}"
        if "\x00" in payload:  # Django's forms refuse NUL outright: nothing to render
            response = editor_client.post(reverse("admin:editorial_theme_add"), {"name": text, "slug": ""})
            assert "ноль-байт" in str(response.context["adminform"].form.errors)
            continue
        response = editor_client.post(
            reverse("admin:editorial_author_add"),
            {"name": f"Автор{i} {payload}"[:200], "slug": "", "position": text, "bio": text},
        )
        assert _saved(response) is True, _saved(response)
        response = editor_client.post(
            reverse("admin:editorial_source_add"),
            {
                "name": f"Источник{i} {payload}"[:200],
                "slug": "",
                "url": f"https://example.com/{i}",
                "description": text,
            },
        )
        assert _saved(response) is True, _saved(response)
        response = editor_client.post(
            reverse("admin:editorial_theme_add"), {"name": f"Тема{i} {payload}"[:100], "slug": "", "description": text}
        )
        assert _saved(response) is True, _saved(response)
        response = editor_client.post(
            reverse("admin:editorial_disclaimer_add"), {"title": f"Оговорка {i}", "text": text}
        )
        assert _saved(response) is True, _saved(response)
        author, source = Author.objects.latest("pk"), Source.objects.latest("pk")
        theme, disclaimer = Theme.objects.latest("pk"), Disclaimer.objects.latest("pk")
        form = article_form(
            authors=[author],
            themes=[theme],
            title=f"Статья{i} поиск {payload}"[:300],
            lead=f"Лид поиск {text}",
            body=f"Первый абзац поиск {text}\n\nВторой абзац {payload}",
            status="published",
            source=source.pk,
            source_url=f"https://example.com/{i}?q=%22%3E%3Cscript%3Ealert({i})%3C/script%3E",
            disclaimer=disclaimer.pk,
            kind="opinion",
            **when(timezone.now() - timedelta(days=i % 3, minutes=i)),
        )
        form["bylines-0-position"] = text
        response = editor_client.post(reverse("admin:editorial_article_add"), form)
        assert _saved(response) is True, _saved(response)
        articles[payload] = Article.objects.latest("pk")
    return articles


def _saved(response):
    """The admin redirected after saving; otherwise the form's errors, to read in the failure."""
    if response.status_code == 302:
        return True
    context = response.context or {}
    form = context.get("adminform") and context["adminform"].form
    inlines = [f.errors for fs in context.get("inline_admin_formsets", []) for f in fs.formset.forms]
    return (response.status_code, form and form.errors, inlines)


def public_urls(articles):
    urls = {"/", "/archive/", "/themes/", "/authors/", "/sources/", "/subscribe/", "/search/?q=поиск"}
    urls.add("/search/?q=" + "+".join(["поиск", "абзац", "лид"]))
    for article in articles:
        day = article.publication_date
        urls |= {
            article.get_absolute_url(),
            reverse("archive:year", kwargs={"year": day.year}),
            reverse("archive:month", kwargs={"year": day.year, "month": day.month}),
            reverse("archive:day", kwargs={"year": day.year, "month": day.month, "day": day.day}),
        }
        for facet in filter(None, (*article.themes.all(), *article.authors.all(), article.source)):
            urls.add(facet.get_absolute_url())
    return sorted(urls)


def feed_urls(articles):
    urls = {reverse(f"archive:feed_{fmt}") for fmt in FEED_FORMATS}
    for article in articles:
        for facet, objects in (("theme", article.themes.all()), ("author", article.authors.all())):
            for obj in objects:
                urls |= {reverse(f"archive:{facet}_feed_{fmt}", kwargs={"slug": obj.slug}) for fmt in FEED_FORMATS}
        if article.source:
            urls |= {
                reverse(f"archive:source_feed_{fmt}", kwargs={"slug": article.source.slug}) for fmt in FEED_FORMATS
            }
    return sorted(urls)


def check_pages(client, urls):
    found, scripts = [], None
    for url in urls:
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        html = response.content.decode()
        scripts = scripts if scripts is not None else own_scripts(client.get("/subscribe/").content.decode())
        found += executable_markup(html, url, scripts)
    return found


def test_admin_entered_payloads_never_run_anywhere(client, editor_client, payload_articles):
    """Pages, search snippets, JSON-LD, feeds and the admin's own lists and forms."""
    articles = list(payload_articles.values())
    urls = public_urls(articles)
    assert len(urls) > 4 * len(articles)
    assert check_pages(client, urls) == []
    check_text_survives(client, payload_articles)
    check_search(client)
    check_feeds(client, articles)
    check_admin(editor_client, articles)


def check_text_survives(client, payload_articles):
    """Escaped, not dropped: the reader sees exactly what the editor typed (so the checks are not vacuous)."""
    for article in payload_articles.values():
        tree = lxml.html.fromstring(client.get(article.get_absolute_url()).content.decode())
        assert tree.cssselect("h1")[0].text_content().strip() == article.title
        ld = json.loads(tree.xpath("//script[@type='application/ld+json']")[0].text)
        assert ld["headline"] == article.title and ld["description"] == article.lead
        assert ld["author"][0]["name"] == article.authors.get().name


def check_search(client):
    found = []
    for payload in PAYLOADS:
        response = client.get("/search/", {"q": f"поиск {payload}"[:200]})
        assert response.status_code in (200, 400)
        html = response.content.decode()
        found += executable_markup(html, f"search {payload!r}", own_scripts(html))
    assert found == []


def _feed_findings(url, body):
    found = []
    if urlsplit(url).path.endswith("/json/"):
        feed = json.loads(body)
        for item in feed["items"]:
            found += executable_markup(item.get("content_html", ""), f"{url} content_html")
            for key in ("url", "external_url"):
                if DANGEROUS_SCHEMES.match(_scheme(item.get(key, ""))):
                    found.append(f"{url}: {key}={item[key]!r}")
        return found
    parsed = feedparser.parse(body, sanitize_html=False)
    assert not parsed.bozo, (url, parsed.get("bozo_exception"))
    if parsed.version.startswith("rss"):
        found += [f"{url} {where}: {element}" for where, element in rss_text_markup(parsed)]
    for entry in parsed.entries:
        details = [entry.get("summary_detail"), *entry.get("content", [])]
        if parsed.version.startswith("atom"):  # Atom says its type: titles are checked when it is html
            details.append(entry.get("title_detail"))
        for detail in filter(None, details):
            if "html" in detail.get("type", ""):
                found += executable_markup(detail["value"], f"{url} {detail['type']}")
        for link in entry.get("links", []):
            if DANGEROUS_SCHEMES.match(_scheme(link.get("href", ""))):
                found.append(f"{url}: link {link['href']!r}")
    return found


def html_elements(text):
    """The elements a reader that takes ``text`` for HTML would build from it."""
    return [el.tag for el in lxml.html.fragment_fromstring(text, create_parent="div").iterdescendants()]


def rss_text_markup(parsed):
    """Markup in an RSS feed's text (channel title and description, item titles, categories, authors).

    RSS does not say whether these hold text or HTML; feedparser calls the ones that look like HTML
    «text/html», and web readers render them so. None of them may then become an element.
    """
    texts = [("title", parsed.feed.get("title", "")), ("description", parsed.feed.get("subtitle", ""))]
    for entry in parsed.entries:
        texts += [("item title", entry.get("title", "")), ("dc:creator", entry.get("author", ""))]
        texts += [("category", tag.term) for tag in entry.get("tags", [])]
    return [(where, element) for where, text in texts for element in html_elements(text)]


def displayed_title(detail):
    """An RSS title as a reader shows it: feedparser says whether it is HTML or text."""
    if "html" in detail.type:
        return lxml.html.fragment_fromstring(detail.value, create_parent="div").text_content()
    return detail.value


def check_feeds(client, articles):
    urls = feed_urls(articles)
    # A search query is reflected into the feed's own title and description.
    urls += [reverse(f"archive:feed_{fmt}") + "?" + urlencode({"q": p}) for p in PAYLOADS for fmt in FEED_FORMATS]
    found = []
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        found += _feed_findings(url, response.content)
    assert found == []
    # Plain-text fields come through as the same text, so the check above saw the payloads.
    feed = json.loads(client.get(reverse("archive:feed_json")).content)
    titles = {item["title"] for item in feed["items"]}
    assert any("<script>" in title for title in titles)
    # RSS titles read as HTML show exactly what the editor typed, markup included as text.
    by_link = {"http://testserver" + article.get_absolute_url(): article for article in articles}
    entries = feedparser.parse(client.get(reverse("archive:feed_rss")).content).entries
    assert entries and {displayed_title(e.title_detail) for e in entries} == {by_link[e.link].title for e in entries}


def check_admin(editor_client, articles):
    scripts = None
    found = []
    pages = [reverse(f"admin:editorial_{m}_changelist") for m in ("article", "author", "source", "theme", "disclaimer")]
    pages.append(reverse("admin:editorial_article_changelist") + "?q=поиск")
    for article in articles:
        pages.append(reverse("admin:editorial_article_change", args=[article.pk]))
    pages += [reverse("admin:editorial_author_change", args=[a.pk]) for a in Author.objects.all()[:10]]
    for url in pages:
        html = editor_client.get(url).content.decode()
        scripts = scripts or {
            s for s in lxml.html.fromstring(html).xpath("//script/@src") if s.startswith(("/static/", "/admin/"))
        }
        found += [f for f in executable_markup(html, url, scripts) if not f.endswith("script runs None") and _marked(f)]
    assert found == []


DOCUMENTS = {
    "payloads.txt": "date 2025-12-11\nЗаголовок импорт {p}\nЛид импорт {p}\n\nТекст импорт {p}\n\nАвтор: Иван Петров",
    "payloads.md": "date 2025-12-11\n\n# Заголовок импорт {p}\n\nЛид импорт {p}\n\nТекст импорт {p}\n\nАвтор: Иван Петров",
    "payloads.html": (
        "<html><head><title>Заголовок импорт {p}</title><script>alert('xss-head')</script></head>"
        "<body onload=\"alert('xss-body')\"><p>date 2025-12-11</p><h1>Заголовок импорт {p}</h1><p>Лид импорт {p}</p>"
        "<p onclick=\"alert('xss-p')\">Текст импорт {p}</p><a href=\"javascript:alert('xss')\">ссылка</a>"
        "<p>Автор: Иван Петров</p></body></html>"
    ),
}


def _document(name, i, payload):
    return DOCUMENTS[name].replace("{p}", f"{i} {payload}")


def _imported_urls(client):
    articles = list(Article.objects.published())
    assert articles
    return public_urls(articles), feed_urls(articles)


def test_imported_payloads_never_run_through_the_command(client, tmp_path):
    for name in DOCUMENTS:
        for i, payload in enumerate(PAYLOADS):
            (tmp_path / f"{i:03}_{name}").write_text(_document(name, i, payload), encoding="utf-8")
    out = StringIO()
    try:
        call_command("import_articles", str(tmp_path), "--publish", "--date", "2025-12-11", stdout=out)
    except CommandError as error:  # a document the importer refuses (named in its output) is not an XSS
        assert "с ошибками" in str(error), out.getvalue()
    assert Article.objects.count() >= 2 * len(PAYLOADS)  # a few documents collapse to the same text
    pages, feeds = _imported_urls(client)
    found = check_pages(client, pages)
    for url in feeds:
        found += _feed_findings(url, client.get(url).content)
    assert found == []


def test_imported_payloads_never_run_through_the_admin_upload(editor_client, client):
    files = [
        SimpleUploadedFile(f"{i:03}_{name}", _document(name, i, payload).encode())
        for i, payload in enumerate(PAYLOADS[:12])
        for name in sorted(DOCUMENTS)
    ]
    response = editor_client.post(reverse("admin:editorial_article_upload"), {"files": files}, follow=True)
    assert response.status_code == 200
    found = executable_markup(response.content.decode(), "upload preview", own_scripts(response.content.decode()))
    assert [f for f in found if _marked(f)] == []
    indexes = [str(i) for i in range(len(files))]
    job_url = response.redirect_chain[-1][0]
    response = editor_client.post(job_url, {"import": indexes, "publish": indexes}, follow=True)
    assert response.status_code == 200
    assert Article.objects.published().count() >= 12
    pages, feeds = _imported_urls(client)
    found = check_pages(client, pages)
    for url in feeds:
        found += _feed_findings(url, client.get(url).content)
    assert found == []


def test_dangerous_urls_are_refused_by_the_forms(editor_client):
    for url in ("javascript:alert('xss')", "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)"):
        response = editor_client.post(reverse("admin:editorial_source_add"), {"name": "Злой", "slug": "", "url": url})
        assert response.status_code == 200 and "url" in response.context["adminform"].form.errors
        response = editor_client.post(reverse("admin:editorial_article_add"), article_form(source_url=url))
        assert response.status_code == 200 and "source_url" in response.context["adminform"].form.errors
    assert not Source.objects.exists() and not Article.objects.exists()
