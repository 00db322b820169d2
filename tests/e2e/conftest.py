"""Browser tests: Playwright for Python driving Debian's Chromium against pytest-django's live server."""

import os
import shutil

import pytest

os.environ.setdefault(
    "DJANGO_ALLOW_ASYNC_UNSAFE", "true"
)  # Playwright's sync API runs an event loop

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def pytest_collection_modifyitems(items):
    for item in items:
        item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser(live_server):
    # Started after the live server so that it closes first: Chromium's kept-alive connections
    # end while the server still shares its in-memory SQLite connection with the request
    # threads, instead of after, when each thread's close raised (five warnings per run).
    if not os.path.exists(CHROMIUM):
        if os.environ.get("FAZHI_E2E"):
            pytest.fail("FAZHI_E2E is set but Chromium is missing: apt-get install -y chromium")
        pytest.skip("Chromium not installed (apt-get install -y chromium); CI installs it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


@pytest.fixture
def login(page):
    from tests.factories import PASSWORD

    def _login(user, password: str = PASSWORD):
        page.goto("/login/")
        page.fill("#id_username", user.username)
        page.fill("#id_password", password)
        page.click("main form button[type=submit]")
        page.wait_for_load_state("networkidle")
        return page

    return _login
