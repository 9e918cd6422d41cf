"""Check-lists a team runs a project with, in headless Chromium on the demo fixture project.

A reader sets states, names and dates, reloads, downloads the CSV, imports it elsewhere, shares a
link, prints, clears; saved data survives a renamed site and reworded items, and removed items are
reported. Copy-link buttons confirm visibly; every control is at least 24×24 px; axe finds nothing.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from axe import WCAG_TAGS, axe_page, axe_violations, open_with_axe, report
from conftest import make_project, mkdocs_build, serve

pytestmark = pytest.mark.browser

PAGE = "methode/2-evaluer/"
LIST = "demarrage"
SECTION = f"section#{LIST}"
GUIDE_ID = "guide-de-demonstration"
ITEMS = ["porteur", "competences", "budget", "cofinancement"]
HEADER = "Check-list;Section;Élément;État;Responsable;Échéance;Lien"


def open_list(context, url: str, path: str = PAGE):
    """A page with the check-list ready (its module loaded and initialised)."""
    page = context.new_page()
    page.goto(url + path)
    page.wait_for_selector(f"{SECTION}[data-pg-ready] [data-pg-fields]:not([hidden])")
    return page


def state(page, item: str) -> dict[str, str]:
    """What the reader sees for one item: checked state, owner, due date."""
    li = page.locator(f"#{LIST}-{item}")
    return {
        "s": li.locator("input[type=radio]:checked").get_attribute("value"),
        "o": li.locator("[data-pg-field=owner]").input_value(),
        "d": li.locator("[data-pg-field=due]").input_value(),
    }


def fill_item(page, item: str, status: str, owner: str = "", due: str = "") -> None:
    """Set one item as a reader does: click the state, type the name, pick the date."""
    page.locator(f"label[for={LIST}-{item}-{status}]").click()
    if owner:
        page.locator(f"#{LIST}-{item}-responsable").fill(owner)
    if due:
        page.locator(f"#{LIST}-{item}-echeance").fill(due)


def plain(text: str) -> str:
    """Text with French typography's narrow no-break spaces read as spaces."""
    return text.replace("\u202f", " ").replace("\u00a0", " ")


def message(page, previous: str = "") -> str:
    """The check-list's message, once there is one (other than the previous one)."""
    page.wait_for_function(
        "([selector, previous]) => {"
        " const t = document.querySelector(selector).textContent; return t && t !== previous; }",
        arg=[f"{SECTION} [data-pg-message]", previous],
    )
    return plain(page.locator(f"{SECTION} [data-pg-message]").inner_text())


def status(page) -> str:
    return plain(page.locator(f"{SECTION} [data-pg-status]").inner_text())


BLANK = {"s": "a-lancer", "o": "", "d": ""}


