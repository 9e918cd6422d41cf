"""What a reader must be able to trust, on a fixture project (tests/fixtures/reader-facts): page dates
and « Nouveautés », « En bref » of step pages, former anchors, French typography, terminology, one
pager, edit links in the footer."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, NavigableString
from conftest import ENV, html, make_project, mkdocs_build, run

from perennisation import messages
from perennisation.typography import fix_html, fix_text

HIGH_AFTER_SPACE = re.compile(r"[ \u00a0][;:!?»]|«[ \u00a0]")
SKIPPED = ("code", "pre", "kbd", "script", "style", "svg", "textarea")
CHARTER = "## Charte { #charte-de-gouvernance }\n"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture project, built once (strict)."""
    tmp = tmp_path_factory.mktemp("reader")
    project = make_project(tmp, "reader-facts")
    result = mkdocs_build(project, tmp / "site")
    assert result.code == 0, result.output
    return tmp / "site"


def fr(sentence: str, **values: object) -> str:
    """A message of the engine as the French fixture reads it (perennisation/messages/fr.yml)."""
    text = messages.catalog("fr").get(sentence, sentence)
    return text.format(**values) if values else text


def did_you_mean(*names: str, first: bool = False) -> str:
    """The suggestion the engine adds; with first, only its start up to the first name (more may follow)."""
    if first:
        return " (" + fr("did you mean {names}?", names="{names}").partition("{names}")[0] + f"`{names[0]}`"
    return " (" + fr("did you mean {names}?", names=", ".join(f"`{n}`" for n in names))


def overlay(tmp_path: Path, files: dict[str, str]) -> Path:
    """The fixture project with some files replaced."""
    project = make_project(tmp_path, "reader-facts")
    for name, text in files.items():
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        (project / name).write_text(text, encoding="utf-8")
    return project


def check(project: Path) -> tuple[int, list[str]]:
    """Exit code and lines of `make check` on a project."""
    result = run([sys.executable, "-m", "perennisation.check"], project)
    return result.code, result.output.splitlines()


# ---- Dates -------------------------------------------------------------------------------------


def test_every_page_shows_its_front_matter_date(built: Path) -> None:
    for url, iso, text in (
        ("", "2026-03-01", "Mis à jour le 1er mars 2026"),
        ("methode/1-premiere/", "2026-05-20", "Mis à jour le 20 mai 2026"),
    ):
        updated = html(built / url / "index.html").select_one("article .pg-updated")
        assert updated is not None, url
        assert updated.time["datetime"] == iso
        assert updated.get_text(" ", strip=True).replace("\u202f", " ") == text


def test_dates_fall_back_to_the_last_commit_only_in_a_full_clone(tmp_path: Path) -> None:
    source = overlay(tmp_path / "repo", {"docs/modeles.md": f"# Modèles à remplir\n\n{CHARTER}"})
    git = {
        **ENV,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }

    def sh(*args: str, cwd: Path = source, **extra: str) -> None:
        subprocess.run(args, cwd=cwd, env={**git, **extra}, check=True, capture_output=True)

    sh("git", "init", "-q")
    sh("git", "add", "-A")
    sh("git", "commit", "-q", "-m", "first", GIT_COMMITTER_DATE="2025-02-03T10:00:00+00:00")
    (source / "docs" / "index.md").write_text((source / "docs" / "index.md").read_text() + "\nSuite.\n")
    sh("git", "commit", "-q", "-am", "second", GIT_COMMITTER_DATE="2025-09-30T10:00:00+00:00")
    site = tmp_path / "site"
    assert mkdocs_build(source, site).code == 0
    updated = html(site / "modeles" / "index.html").select_one(".pg-updated time")
    assert updated["datetime"] == "2025-02-03"  # the file's last commit, not the repository's
    assert "3 février 2025" in updated.get_text()
    assert html(site / "index.html").select_one(".pg-updated time")["datetime"] == "2026-03-01"  # front matter wins
    code, lines = check(source)
    assert not [line for line in lines if "docs/modeles.md" in line and "no date" in line]

    shallow = tmp_path / "shallow"
    sh("git", "clone", "-q", "--depth", "1", f"file://{source}", str(shallow), cwd=tmp_path)
    site = tmp_path / "site-shallow"
    assert mkdocs_build(shallow, site).code == 0
    assert html(site / "modeles" / "index.html").select_one(".pg-updated") is None  # never the build date
    code, lines = check(shallow)
    no_date = fr(
        "no date: add `mis_a_jour: YYYY-MM-DD` to the front matter (no commit of this file in a full clone either)"
    )
    assert f"docs/modeles.md:1: warning: {no_date}" in lines, lines


