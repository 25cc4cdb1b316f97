"""The built documentation in a real browser: charts visible at their laid-out size, the catalogue, the search."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from conftest import has_browser

if TYPE_CHECKING:
    from selenium.webdriver.remote.webdriver import WebDriver

ROOT = Path(__file__).parents[1]
SCREENSHOTS = Path(os.environ.get("JMP_SCREENSHOTS", ROOT / "tests" / ".screenshots"))
DRIVER = "/usr/bin/chromedriver"
PHONE, DESKTOP = 390, 1280
#: A chart shown narrower than this (CSS pixels) is a strip of tiny boxes.
MIN_CHART_WIDTH = 300
#: On a desktop, a chart shrunk further than this has text below about 7 px.
MIN_DESKTOP_SCALE = 0.6

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(not has_browser(), reason="no Chromium installed"),
    pytest.mark.skipif(not Path(DRIVER).exists(), reason="no chromedriver at /usr/bin/chromedriver"),
]

webdriver = pytest.importorskip("selenium.webdriver")
from selenium.webdriver.chrome.service import Service  # noqa: E402 - after the skip
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402


@pytest.fixture(name="site", scope="module")
def _site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The documentation built once into a temporary folder."""
    out = tmp_path_factory.mktemp("site")
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-b", "html", str(ROOT / "docs"), str(out)],
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    return out


@pytest.fixture(name="browser", scope="module")
def _browser() -> Iterator[WebDriver]:
    """Headless Chromium driven through the system's chromedriver (nothing downloaded)."""
    options = webdriver.ChromeOptions()
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars"):
        options.add_argument(argument)
    binary = next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome") if shutil.which(n)), None)
    if binary:
        options.binary_location = binary
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


def _open(browser: WebDriver, page: Path, width: int, query: str = "") -> None:
    browser.set_window_size(width, 900)
    browser.get(page.as_uri() + query)
    WebDriverWait(browser, 30).until(lambda d: d.execute_script("return document.readyState") == "complete")
    browser.execute_script("return Promise.all([...document.images].map(i => i.decode().catch(() => null)))")


def _shoot(browser: WebDriver, name: str) -> Path:
    """Save a screenshot of the whole page (up to 6000 px tall) for review."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(str(SCREENSHOTS / f"{name}-top.png"))  # the first screenful, as a reader sees it
    height = int(browser.execute_script("return document.documentElement.scrollHeight"))
    width = int(browser.execute_script("return window.innerWidth"))
    browser.set_window_size(width, min(max(height, 600), 6000))
    path = SCREENSHOTS / f"{name}.png"
    browser.save_screenshot(str(path))
    browser.set_window_size(width, 900)
    return path


def _charts(browser: WebDriver) -> list[dict[str, float | str]]:
    script = r"""
        return [...document.querySelectorAll('article img')]
            .filter(img => /\/(org-[^/]*|timeline)\.svg$/.test(img.src))
            .map(img => ({src: img.src, natural: img.naturalWidth,
                          width: img.getBoundingClientRect().width, shown: img.offsetParent !== null}));
    """
    found: list[dict[str, float | str]] = browser.execute_script(script)
    return found


def _legible(chart: dict[str, float | str], window: int) -> None:
    """A chart loaded, is laid out at least 300 px wide, and on a desktop is not shrunk below 60 %."""
    natural, shown = float(chart["natural"]), float(chart["width"])
    assert natural > 0, f"{chart['src']} did not load"
    assert shown >= min(MIN_CHART_WIDTH, window - 60), chart
    if window >= DESKTOP:  # a phone shrinks every chart; the figure links to the full-size picture
        assert shown / natural >= MIN_DESKTOP_SCALE, f"{chart['src']} is shrunk to {shown / natural:.0%}: unreadable"


def _no_sideways_scroll(browser: WebDriver) -> None:
    overflow = browser.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"the page scrolls sideways by {overflow} px"


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_front_page_charts_are_visible(site: Path, browser: WebDriver, width: int) -> None:
    """The front page's chart images load and are shown at least 300 px wide (or the full width of a phone)."""
    _open(browser, site / "index.html", width)
    charts = _charts(browser)
    assert charts, "the front page shows no chart from _static/charts"
    for chart in charts:
        _legible(chart, width)
    _no_sideways_scroll(browser)
    _shoot(browser, f"front-{width}")


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_body_page_shows_the_catalogue_entry(site: Path, browser: WebDriver, width: int) -> None:
    """METI's page shows its names in both languages, identifiers as links, its bodies and its citations."""
    _open(browser, site / "catalogue" / "bodies" / "meti.html", width)
    heading = browser.find_element(By.CSS_SELECTOR, "article h1").text
    assert "Ministry of Economy, Trade and Industry" in heading
    text = browser.find_element(By.CSS_SELECTOR, "article").text
    assert "経済産業省" in text
    hrefs = [a.get_attribute("href") or "" for a in browser.find_elements(By.CSS_SELECTOR, "article a")]
    assert any(href.endswith("wikidata.org/entity/Q1197264") for href in hrefs)
    assert any(href.endswith("catalogue/bodies/aist.html") for href in hrefs)
    assert browser.find_elements(By.CSS_SELECTOR, "article aside.footnote, article .footnote-list, article .footnote")
    _no_sideways_scroll(browser)
    _shoot(browser, f"meti-{width}")


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_ministry_page_chart_is_visible(site: Path, browser: WebDriver, width: int) -> None:
    """METI's catalogue index shows its organisation chart, loaded and at a readable width."""
    _open(browser, site / "catalogue" / "ministries" / "meti.html", width)
    charts = _charts(browser)
    assert charts
    for chart in charts:
        _legible(chart, width)
    _no_sideways_scroll(browser)
    _shoot(browser, f"ministry-meti-{width}")


@pytest.mark.parametrize(
    ("query", "slug"), [("経済産業省", "meti"), ("Ministry of Economy", "meti"), ("産業技術総合研究所", "aist")]
)
def test_search_finds_bodies_by_english_and_japanese_name(
    site: Path, browser: WebDriver, query: str, slug: str
) -> None:
    """The site's search lists the body's catalogue page among its first three results."""
    _open(browser, site / "search.html", DESKTOP, "?q=" + urllib.parse.quote(query))
    WebDriverWait(browser, 30).until(
        lambda d: (
            d.find_elements(By.CSS_SELECTOR, "#search-results ul.search li a")
            or "did not match" in d.find_element(By.ID, "search-results").text
        )
    )
    links = [
        a.get_attribute("href") or ""
        for a in browser.find_elements(By.CSS_SELECTOR, "#search-results ul.search li > a")
    ]
    assert any(link.split("#")[0].endswith(f"catalogue/bodies/{slug}.html") for link in links[:3]), links[:5]
    _shoot(browser, f"search-{slug}-{len(query)}")
