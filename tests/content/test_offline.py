"""The offline edition (make offline) of THIS guide: site-offline.zip, unzipped and opened from file://.

It walks this guide's own pages (step 1, step 4's check-list, the « À propos » download link), so it
lives with the content tests; a team that reuses the engine rewrites it for its pages.
"""

from __future__ import annotations

import importlib.util
import json
import posixpath
import re
import sys
import zipfile
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import ROOT, run

FOLDER = "guide-hors-ligne"  # the zip's single top folder
STEP1 = "methode/1-definir-les-objectifs.html"
STEP4 = "methode/4-preparer-la-sortie-d-incubation.html"
STEP_PAGE = re.compile(r"/methode/[1-5]-[^/?#]+\.html")
LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")


def _tool():
    """tools/offline.py as a module (it is both the build script and the hook of mkdocs.offline.yml)."""
    spec = importlib.util.spec_from_file_location("offline_tool", ROOT / "tools" / "offline.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def offline_zip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """site-offline.zip built once by the same command as `make offline`, into a temporary folder."""
    target = tmp_path_factory.mktemp("offline") / "site-offline.zip"
    result = run([sys.executable, "tools/offline.py", "--output", str(target)], ROOT)
    assert result.code == 0, result.output
    assert "WARNING" not in result.output and "Traceback" not in result.output, result.output
    return target


@pytest.fixture(scope="module")
def offline_root(offline_zip: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The zip unzipped as a person would: the folder that holds index.html."""
    folder = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(offline_zip) as archive:
        archive.extractall(folder)
    return folder / FOLDER


def file_url(root: Path, page: str = "index.html") -> str:
    return (root / page).as_uri()


@pytest.fixture()
def offline_page(context):
    """A page of a fresh context that records every request and script error."""
    requests: list[str] = []
    errors: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    assert [url for url in requests if not url.startswith(LOCAL_SCHEMES)] == []
    assert errors == []


# ---------------------------------------------------------------------------
#  The zip and its configuration
# ---------------------------------------------------------------------------
def test_offline_config_keeps_the_plugins_of_mkdocs_yml() -> None:
    """INHERIT replaces lists: mkdocs.offline.yml leaves the plugins alone, so they cannot drift apart."""
    from mkdocs.utils.yaml import yaml_load

    offline_config = yaml.safe_load((ROOT / "mkdocs.offline.yml").read_text(encoding="utf-8"))  # without INHERIT
    with open(ROOT / "mkdocs.yml", "rb") as main:
        main_config = yaml_load(main)
    assert offline_config["INHERIT"] == "mkdocs.yml"
    assert "plugins" not in offline_config and "extra" not in offline_config
    assert "offline" not in main_config["plugins"] and "material/offline" not in main_config["plugins"]


def test_zip_is_one_folder_with_the_guide(offline_zip: Path) -> None:
    with zipfile.ZipFile(offline_zip) as archive:
        names = archive.namelist()
    assert all(name.startswith(f"{FOLDER}/") for name in names)
    for needed in ("index.html", STEP1, STEP4, "search/index.js"):
        assert f"{FOLDER}/{needed}" in names, needed
    assert any(re.fullmatch(rf"{FOLDER}/assets/javascripts/search\.[0-9a-f]+\.min\.js", n) for n in names)


def test_zip_loads_no_script_or_stylesheet_from_another_origin(offline_zip: Path) -> None:
    pages = 0
    with zipfile.ZipFile(offline_zip) as archive:
        names = set(archive.namelist())
        for name in sorted(n for n in names if n.endswith(".html")):
            text = archive.read(name).decode("utf-8")
            assert "unpkg.com" not in text and "cdn.jsdelivr" not in text, name
            doc = BeautifulSoup(text, "html.parser")
            loads = [tag["src"] for tag in doc.find_all("script", src=True)]
            loads += [tag["href"] for tag in doc.find_all("link", href=True) if "stylesheet" in (tag.get("rel") or [])]
            for url in loads:
                assert not re.match(r"^\s*(https?:)?//", url, re.I), f"{name}: {url}"
                local = posixpath.normpath(posixpath.join(posixpath.dirname(name), url.split("?")[0].split("#")[0]))
                assert local in names, f"{name}: {url} is not in the zip"
            if not doc.find("meta", attrs={"http-equiv": "refresh"}):
                pages += 1
    assert pages > 30
    assert f"{FOLDER}/404.html" not in names  # absolute links, of no use from file://


def test_every_link_between_pages_opens_a_file_of_the_zip(offline_zip: Path) -> None:
    """From file://, a link to a folder (methode/) shows a file listing or an error, not the page."""
    broken = []
    with zipfile.ZipFile(offline_zip) as archive:
        names = set(archive.namelist())
        for name in sorted(n for n in names if n.endswith(".html")):
            doc = BeautifulSoup(archive.read(name).decode("utf-8"), "html.parser")
            for tag in doc.find_all("a", href=True):
                href = tag["href"].split("#")[0].split("?")[0]
                if not href or re.match(r"^[a-z][a-z0-9+.-]*:", href, re.I):
                    continue  # same page, or another site (https:, mailto:)
                target = posixpath.normpath(posixpath.join(posixpath.dirname(name), href))
                if target not in names:
                    broken.append(f"{name}: {tag['href']}")
    assert broken == []


def test_instant_navigation_is_off_offline(offline_root: Path) -> None:
    """From file://, Material 9.7's instant navigation ends document$ unfired: guide.js would never run."""
    doc = BeautifulSoup((offline_root / "index.html").read_text(encoding="utf-8"), "html.parser")
    features = json.loads(doc.find("script", id="__config").string)["features"]
    assert "toc.follow" in features
    assert not [f for f in features if f.startswith("navigation.instant")]


def test_the_offline_copy_does_not_offer_itself_for_download(offline_root: Path) -> None:
    for name in ("index.html", "a-propos.html"):
        assert "site-offline.zip" not in (offline_root / name).read_text(encoding="utf-8"), name
    canonical = BeautifulSoup((offline_root / STEP1).read_text(encoding="utf-8"), "html.parser").find(
        "link", rel="canonical"
    )
    site_url = yaml.safe_load(
        re.search(r"^site_url:.*$", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M).group(0)
    )["site_url"]
    assert canonical["href"] == site_url.rstrip("/") + "/methode/1-definir-les-objectifs/"  # the published address


def test_published_pages_link_to_the_zip_at_the_site_root(page) -> None:
    for url in ("", "a-propos/"):
        links = page(url).select("a[download]")
        assert [a.get_text(strip=True) for a in links] == ["Utiliser le guide hors ligne"], url
        assert posixpath.normpath(posixpath.join("/" + url, links[0]["href"])) == "/site-offline.zip", url


def test_the_offline_search_index_is_a_script_with_file_addresses(offline_root: Path) -> None:
    script = (offline_root / "search" / "index.js").read_text(encoding="utf-8")
    index = json.loads(script[script.index("=") + 1 : script.rindex(";")])
    urls = [url for url, _title, _summary in index["pages"]]
    assert STEP1 in urls and "index.html" in urls
    assert not [url for url in urls if url.endswith("/")]  # from file://, a folder is not a page


# ---------------------------------------------------------------------------
#  In Chromium, from file://
# ---------------------------------------------------------------------------
@pytest.mark.browser
def test_pages_navigate_by_clicking_links(offline_page, offline_root: Path) -> None:
    page = offline_page
    page.goto(file_url(offline_root))
    assert page.locator("h1").first.inner_text().startswith("Pérenniser un service numérique public")
    page.locator('article a[href="methode/index.html"]').first.click()
    page.wait_for_url(file_url(offline_root, "methode/index.html"))
    page.locator('article a[href="4-preparer-la-sortie-d-incubation.html"]').first.click()
    page.wait_for_url(file_url(offline_root, STEP4))
    assert "sortie" in page.locator("h1").first.inner_text().lower()
    page.locator("nav.pg-step-pager a[rel=next]").click()
    page.wait_for_url(re.compile(r"/methode/5-[^/]+\.html$"))
    page.locator("a.md-header__button.md-logo").click()  # back home through the header
    page.wait_for_url(file_url(offline_root))


def search(page, query: str) -> None:
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    box.press_sequentially(query, delay=15)


def result_links(page) -> list[str]:
    return page.locator(".md-search-result__item > a").evaluate_all("links => links.map(a => a.href)")


@pytest.mark.browser
def test_search_works_from_file_and_folds_accents(offline_page, offline_root: Path) -> None:
    page = offline_page
    page.goto(file_url(offline_root))
    meta = page.locator(".md-search-result__meta")
    for query in ("pérennisation", "perennisation"):
        search(page, query)
        page.wait_for_function(
            "q => window.pgSearch && document.querySelector('input.md-search__input').value === q"
            " && document.querySelectorAll('.md-search-result__item').length > 0",
            arg=query,
        )
        assert re.fullmatch(r"\d+ documents trouvés", meta.inner_text()), (query, meta.inner_text())
        steps = {STEP_PAGE.search(url).group(0) for url in result_links(page) if STEP_PAGE.search(url)}
        assert steps, (query, result_links(page))
    search(page, "peremiser")
    page.wait_for_function(
        "() => document.querySelector('.md-search-result__meta').textContent.trim() === 'Aucun document trouvé'"
    )
    page.wait_for_timeout(300)
    assert meta.inner_text() == "Aucun document trouvé"
    assert result_links(page) == []


@pytest.mark.browser
def test_search_queries_find_their_page_offline_too(offline_page, offline_root: Path) -> None:
    """The queries of tests/site/test_search.py, from file://: the expected page in the top three."""
    spec = importlib.util.spec_from_file_location(
        "search_tests", Path(__file__).parent.parent / "site" / "test_search.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    queries = module.QUERIES
    page = offline_page
    page.goto(file_url(offline_root, "methode/index.html"))
    root = offline_root.as_uri() + "/"
    missed = {}
    for query, wanted in queries.items():
        expected = {url.removesuffix("/") + ".html" for url in ((wanted,) if isinstance(wanted, str) else wanted)}
        expected = {url for url in expected if (offline_root / url).is_file()}
        if not expected:
            continue
        search(page, query)
        page.wait_for_function(
            "q => window.pgSearch && document.querySelector('input.md-search__input').value === q"
            " && document.querySelectorAll('.md-search-result__item').length > 0",
            arg=query,
        )
        top = [href.split("#")[0].removeprefix(root) for href in result_links_first(page)[:3]]
        if not expected & set(top):
            missed[query] = top
    assert not missed, missed


def result_links_first(page) -> list[str]:
    """The page link of each result (the first link of each item), in order."""
    return page.locator(".md-search-result__item > a:first-child").evaluate_all("links => links.map(a => a.href)")


@pytest.mark.browser
def test_checklist_state_survives_a_reload_from_file(offline_page, offline_root: Path) -> None:
    page = offline_page
    page.goto(file_url(offline_root, STEP4))
    section = page.locator("section#sortie-incubation")
    page.wait_for_selector("section#sortie-incubation[data-pg-ready] [data-pg-fields]:not([hidden])")
    items = section.locator("li.pg-checklist__item")
    assert items.count() >= 15
    items.nth(0).locator("label", has_text="Acquis").click()
    items.nth(2).locator("label", has_text="En cours").click()
    items.nth(2).locator("input[data-pg-field=owner]").fill("Alice")
    page.reload()
    page.wait_for_selector("section#sortie-incubation[data-pg-ready]")
    states = [items.nth(i).locator("input[type=radio]:checked").get_attribute("value") for i in range(4)]
    assert states == ["acquis", "a-lancer", "en-cours", "a-lancer"]
    assert items.nth(2).locator("input[data-pg-field=owner]").input_value() == "Alice"
    status = section.locator("[data-pg-status]").inner_text().replace("\u202f", " ")
    assert re.match(r"1 acquis, 1 en cours, \d+ à lancer, sur \d+", status)
    # From file://, a copied link is the published address, not a path of this computer.
    anchor = items.nth(0).get_attribute("id")
    assert page.evaluate(f"pg.pageUrl('{anchor}')").startswith("https://")


@pytest.mark.browser
def test_workshop_block_shows_its_questions(offline_page, offline_root: Path) -> None:
    page = offline_page
    page.goto(file_url(offline_root, STEP1))
    data = yaml.safe_load((ROOT / "data/ateliers/vision-commune.yml").read_text(encoding="utf-8"))
    block = page.locator("section.pg-atelier#vision-commune")
    block.scroll_into_view_if_needed()
    assert block.is_visible()
    questions = block.locator("li.pg-question")
    assert questions.count() == len(data["questions"])
    for number, question in enumerate(data["questions"]):
        text = questions.nth(number).locator(".pg-question__text")
        assert text.is_visible() and text.inner_text() == question["texte"]
    assert questions.first.locator("button.pg-copy-link").is_visible()  # guide.js ran from file://
