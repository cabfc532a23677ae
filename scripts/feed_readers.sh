#!/bin/sh
# What independent feed readers show of the archive's feeds (a manual check, not a test).
#   scripts/feed_readers.sh http://127.0.0.1:8000 [FEED_PATH ...]
# Uses whichever of these is installed: newsboat and sfeed (apt-get install newsboat sfeed),
# node's rss-parser (npm install --prefix /tmp/feed-readers rss-parser@3.13.0).
set -u
base=${1:?usage: $0 BASE_URL [FEED_PATH ...]}; shift
[ $# -gt 0 ] || set -- /feeds/rss/ /themes/kazakhstan/atom/ "/feeds/rss/?kind=opinion"
node_modules=${NODE_MODULES:-/tmp/feed-readers/node_modules}
for path in "$@"; do
  url="$base$path"
  if command -v newsboat >/dev/null && command -v sqlite3 >/dev/null; then
    echo "== newsboat $url"
    dir=$(mktemp -d); echo "$url" > "$dir/urls"; : > "$dir/config"
    newsboat -u "$dir/urls" -c "$dir/cache.db" -C "$dir/config" -x reload >/dev/null 2>&1
    sqlite3 -separator ' | ' "$dir/cache.db" "select 'FEED', title from rss_feed; select count(*) || ' items' from rss_item;
      select title, author, datetime(pubDate, 'unixepoch') from rss_item order by pubDate desc limit 3;"
    rm -rf "$dir"
  fi
  if command -v sfeed >/dev/null; then
    echo "== sfeed $url"
    curl -s "$url" | sfeed | awk -F'\t' '{n++} n<=3 {printf "%s | %s | author=%s | tags=%s\n", strftime("%Y-%m-%d %H:%M", $1, 1), $2, $7, $9} END {print n " items"}'
  fi
  if [ -d "$node_modules/rss-parser" ]; then
    echo "== rss-parser $url"
    NODE_PATH=$node_modules node -e '
      const Parser = require("rss-parser");
      new Parser({customFields: {item: [["dc:creator", "creator"]]}}).parseURL(process.argv[1]).then((feed) => {
        console.log(`FEED: ${feed.title} | ${feed.items.length} items`);
        for (const i of feed.items.slice(0, 3)) console.log(`${i.isoDate} | ${i.title} | author=${i.creator || i.author || ""} | ${(i.contentSnippet || "").slice(0, 80).replace(/\n/g, " ")}`);
      });' "$url"
  fi
done
