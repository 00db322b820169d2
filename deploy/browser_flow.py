"""A short browser flow through nginx (Playwright, Debian's Chromium): sign in, open the main
pages, check each answers 200 with its heading and no error page, sign out.

    .venv/bin/python deploy/browser_flow.py --base http://127.0.0.1:18080 --shots /tmp/shots

Exit status 1 on the first failure (its screenshot is kept in --shots).
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

PAGES = [
    ("/plans/", "plans"),
    ("/plans/tasks/", "ledger"),
    ("/normdocs/documents/", "normdocs"),
    ("/enforcement/cases/", "enforcement"),
    ("/disputes/reconsiderations/", "disputes"),
    ("/notifications/", "inbox"),
    ("/public/exchange/", "open-data"),
]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", default="http://127.0.0.1:18080")
    parser.add_argument("--user", default="zhang.supervisor")
    parser.add_argument("--password", default="Fazhi@2026demo")
    parser.add_argument("--shots", type=Path, required=True, help="folder for screenshots")
    args = parser.parse_args()
    args.shots.mkdir(parents=True, exist_ok=True)
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        page = browser.new_page(base_url=args.base, locale="zh-CN")
        page.set_default_timeout(20000)
        try:
            page.goto("/login/")
            page.fill("#id_username", args.user)
            page.fill("#id_password", args.password)
            page.click("main form button[type=submit]")
            page.wait_for_load_state("networkidle")
            if "/login/" in page.url:
                raise AssertionError(f"{args.user} was not signed in")
            for path, name in PAGES:
                response = page.goto(path)
                if response is None or response.status != 200:
                    raise AssertionError(f"{path}: {response.status if response else 'no answer'}")
                if not response.headers.get("x-request-id"):
                    raise AssertionError(f"{path}: no X-Request-ID (not through the stack?)")
                heading = page.locator("h1").first.inner_text().strip()
                if not heading:
                    raise AssertionError(f"{path}: no heading")
                page.screenshot(path=str(args.shots / f"{name}.png"), full_page=False)
                print(f"ok {path} 「{heading}」")
            page.goto("/plans/")
            page.locator("form[action$='/logout/'] button, a[href$='/logout/']").first.click()
            page.wait_for_load_state("networkidle")
            if page.goto("/plans/").url.find("/login/") < 0:
                raise AssertionError("still signed in after signing out")
            print("ok signed out")
        except Exception:
            page.screenshot(path=str(args.shots / "failure.png"), full_page=True)
            raise
        finally:
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
