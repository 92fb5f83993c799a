"""`kg serve` in a real browser (headless Chromium + Selenium) on the
ingested corpus: every page type opens, person -> statement -> article ->
highlighted span, a named query runs from the query page, a CSV downloads,
YASGUI queries the endpoint, no request leaves 127.0.0.1 (Chromium's network
log), and the hostile article runs nothing.

Screenshots go to $KG_SCREENSHOTS when set (else a temporary folder).
Skipped with a reason when chromium/chromedriver are absent (make browser).
"""

from __future__ import annotations

import json
import os
import time
import urllib.parse
from pathlib import Path

import pytest

from ..export.test_browser import CHROMEDRIVER, CHROMIUM  # skips this module when they are absent

pytestmark = [pytest.mark.browser, pytest.mark.server]


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    d = Path(os.environ.get("KG_SCREENSHOTS") or tmp_path_factory.mktemp("shots"))
    d.mkdir(parents=True, exist_ok=True)
    return d


@pytest.fixture(scope="module")
def downloads(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="module")
def driver(tmp_path_factory, downloads):
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    opts = Options()
    opts.binary_location = CHROMIUM
    for arg in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1400,1000",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}",
    ):
        opts.add_argument(arg)
    opts.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    opts.add_experimental_option(
        "prefs", {"download.default_directory": str(downloads), "download.prompt_for_download": False}
    )
    drv = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
    drv.set_page_load_timeout(60)
    drv.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    yield drv
    drv.quit()


def requested_urls(driver) -> list[str]:
    """Every URL the browser asked for since the last call (Chromium's performance log)."""
    urls = []
    for entry in driver.get_log("performance"):
        msg = json.loads(entry["message"])["message"]
        if msg.get("method") == "Network.requestWillBeSent":
            urls.append(msg["params"]["request"]["url"])
    return urls


def assert_local(driver, base: str) -> list[str]:
    urls = requested_urls(driver)
    outside = [u for u in urls if not (u.startswith(base + "/") or u.startswith(("data:", "blob:", "about:")))]
    assert outside == [], outside
    return urls


def assert_nothing_ran(driver):
    from selenium.common.exceptions import NoAlertPresentException

    assert driver.execute_script("return typeof window.__pwned") == "undefined"
    for frame in driver.find_elements("tag name", "iframe"):
        driver.switch_to.frame(frame)
        assert driver.execute_script("return typeof window.__pwned") == "undefined"
        driver.switch_to.default_content()
    with pytest.raises(NoAlertPresentException):
        driver.switch_to.alert.text  # noqa: B018
    errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE" and "favicon" not in e["message"]]
    assert errors == [], errors


def open_page(driver, url: str, ready: str | None = None, timeout: float = 30):
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(url)
    WebDriverWait(driver, timeout).until(lambda d: d.execute_script("return document.readyState") == "complete")
    if ready:
        WebDriverWait(driver, timeout, poll_frequency=0.1).until(lambda d: d.execute_script(ready))


def iri_path(iri: str) -> str:
    return "/id/" + iri.split("/id/", 1)[1]


def test_every_page_type_opens_offline_and_looks_right(driver, server, shots):
    articles = server.json("/articles.json")["articles"]
    corpus = next(a for a in articles if a["source"].endswith("000_aeb538c21ffb816a.txt"))
    denial = next(d for d in server.json("/index.json?size=100")["denials"] if d["allegation"])
    pages = {
        "home": "/",
        "articles": "/articles",
        "entities": "/entities",
        "person": "/id/person/hun-sen",
        "organisation": iri_path(server.json("/entities.json?kind=organization")["entities"][0]["name"]["iri"]),
        "article": iri_path(corpus["article"]["iri"]),
        "statement": iri_path(denial["denial"]["iri"]),
        "query": "/query?name=allegations-against&person=hun%20sen",
        "yasgui": "/yasgui",
    }
    requested_urls(driver)
    for name, path in pages.items():
        open_page(driver, server.url + path)
        assert driver.find_element("css selector", "header.site nav").is_displayed()
        assert driver.find_element("tag name", "h1").text.strip(), name
        driver.save_screenshot(str(shots / f"{name}.png"))
        assert_nothing_ran(driver)
    urls = assert_local(driver, server.url)
    assert any(u.endswith("/static/kg.css") for u in urls) and any(u.endswith("/static/article.js") for u in urls)


def test_map_page_draws_the_embedded_export(driver, server, shots):
    from selenium.webdriver.support.ui import WebDriverWait

    requested_urls(driver)
    open_page(driver, server.url + "/map?depth=2&focus=" + urllib.parse.quote("Hun Sen"))
    frame = driver.find_element("css selector", "iframe.map-frame")
    driver.switch_to.frame(frame)
    WebDriverWait(driver, 30, poll_frequency=0.1).until(lambda d: d.execute_script("return window.kgMapReady === true"))
    nodes = driver.execute_script("return window.kgNetwork.body.data.nodes.length")
    driver.switch_to.default_content()
    assert nodes > 3
    driver.save_screenshot(str(shots / "map.png"))
    assert_local(driver, server.url)
    assert_nothing_ran(driver)


