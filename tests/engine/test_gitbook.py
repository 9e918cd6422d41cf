"""GitBook importer: one fixture per construct, whole spaces and repositories wired into mkdocs.yml and built
strictly, a synthetic space of 300+ pages, odd input, and the edit of mkdocs.yml kept surgical."""

from __future__ import annotations

import difflib
import shutil
import socket
from pathlib import Path
from typing import Any

import pytest
import yaml
from axe import axe_page, violations_on
from axe import report as axe_report
from bs4 import BeautifulSoup
from conftest import FIXTURES, Run, make_project, mkdocs_build, serve
from gitbook_synth import CONSTRUCTS as SYNTH_CONSTRUCTS
from gitbook_synth import make_space

from perennisation.gitbook import Importer, main, repair_mojibake, run
from perennisation.gitbook_links import map_anchor

GITBOOK = FIXTURES / "gitbook"
EXPECTED = sorted(p.stem for p in (GITBOOK / "expected").glob("*.md"))
#: construct -> (a count its report must give, a note fragment it must give or "").
REPORTED = {
    "hint": ("hint", ""),
    "hint-in-list": ("block kept in list item", ""),
    "tabs": ("tabs", ""),
    "stepper": ("stepper", ""),
    "content-ref": ("content-ref", "`ailleurs/page.md`: missing from the source: written as plain text"),
    "file": ("file", "`.gitbook/assets/Modèle de mail.docx`: missing from the source"),
    "embed": ("embed", ""),
    "iframe": ("iframe to link", ""),
    "figure": ("figure", ""),
    "details": ("details", ""),
    "heading-anchor": ("heading anchor", "heading id `#calendrier` used twice on the page"),
    "mojibake": ("mojibake repaired (lines)", ""),
    "jinja": ("", "page marked `render_macros: false`"),
    "code": ("code", "page marked `render_macros: false`"),
    "front-matter-jekyll": ("front matter keys", "front matter keys dropped: category"),
    "links": ("link rewritten", "`broken-reference`: GitBook marks it as a broken reference"),
    "columns": ("columns", ""),
    "updates": ("updates", ""),
    "openapi": ("openapi-operation", "the spec is not in the source"),
    "visibility": ("if", "content published for everyone, with a note"),
    "include": ("include", "include `.gitbook/includes/disparu.md`: not in `.gitbook/includes/`"),
    "integration": ("integration", ""),
    "unknown": ("", "unknown GitBook tag `{% compteur %}` kept as text"),
    "buttons": ("button", "`etapes/absente.md`: missing from the source"),
    "references": ("", "GitBook expression `space.vars.cout` shown as code, not evaluated"),
}
LINKS_DEFECTS = (
    "`/broken/pages/a1B2c3d4`: GitBook marks it as a broken reference",
    "`etapes/absente.md`: missing from the source",
    "`.gitbook/assets/absente.png`: missing from the source",
    "`etapes/2-evaluer.md#nulle-part`: no heading `#nulle-part` in `etapes/2-evaluer.md`",
)


def project(tmp: Path, name: str = "projet") -> Path:
    """A fixture project on the guide's engine, with a palette and the Material feature big navs need."""
    folder = make_project(tmp / name)
    config = folder / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "\n  font: false\n" in text, "the fixture project's theme changed: update project()"
    config.write_text(
        text.replace(
            "\n  font: false\n", "\n  font: false\n  palette: {scheme: default}\n  features: [navigation.prune]\n"
        ),
        encoding="utf-8",
    )
    return folder


def imported(tmp: Path, source: Path, section: str, *args: str) -> tuple[Path, Run, Path]:
    """Import source into a new project's docs/section with --mkdocs, then build it strictly."""
    folder = project(tmp)
    code = main([str(source), "--out", str(folder / "docs" / section), "--mkdocs", str(folder / "mkdocs.yml"), *args])
    assert code == 0
    site = tmp / "site"
    return folder, mkdocs_build(folder, site), site