# ---------------------------------------------------------------------------
#  States, names and dates kept in the browser
# ---------------------------------------------------------------------------
def test_without_javascript_the_checklist_reads_as_a_list(browser, demo_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(demo_url + PAGE)
        items = page.locator(f"{SECTION} li.pg-checklist__item")
        assert items.count() == len(ITEMS)
        assert items.nth(0).locator(".pg-checklist__text").is_visible()
        assert not page.locator(f"{SECTION} input").first.is_visible()
        assert not page.locator(f"{SECTION} button").first.is_visible()
        assert page.locator(f"{SECTION} .pg-links a").is_visible()
    finally:
        context.close()


def test_three_states_a_name_and_a_date_survive_a_reload(context, demo_url: str) -> None:
    page = open_list(context, demo_url)
    assert status(page) == "0 acquis, 0 en cours, 4 à lancer, sur 4"
    labels = [
        page.locator(f"#{LIST}-budget label[for={LIST}-budget-{s}]").inner_text()
        for s in ("a-lancer", "en-cours", "acquis")
    ]
    assert labels == ["À lancer", "En cours", "Acquis"]
    assert state(page, "budget") == BLANK
    fill_item(page, "budget", "en-cours", "Alice Martin", "2026-03-15")
    fill_item(page, "porteur", "acquis")
    assert status(page) == "1 acquis, 1 en cours, 2 à lancer, sur 4"
    page.reload()
    page.wait_for_selector(f"{SECTION}[data-pg-ready]")
    assert state(page, "budget") == {"s": "en-cours", "o": "Alice Martin", "d": "2026-03-15"}
    assert state(page, "porteur") == {"s": "acquis", "o": "", "d": ""}
    assert state(page, "competences") == BLANK
    assert status(page) == "1 acquis, 1 en cours, 2 à lancer, sur 4"


def test_states_are_a_labelled_radio_group_used_with_the_keyboard(context, demo_url: str) -> None:
    page = open_list(context, demo_url)
    group = page.locator(f"#{LIST}-budget fieldset")
    assert plain(group.locator("legend").inner_text()) == "État : Le budget annuel est connu."
    first = page.locator(f"#{LIST}-budget-a-lancer")
    first.focus()
    page.keyboard.press("ArrowRight")
    assert state(page, "budget")["s"] == "en-cours"
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    owner = page.get_by_role("textbox", name="Responsable").nth(2)
    assert owner.get_attribute("id") == f"{LIST}-budget-responsable"
    assert page.locator(f"#{LIST}-budget-echeance").get_attribute("type") == "date"


def test_storage_keys_are_guide_id_checklist_id_and_item_id(context, demo_url: str) -> None:
    page = open_list(context, demo_url)
    fill_item(page, "cofinancement", "en-cours", "Bob")
    stored = dict(page.evaluate("Object.entries(localStorage)"))
    value = json.loads(stored[f"pg:v1:{GUIDE_ID}:checklist:{LIST}:cofinancement"])
    assert value == {"s": "en-cours", "o": "Bob", "d": "", "t": "Les cofinancements possibles sont étudiés."}
    fill_item(page, "cofinancement", "a-lancer")
    page.locator(f"#{LIST}-cofinancement-responsable").fill("")
    keys = page.evaluate("Object.keys(localStorage)")
    assert not [k for k in keys if k.startswith(f"pg:v1:{GUIDE_ID}:checklist:")], "a blank item keeps nothing"


def test_old_ticks_become_acquired(context, demo_url: str) -> None:
    page = context.new_page()
    page.goto(demo_url + PAGE)
    page.evaluate(f"localStorage.setItem('pg:v1:{GUIDE_ID}:checklist:{LIST}:budget', '1')")
    page.reload()
    page.wait_for_selector(f"{SECTION}[data-pg-ready]")
    assert state(page, "budget")["s"] == "acquis"
    saved = json.loads(page.evaluate(f"localStorage.getItem('pg:v1:{GUIDE_ID}:checklist:{LIST}:budget')"))
    assert saved["s"] == "acquis" and saved["t"] == "Le budget annuel est connu."


def test_corrupted_or_foreign_storage_is_ignored(context, demo_url: str) -> None:
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(demo_url + PAGE)
    page.evaluate(f"""() => {{
        localStorage.setItem('pg:v1:{GUIDE_ID}:checklist:{LIST}:budget', '{{corrupt');
        localStorage.setItem('pg:v1:{GUIDE_ID}:checklist:{LIST}:porteur', '{{"s":"<img>","o":42,"d":"2026-02-30"}}');
        localStorage.setItem('pg:v1:{GUIDE_ID}:checklist:{LIST}:', 'x');
        localStorage.setItem('pg:v0:old', '[[[');
        localStorage.setItem('some-other-site', 'value');
    }}""")
    page.reload()
    page.wait_for_selector(f"{SECTION}[data-pg-ready]")
    assert state(page, "budget") == BLANK
    assert state(page, "porteur") == BLANK  # invalid values fall back to blank ones
    assert page.locator(f"{SECTION} [data-pg-notice]").is_hidden()
    fill_item(page, "budget", "acquis")
    page.reload()
    page.wait_for_selector(f"{SECTION}[data-pg-ready]")
    assert state(page, "budget")["s"] == "acquis"
    assert page.evaluate("localStorage.getItem('some-other-site')") == "value"
    assert errors == []


def test_clear_all_asks_for_confirmation(context, demo_url: str) -> None:
    page = open_list(context, demo_url)
    fill_item(page, "budget", "acquis", "Alice")
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.locator(f"{SECTION} [data-pg-reset]").click()
    assert state(page, "budget")["s"] == "acquis"
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator(f"{SECTION} [data-pg-reset]").click()
    assert state(page, "budget") == BLANK
    assert message(page) == "Liste effacée."
    page.reload()
    page.wait_for_selector(f"{SECTION}[data-pg-ready]")
    assert state(page, "budget") == BLANK


# ---------------------------------------------------------------------------
#  CSV: download, import
# ---------------------------------------------------------------------------
def download_csv(page) -> bytes:
    with page.expect_download() as info:
        page.locator(f"{SECTION} [data-pg-csv]").click()
    download = info.value
    assert re.fullmatch(rf"{LIST}-\d{{4}}-\d{{2}}-\d{{2}}\.csv", download.suggested_filename)
    return Path(download.path()).read_bytes()


def test_the_csv_opens_in_a_french_spreadsheet(context, demo_url: str) -> None:
    page = open_list(context, demo_url)
    fill_item(page, "budget", "en-cours", "Alice; « la DAF »", "2026-03-15")
    fill_item(page, "porteur", "acquis", "=1+1")
    data = download_csv(page)
    assert data.startswith(b"\xef\xbb\xbf"), "UTF-8 BOM: Excel reads the accents"
    lines = data[3:].decode("utf-8").split("\r\n")
    assert lines[0] == HEADER
    assert lines[-1] == "" and len(lines) == 2 + len(ITEMS)
    rows = dict(zip(ITEMS, lines[1:], strict=False))
    assert rows["budget"] == (
        f'Conditions de démarrage;Finances;Le budget annuel est connu.;En cours;"Alice; « la DAF »";'
        f"2026-03-15;{demo_url}{PAGE}#{LIST}-budget"
    )
    assert rows["porteur"].split(";")[3:5] == ["Acquis", "'=1+1"], "no formula injection"
    assert rows["competences"].split(";")[1:6] == [
        "Équipe",
        "Les compétences à garder sont listées.",
        "À lancer",
        "",
        "",
    ]
    assert message(page).startswith(f"Fichier {LIST}-")


def test_an_exported_csv_imported_in_a_fresh_browser_gives_the_same_state(
    browser, context, demo_url: str, tmp_path: Path
) -> None:
    page = open_list(context, demo_url)
    fill_item(page, "budget", "en-cours", "Alice Martin", "2026-03-15")
    fill_item(page, "competences", "acquis", "Chloé")
    csv = tmp_path / "export.csv"
    csv.write_bytes(download_csv(page))
    fresh = browser.new_context(locale="fr-FR")
    try:
        other = open_list(fresh, demo_url)
        with other.expect_file_chooser() as chooser:
            other.locator(f"{SECTION} [data-pg-import]").click()
        chooser.value.set_files(str(csv))
        assert message(other) == "Fichier importé : 4 éléments mis à jour."
        for item in ITEMS:
            assert state(other, item) == state(page, item), item
        other.reload()
        other.wait_for_selector(f"{SECTION}[data-pg-ready]")
        assert state(other, "budget") == {"s": "en-cours", "o": "Alice Martin", "d": "2026-03-15"}
    finally:
        fresh.close()


def import_file(page, path: Path) -> None:
    with page.expect_file_chooser() as chooser:
        page.locator(f"{SECTION} [data-pg-import]").click()
    chooser.value.set_files(str(path))


def row(item: str, status: str = "Acquis", owner: str = "", due: str = "", checklist: str = LIST) -> str:
    return f"Conditions;Section;Texte;{status};{owner};{due};https://example.org/p/#{checklist}-{item}"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            "Nom;Prénom\nDupont;Marie\n",
            "ce n’est pas un export CSV de check-list (première ligne attendue : " + HEADER + ")",
        ),
        (f"{HEADER}\n", "il ne contient aucun élément"),
        (
            f"{HEADER}\n{row('budget', checklist='autre')}\n",
            "il vient d’une autre check-list (https://example.org/p/#autre-budget)",
        ),
        (
            f"{HEADER}\n{row('porteur')}\n{row('budget', 'Fini')}\n",
            "à la ligne 3, état « Fini » inconnu (attendu : À lancer, En cours, Acquis)",
        ),
        (f"{HEADER}\n{row('budget', due='31/02/2026')}\n", "à la ligne 2, date « 31/02/2026 » invalide"),
        (f"{HEADER}\nConditions;Section;Texte;Acquis\n", "à la ligne 2, 4 colonnes au lieu de 7"),
        ("\x89PNG\r\n\x1a\n\x00\x00", "ce n’est pas un export CSV de check-list"),
    ],
    ids=["other-file", "empty", "other-checklist", "bad-state", "bad-date", "columns", "binary"],
)
def test_a_bad_file_is_refused_with_a_clear_message_and_nothing_changes(
    context, demo_url: str, tmp_path: Path, content: str, expected: str
) -> None:
    page = open_list(context, demo_url)
    fill_item(page, "budget", "en-cours", "Alice")
    before = page.evaluate("JSON.stringify(Object.entries(localStorage).sort())")
    bad = tmp_path / "bad.csv"
    bad.write_bytes(content.encode("latin-1") if content.startswith("\x89") else content.encode("utf-8"))
    import_file(page, bad)
    text = message(page)
    assert text.startswith("Ce fichier ne peut pas être importé : ") and text.endswith("Rien n’a été modifié.")
    assert expected in text
    assert page.evaluate("JSON.stringify(Object.entries(localStorage).sort())") == before
    assert state(page, "budget") == {"s": "en-cours", "o": "Alice", "d": ""}


