"""GitBook importer: one fixture per construct, a whole tree, the seeds built strictly, odd input."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import FIXTURES, Run, make_project, mkdocs_build
from perennisation.gitbook import main, repair_mojibake, run

GITBOOK = FIXTURES / "gitbook"
CONSTRUCTS = sorted(p.stem for p in (GITBOOK / "constructs").glob("*.md"))
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
#: construct -> (a count the report must give, a warning fragment it must give or "").
REPORTED = {
    "hint": ("hint", ""),
    "hint-in-list": ("block kept in list item", ""),
    "tabs": ("tabs", ""),
    "stepper": ("stepper", ""),
    "content-ref": ("content-ref", "content-ref `ailleurs/page.md`: target page not in the tree"),
    "file": ("file", "file `../.gitbook/assets/Note_pérennisation.pdf` missing"),
    "embed": ("embed", ""),
    "iframe": ("iframe to link", ""),
    "figure": ("figure", ""),
    "details": ("details", ""),
    "heading-anchor": ("heading anchor", ""),
    "mojibake": ("mojibake repaired (lines)", ""),
    "jinja": ("", "page marked `render_macros: false`"),
    "code": ("code", "page marked `render_macros: false`"),
    "front-matter-jekyll": ("front matter keys", "front matter keys dropped: category"),
    "links": ("link rewritten", "absolute link `/img/logo.png` kept"),
}


@pytest.mark.parametrize("name", CONSTRUCTS)
def test_each_construct_converts_to_the_expected_page(tmp_path: Path, name: str) -> None:
    importer = run([GITBOOK / "constructs" / f"{name}.md"], tmp_path)
    expected = (GITBOOK / "expected" / f"{name}.md").read_text(encoding="utf-8")
    assert (tmp_path / f"{name}.md").read_text(encoding="utf-8") == expected
    count, warning = REPORTED.get(name, ("", ""))
    (report,) = importer.reports
    assert not count or report.counts.get(count), report.counts
    assert not warning or any(warning in w for w in report.warnings), report.warnings


def test_mojibake_repair_leaves_correct_french_alone() -> None:
    text = "L’été, « cœur » du projet : déjà 120 % — à réévaluer.\n"
    assert repair_mojibake(text) == (text, 0)
    broken = text.encode("utf-8").decode("mac_roman")
    assert repair_mojibake(broken) == (text, 1)


def write_config(project: Path, nav: list[Any], **changes: Any) -> None:
    """Add the extensions imported pages use and their nav to a fixture project's mkdocs.yml."""
    path = project / "mkdocs.yml"
    config = yaml.safe_load(path.read_text(encoding="utf-8"))
    config["markdown_extensions"] += [
        "admonition", "footnotes", "pymdownx.details", "pymdownx.superfences",
        {"pymdownx.tabbed": {"alternate_style": True}},
    ]
    config["nav"] += nav
    config.update(changes)
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")


def build_imported(tmp_path: Path, out: Path, **changes: Any) -> tuple[Run, Path]:
    """Strict build of the fixture project with the converted pages under docs/importe/."""
    project = make_project(tmp_path)
    shutil.copytree(out, project / "docs" / "importe")
    write_config(project, yaml.safe_load((out / "_nav.yml").read_text(encoding="utf-8")), **changes)
    site = tmp_path / "site"
    return mkdocs_build(project, site), site


def test_a_tree_converts_completely_and_builds_strictly(tmp_path: Path) -> None:
    out = tmp_path / "out"
    importer = run([GITBOOK / "tree"], out, "importe/")
    written = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    assert written == {
        "index.md", "guide/index.md", "guide/etape.md", "guide/sub/profond.md", "_nav.yml", "_redirects.yml",
        "guide/fiche modèle.odt", "guide/schema.svg", "guide/sub/schema.svg",
    }
    pages = {p.relative_to(out).as_posix(): p.read_text(encoding="utf-8") for p in out.rglob("*.md")}
    for name, text in pages.items():
        assert "{%" not in text and "<details" not in text and "<figure" not in text, name
        assert "render_macros" not in text, name
    assert "[Une étape](guide/etape.md)" in pages["index.md"]  # content-ref titled from SUMMARY.md
    assert "[Accueil](../../index.md)" in pages["guide/sub/profond.md"]  # folder link -> its index page
    assert "[Fiche modèle à remplir](fiche%20mod%C3%A8le.odt)" in pages["guide/etape.md"]
    assert "Note absente (fichier absent de l'export GitBook : `absente.docx`)" in pages["guide/etape.md"]
    assert "icon: fontawesome/solid/book" in pages["index.md"]
    etape = next(r for r in importer.reports if r.output.name == "etape.md")
    assert etape.warnings == ["file `../.gitbook/assets/absente.docx` missing: caption written as text"]
    assert yaml.safe_load((out / "_nav.yml").read_text(encoding="utf-8")) == [
        {"Accueil": "importe/index.md"},
        {"La méthode": [{"Le guide": [
            "importe/guide/index.md",
            {"Une étape": ["importe/guide/etape.md", {"Approfondir": "importe/guide/sub/profond.md"}]},
        ]}]},
    ]
    redirects = yaml.safe_load((out / "_redirects.yml").read_text(encoding="utf-8"))
    assert redirects == {
        "importe/ancienne-page.md": "importe/guide/etape.md",
        "importe/guide/vieux-chapitre.md": "importe/guide/sub/profond.md",
    }
    result, site = build_imported(tmp_path, out, plugins=[
        *yaml.safe_load((FIXTURES / "_base" / "mkdocs.yml").read_text(encoding="utf-8"))["plugins"],
        {"redirects": {"redirect_maps": redirects}},
    ])
    assert result.code == 0, result.output
    assert (site / "importe" / "guide" / "fiche modèle.odt").is_file()
    assert (site / "importe" / "ancienne-page" / "index.html").is_file()
    built = (site / "importe" / "guide" / "index.html").read_text(encoding="utf-8")
    assert "tabbed-set" in built and "<ol>" in built


