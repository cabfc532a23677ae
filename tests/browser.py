"""What the browser tests share: axe-core runs, screenshots and axe reports as artifacts, the admin login.

Screenshots (PNG) and every axe finding (JSON) go to ``screenshots/`` when ``SCREENSHOTS=1``.
"""

import json
import os
from pathlib import Path

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
SHOTS = Path(__file__).parents[1] / "screenshots"
BLOCKING = {"serious", "critical"}


def shot(page, name):
    if os.environ.get("SCREENSHOTS") == "1":
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def axe(page):
    """Violations axe-core finds on the page: ``[(id, impact, [targets])]``."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ["violations"]})).violations
             .map(v => [v.id, v.impact, v.nodes.map(n => n.target.join(" "))])"""
    )
    return [tuple(v) for v in found]


def report(found, name):
    """Every violation of every impact, for the closing note (``SCREENSHOTS=1``)."""
    if os.environ.get("SCREENSHOTS") == "1":
        SHOTS.mkdir(exist_ok=True)
        (SHOTS / f"{name}.json").write_text(json.dumps(found, ensure_ascii=False, indent=1))


def blocking(violations):
    return [v for v in violations if v[1] in BLOCKING]


def admin_ready(page):
    """Waits until select2 and the body editor, built after load, have their accessible names."""
    page.wait_for_function(
        "!document.querySelector('.select2-selection:not([aria-label]), [contenteditable=true]:not([aria-label])')"
    )


def log_in(page, url, username, password):
    """Through the admin's login form, as a person does."""
    page.goto(url + "/admin/login/")
    page.get_by_label("Имя пользователя").fill(username)
    page.get_by_label("Пароль").fill(password)
    page.get_by_role("button", name="Войти").click()
    page.wait_for_url("**/admin/")


def serve_media(context, media_root):
    """Answers the tab's /media/ requests from the test's MEDIA_ROOT: the live server serves no
    media (DEBUG is off), as in production, where the front web server does."""

    def from_media_root(route):
        path = media_root / route.request.url.split("/media/", 1)[1].split("?")[0]
        route.fulfill(path=str(path)) if path.is_file() else route.fulfill(status=404)

    context.route("**/media/**", from_media_root)