def test_import_reads_a_csv_saved_again_by_a_spreadsheet_and_asks_before_overwriting(
    context, demo_url: str, tmp_path: Path
) -> None:
    page = open_list(context, demo_url)
    fill_item(page, "budget", "en-cours", "Alice")
    # Excel in French saves with ";" in Windows-1252, dates as DD/MM/YYYY, no BOM; states in capitals.
    resaved = tmp_path / "resaved.csv"
    resaved.write_bytes(
        (
            f"{HEADER}\r\n" + row("budget", "ACQUIS", "Élodie", "5/04/2026") + "\r\n" + row("retire", "Acquis") + "\r\n"
        ).encode("cp1252")
    )
    page.once("dialog", lambda dialog: dialog.dismiss())
    import_file(page, resaved)
    cancelled = message(page)
    assert cancelled == "Import annulé, rien n’a été modifié."
    assert state(page, "budget") == {"s": "en-cours", "o": "Alice", "d": ""}
    prompts: list[str] = []

    def accept(dialog) -> None:
        prompts.append(plain(dialog.message))
        dialog.accept()

    page.once("dialog", accept)
    import_file(page, resaved)
    text = message(page, previous=page.locator(f"{SECTION} [data-pg-message]").text_content())
    assert prompts == ["Remplacer l’état enregistré de cette check-list par celui du fichier (1 éléments) ?"]
    assert text.startswith("Fichier importé : 1 éléments mis à jour.")
    assert "1 ligne(s) ignorée(s), éléments qui n’existent plus : « Texte »." in text
    assert state(page, "budget") == {"s": "acquis", "o": "Élodie", "d": "2026-04-05"}