def test_a_date_in_the_future_stops_check_and_build(tmp_path: Path) -> None:
    project = overlay(tmp_path, {"docs/modeles.md": f"---\nmis_a_jour: 2999-01-01\n---\n# Modèles\n\n{CHARTER}"})
    future = fr("{value} is in the future (today is {today})", value="2999-01-01", today=dt.date.today().isoformat())
    expected = f"docs/modeles.md:2: error: mis_a_jour: {future}"
    code, lines = check(project)
    assert code == 1
    assert any(line.startswith(expected) for line in lines), lines
    result = mkdocs_build(project, tmp_path / "site")
    assert result.code != 0
    assert expected in result.output
    assert "Traceback" not in result.output


def test_an_impossible_date_is_one_line(tmp_path: Path) -> None:
    front = 'mis_a_jour: "2026-02-30"\nnouveautes: ""'
    project = overlay(tmp_path, {"docs/modeles.md": f"---\n{front}\n---\n# Modèles\n\n{CHARTER}"})
    code, lines = check(project)
    assert code == 1
    impossible = fr("`{value}` is not a date (YYYY-MM-DD)", value="2026-02-30")
    assert f"docs/modeles.md:2: error: mis_a_jour: {impossible}" in lines
    assert any(line.startswith("docs/modeles.md:3: error: nouveautes: ") for line in lines), lines  # schema: empty
    unquoted = f"---\nmis_a_jour: 2026-02-30\n---\n# Modèles\n\n{CHARTER}"
    project = overlay(tmp_path / "unquoted", {"docs/modeles.md": unquoted})
    code, lines = check(project)
    assert code == 1 and "Traceback" not in "\n".join(lines)
    start = (
        "docs/modeles.md:2: error: "
        + fr(
            "`{value}` is not a date ({problem}): write YYYY-MM-DD", value="2026-02-30", problem="{problem}"
        ).partition("{problem}")[0]
    )
    assert any(line.startswith(start) for line in lines), lines


def test_nouveautes_lists_notes_newest_first(built: Path) -> None:
    entries = html(built / "nouveautes" / "index.html").select("ol.pg-news > li")
    assert [e.time["datetime"] for e in entries] == ["2026-05-20", "2026-04-10", "2026-03-01"]
    first = entries[0]
    assert first.a.get_text() == "Première étape"
    assert first.a["href"] == "../methode/1-premiere/"
    assert "Durée indicative ajoutée." in first.get_text()
    assert "1er mars 2026" in entries[2].get_text()


# ---- « En bref » and former anchors --------------------------------------------------------------


def test_en_bref_opens_each_step_page(built: Path) -> None:
    soup = html(built / "methode" / "1-premiere" / "index.html")
    article = soup.select_one("article")
    brief = article.select_one("section.pg-brief")
    assert brief is not None
    progress = article.select_one("nav.pg-progress")
    first_h2 = next(h for h in article.find_all("h2") if h.get("id") != "en-bref")
    order = [n for n in article.find_all(True) if n in (progress, brief, first_h2)]
    assert order == [progress, brief, first_h2]  # after the progress bar, before the first section
    rows = {dt.get_text(strip=True): dt.find_next_sibling("dd") for dt in brief.select("dt")}
    assert rows["Objectif"].get_text(strip=True) == "Savoir ce que l'on veut."
    assert rows["Durée indicative"].get_text(strip=True) == "1 à 3 mois"
    roles = [li.get_text(strip=True) for li in rows["Qui est impliqué"].select("li")]
    assert roles == ["Administration porteuse", "Équipe produit"]
    template = rows["Livrables"].select_one("a")
    assert template.get_text() == "Charte de gouvernance"
    assert template["href"] == "../../modeles/#charte-de-gouvernance"
    assert html(built / "modeles" / "index.html").find(id="charte-de-gouvernance") is not None
    checklist = rows["Check-list de l’étape"].select_one("a")
    assert checklist["href"] == "../../#sortie-incubation"
    assert html(built / "index.html").find(id="sortie-incubation") is not None
    workshop = rows["Ateliers de l’étape"].select_one("a")
    assert workshop["href"] == "./#vision-commune" and soup.find(id="vision-commune") is not None
    second = html(built / "methode" / "2-seconde" / "index.html").select_one("section.pg-brief")
    assert [dt.get_text() for dt in second.select("dt")] == ["Objectif"]  # only what the front matter gives


