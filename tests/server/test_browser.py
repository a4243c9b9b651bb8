"""The query page and an entity page in a real browser: Playwright driving Debian's
Chromium (/usr/bin/chromium; `.ci/run` installs it). Loads the page, runs a library
query with a parameter, opens an entity page and checks its sources, follows a link,
and saves screenshots of both pages into docs/ for the README."""
from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pyoxigraph import NamedNode

from kg.dataset.store import open_store
from kg.server.serve import free_port

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
IRDC = "https://w3id.org/irdc/ontology#"
ID = "https://w3id.org/irdc/id/"

playwright = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed "
                                "(apt-get install -y chromium; .ci/run does)")


@pytest.fixture
def served(built):
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", "--build", str(built), "--port", str(port)],
                               cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line or "SPARQL endpoint:" in line:
                break
        yield f"http://127.0.0.1:{port}/"
    finally:
        process.terminate()
        process.wait(15)


@pytest.fixture
def page():
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        context = browser.new_context(viewport={"width": 1360, "height": 900})
        outside = []
        context.route("**/*", lambda route: (outside.append(route.request.url), route.abort())
                      if not route.request.url.startswith("http://127.0.0.1") else route.continue_())
        tab = context.new_page()
        tab.outside = outside
        yield tab
        browser.close()


def test_query_page_library_parameter_entity_page_and_links(served, page, built):
    named = open_store(built)
    body = ID + "body/wg-mc"
    sessions = {q.subject.value for q in named.quads_for_pattern(None, NamedNode(IRDC + "sessionOf"),
                                                                NamedNode(body), None)}
    page.goto(served)
    page.wait_for_selector("body[data-ready=true]")
    assert "irdc:" in page.inner_text("#prefix-note")
    examples = page.locator("#library-list a.example")
    assert examples.count() >= 14

    # A library query with a parameter, from its form.
    page.click("#library-list li[data-name=sessions-of-body] a")
    page.fill("#param-body", "wg-mc")
    page.click("#run")
    page.wait_for_function("document.getElementById('status').className !== 'busy' "
                           "&& document.getElementById('status').textContent !== ''")
    status = page.inner_text("#status")
    assert status.startswith(f"{len(sessions)} row"), status
    # The session whose sources disagree on something (a cell with " / "), else the first.
    rows = page.locator("#results tbody tr")
    texts = [rows.nth(i).inner_text() for i in range(rows.count())]
    row = rows.nth(next((i for i, t in enumerate(texts) if " / " in t), 0))
    first = row.locator("a.entity[href^='/id/session/']").first
    assert first.inner_text().startswith("session:wg-mc/")            # prefixed names, as links
    # The permalink reloads the same query with its parameter.
    permalink = page.get_attribute("#permalink", "href")
    assert "library=sessions-of-body" in permalink and "param.body=wg-mc" in permalink
    other = page.context.new_page()
    other.goto(served.rstrip("/") + "/" + permalink)
    other.wait_for_selector("body[data-ready=true]")
    other.wait_for_function("document.getElementById('status').textContent.includes('row')")
    assert other.inner_text("#status").startswith(f"{len(sessions)} row")
    assert other.input_value("#param-body") == "wg-mc"
    other.close()
    page.locator("#org-chart").scroll_into_view_if_needed()
    # A day from the data (the latest full date of a session), so the screenshot stays the same.
    day = max(q.object.value for q in named.quads_for_pattern(None, NamedNode("https://schema.org/startDate"),
                                                             None, None) if len(q.object.value) == 10)
    page.fill("#chart-date", day)
    page.click("#chart-draw")
    page.wait_for_function("document.getElementById('org-chart').complete "
                           "&& document.getElementById('org-chart').naturalWidth > 0", timeout=120000)
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(ROOT / "docs" / "query-page.png"))

    # An entity page: the session's statements, each with its sources.
    href = first.get_attribute("href")
    first.click()
    page.wait_for_url("**" + href)
    page.wait_for_selector("body[data-ready=true]")
    iri = ID + href[len("/id/"):]
    assert page.inner_text("#entity-iri") == iri
    graphs = {q.graph_name.value for q in named.quads_for_pattern(NamedNode(iri), None, None, None)}
    sources = page.locator("ul.sources li.source")
    assert sources.count() >= len(graphs)
    assert page.locator("ul.sources a.url").count() >= 1                # each source's own page
    assert page.locator("dt", has_text="irdc:sessionOf").count() == 1
    if page.locator("dd.disputed").count():
        assert page.locator("dd.disputed .value").count() >= 2        # side by side
    page.set_viewport_size({"width": 1360, "height": 1500})
    page.screenshot(path=str(ROOT / "docs" / "entity-page.png"), full_page=False)

    # Follow a link: the session's body.
    page.locator("dt:has-text('irdc:sessionOf') + dd a.entity").first.click()
    page.wait_for_url("**/id/body/wg-mc")
    page.wait_for_selector("body[data-ready=true]")
    assert page.inner_text("#entity-iri") == body
    assert page.locator("#incoming a.entity", has_text="session").count() + \
        page.locator("#incoming a[href^='/id/session/']").count() >= 1
    assert page.outside == [], f"the page fetched from outside the machine: {page.outside}"