# ---------------------------------------------------------------------------
#  Sharing link
# ---------------------------------------------------------------------------
def share_link(page) -> str:
    page.locator(f"{SECTION} [data-pg-share]").click()
    assert message(page).startswith("Lien de partage copié")
    return page.evaluate("navigator.clipboard.readText()")


def test_a_shared_link_opens_the_same_state_after_confirmation(browser, context, demo_url: str) -> None:
    page = open_list(context, demo_url)
    fill_item(page, "budget", "en-cours", "Alice Martin", "2026-03-15")
    fill_item(page, "porteur", "acquis")
    link = share_link(page)
    assert link.startswith(f"{demo_url}{PAGE}#pg-partage:{LIST}:")
    assert len(link) - len(demo_url + PAGE) < 80, f"compact: {link}"
    colleague = browser.new_context(locale="fr-FR")
    try:
        other = colleague.new_page()
        other.goto(link)
        other.wait_for_selector(f"{SECTION} [data-pg-shared-keep]")
        assert "Vous voyez l’état partagé par un lien (1 acquis, 1 en cours, 2 à lancer, sur 4)" in plain(
            other.locator(f"{SECTION} [data-pg-notice]").inner_text()
        )
        assert state(other, "budget") == {"s": "en-cours", "o": "Alice Martin", "d": "2026-03-15"}
        assert other.locator(f"#{LIST}-budget-acquis").is_disabled(), "nothing is edited or saved before the choice"
        assert other.evaluate("Object.keys(localStorage).filter(k => k.includes(':checklist:')).length") == 0
        other.locator(f"{SECTION} [data-pg-shared-keep]").click()
        assert message(other) == "État partagé enregistré dans ce navigateur."
        assert "#" not in other.url
        other.reload()
        other.wait_for_selector(f"{SECTION}[data-pg-ready]")
        for item in ITEMS:
            assert state(other, item) == state(page, item), item
        assert other.locator(f"{SECTION} [data-pg-notice]").is_hidden()
    finally:
        colleague.close()