@pytest.fixture(scope="module")
def constructs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Importer]:
    """The constructs space converted once (each page links to the others)."""
    out = tmp_path_factory.mktemp("constructs") / "out"
    return out, run([GITBOOK / "constructs"], out)


@pytest.mark.parametrize("name", EXPECTED)
def test_each_construct_converts_to_the_expected_page(constructs: tuple[Path, Importer], name: str) -> None:
    out, importer = constructs
    expected = (GITBOOK / "expected" / f"{name}.md").read_text(encoding="utf-8")
    assert (out / f"{name}.md").read_text(encoding="utf-8") == expected
    count, note = REPORTED.get(name, ("", ""))
    (report,) = [r for r in importer.reports if r.output == out / f"{name}.md"]
    assert not count or report.counts.get(count), report.counts
    assert not note or any(note in w for w in report.warnings), report.warnings


def test_source_defects_are_reported_one_line_each_in_two_groups(constructs: tuple[Path, Importer]) -> None:
    out, importer = constructs
    report = (out / "_import-report.md").read_text(encoding="utf-8")
    assert report == importer.report
    defects, _, rest = report.partition("## Defects of the source")[2].partition("## Features not supported")
    unsupported = rest.partition("## Converted")[0]
    for fragment in LINKS_DEFECTS:
        (line,) = [x for x in defects.splitlines() if fragment in x and x.startswith("- links.md")]
        assert line.startswith("- links.md:8: "), line
    assert "- unknown.md:7: unknown GitBook tag `{% compteur %}` kept as text" in unsupported
    assert "- heading-anchor.md:7: heading id `#calendrier` used twice" in defects
    assert "visibility.md:3: visibility condition" in unsupported and "visibility" not in defects
    copied = sorted(p.name for p in (out / "assets").iterdir())
    assert copied == ["Mon-image.png", "Note_perennisation.pdf", "openapi.yaml"]  # safe names, used files only


@pytest.fixture(scope="module")
def constructs_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Run, Path]:
    """The constructs space imported into a project with --mkdocs and built strictly, once."""
    return imported(tmp_path_factory.mktemp("constructs-site"), GITBOOK / "constructs", "exemples")