@pytest.mark.parametrize(
    ("front", "expected"),
    [
        (
            "checklists: [sortie-incubaton]",
            "checklists[0]: "
            + fr("unknown {what} id `{id}`", what=fr("check-list"), id="sortie-incubaton")
            + did_you_mean("sortie-incubation"),
        ),
        (
            "ateliers: [vision]",
            "ateliers[0]: "
            + fr("unknown {what} id `{id}`", what=fr("workshop"), id="vision")
            + did_you_mean("vision-commune"),
        ),
        (
            "livrables: [{texte: Charte, modele: modeles.md#charte}]",
            "livrables[0].modele: "
            + fr("`{path}` has no anchor `#{anchor}`", path="modeles.md", anchor="charte")
            + did_you_mean("charte-de-gouvernance"),
        ),
        (
            "livrables: [{texte: Charte, modele: modele.md#charte}]",
            "livrables[0].modele: "
            + fr("no page `{path}` in docs/", path="modele.md")
            + did_you_mean("modeles.md", first=True),
        ),
        ("ancres: {ancienne: vision}", "ancres.ancienne: " + fr("no element with id `{id}` on this page", id="vision")),
    ],
)
def test_step_front_matter_references_are_checked(tmp_path: Path, front: str, expected: str) -> None:
    expected = "docs/methode/2-seconde.md:6: error: " + expected
    head = "type: etape\netape: 2\ntitle: Seconde étape\nobjectif: Savoir comment y aller."
    page = f"---\n{head}\n{front}\nmis_a_jour: 2026-06-02\n---\n# Seconde étape\n"
    project = overlay(tmp_path, {"docs/methode/2-seconde.md": page})
    code, lines = check(project)
    assert code == 1
    assert any(line.startswith(expected) for line in lines), lines
    result = mkdocs_build(project, tmp_path / "site")
    assert result.code != 0 and expected in result.output and "Traceback" not in result.output


def test_former_anchors_land_on_their_element(built: Path) -> None:
    soup = html(built / "methode" / "1-premiere" / "index.html")
    alias = soup.find(id="ancienne-vision")
    assert alias is not None
    assert alias.find_next(id=True) is soup.find(id="vision-commune")


# ---- One pager, edit links in the footer --------------------------------------------------------


def test_step_pages_have_one_pager_other_pages_keep_materials(built: Path) -> None:
    step = html(built / "methode" / "1-premiere" / "index.html")
    assert step.select_one(".pg-step-pager") is not None
    material = step.select_one("nav.md-footer__inner")
    assert material is None or material.has_attr("hidden")
    other = html(built / "modeles" / "index.html").select_one("nav.md-footer__inner")
    assert other is not None and not other.has_attr("hidden")


def test_edit_link_and_repository_are_in_the_footer_not_the_header(built: Path) -> None:
    soup = html(built / "modeles" / "index.html")
    footer = {a.get_text(strip=True): a["href"] for a in soup.select("footer .pg-footer-links a")}
    assert (
        footer["Proposer une modification de cette page"]
        == "https://example.org/forge/fixture/edit/main/docs/modeles.md"
    )
    assert footer["Code source du guide"] == "https://example.org/forge/fixture"
    assert not soup.select(".md-header a[href^='https://example.org/forge']")
    assert not soup.select(".md-content__button")


# ---- Typography --------------------------------------------------------------------------------


def plain_spaces(soup: BeautifulSoup) -> list[str]:
    """Text runs with a plain or no-break space before ; : ! ? » or after «, outside code and other languages."""
    found = []
    for text in soup.find_all(string=True):
        if not isinstance(text, NavigableString) or type(text) is not NavigableString:
            continue  # comments, doctype, CDATA
        if any(parent.name in SKIPPED for parent in text.parents):
            continue
        languages = [p["lang"] for p in text.parents if p.name and p.name != "html" and p.has_attr("lang")]
        if any(lang[:2] != "fr" for lang in languages):
            continue
        joined = str(text)
        previous = text.find_previous(string=True)
        if previous is not None and str(previous).endswith((" ", "\u00a0")) and joined[:1] in ";:!?»":
            found.append(str(previous)[-20:] + joined[:20])
        found += [joined[max(0, m.start() - 20) : m.end() + 5] for m in HIGH_AFTER_SPACE.finditer(joined)]
    return found


def test_built_french_pages_use_narrow_no_break_spaces(built: Path) -> None:
    for path in built.rglob("*.html"):
        assert plain_spaces(html(path)) == [], path
    soup = html(built / "index.html")
    text = soup.select_one("article").get_text()
    assert "êtes-vous\u202f?" in text and "«\u202fle guide\u202f»\u202f:" in text
    assert "tout\u202f; vraiment\u202f!" in text
    assert "«\u202ftitre\u202f»" in text and "note\u202f: lue" in text.replace("\u202f ", "\u202f")
    assert "10:30" in text and "https://example.org/a?b=c" in text
    assert soup.select_one("article code").get_text() == "a ; b"
    assert soup.select_one("article kbd").get_text() == "Ctrl + :"
    assert "ligne de code ; intacte : oui ?" in soup.select_one("article pre").get_text()
    assert soup.select_one("article p[lang=en]").get_text() == "An English quote : kept as is ?"
    labels = json.loads(soup.select_one("#pg-config").string)["labels"]  # what scripts write on the page
    assert labels["step_duration"] == "Durée indicative\u202f: {duration}"


