"""Screenshots of the public pages in headless Chromium, to look at them as readers do.

Usage: run the site (``make run``), then
    .venv/bin/python scripts/screenshots.py [BASE_URL]
PNGs go to ./screenshots/ (desktop and mobile widths).
"""

import re
import shutil
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]  # fmt: skip
WIDTHS = {"desktop": 1280, "mobile": 390}


def main():
    base = (sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000").rstrip("/")
    out = Path("screenshots")
    out.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=ARGS)
        page = browser.new_page()
        page.goto(base + "/")
        article = page.locator(".card-title a").first.get_attribute("href")
        theme = page.locator(".tags a").first.get_attribute("href")
        month = re.match(r"^/(\d{4})/(\d{2})/", article).group(0)
        pages = {"index": "/", "article": article, "theme": theme, "month": month, "search": "/search/?q=Казахстана"}
        for width_name, width in WIDTHS.items():
            page.set_viewport_size({"width": width, "height": 900})
            for name, path in pages.items():
                page.goto(base + path)
                target = out / f"{name}-{width_name}.png"
                page.screenshot(path=str(target), full_page=True)
                print(target)
        browser.close()


if __name__ == "__main__":
    main()