def test_person_to_statement_to_article_to_highlighted_span(driver, server, shots):
    from selenium.webdriver.support.ui import WebDriverWait

    open_page(driver, server.url + "/id/person/hun-sen")
    link = driver.find_element("css selector", "#against td.col-statement a")
    number = link.text.lstrip("#")
    link.click()
    WebDriverWait(driver, 20).until(lambda d: "/id/statement/" in d.current_url)
    assert driver.find_element("tag name", "h1").text.split()[0] in ("allegation", "accusation")
    driver.find_element("link text", "Show in the article").click()
    WebDriverWait(driver, 20).until(
        lambda d: (
            "/id/article/" in d.current_url
            and d.execute_script("return document.body.getAttribute('data-ready') === '1'")
        )
    )
    assert driver.current_url.endswith(f"#s{number}")
    card = driver.find_element("css selector", f'li.fact[data-anchor="s{number}"]')
    assert "on" in card.get_attribute("class").split()
    lit = driver.find_elements("css selector", ".article-text .hl.on")
    assert lit and any(el.is_displayed() for el in lit)
    in_view = driver.execute_script(
        "var r = arguments[0].getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight;",
        next(el for el in lit if "k-content" in el.get_attribute("class")),
    )
    assert in_view
    driver.save_screenshot(str(shots / "article-highlight.png"))
    # from a span to its fact: click a cue of another statement
    cue = next(
        el
        for el in driver.find_elements("css selector", ".article-text .hl.k-cue")
        if "on" not in el.get_attribute("class").split()
    )
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", cue)
    cue.click()
    fact = cue.get_attribute("data-f").split()[0]
    assert "on" in driver.find_element("id", f"fact-{fact}").get_attribute("class").split()
    # and back: click a fact card, its spans light up
    other = driver.find_elements("css selector", "li.fact:not(.on)")[0]
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", other)
    other.click()
    n = other.get_attribute("data-f")
    assert all(
        n in el.get_attribute("data-f").split() for el in driver.find_elements("css selector", ".article-text .hl.on")
    )
    assert driver.find_elements("css selector", ".article-text .hl.on")
    # switching a kind off removes its highlight
    driver.find_element("css selector", '#kinds input[data-kind="cue"]').click()
    assert "hide-cue" in driver.find_element("id", "text").get_attribute("class")
    assert_nothing_ran(driver)


def test_named_query_from_the_query_page_and_csv_download(driver, server, shots, downloads):
    from selenium.webdriver.support.ui import WebDriverWait

    requested_urls(driver)
    open_page(driver, server.url + "/query")
    form = driver.find_element("css selector", 'form.named-query[data-name="denials-by"]')
    form.find_element("name", "person").send_keys("duong dara")
    form.find_element("css selector", "button[type=submit]").click()
    WebDriverWait(driver, 30).until(lambda d: d.find_elements("css selector", "table.results-table tbody tr"))
    rows = driver.find_elements("css selector", "table.results-table tbody tr")
    assert len(rows) >= 2 and "Duong Dara" in rows[0].text
    driver.save_screenshot(str(shots / "query-results.png"))
    driver.find_element("css selector", 'a.fmt[data-format="csv"]').click()
    target = downloads / "denials-by.csv"
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and not target.exists():
        time.sleep(0.1)
    assert target.exists(), list(downloads.iterdir())
    lines = target.read_text("utf-8").splitlines()
    assert (
        lines[0] == "person,denial,claimant,target,allegation,article,sentence,denial_id,allegation_id"
        and len(lines) == len(rows) + 1
    )
    # a page's own CSV from its footer link
    open_page(driver, server.url + "/?denier=dara")
    driver.find_element("css selector", "footer a.fmt[download]").click()
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and not (downloads / "index.csv").exists():
        time.sleep(0.1)
    assert (downloads / "index.csv").read_text("utf-8").startswith("denial,denier,")
    assert_local(driver, server.url)


def test_yasgui_queries_the_endpoint_offline(driver, server, shots):
    from selenium.webdriver.support.ui import WebDriverWait

    requested_urls(driver)
    open_page(driver, server.url + "/yasgui", ready="return !!window.kgYasgui")
    driver.execute_script("window.kgYasgui.getTab().getYasqe().query()")
    WebDriverWait(driver, 30).until(
        lambda d: d.find_elements("css selector", ".yasr table tbody tr, .yasr .dataTable tbody tr")
    )
    driver.save_screenshot(str(shots / "yasgui-results.png"))
    urls = assert_local(driver, server.url)
    assert any(u.startswith(server.url + "/sparql") for u in urls)
    # YASGUI's bundle writes a few inline event handlers; the page's CSP blocks them
    # (and so would block any that query results could smuggle in). Nothing else is logged.
    errors = [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    assert all("yasgui.min.js" in m and "Content Security Policy" in m for m in errors), errors


def test_hostile_article_runs_nothing(driver, server, shots):
    requested_urls(driver)
    evil = [a for a in server.json("/articles.json")["articles"] if "evil" in a["source"]]
    pages = [iri_path(a["article"]["iri"]) for a in evil]
    pages += [iri_path(e["name"]["iri"]) for e in server.json("/entities.json?q=mallory")["entities"]]
    pages += ["/?article=evil", "/articles?q=evil", "/map?article=" + urllib.parse.quote(evil[0]["article"]["iri"])]
    for d in server.json("/index.json?article=evil")["denials"]:
        pages.append(iri_path(d["denial"]["iri"]))
    for path in pages:
        open_page(driver, server.url + path)
        time.sleep(0.3)
        assert_nothing_ran(driver)
        # the markup is on the page as text
        assert driver.execute_script("return document.querySelectorAll('img[onerror], script:not([src])').length") == 0
    open_page(driver, server.url + pages[0])
    assert "<script>" in driver.find_element("id", "text").text or "<img" in driver.find_element("id", "text").text
    driver.save_screenshot(str(shots / "hostile-article.png"))
    assert_local(driver, server.url)