def test_typography_rules() -> None:
    assert fix_text("Quoi ? « Oui » ; non !") == "Quoi\u202f? «\u202fOui\u202f»\u202f; non\u202f!"
    assert fix_text("«Oui»") == "«\u202fOui\u202f»"
    assert fix_text("à 10:30, voir https://a.fr/?q=1 : ok") == "à 10:30, voir https://a.fr/?q=1\u202f: ok"
    assert fix_text("mot&nbsp;: suite") == "mot\u202f: suite"
    page = '<html lang="fr"><p title="a : b" data-x="« x »">Un <a href="/?a">lien</a>{} ?</p>{}</html>'
    script = '<script>x = "a : b";</script>'
    assert fix_html(page.format("", script)) == page.format("\u202f", script).replace("\u202f ?", "\u202f?")
    english = '<html lang="en"><p>Hello : you ?</p></html>'
    assert fix_html(english) == english


TRICKY = (
    '<html lang="fr"><body><p>A &amp; B ; C&nbsp;: D &raquo; E&#187;<b>mot </b>: fin</p>'
    "<div>« <em>titre</em>» &laquo; <i> x</i> ; <code>a ; b</code> <svg><text>a : b</text></svg></div>"
    "<pre><code>a ; b<code>c : d</code> e ?</code></pre><p>« <svg/> x » : y</p>"
    '<p lang="en">Keep : this ?</p><p title="a > b : c">t : u</p>'
    "<ul><li>x ?</li><li>un ; deux</li><li>fin&raquo;</li></ul></body></html>"
)


def test_the_fast_typography_of_usual_pages_gives_the_general_result(built: Path) -> None:
    """Pages in lower case with no other language take faster patterns: never another result."""
    from perennisation.typography import _TOKEN, _UNTOUCHED, _fix_html, _is_usual

    usual = TRICKY.replace('<p lang="en">Keep : this ?</p>', "")
    assert _is_usual(usual) and not _is_usual(TRICKY) and not _is_usual(usual.replace("<li>", "<LI>"))
    pages = [path.read_text(encoding="utf-8") for path in built.rglob("*.html")]
    assert sum(map(_is_usual, pages)) > len(pages) / 2, "the fast patterns are the common case"
    for page in [*pages, usual, TRICKY, usual.replace("<li>", "<LI>").replace("</li>", "</LI>")]:
        plain = page.replace("\u202f", " ")  # as the theme wrote it, before the engine's typography
        assert fix_html(plain) == _fix_html(plain, _UNTOUCHED, _TOKEN)
    fixed = fix_html(usual)
    assert "A &amp; B\u202f; C\u202f: D\u202f&raquo; E\u202f&#187;<b>mot\u202f</b>: fin" in fixed
    assert "<code>a ; b</code>" in fixed and "a : b</text>" in fixed and "<code>c : d</code> e ?</code>" in fixed
    assert 'title="a > b : c">t\u202f: u' in fixed and "<li>un\u202f; deux</li><li>fin\u202f&raquo;</li>" in fixed
    assert "Keep : this ?" in fix_html(TRICKY)


def test_check_reports_what_the_engine_cannot_fix_and_terminology(tmp_path: Path) -> None:
    project = make_project(tmp_path, "reader-facts")
    code, lines = check(project)
    assert code == 0, lines
    typography = fr(
        "typography: no space before {marks} (French puts a space before ; : ! ?, e.g. `mot : suite`)", marks="`:` `?`"
    )
    assert f"docs/methode/2-seconde.md:12: warning: {typography}" in lines
    assert not [line for line in lines if "Maintenant" in line or ":14:" in line and "2-seconde" in line]
    term = fr("terminology: « {found} » → write « {preferred} »", found="startup d'État", preferred="Startup d’État")
    assert f"docs/index.md:17: warning: {term} (avec une majuscule, comme le programme beta.gouv.fr)" in lines
    prefix = term.partition("«")[0]
    assert len([line for line in lines if prefix in line]) == 1  # « la Startup d’État reste » is fine


def test_terminology_file_is_validated(tmp_path: Path) -> None:
    terms = "- prefere: Startup d’État\n  eviter: []\n- prefere: x\n  avoid: [y]\n"
    project = overlay(tmp_path, {"data/terminologie.yml": terms})
    code, lines = check(project)
    assert code == 1
    assert any(line.startswith("data/terminologie.yml:2: error: [0].eviter: ") for line in lines), lines
    unknown = fr("unknown key `{key}`", key="avoid")
    assert any(line.startswith(f"data/terminologie.yml:3: error: [1]: {unknown}") for line in lines), lines