def test_a_shared_link_asks_before_replacing_the_local_state(context, demo_url: str) -> None:
    page = open_list(context, demo_url)
    fill_item(page, "competences", "acquis", "Chloé")
    link = share_link(page)
    fill_item(page, "competences", "en-cours", "David")
    page.goto(demo_url)
    page.goto(link)
    page.wait_for_selector(f"{SECTION} [data-pg-shared-discard]")
    notice = plain(page.locator(f"{SECTION} [data-pg-notice]").inner_text())
    assert "L’enregistrer remplacera l’état enregistré ici (0 acquis, 1 en cours, 3 à lancer, sur 4)." in notice
    assert state(page, "competences") == {"s": "acquis", "o": "Chloé", "d": ""}
    page.locator(f"{SECTION} [data-pg-shared-discard]").click()
    assert message(page) == "État partagé ignoré, votre état enregistré est inchangé."
    assert state(page, "competences") == {"s": "en-cours", "o": "David", "d": ""}
    page.reload()
    page.wait_for_selector(f"{SECTION}[data-pg-ready]")
    assert state(page, "competences") == {"s": "en-cours", "o": "David", "d": ""}


def test_an_unreadable_shared_link_is_ignored(context, demo_url: str) -> None:
    page = context.new_page()
    page.goto(f"{demo_url}{PAGE}#pg-partage:{LIST}:budget,z")
    page.wait_for_selector(f"{SECTION}[data-pg-ready]")
    assert message(page) == "Le lien de partage est illisible, il a été ignoré."
    assert state(page, "budget") == BLANK


# ---------------------------------------------------------------------------
#  Print
# ---------------------------------------------------------------------------
def test_the_printed_list_shows_states_names_and_dates(context, demo_url: str) -> None:
    page = open_list(context, demo_url)
    page.add_init_script("window.print = () => { window.pgPrinted = document.documentElement.className; }")
    fill_item(page, "budget", "en-cours", "Alice Martin", "2026-03-15")
    fill_item(page, "porteur", "acquis")
    page.reload()
    page.wait_for_selector(f"{SECTION}[data-pg-ready]")
    page.locator(f"{SECTION} [data-pg-print-checklist]").click()
    assert "pg-print-one" in page.evaluate("window.pgPrinted")
    page.emulate_media(media="print")
    summary = page.locator(f"#{LIST}-budget [data-pg-summary]")
    assert summary.is_visible()
    assert plain(summary.inner_text()) == "En cours · Responsable : Alice Martin · Échéance : 15/03/2026"
    assert page.locator(f"#{LIST}-porteur [data-pg-summary]").inner_text() == "Acquis"
    assert not page.locator(f"#{LIST}-budget [data-pg-fields]").is_visible()
    assert not page.locator(f"{SECTION} [data-pg-actions]").is_visible()
    page.emulate_media(media="screen")
    assert not summary.is_visible()
    page.emulate_media(media="null")  # page.pdf() prints with print media
    page.wait_for_function("!document.documentElement.classList.contains('pg-print-one')")  # put back after printing
    page.evaluate(
        "document.documentElement.classList.add('pg-print-one'); "
        f"document.querySelector('{SECTION}').classList.add('pg-print-target')"
    )
    text = pdf_text(page.pdf(format="A4"))
    assert "Alice Martin" in text and "15/03/2026" in text and "En cours" in text
    assert "Plan d’actions" not in text, "only the list is printed"


