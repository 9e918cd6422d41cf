"""Facts corrected in the guide (issue 12): one assertion per fact, on the built pages or their sources.

Each test states the fact it protects; each one fails on the text the guide had before the correction.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup, Tag
from conftest import ROOT
from mkdocs.config import load_config

from perennisation.guide import load_guide
from perennisation.terminology import check_files, load_terms

DOCS = ROOT / "docs"
SPACES = str.maketrans({"\u00a0": " ", "\u202f": " "})
NEW_PAGES = {
    "sources.md": "sources/",
    "cas/arrets-et-absorptions.md": "cas/arrets-et-absorptions/",
    "cas/base-adresse-nationale.md": "cas/base-adresse-nationale/",
    "modeles.md": "modeles/",
    "note-au-sponsor.md": "note-au-sponsor/",
    "retroplanning.md": "retroplanning/",
}
#: The service -> the only trajectory (trajectoire_id) it is filed under, as in the most recent source.
TRAJECTORY_OF = {
    "transport.data.gouv.fr": "administration",
    "Maintenant!": "administration",
    "Code du travail numérique": "dsi",
}


@pytest.fixture(scope="module")
def guide():
    return load_guide(load_config(str(ROOT / "mkdocs.yml")))


def text(doc: BeautifulSoup | Tag) -> str:
    """Visible text of a page or an element, with no-break spaces made plain and runs of spaces collapsed."""
    return re.sub(r"[ \t]+", " ", doc.get_text(" ").translate(SPACES))


def article(page, url: str) -> str:
    return text(page(url).select_one("article"))


def sentences(prose: str) -> list[str]:
    """Sentences (and list items) of a text; the brand « Maintenant! » does not end a sentence."""
    prose = prose.replace("Maintenant!", "Maintenant\u00a1")
    found = re.split(r"(?<=[.;!?])\s+|\n+", prose)
    return [s.strip().replace("Maintenant\u00a1", "Maintenant!") for s in found if s.strip()]


def section(doc: BeautifulSoup, ident: str) -> str:
    """Text of a heading's section: from the heading to the next heading of the same or a higher level."""
    heading = doc.find(id=ident)
    assert heading is not None and heading.name in {"h2", "h3"}, ident
    parts = []
    for sibling in heading.find_next_siblings():
        if sibling.name in {"h1", "h2"} or (heading.name == "h3" and sibling.name == "h3"):
            break
        parts.append(text(sibling))
    return " ".join(parts)


def source_pages() -> list[Path]:
    return [
        p for p in sorted(DOCS.rglob("*.md")) if not any(part.startswith("_") for part in p.relative_to(DOCS).parts)
    ]


def body(path: Path) -> str:
    """A source page without its front matter."""
    raw = path.read_text(encoding="utf-8")
    return re.sub(r"\A---\n.*?\n---\n", "", raw, count=1, flags=re.S)


# --- Legal form and accessibility -------------------------------------------------------------------


