"""Fixtures for the web page: a folder of example units, the app, a real server, a browser.

The browser is Debian's chromium driven by Playwright (never a downloaded browser). `.ci/run`
installs it and sets JIXIAO_REQUIRE_BROWSER=1, so in CI a missing browser fails the suite.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "data" / "examples"
SCREENSHOTS = ROOT / "docs" / "images"
CHROMIUM = next(
    (p for p in (os.environ.get("JIXIAO_CHROMIUM"), "/usr/bin/chromium") if p and Path(p).exists()),
    None,
) or shutil.which("chromium")


@pytest.fixture
def folder(tmp_path) -> Path:
    """A served folder holding a copy of every example unit."""
    units = tmp_path / "单位"
    units.mkdir()
    for f in sorted(EXAMPLES.glob("*.toml")):
        shutil.copy(f, units / f.name)
    return units


@pytest.fixture
def app(folder):
    from generator.web.app import create_app

    return create_app(folder, jobs=1)


@pytest.fixture
def client(app):
    return app.test_client()


def token_of(html: str) -> str:
    match = re.search(r'name="csrf" value="([^"]+)"', html)
    assert match, "no CSRF token in the page"
    return match.group(1)


@pytest.fixture
def token(client) -> str:
    return token_of(client.get("/").get_data(as_text=True))


@pytest.fixture
def server(folder):
    """The real server (waitress) on a free port of 127.0.0.1, stopped after the test."""
    from generator.web.serve import start

    running = start(folder, "127.0.0.1", 0, jobs=1)
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture(scope="session")
def browser():
    if CHROMIUM is None:
        if os.environ.get("JIXIAO_REQUIRE_BROWSER"):
            raise RuntimeError("JIXIAO_REQUIRE_BROWSER is set but chromium is not installed")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if os.environ.get("JIXIAO_REQUIRE_BROWSER"):
            raise
        pytest.skip("playwright is not installed (pip install playwright)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--lang=zh-CN"])
        try:
            yield b
        finally:
            b.close()


# How long a browser test waits for the page to reach a state before it fails: long, since a wait
# ends as soon as the state is reached, and a loaded machine is slow, not wrong.
WAIT_MS = 60_000


@pytest.fixture
def page(browser):
    from playwright.sync_api import expect

    expect.set_options(timeout=WAIT_MS)
    context = browser.new_context(
        viewport={"width": 1366, "height": 768}, locale="zh-CN", accept_downloads=True
    )
    pg = context.new_page()
    pg.set_default_timeout(WAIT_MS)
    try:
        yield pg
    finally:
        context.close()


@pytest.fixture
def shoot(tmp_path):
    """Save a screenshot: into docs/images when JIXIAO_UPDATE_SCREENSHOTS=1, else beside the test."""

    def save(pg, name: str, full_page: bool = True) -> Path:
        where = SCREENSHOTS if os.environ.get("JIXIAO_UPDATE_SCREENSHOTS") else tmp_path
        where.mkdir(parents=True, exist_ok=True)
        path = where / f"web-{name}.png"
        pg.screenshot(path=str(path), full_page=full_page)
        return path

    return save