def pdf_text(data: bytes) -> str:
    """Text of a PDF (pypdfium2, in the test lock)."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(data)
    return "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))


# ---------------------------------------------------------------------------
#  Saved state across upstream changes: renamed site, reworded and removed items
# ---------------------------------------------------------------------------
def test_saved_state_survives_a_renamed_site_and_a_reworded_item_and_reports_a_removed_one(
    context, tmp_path: Path
) -> None:
    project = make_project(tmp_path, base="demo")
    served = tmp_path / "served"
    config = project / "mkdocs.yml"
    data_file = project / "data" / "checklists" / f"{LIST}.yml"

    def rebuild() -> None:
        shutil.rmtree(served, ignore_errors=True)
        result = mkdocs_build(project, served)
        assert result.code == 0, result.output

    rebuild()
    server, url = serve(served)
    try:
        page = open_list(context, url)
        fill_item(page, "budget", "en-cours", "Alice", "2026-03-15")
        fill_item(page, "cofinancement", "acquis")

        config.write_text(
            config.read_text(encoding="utf-8").replace("site_name: Guide de démonstration", "site_name: Un autre nom"),
            encoding="utf-8",
        )
        rebuild()
        page.reload()
        page.wait_for_selector(f"{SECTION}[data-pg-ready]")
        assert page.title().endswith("Un autre nom")
        assert state(page, "budget") == {"s": "en-cours", "o": "Alice", "d": "2026-03-15"}

        data = yaml.safe_load(data_file.read_text(encoding="utf-8"))
        finances = data["sections"][1]["items"]
        finances[0]["texte"] = "Le budget de fonctionnement est chiffré et voté."
        finances.reverse()
        data_file.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        rebuild()
        page.reload()
        page.wait_for_selector(f"{SECTION}[data-pg-ready]")
        assert (
            page.locator(f"#{LIST}-budget .pg-checklist__text").inner_text()
            == "Le budget de fonctionnement est chiffré et voté."
        )
        assert state(page, "budget") == {"s": "en-cours", "o": "Alice", "d": "2026-03-15"}
        assert state(page, "cofinancement")["s"] == "acquis"

        data["sections"][1]["items"] = [i for i in finances if i["id"] != "budget"]
        data_file.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        rebuild()
        page.reload()
        page.wait_for_selector(f"{SECTION}[data-pg-ready]")
        notice = page.locator(f"{SECTION} [data-pg-notice]")
        assert notice.is_visible()
        assert (
            plain(notice.locator("p").inner_text())
            == "1 élément enregistré n’existe plus : « Le budget de fonctionnement est chiffré et voté. »"
        )
        assert status(page) == "1 acquis, 0 en cours, 2 à lancer, sur 3"
        page.reload()  # reported again until the reader decides
        page.wait_for_selector(f"{SECTION}[data-pg-ready]")
        notice.get_by_role("button", name="Oublier ces éléments").click()
        assert notice.is_hidden()
        assert not page.evaluate(f"Object.keys(localStorage).filter(k => k.endsWith(':{LIST}:budget'))")

        # Negative control: another guide id is another guide, whose readers' data is its own.
        config.write_text(
            config.read_text(encoding="utf-8").replace(f"identifiant: {GUIDE_ID}", "identifiant: autre-guide"),
            encoding="utf-8",
        )
        rebuild()
        page.reload()
        page.wait_for_selector(f"{SECTION}[data-pg-ready]")
        assert state(page, "cofinancement") == BLANK
    finally:
        server.shutdown()
        server.server_close()


# ---------------------------------------------------------------------------
#  Copy-link buttons, target size, axe
# ---------------------------------------------------------------------------
def test_copying_an_items_link_shows_lien_copie_then_hides_it(context, demo_url: str) -> None:
    page = open_list(context, demo_url)
    page.clock.install()
    button = page.locator(f"#{LIST}-budget button.pg-copy-link")
    assert button.is_visible(), "visible without hovering"
    assert plain(button.text_content()) == "Copier le lien vers l’élément « Le budget annuel est connu. »"
    button.click()
    bubble = page.locator(f"#{LIST}-budget .pg-copied")
    bubble.wait_for()
    assert bubble.inner_text() == "Lien copié"
    page.clock.run_for(1000)
    assert page.locator("#pg-live").inner_text() == "Lien copié dans le presse-papiers."
    assert page.evaluate("navigator.clipboard.readText()") == f"{demo_url}{PAGE}#{LIST}-budget"
    page.clock.run_for(5000)
    assert bubble.count() == 0


def test_a_headings_permalink_is_a_visible_copy_button(context, demo_url: str) -> None:
    page = open_list(context, demo_url)
    link = page.locator("h2#plan-d-actions a.headerlink")
    assert link.is_visible()
    assert page.evaluate("getComputedStyle(document.querySelector('h2#plan-d-actions a.headerlink')).opacity") == "1"
    assert link.get_attribute("aria-label") == "Copier le lien"
    assert page.locator("h2#plan-d-actions button, h2#plan-d-actions a").count() == 1, "one control per heading"
    link.click()
    assert page.locator("h2#plan-d-actions .pg-copied").inner_text() == "Lien copié"
    assert page.evaluate("navigator.clipboard.readText()") == f"{demo_url}{PAGE}#plan-d-actions"
    section_heading = page.locator(f"h4#{LIST}-finances button.pg-copy-link")
    section_heading.click()
    assert page.evaluate("navigator.clipboard.readText()") == f"{demo_url}{PAGE}#{LIST}-finances"
    page.locator(f"h3#{LIST}-h button.pg-copy-link").click()
    assert page.evaluate("navigator.clipboard.readText()") == f"{demo_url}{PAGE}#{LIST}"


def test_copy_without_clipboard_shows_the_address(context, demo_url: str) -> None:
    page = context.new_page()
    page.add_init_script("Object.defineProperty(navigator, 'clipboard', { value: undefined });")
    page.goto(demo_url + PAGE)
    page.wait_for_selector(f"{SECTION}[data-pg-ready]")
    page.locator(f"#{LIST}-budget button.pg-copy-link").click()
    bubble = page.locator(f"#{LIST}-budget .pg-copied")
    assert plain(bubble.inner_text()) == f"Copie automatique impossible, voici le lien : {demo_url}{PAGE}#{LIST}-budget"
    page.locator(f"{SECTION} [data-pg-share]").click()
    box = page.locator(f"{SECTION} [data-pg-share-text]")
    assert box.is_visible()
    assert box.input_value().startswith(f"{demo_url}{PAGE}#pg-partage:{LIST}:")
    assert page.evaluate("document.activeElement.hasAttribute('data-pg-share-text')")


MEASURE = """() => {
  const controls = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button], '
    + '[tabindex]:not([tabindex="-1"])';
  const found = new Set();
  document.querySelectorAll('.md-content [class^="pg-"], .md-content [class*=" pg-"]').forEach(c => {
    if (c.matches(controls)) found.add(c);
    c.querySelectorAll(controls).forEach(e => found.add(e));
  });
  document.querySelectorAll('.md-content .headerlink').forEach(e => found.add(e));
  return [...found].filter(e => e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden').map(e => {
    const r = e.getBoundingClientRect();
    return { what: e.outerHTML.slice(0, 120), width: r.width, height: r.height };
  });
}"""


@pytest.mark.parametrize(
    "path", [PAGE, "check-lists/", "diagnostic/", "methode/1-cadrer/", "ateliers/premier-atelier/"]
)
def test_every_control_of_the_components_is_at_least_24_px(context, demo_url: str, path: str) -> None:
    page = context.new_page()
    page.goto(demo_url + path)
    page.wait_for_load_state("networkidle")
    if path == "diagnostic/":
        page.locator("form[data-pg-diagnostic] input[type=radio]").first.check()
        page.locator("form[data-pg-diagnostic] button[type=submit]").click()
    controls = page.evaluate(MEASURE)
    assert len(controls) >= 5, controls
    small = [c for c in controls if c["width"] < 24 or c["height"] < 24]
    assert not small, f"{len(small)} of {len(controls)} controls under 24×24 px on /{path}: {small}"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_on_a_filled_in_checklist(browser, demo_url: str, scheme: str) -> None:
    context, page = axe_page(browser, scheme)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    options = {"runOnly": {"type": "tag", "values": [*WCAG_TAGS, "wcag22aa"]}, "resultTypes": ["violations"]}
    try:
        page.goto(demo_url + PAGE)
        page.evaluate(
            f"localStorage.setItem('pg:v1:{GUIDE_ID}:checklist:{LIST}:retire',"
            " JSON.stringify({s: 'acquis', t: 'Ancien'}))"
        )
        open_with_axe(page, demo_url + PAGE, scheme)
        page.wait_for_selector(f"{SECTION} [data-pg-notice]:not([hidden])")
        fill_item(page, "budget", "en-cours", "Alice", "2026-03-15")
        page.locator(f"#{LIST}-budget button.pg-copy-link").click()
        page.locator(f"#{LIST}-budget .pg-copied").wait_for()  # the confirmation is checked too
        assert not (found := axe_violations(page, None, options)), report({PAGE: found})
        link = share_link(page)
        open_with_axe(page, link, scheme)
        page.wait_for_selector(f"{SECTION} [data-pg-shared-keep]")
        found = axe_violations(page, None, options)
        assert not found, "while a shared state is shown: " + report({PAGE: found})
    finally:
        context.close()