def test_the_seeds_convert_and_build_strictly(tmp_path: Path) -> None:
    if not SEEDS.is_dir():
        pytest.skip(f"{SEEDS} is absent: the seed pages are shared material outside the repository")
    out = tmp_path / "out"
    importer = run(sorted(SEEDS.iterdir()), out, "importe/")
    assert len(importer.reports) == len(list(SEEDS.iterdir()))
    mojibake = [r for r in importer.reports if r.counts.get("mojibake repaired (lines)")]
    assert [r.source.name for r in mojibake] == [p.name for p in sorted(SEEDS.iterdir()) if p.name.startswith("000_")]
    for page in out.glob("*.md"):
        text = page.read_text(encoding="utf-8")
        assert "{%" not in text and "√©" not in text, page.name
    # The seeds link to GitBook pages that are not part of them.
    result, site = build_imported(tmp_path, out, validation={"links": {"not_found": "info"}})
    assert result.code == 0, result.output
    built = [p.read_text(encoding="utf-8") for p in (site / "importe").rglob("*.html")]
    assert len(built) == len(importer.reports)
    assert not [html for html in built if "{%" in html]
    assert sum(html.count('class="admonition') for html in built) >= 4


def test_odd_input_is_reported_not_fatal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "source"
    source.mkdir()
    (source / "garbage.md").write_bytes(b"\x00\xff\xfe\x89PNG\r\n\x1a\n\x00\x00 {% hint style=\"info\" %}\n" * 3)
    (source / "odd.md").write_text(
        '{% foo bar="1" %}\n\n{% hint style="note" %}\nnever closed\n\n{% endtabs %}\n<details><summary>Sans fin\n'
        '{% columns %}\n{% column %}\nA\n{% endcolumn %}\n{% endcolumns %}\n<figure><table></table></figure>\n',
        encoding="utf-8",
    )
    (source / "bad-front-matter.md").write_text("---\nkey: [unclosed\n---\n# Titre\n", encoding="utf-8")
    (source / "SUMMARY.md").write_text("* [Cassé](\n  * [Absent](absent.md)\n## \n", encoding="utf-8")
    (source / ".gitbook.yaml").write_text("redirects: [not, a, mapping]\nroot: ../..\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main([str(source), "--out", str(out)]) == 0
    report = capsys.readouterr().out
    for fragment in (
        "not valid UTF-8", "control character(s) removed", "unknown GitBook tag `{% foo bar=\"1\" %}` kept as text",
        "unclosed `{% hint style=\"note\" %}` dropped", "stray `{% endtabs %}` dropped", "unclosed `<details>",
        "unsupported GitBook block `{% columns %}`", "<figure> without <img> kept as HTML",
        "invalid front matter dropped", "redirects is not a mapping", "is not a folder of the source",
        "SUMMARY.md entry `absent.md` is not a converted page", "3 page(s) converted",
    ):
        assert fragment in report, f"{fragment!r} not in:\n{report}"
    odd = (out / "odd.md").read_text(encoding="utf-8")
    assert odd.startswith("---\nrender_macros: false\n---\n") and "never closed" in odd and "\nA\n" in odd
    assert (out / "garbage.md").read_text(encoding="utf-8")


def test_a_missing_source_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as stop:
        main([str(tmp_path / "nowhere"), "--out", str(tmp_path / "out")])
    assert stop.value.code == 2
