"""The guide's content: navigation, common structure of typed pages, facts kept, prose of our own."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from conftest import ROOT
from mkdocs.config import load_config

from perennisation.guide import load_guide

STEP_SOURCES = [
    "methode/1-definir-les-objectifs.md",
    "methode/2-evaluer-les-conditions.md",
    "methode/3-choisir-la-structure-d-accueil.md",
    "methode/4-preparer-la-sortie-d-incubation.md",
    "methode/5-mettre-en-oeuvre.md",
]
REQUIRED_PAGES = [
    "",
    "comprendre/",
    "methode/",
    "trajectoires/",
    "cas/",
    "deployer/",
    "ateliers/",
    "check-lists/",
    "glossaire/",
    "a-propos/",
    "diagnostic/",
    "accessibilite/",
    "trajectoires/formes-juridiques/gip/",
    "trajectoires/formes-juridiques/scic/",
    "trajectoires/formes-juridiques/etablissement-public/",
    "trajectoires/formes-juridiques/fondation-fonds-de-dotation/",
    "trajectoires/formes-juridiques/scn/",
    "cas/demarches-simplifiees/",
    "cas/transport-data-gouv/",
    "cas/pix/",
    "cas/maintenant/",
    "cas/defis-eig/",
    "cas/base-adresse-nationale/",
    "cas/arrets-et-absorptions/",
    "sources/",
    "modeles/",
    "note-au-sponsor/",
    "retroplanning/",
]
#: Facts of the sources that the guide must keep (figure -> where it must appear, as built text).
FACTS = {
    "cas/demarches-simplifiees/": ["1,1 M€", "3 millions", "0,40 €"],
    "methode/4-preparer-la-sortie-d-incubation/": ["6391-SG", "6411-SG", "25", "40 %", "RGAA", "DSFR", "RGPD"],
    "methode/2-evaluer-les-conditions/": ["Gouvernance", "Culture produit", "Déploiement"],
    "trajectoires/4-structure-juridique-dediee/": ["18 mois", "Pix", "pass Culture", "SAS", "centaine"],
    "trajectoires/formes-juridiques/fondation-fonds-de-dotation/": ["150 000"],
    "trajectoires/formes-juridiques/scn/": ["97-464"],
    "cas/defis-eig/": [
        "matchID",
        "Signaux Faibles",
        "Archifiltre",
        "mise en production",
        "transmission",
        "fiabilisation",
    ],
    "trajectoires/2-transfert-vers-une-structure-d-accueil/": ["IGN", "Base adresse nationale", "2021", "RexAgri"],
}


@pytest.fixture(scope="module")
def guide():
    return load_guide(load_config(str(ROOT / "mkdocs.yml")))


def test_every_page_of_the_information_architecture_exists(site: Path) -> None:
    for url in REQUIRED_PAGES:
        assert (site / url / "index.html").is_file(), url


def test_the_five_steps_are_in_method_order_in_the_navigation() -> None:
    nav = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\nnav:\n")[1].join(["nav:\n", ""]))[
        "nav"
    ]
    method = next(item for item in nav if "La méthode" in item)["La méthode"]
    assert [entry for entry in method if isinstance(entry, str) and entry in STEP_SOURCES] == STEP_SOURCES


def test_step_pages_share_the_same_structure(guide, page) -> None:
    assert [p.src for p in guide.steps] == STEP_SOURCES
    for step in guide.steps:
        doc = page(step.url)
        ids = [h.get("id") for h in doc.select("article h2")]
        for wanted in ("plan-d-actions", "parties-prenantes", "outils", "check-list-et-ateliers"):
            assert wanted in ids, (step.src, wanted)
        assert "points-de-vigilance" in ids or "preconisations" in ids, step.src
        assert doc.select_one("#plan-d-actions ~ ol"), f"{step.src}: the action plan is a numbered list"
        assert doc.select("article .admonition"), f"{step.src}: hints are admonitions"
        assert doc.select(".pg-checklist, .pg-atelier"), f"{step.src}: a checklist or workshop is injected"
        for key in ("objectif", "roles", "icone"):
            assert step.meta.get(key), (step.src, key)


def test_case_studies_share_the_same_structure(guide, page) -> None:
    cases = guide.pages_of_type("cas")
    assert len(cases) >= 5
    for case in cases:
        ids = [h.get("id") for h in page(case.url).select("article h2")]
        assert ids[:6] == [
            "contexte",
            "ce-qui-a-ete-fait",
            "ce-qui-a-fait-la-difference",
            "chiffres-cles",
            "a-retenir",
            "pour-aller-plus-loin",
        ], case.src


def test_every_checklist_and_workshop_used_exists_and_is_used(guide) -> None:
    calls = re.compile(r"\{\{\s*(checklist|atelier|questions|fiche_atelier|comparatif|diagnostic)\(\s*[\"']([^\"']+)")
    collections = {
        "checklist": "checklists",
        "atelier": "ateliers",
        "questions": "ateliers",
        "fiche_atelier": "ateliers",
        "comparatif": "comparatifs",
        "diagnostic": "diagnostics",
    }
    used: set[tuple[str, str]] = set()
    for path in (ROOT / "docs").rglob("*.md"):
        if any(part.startswith("_") for part in path.relative_to(ROOT / "docs").parts):
            continue  # starter pages and snippets are not published
        shown = re.sub(r"\{%\s*raw\s*%\}.*?\{%\s*endraw\s*%\}", "", path.read_text(encoding="utf-8"), flags=re.S)
        for macro, ident in calls.findall(shown):  # a call inside {% raw %} is shown as text, not run
            assert ident in guide.library.ids(collections[macro]), f"{path}: {macro}({ident})"
            used.add((collections[macro], ident))
    for collection in ("checklists", "ateliers", "comparatifs", "diagnostics"):
        for ident in guide.library.ids(collection):
            assert (collection, ident) in used, f"{collection}/{ident} is used by no page"


def test_the_facts_of_the_sources_are_kept(page) -> None:
    for url, facts in FACTS.items():
        text = page(url).select_one("article").get_text(" ").replace("\u00a0", " ").replace("\u202f", " ")
        for fact in facts:
            assert fact in text, f"{url}: {fact!r}"


def test_editorial_decisions_are_stated_on_one_page(page) -> None:
    sources = page("sources/").select_one("article")
    entries = sources.select("dl dt")
    assert len(entries) >= 20, "each editorial decision is a term of the sources page"
    assert page("a-propos/").select_one('article a[href$="sources/"]'), "À propos links to the sources page"


def test_sources_are_credited_with_links(page) -> None:
    about = page("a-propos/")
    hrefs = " ".join(a.get("href", "") for a in about.select("article a"))
    for origin in (
        "doc.incubateur.net",
        "eig.etalab.gouv.fr",
        "modernisation.gouv.fr",
        "etalab.gouv.fr/licence-ouverte",
    ):
        assert origin in hrefs, origin
    assert "Licence Ouverte" in about.get_text()


def test_no_third_party_embed_in_content(site: Path) -> None:
    for path in site.rglob("*.html"):
        doc = path.read_text(encoding="utf-8")
        assert "<iframe" not in doc, path
        assert not re.search(r"<img[^>]+src=\"https?://", doc), path