def test_the_constructs_build_strictly_with_zero_manual_edits(constructs_site: tuple[Path, Run, Path]) -> None:
    folder, result, site = constructs_site
    assert result.code == 0, result.output
    config = yaml.safe_load((folder / "mkdocs.yml").read_text(encoding="utf-8"))
    assert {"admonition", "pymdownx.details", "md_in_html"} <= {
        str(e if isinstance(e, str) else next(iter(e))) for e in config["markdown_extensions"]
    }
    assert not (site / "exemples" / "_import-report").exists() and not list(site.rglob("_import-report*"))
    links = BeautifulSoup((site / "exemples" / "links" / "index.html").read_text(encoding="utf-8"), "html.parser")
    target = BeautifulSoup(
        (site / "exemples" / "etapes" / "2-evaluer" / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    hrefs = {a.get_text(): a["href"] for a in links.select("article a[href]")}
    assert hrefs["les incubateurs"] == "../etapes/2-evaluer/#un-reseau-de-19-incubateurs"
    assert hrefs["les outils complémentaires"] == "../etapes/2-evaluer/#outils_1"
    assert hrefs["le réseau"] == "../etapes/r%C3%A9seau/"
    assert target.find(id="outils_1").get_text(strip=True).startswith("Outils")
    assert "une page disparue" in links.get_text() and not links.find("a", string="une page disparue")
    assert [img["src"] for img in links.select("article img")] == ["../assets/Mon-image.png"] * 2
    assert (site / "exemples" / "assets" / "Mon-image.png").is_file()
    columns = BeautifulSoup((site / "exemples" / "columns" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert len(columns.select(".gitbook-columns > .gitbook-column h3")) == 2
    updates = BeautifulSoup((site / "exemples" / "updates" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert [t["datetime"] for t in updates.select(".gitbook-update time")] == ["2025-03-14", "2024-11-02"]
    cards = BeautifulSoup((site / "exemples" / "buttons" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert cards.select_one("table a")["href"] == "../etapes/2-evaluer/"
    assert cards.select_one("a.md-button.md-button--primary")["href"] == "../etapes/"
    for page in site.joinpath("exemples").rglob("index.html"):
        assert "<iframe" not in page.read_text(encoding="utf-8"), page


@pytest.mark.browser
def test_columns_stack_on_a_phone_and_sit_side_by_side_on_a_wide_screen(
    browser: Any,
    constructs_site: tuple[Path, Run, Path],
) -> None:
    _, result, site = constructs_site
    assert result.code == 0, result.output
    server, url = serve(site)
    try:
        for width, side_by_side in ((375, False), (1280, True)):
            page = browser.new_page(viewport={"width": width, "height": 900})
            page.goto(url + "exemples/columns/")
            first, second = (page.locator(".gitbook-column").nth(i).bounding_box() for i in (0, 1))
            assert first and second
            assert (abs(first["y"] - second["y"]) < 1 and second["x"] > first["x"] + first["width"] - 1) == side_by_side
            assert side_by_side or second["y"] >= first["y"] + first["height"] - 1
            page.close()
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.browser
def test_imported_blocks_have_no_axe_violation(browser: Any, constructs_site: tuple[Path, Run, Path]) -> None:
    _, result, site = constructs_site
    assert result.code == 0, result.output
    server, url = serve(site)
    try:
        context, page = axe_page(browser, "light")
        names = ("columns", "updates", "visibility", "buttons", "links", "openapi", "stepper", "tabs")
        found = violations_on(context, page, [f"{url}exemples/{name}/" for name in names], "light")
        assert not found, axe_report(found)
    finally:
        server.shutdown()
        server.server_close()


def test_a_broken_link_can_carry_a_visible_marker(tmp_path: Path) -> None:
    run([GITBOOK / "constructs"], tmp_path / "out", marker=True)
    links = (tmp_path / "out" / "links.md").read_text(encoding="utf-8")
    assert "une page disparue _(lien cassé dans la source)_" in links
    assert "une photo absente _(lien cassé dans la source)_" in links


def test_a_space_is_wired_into_mkdocs_yml_idempotently_and_surgically(tmp_path: Path) -> None:
    folder = project(tmp_path)
    config = folder / "mkdocs.yml"
    original = config.read_text(encoding="utf-8")
    args = [str(GITBOOK / "tree"), "--out", str(folder / "docs" / "importe"), "--mkdocs", str(config)]
    assert main(args) == 0
    first = config.read_text(encoding="utf-8")
    (folder / "docs" / "importe" / "guide" / "etape.md").write_text("modifiée à la main\n", encoding="utf-8")
    assert main(args) == 0
    assert config.read_text(encoding="utf-8") == first  # a new import replaces the section, byte for byte
    assert "modifiée" not in (folder / "docs" / "importe" / "guide" / "etape.md").read_text(encoding="utf-8")
    edits = difflib.SequenceMatcher(None, original.splitlines(), first.splitlines()).get_opcodes()
    assert {op for op, *_ in edits} == {"equal", "insert"}  # lines added only: the rest is byte-identical
    added = [line for op, _, _, j1, j2 in edits if op == "insert" for line in first.splitlines()[j1:j2]]
    assert added[:2] == ["  - redirects:", "      redirect_maps:"] and "  # >>> gitbook-import nav importe" in added
    nav = yaml.safe_load(first)["nav"]
    assert nav[:3] == yaml.safe_load(original)["nav"] and nav[3] == {
        "Bienvenue": [
            {"Accueil": "importe/index.md"},
            {
                "La méthode": [
                    {
                        "Le guide": [
                            "importe/guide/index.md",
                            {"Une étape": ["importe/guide/etape.md", {"Approfondir": "importe/guide/sub/profond.md"}]},
                        ]
                    }
                ]
            },
        ]
    }
    plugins = yaml.safe_load(first)["plugins"]
    assert plugins[-1] == {
        "redirects": {
            "redirect_maps": {
                "importe/ancienne-page.md": "importe/guide/etape.md",
                "importe/guide/vieux-chapitre.md": "importe/guide/sub/profond.md",
                "importe/aide.md": "importe/guide/index.md",
                "importe/externe.md": "https://www.numerique.gouv.fr/",
            }
        }
    }
    report = (folder / "docs" / "importe" / "_import-report.md").read_text(encoding="utf-8")
    for fragment in (
        "redirect `page-disparue` -> `guide/nulle-part.md`: target page missing from the source",
        "redirect `guide/etape` -> `guide/README.md`: `guide/etape` is the address of an imported page",
        "brouillon.md: not listed in SUMMARY.md: not imported",
        "`[Page fantôme](guide/fantome.md)`: page missing from the source: left out of the nav",
    ):
        assert fragment in report, report
    result = mkdocs_build(folder, tmp_path / "site")
    assert result.code == 0, result.output
    assert (tmp_path / "site" / "importe" / "ancienne-page" / "index.html").is_file()
    assert not (tmp_path / "site" / "importe" / "brouillon").exists()


def test_a_repository_of_several_spaces_becomes_one_section_each(tmp_path: Path) -> None:
    folder, result, site = imported(tmp_path, GITBOOK / "repository", "equipe", "--title", "L'équipe")
    assert result.code == 0, result.output
    nav = yaml.safe_load((folder / "mkdocs.yml").read_text(encoding="utf-8"))["nav"][-1]
    assert nav == {
        "L'équipe": [
            {
                "Questions fréquentes": [
                    {"Questions fréquentes": "equipe/faq/index.md"},
                    {"Budget": "equipe/faq/questions/budget.md"},
                ]
            },
            {
                "Manuel de l'équipe": [
                    {"Accueil": "equipe/manuel/index.md"},
                    {
                        "Premiers pas": [
                            "equipe/manuel/premiers-pas/index.md",
                            {"Installer le poste": "equipe/manuel/premiers-pas/installer.md"},
                        ]
                    },
                ]
            },
        ]
    }
    home = (folder / "docs" / "equipe" / "manuel" / "index.md").read_text(encoding="utf-8")
    assert "[installer le poste](premiers-pas/installer.md)" in home and "_Rédigé par l'équipe produit._" in home
    installer = (folder / "docs" / "equipe" / "manuel" / "premiers-pas" / "installer.md").read_text(encoding="utf-8")
    assert "(../index.md#manuel-de-lequipe)" in installer  # GitBook's accented anchor, the build's id
    assert (site / "equipe" / "manuel" / "demarrage" / "index.html").is_file()  # `.gitbook.yaml` redirect
    report = (folder / "docs" / "equipe" / "_import-report.md").read_text(encoding="utf-8")
    assert "README.md: outside the spaces of the repository: not imported" in report


def test_anchors_map_from_gitbook_slugs_to_the_build_ids() -> None:
    headings = [
        ("un-reseau-de-19-incubateurs", "Un réseau de 19 incubateurs"),
        ("outils", "Outils"),
        ("outils_1", "Outils"),
        ("quest-ce-que-lete", "Qu’est-ce que l’été ?"),
        ("calendrier", "📅 Planning"),
    ]
    assert map_anchor("un-r%C3%A9seau-de-19-incubateurs", headings) == "un-reseau-de-19-incubateurs"
    assert map_anchor("outils-1", headings) == "outils_1"
    assert map_anchor("quest-ce-que-lété", headings) == "quest-ce-que-lete"
    assert map_anchor("calendrier", headings) == "calendrier"
    assert map_anchor("ailleurs", headings) is None


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Importer, Run, Path]:
    """A synthetic space of 320 pages imported (network forbidden) and built strictly, once."""
    tmp = tmp_path_factory.mktemp("synthetic")
    space = make_space(tmp / "space", pages=320)
    folder = project(tmp)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(socket, "socket", lambda *a, **k: pytest.fail("the importer opened a network socket"))
        importer = run([space], folder / "docs" / "manuel", folder / "mkdocs.yml")
    return folder, importer, mkdocs_build(folder, tmp / "site"), tmp / "site"


def test_a_synthetic_space_of_300_pages_builds_strictly_with_zero_manual_edits(
    synthetic: tuple[Path, Importer, Run, Path],
) -> None:
    folder, importer, result, site = synthetic
    assert result.code == 0, result.output
    assert len(importer.reports) == 320
    built = [p for p in (site / "manuel").rglob("index.html")]
    assert len(built) == 320 + 2  # and the two redirects
    counts: dict[str, int] = {}
    for report in importer.reports:
        for name, n in report.counts.items():
            counts[name] = counts.get(name, 0) + n
    converted = {
        "hint",
        "tabs",
        "stepper",
        "columns",
        "updates",
        "openapi-operation",
        "if",
        "include",
        "embed",
        "integration",
        "details",
        "content-ref",
        "file",
        "figure",
        "code",
        "button",
        "image",
    }
    assert converted <= set(counts), sorted(converted - set(counts))
    assert len(SYNTH_CONSTRUCTS) >= 18
    text = importer.report
    for fragment in (
        "GitBook marks it as a broken reference",
        "unknown GitBook tag `{% sondage",
        "not listed in SUMMARY.md",
        "target page missing from the source: dropped",
    ):
        assert fragment in text, fragment
    assert "no heading" not in text  # every GitBook anchor of the space found its heading


def test_odd_input_is_reported_not_fatal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "source"
    source.mkdir()
    (source / "garbage.md").write_bytes(b'\x00\xff\xfe\x89PNG\r\n\x1a\n\x00\x00 {% hint style="info" %}\n' * 3)
    (source / "odd.md").write_text(
        '{% foo bar="1" %}\n\n{% hint style="note" %}\nnever closed\n\n{% endtabs %}\n<details><summary>Sans fin\n'
        "{% columns %}\nA\n{% endcolumns %}\n<figure><table></table></figure>\n{% else %}\n",
        encoding="utf-8",
    )
    (source / "bad-front-matter.md").write_text("---\nkey: [unclosed\n---\n# Titre\n", encoding="utf-8")
    (source / "SUMMARY.md").write_text(
        "* [Cassé](\n* [Odd](odd.md)\n* [Garbage](garbage.md)\n* [Front](bad-front-matter.md)\n"
        "  * [Absent](absent.md)\n## \n",
        encoding="utf-8",
    )
    (source / ".gitbook.yaml").write_text("redirects: [not, a, mapping]\nroot: ../..\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main([str(source), "--out", str(out)]) == 0
    report = capsys.readouterr().out
    for fragment in (
        "not valid UTF-8",
        "control character(s) removed",
        'unknown GitBook tag `{% foo bar="1" %}` kept as text',
        'unclosed `{% hint style="note" %}` dropped',
        "stray `{% endtabs %}` dropped",
        "unclosed `<details>",
        "content outside `{% column %}`",
        "<figure> without <img> kept as HTML",
        "`{% else %}` outside an `if` block",
        "invalid front matter dropped",
        "redirects is not a mapping",
        "is not a folder of the source",
        "`[Absent](absent.md)`: page missing from the source",
        "3 page(s) converted",
    ):
        assert fragment in report, f"{fragment!r} not in:\n{report}"
    odd = (out / "odd.md").read_text(encoding="utf-8")
    assert odd.startswith("---\nrender_macros: false\n---\n") and "never closed" in odd and "\nA\n" in odd
    assert (out / "garbage.md").read_text(encoding="utf-8")


def test_mojibake_repair_leaves_correct_french_alone() -> None:
    text = "L’été, « cœur » du projet : déjà 120 % — à réévaluer.\n"
    assert repair_mojibake(text) == (text, 0)
    broken = text.encode("utf-8").decode("mac_roman")
    assert repair_mojibake(broken) == (text, 1)


@pytest.mark.parametrize(
    ("config", "problem"),
    [
        ("nav: [index.md]\n", "`nav:` is written inline"),
        (
            "plugins:\n  - search\n  - redirects:\n      redirect_maps: {a.md: b.md}\n",
            "`redirect_maps` is written inline",
        ),
    ],
)
def test_a_mkdocs_yml_it_cannot_edit_safely_fails_the_import_and_is_left_alone(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    config: str,
    problem: str,
) -> None:
    (tmp_path / "docs").mkdir()
    path = tmp_path / "mkdocs.yml"
    path.write_text(f"site_name: Essai\n{config}", encoding="utf-8")
    before = path.read_text(encoding="utf-8")
    assert main([str(GITBOOK / "tree"), "--out", str(tmp_path / "docs" / "x"), "--mkdocs", str(path)]) == 1
    assert problem in capsys.readouterr().err
    assert path.read_text(encoding="utf-8") == before and not (tmp_path / "docs" / "x").exists()


def test_a_mkdocs_yml_without_redirects_plugin_or_exclude_docs_gets_them(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    path = tmp_path / "mkdocs.yml"
    path.write_text("site_name: Essai  # the name\nplugins:\n  - search\nnav:\n- index.md\n", encoding="utf-8")
    assert main([str(GITBOOK / "tree"), "--out", str(tmp_path / "docs" / "x"), "--mkdocs", str(path)]) == 0
    text = path.read_text(encoding="utf-8")
    config: dict[str, Any] = yaml.safe_load(text)
    assert text.startswith("site_name: Essai  # the name\nplugins:\n  - search\n  - redirects:\n")
    assert config["plugins"][1]["redirects"]["redirect_maps"]["x/ancienne-page.md"] == "x/guide/etape.md"
    assert config["nav"][0] == "index.md" and "Bienvenue" in config["nav"][1]
    assert config["exclude_docs"] == "_import-report.md\n"


def test_out_must_be_an_import_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = project(tmp_path)
    assert (
        main([str(GITBOOK / "tree"), "--out", str(folder / "docs" / "methode"), "--mkdocs", str(folder / "mkdocs.yml")])
        == 1
    )
    assert "is not empty and was not written by the importer" in capsys.readouterr().err
    assert main([str(GITBOOK / "tree"), "--out", str(folder / "docs"), "--mkdocs", str(folder / "mkdocs.yml")]) == 1
    assert (
        main([str(GITBOOK / "tree"), "--out", str(tmp_path / "ailleurs"), "--mkdocs", str(folder / "mkdocs.yml")]) == 1
    )
    assert "is not inside docs_dir" in capsys.readouterr().err


def test_a_missing_source_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as stop:
        main([str(tmp_path / "nowhere"), "--out", str(tmp_path / "out")])
    assert stop.value.code == 2


def test_without_mkdocs_the_report_holds_what_to_paste(tmp_path: Path) -> None:
    shutil.copytree(GITBOOK / "tree", tmp_path / "tree")
    importer = run([tmp_path / "tree"], tmp_path / "out")
    assert sorted(p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*.md")) == [
        "_import-report.md",
        "guide/etape.md",
        "guide/index.md",
        "guide/sub/profond.md",
        "index.md",
    ]
    pasted = yaml.safe_load(importer.report.partition("```yaml\n")[2].partition("```")[0])
    assert pasted["nav"][0]["Bienvenue"][0] == {"Accueil": "index.md"}
    assert pasted["redirect_maps"]["ancienne-page.md"] == "guide/etape.md"
    assert pasted["exclude_docs"] == "_import-report.md\n"