def test_pass_culture_is_an_sas_not_a_societe_anonyme(site: Path, page) -> None:
    for path in site.rglob("index.html"):
        for sentence in sentences(text(BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser"))):
            if "pass culture" in sentence.lower():  # "pas une société anonyme" states the correction
                assert not re.search(r"(?<!pas une )société anonyme", sentence.lower()), f"{path}: {sentence}"
    assert re.search(
        r"pass Culture[^.]*société par actions simplifiée \(\s?SAS\s?\)",
        article(page, "trajectoires/4-structure-juridique-dediee/"),
    )


def test_no_conformity_claim_without_an_audit(page, guide) -> None:
    declared = guide.extra["organisation"]["accessibilite"]["conformite"]
    assert declared == "non conforme"
    statement = page("accessibilite/")
    status = section(statement, "etat-de-conformite")
    assert "Le site est non conforme" in status and "partiellement conforme" not in status
    assert "aucun audit" in status.lower()
    footer = text(page("").select_one("footer"))
    assert "non conforme" in footer


def test_accessibility_statement_lists_defects_publisher_contact_and_date(page, guide) -> None:
    statement = page("accessibilite/")
    defects = statement.find(id="non-conformites").find_next_sibling("ul")
    assert defects is not None and defects.find_all("li"), "the known defects are listed"
    prose = text(statement.select_one("article"))
    organisation = guide.extra["organisation"]
    assert organisation["nom"] in prose
    assert statement.select_one(f'article a[href="mailto:{organisation["contact"]}"]')
    assert re.search(r"établie le \d{1,2} \w+ 20\d\d", prose)
    assert "Aucune non-conformité n’est connue" not in prose


# --- Durations: the 18 months belong to the trajectory, qualifiers as in the sources -----------------


def test_eighteen_months_are_given_for_the_trajectory_not_for_each_legal_form(guide) -> None:
    comparison = yaml.safe_load((ROOT / "data" / "comparatifs" / "formes-juridiques.yml").read_text(encoding="utf-8"))
    assert "pour chacun" not in comparison["description"].lower()
    assert "trajectoire" in comparison["description"]
    for form in guide.pages_of_type("forme-juridique"):
        duration = form.meta.get("duree") or ""
        if "18 mois" in duration:
            assert "trajectoire" in duration, (form.src, duration)


def test_exit_preparation_takes_about_six_months_not_at_least(guide, page) -> None:
    step = guide.page("methode/4-preparer-la-sortie-d-incubation.md")
    assert step.meta["duree"] == "environ 6 mois"
    for url in ("methode/", "methode/4-preparer-la-sortie-d-incubation/", "check-lists/", "diagnostic/"):
        prose = article(page, url)
        assert not re.search(r"au moins (six|6) mois", prose), url


def test_sig_approval_can_sometimes_take_months_not_often(page) -> None:
    prose = article(page, "methode/4-preparer-la-sortie-d-incubation/")
    assert "souvent plusieurs mois" not in prose
    assert re.search(r"SIG peut parfois demander plusieurs mois", prose)


def test_the_annual_investment_committee_is_an_option_not_an_obligation() -> None:
    checklist = yaml.safe_load((ROOT / "data" / "checklists" / "sortie-incubation.yml").read_text(encoding="utf-8"))
    items = {item["id"]: item for group in checklist["sections"] for item in group["items"] if "id" in item}
    wording = items["comite-investissement"]["texte"]
    assert wording.startswith("Si l’administration le souhaite")


def test_a_dedicated_structure_may_take_eighteen_months_not_often(page) -> None:
    prose = article(page, "methode/5-mettre-en-oeuvre/")
    assert "demande souvent dix-huit mois" not in prose
    assert "peut prendre au moins dix-huit mois" in prose


# --- Examples: IGN, SCIC, one trajectory per service --------------------------------------------------


def test_ign_took_over_the_ban_by_transfer_and_is_no_example_of_a_created_public_body(guide, page) -> None:
    public_body = guide.page("trajectoires/formes-juridiques/etablissement-public.md")
    assert not any("IGN" in example for example in public_body.meta.get("exemples", []))
    row = page("trajectoires/").find(id="formes-juridiques-etablissement-public")
    cell = text(row)
    assert "IGN" not in cell or "transfert" in cell
    assert "transfert" in section(page("trajectoires/formes-juridiques/etablissement-public/"), "qui-l-a-fait")


def test_scic_examples_do_not_read_as_former_startups(guide, page) -> None:
    scic = guide.page("trajectoires/formes-juridiques/scic.md")
    assert scic.meta["exemples"][0].startswith("Aucune startup d’État")
    cell = text(page("trajectoires/").find(id="formes-juridiques-scic"))
    assert "Aucune startup d’État" in cell
    assert "ne sont pas issues d’un incubateur" in section(page("trajectoires/formes-juridiques/scic/"), "qui-l-a-fait")


def squeeze(value: str) -> str:
    return re.sub(r"\s", "", value)


@pytest.mark.parametrize("service", sorted(TRAJECTORY_OF))
def test_each_service_is_filed_under_one_trajectory_everywhere(guide, page, service: str) -> None:
    expected = TRAJECTORY_OF[service]
    number = {t.meta["trajectoire_id"]: t.meta["ordre"] for t in guide.pages_of_type("trajectoire")}[expected]
    for trajectory in guide.pages_of_type("trajectoire"):
        if trajectory.meta["trajectoire_id"] == expected:
            continue
        named = [e for e in trajectory.meta.get("exemples", []) if squeeze(e).startswith(squeeze(service))]
        assert not named, (service, trajectory.src, named)
    elsewhere = [t.url for t in guide.pages_of_type("trajectoire") if t.meta["trajectoire_id"] != expected]
    for url in [*elsewhere, "trajectoires/"]:
        for sentence in sentences(article(page, url)):
            if squeeze(service) in squeeze(sentence):  # named on another page: said to be of its own trajectory
                assert re.search(rf"trajectoire {number}\b", sentence), (service, url, sentence)
    cases = [c for c in guide.pages_of_type("cas") if squeeze(c.meta["service"]).startswith(squeeze(service))]
    for case in cases:
        assert case.meta["trajectoire"] == expected, (service, case.src)


# --- Names, figures and their years ---------------------------------------------------------------


def test_france_travail_with_the_former_name_mentioned_once(site: Path) -> None:
    for path in site.rglob("index.html"):
        if path.parent.name in {"sources", "nouveautes"}:
            continue  # the editorial pages quote the former name on purpose
        doc = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").select_one("article")
        if doc is None:
            continue
        prose = text(doc)
        mentions = prose.count("Pôle emploi")
        assert mentions <= 1, f"{path}: {mentions} mentions of the former name"
        if mentions:
            assert "France Travail" in prose, path


@pytest.mark.parametrize(
    ("url", "figure", "year"),
    [
        ("trajectoires/4-structure-juridique-dediee/", "plus de 130 collaborateurs", "2025"),
        ("trajectoires/4-structure-juridique-dediee/", "plus d’une centaine de collaborateurs", "2025"),
        ("trajectoires/formes-juridiques/gip/", "plus de 130 collaborateurs", "2025"),
        ("trajectoires/1-poursuite-dans-l-administration/", "une dizaine d’équipes produit", "2025"),
        ("trajectoires/1-poursuite-dans-l-administration/", "trois personnes", "2024"),
        ("cas/pix/", "les 130 personnes", "2025"),
    ],
)
def test_figures_carry_their_year(page, url: str, figure: str, year: str) -> None:
    found = [s for s in sentences(article(page, url)) if figure in s]
    assert found, (url, figure)
    for sentence in found:
        assert year in sentence, (url, sentence)


def test_demarches_simplifiees_cost_per_file_adds_up(page) -> None:
    # 1 to 1.1 million euros a year for 3 million files in 2021: 0.33 to 0.37 euro a file.
    assert round(1_000_000 / 3_000_000, 2) == 0.33 and round(1_100_000 / 3_000_000, 2) == 0.37
    for url in (
        "cas/demarches-simplifiees/",
        "comprendre/",
        "methode/2-evaluer-les-conditions/",
        "outils/formation-sponsor/",
    ):
        prose = article(page, url)
        assert "0,33 €" in prose and "0,37 €" in prose, url
        assert "pour une moyenne d’environ 1,1 M€" not in prose, url
        assert not re.search(r"(environ|de l’ordre de) 0,40 € par dossier", prose), url


def test_pnm_is_explained_where_it_is_used(page) -> None:
    doc = page("trajectoires/3-integration-dans-une-dsi/")
    titles = [abbr.get("title", "") for abbr in doc.select("article abbr") if abbr.get_text() == "PNM"]
    assert titles and all(len(title) > 20 for title in titles)
    assert page("glossaire/").find(id="pnm")


def test_sponsor_training_decks_are_linked(page) -> None:
    doc = page("outils/formation-sponsor/")
    decks = [
        a["href"]
        for a in doc.select("article a[href]")
        if a["href"].startswith("https://docs.google.com/presentation/")
    ]
    assert len(decks) == 3
    assert "ne sont pas publiés" not in text(doc.select_one("article"))


# --- Editorial notes, dates, terminology ----------------------------------------------------------


def test_no_editorial_box_outside_the_sources_page(site: Path) -> None:
    for path in source_pages():
        if path.name == "sources.md" and path.parent == DOCS:
            continue
        assert "Note de la rédaction" not in path.read_text(encoding="utf-8"), path
    for path in site.rglob("index.html"):
        if path.parent.name == "sources":
            continue
        doc = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        titles = [text(t) for t in doc.select(".admonition-title")]
        assert not any("rédaction" in t for t in titles), path


def test_the_sources_page_explains_choices_with_public_links(page) -> None:
    doc = page("sources/")
    for ident in ("methode", "trajectoires", "formes-juridiques", "cas", "outils", "accessibilite", "journal"):
        assert doc.find(id=ident), ident
    hrefs = " ".join(a["href"] for a in doc.select("article a[href]"))
    for origin in ("doc.incubateur.net", "blog.beta.gouv.fr", "legifrance.gouv.fr", "docs.google.com"):
        assert origin in hrefs, origin


def test_every_page_carries_a_review_date_not_in_the_future() -> None:
    today = datetime.date.today()
    for path in source_pages():
        if path.relative_to(DOCS).as_posix() == "adapter.md" or path.relative_to(DOCS).parts[0] == "adr":
            continue  # the fork kit and the design records are maintained elsewhere; their date is the last commit
        match = re.match(r"\A---\n(.*?)\n---\n", path.read_text(encoding="utf-8"), re.S)
        assert match, path
        reviewed = yaml.safe_load(match.group(1)).get("mis_a_jour")
        assert isinstance(reviewed, datetime.date), path
        assert reviewed <= today, path


def test_the_guide_uses_its_own_terminology() -> None:
    terms, problems = load_terms(ROOT / "data")
    assert not problems and len(terms) >= 5
    preferred = {term.preferred for term in terms}
    assert {"startup d’État", "administration porteuse", "France Travail"} <= preferred
    files = source_pages() + sorted((ROOT / "data").rglob("*.yml"))
    files = [f for f in files if f.name != "recherche.yml"]  # search synonyms list variants on purpose
    findings = check_files(ROOT, files, terms)
    assert not findings, "\n".join(str(f) for f in findings)


# --- Home page, step pages and new pages -----------------------------------------------------------


def test_home_page_starts_with_where_to_begin(page) -> None:
    doc = page("")
    first = doc.select_one("article h2")
    assert first.get("id") == "par-ou-commencer"
    cards = first.find_next_sibling("div")
    hrefs = [a["href"] for a in cards.select("a[href]")]
    for target in ("diagnostic/", "methode/", "ateliers/", "check-lists/"):
        assert any(href.rstrip("/").endswith(target.rstrip("/")) for href in hrefs), target


def test_step_pages_give_duration_deliverables_templates_checklists_and_workshops(guide) -> None:
    durations = {1: "1 à 3 mois", 2: "3 à 6 mois", 3: "3 à 6 mois"}
    for step in guide.steps:
        meta = step.meta
        assert meta.get("duree"), step.src
        if meta["etape"] in durations:
            assert meta["duree"] == durations[meta["etape"]], step.src
        assert meta.get("livrables"), step.src
        for key, collection in (("checklists", "checklists"), ("ateliers", "ateliers")):
            assert isinstance(meta.get(key), list), (step.src, key)
            for ident in meta[key]:
                assert ident in guide.library.ids(collection), (step.src, ident)
    templates = [d["modele"] for s in guide.steps for d in s.meta["livrables"] if isinstance(d, dict)]
    assert {t.split("#")[1] for t in templates} >= {"document-de-vision", "fiche-scenario", "charte-de-gouvernance"}


@pytest.mark.parametrize("src", sorted(NEW_PAGES))
def test_new_pages_are_built_dated_and_in_the_navigation(site: Path, guide, src: str) -> None:
    assert (site / NEW_PAGES[src] / "index.html").is_file(), src
    assert src in (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), f"{src} is not in the nav"
    assert guide.page(src).meta.get("mis_a_jour"), src


def test_templates_page_has_the_four_printable_templates(page) -> None:
    doc = page("modeles/")
    for ident in (
        "document-de-vision",
        "fiche-scenario",
        "charte-de-gouvernance",
        "bilan-de-sortie",
        "bilan-de-sortie-ecarts",
        "bilan-de-sortie-enseignements",
    ):
        heading = doc.find(id=ident)
        assert heading is not None and heading.name in {"h2", "h3"}, ident
        assert heading.find_next("table") is not None, ident


def test_ban_transfer_is_a_case_study_of_the_transfer_trajectory(guide, page) -> None:
    case = guide.page("cas/base-adresse-nationale.md")
    assert case.meta["type"] == "cas" and case.meta["trajectoire"] == "transfert"
    prose = article(page, "cas/base-adresse-nationale/")
    assert "mai 2021" in prose and "fin 2022" in prose and "IGN" in prose


def test_stops_and_absorptions_name_the_three_services(page) -> None:
    prose = article(page, "cas/arrets-et-absorptions/")
    for service in ("Mon Devis Sans Oublis", "Carte Jeune Engagé", "Futur Pro", "data.education.gouv.fr"):
        assert service in prose, service
    doc = page("cas/arrets-et-absorptions/")
    for ident in ("le-code", "les-donnees", "les-usagers"):
        assert doc.find(id=ident), ident


def test_back_planning_uses_the_durations_of_the_current_sources() -> None:
    data = yaml.safe_load((ROOT / "data" / "retroplanning" / "retroplanning.yml").read_text(encoding="utf-8"))
    assert [(p["duree_min_mois"], p["duree_max_mois"]) for p in data["phases"]] == [(1, 3), (3, 6), (3, 6), (5, 9)]
    assert [p.get("etape") for p in data["phases"]] == [1, 2, 3, 4]
    hosting = {j["id"]: j for j in data["jalons_longs"]}["changement-hebergement"]
    assert (hosting["duree_min_mois"], hosting["duree_max_mois"]) == (4, 6)
    assert '{{ retroplanning("retroplanning") }}' in body(DOCS / "retroplanning.md")
