"""Reading feeds as readers do: feedparser for RSS and Atom, the JSON Feed 1.1 structure for JSON."""

import json
from datetime import datetime

import feedparser


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, (url, feed.get("bozo_exception"))
    return feed


def parse_json(client, url):
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"].startswith("application/feed+json"), url
    data = json.loads(response.content)
    assert data["version"] == "https://jsonfeed.org/version/1.1"
    for item in data["items"]:
        datetime.fromisoformat(item["date_published"])
        datetime.fromisoformat(item["date_modified"])
    return data


def links(feed):
    """{rel: href} of a parsed feed's links (self, first, next, hub…)."""
    return {link.rel: link.href for link in feed.feed.links}
