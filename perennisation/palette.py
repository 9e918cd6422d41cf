"""Brand colours: Material palette entries (colour names or hex values) turned into accessible shades.

Each entry of `theme.palette` gives a scheme (light `default` or dark `slate`), a primary and an
accent colour. The engine derives every CSS variable Material reads from them and writes one rule
per entry (overrides/main.html puts it in a <style>), so that text keeps 4.5:1 (WCAG 1.4.3):

* on the primary colour as a surface (header, tabs, primary buttons, current step), the text is
  Material's text colour for that name if it reaches 4.5:1, else white or near-black, whichever
  does; only when neither does is the surface made darker or lighter, as little as needed;
* as text (links, outline buttons: from the primary; hover and focus: from the accent), each
  colour is darkened (light scheme) or lightened (dark scheme) just enough to reach 4.5:1 on the
  page, on the grey boxes and on highlighted items. Hue and saturation never change (HSL).

Colours listed in `extra.couleurs_exactes` (or all of them, with `true`) are used as written: where
one of them would need an adjustment, `make check` and the build report an error with the ratio.
"""

from __future__ import annotations

import colorsys
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from . import adapter
from .errors import Finding, suggest
from .messages import N_, _

#: Words of the contrast messages, translated where the message is written.
WORDS = (
    N_("header text"),
    N_("links"),
    N_("hover and focus colour"),
    N_("the colour itself"),
    N_("the page background"),
    N_("the grey boxes"),
    N_("highlighted items"),
    N_("highlighted items on the page"),
)

RGB = tuple[float, float, float]
TARGET = 4.5  # WCAG 1.4.3, normal text
HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
EXACT_SETTING = "couleurs_exactes"

# Material for MkDocs 9.x palette (palette.*.min.css): name -> (colour, light, dark, text on it,
# link colour in the light scheme, link colour in the dark scheme). tests/engine/test_palette.py
# compares this table with the installed Material.
PRIMARY: dict[str, tuple[str, str, str, str, str, str]] = {
    "red": ("#ef5552", "#e57171", "#e53734", "#ffffff", "#ef5552", "#ef5552"),
    "pink": ("#e92063", "#ec417a", "#c3185d", "#ffffff", "#e92063", "#ed5487"),
    "purple": ("#ab47bd", "#bb69c9", "#8c24a8", "#ffffff", "#ab47bd", "#c46fd3"),
    "deep-purple": ("#7e56c2", "#9574cd", "#673ab6", "#ffffff", "#7e56c2", "#a47bea"),
    "indigo": ("#4051b5", "#5d6cc0", "#303fa1", "#ffffff", "#4051b5", "#5488e8"),
    "blue": ("#2094f3", "#42a5f5", "#1975d2", "#ffffff", "#2094f3", "#2094f3"),
    "light-blue": ("#02a6f2", "#28b5f6", "#0287cf", "#ffffff", "#02a6f2", "#02a6f2"),
    "cyan": ("#00bdd6", "#25c5da", "#0097a8", "#ffffff", "#00bdd6", "#00bdd6"),
    "teal": ("#009485", "#26a699", "#007a6c", "#ffffff", "#009485", "#00ccb8"),
    "green": ("#4cae4f", "#68bb6c", "#398e3d", "#ffffff", "#4cae4f", "#71c174"),
    "light-green": ("#8bc34b", "#9ccc66", "#689f38", "#ffffff", "#72ad2e", "#8bc34b"),
    "lime": ("#cbdc38", "#d3e156", "#b0b52c", "#000000de", "#8b990a", "#cbdc38"),
    "yellow": ("#ffec3d", "#ffee57", "#fbc02d", "#000000de", "#b8a500", "#ffec3d"),
    "amber": ("#ffc105", "#ffc929", "#ffa200", "#000000de", "#d19d00", "#ffc105"),
    "orange": ("#ffa724", "#ffa724", "#fa8900", "#000000de", "#e68a00", "#ffa724"),
    "deep-orange": ("#ff6e42", "#ff8a66", "#f4511f", "#ffffff", "#ff6e42", "#ff764d"),
    "brown": ("#795649", "#8d6e62", "#5d4037", "#ffffff", "#795649", "#c1775c"),
    "grey": ("#757575", "#9e9e9e", "#616161", "#ffffff", "#4051b5", "#5e8bde"),
    "blue-grey": ("#546d78", "#607c8a", "#455a63", "#ffffff", "#4051b5", "#5e8bde"),
    # hsla(225deg, 15%, 9%) and white: Material writes them with --md-hue and transparency.
    "black": ("#14161a", "#14161a", "#14161a", "#ffffff", "#4051b5", "#5e8bde"),
    "white": ("#ffffff", "#ffffff", "#ededed", "#000000de", "#4051b5", "#5e8bde"),
}
# name -> (colour, text on it)
ACCENT: dict[str, tuple[str, str]] = {
    "red": ("#ff1947", "#ffffff"),
    "pink": ("#f50056", "#ffffff"),
    "purple": ("#df41fb", "#ffffff"),
    "deep-purple": ("#7c4dff", "#ffffff"),
    "indigo": ("#526cfe", "#ffffff"),
    "blue": ("#4287ff", "#ffffff"),
    "light-blue": ("#0091eb", "#ffffff"),
    "cyan": ("#00bad6", "#ffffff"),
    "teal": ("#00bda4", "#ffffff"),
    "green": ("#00c753", "#ffffff"),
    "light-green": ("#63de17", "#ffffff"),
    "lime": ("#b0eb00", "#000000de"),
    "yellow": ("#ffd500", "#000000de"),
    "amber": ("#ffaa00", "#000000de"),
    "orange": ("#ff9100", "#000000de"),
    "deep-orange": ("#ff6e42", "#ffffff"),
}
WHITE, NEAR_BLACK = "#ffffff", "#000000de"
# Backgrounds of each scheme (Material, --md-hue 225deg): page, grey boxes (code, check-lists).
BACKGROUNDS = {"default": ("#ffffff", "#f5f5f5"), "slate": ("#1e2129", "#272a35")}
HIGHLIGHT = 0x1A / 255  # --md-accent-fg-color--transparent: hover and target highlights
TABS_OPACITY = 0.8  # inactive header tabs (accessibilite.css; Material: .7)


# ---------------------------------------------------------------------------
#  Colour maths (sRGB, WCAG 2 relative luminance)
# ---------------------------------------------------------------------------
def parse(value: str) -> tuple[RGB, float]:
    """'#rgb', '#rrggbb' or '#rrggbbaa' -> (rgb in 0..1, alpha)."""
    text = value.lstrip("#")
    if len(text) == 3:
        text = "".join(c * 2 for c in text)
    rgb = tuple(int(text[i : i + 2], 16) / 255 for i in (0, 2, 4))
    alpha = int(text[6:8], 16) / 255 if len(text) == 8 else 1.0
    return (rgb[0], rgb[1], rgb[2]), alpha


def rgb(value: str) -> RGB:
    """The opaque colour of a hex value."""
    return parse(value)[0]


def to_hex(colour: RGB, alpha: float = 1.0) -> str:
    """(r, g, b) in 0..1 -> '#rrggbb' ('#rrggbbaa' when translucent)."""
    text = "#" + "".join(f"{round(min(max(c, 0.0), 1.0) * 255):02x}" for c in colour)
    return text + (f"{round(alpha * 255):02x}" if alpha < 1 else "")


def luminance(colour: RGB) -> float:
    """WCAG relative luminance."""
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in colour]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: RGB, b: RGB) -> float:
    """WCAG contrast ratio of two opaque colours (1 to 21)."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def blend(top: RGB, alpha: float, below: RGB) -> RGB:
    """The colour seen when `top` at opacity `alpha` lies over `below`."""
    return (
        top[0] * alpha + below[0] * (1 - alpha),
        top[1] * alpha + below[1] * (1 - alpha),
        top[2] * alpha + below[2] * (1 - alpha),
    )


def text_contrast(text: str, surface: RGB, opacity: float = 1.0) -> float:
    """Contrast of a (possibly translucent) text colour drawn at `opacity` on an opaque surface."""
    colour, alpha = parse(text)
    return contrast(blend(colour, alpha * opacity, surface), surface)


def lightness(colour: RGB) -> float:
    """HSL lightness, 0 to 1."""
    return colorsys.rgb_to_hls(*colour)[1]


def with_lightness(colour: RGB, value: float) -> RGB:
    """The same hue and saturation at another HSL lightness, rounded to an sRGB hex colour."""
    hue, _lightness, saturation = colorsys.rgb_to_hls(*colour)
    r, g, b = colorsys.hls_to_rgb(hue, min(max(value, 0.0), 1.0), saturation)
    return rgb(to_hex((r, g, b)))


def adjust(colour: RGB, ok: Callable[[RGB], bool], darker: bool, step: float = 0.0025) -> RGB | None:
    """The closest colour of the same hue and saturation (darker or lighter) for which ok() holds.

    Lightness moves by coarse steps until ok() holds, then back by fine steps to the first that does."""
    if ok(colour):
        return colour
    start, sign = lightness(colour), -1 if darker else 1
    coarse = step * 8
    reached = next(
        (i for i in range(1, int(1 / coarse) + 2) if ok(with_lightness(colour, start + sign * i * coarse))), None
    )
    if reached is None:
        return None
    for j in range((reached - 1) * 8 + 1, reached * 8 + 1):
        candidate = with_lightness(colour, start + sign * j * step)
        if ok(candidate):
            return candidate
    return with_lightness(colour, start + sign * reached * coarse)


# ---------------------------------------------------------------------------
#  Derivation of one palette entry
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Problem:
    """A colour used as written (extra.couleurs_exactes) that misses the target ratio."""

    role: str  # 'primary' or 'accent'
    value: str
    use: str
    ratio: float
    background: str


@dataclass
class Derived:
    """The CSS variables of one palette entry, and what prevented an exact colour from passing."""

    variables: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def colour_name(value: str) -> str:
    """Material's key for a colour name: 'Deep Purple' -> 'deep-purple'."""
    return value.strip().lower().replace(" ", "-")


def known(value: str) -> bool:
    """True for a hex colour or one of Material's colour names."""
    return bool(HEX.match(value)) or colour_name(value) in PRIMARY or colour_name(value) in ACCENT


def _texts(surface: RGB, preferred: str | None) -> list[str]:
    """Text colours to try on a surface: Material's own first, then the one that contrasts more."""
    ordered = sorted((WHITE, NEAR_BLACK), key=lambda t: -text_contrast(t, surface))
    return [preferred, *[t for t in ordered if t != preferred]] if preferred else ordered


def _surface(colour: RGB, preferred: str | None, exact: bool) -> tuple[RGB, str, float | None]:
    """(surface, text colour, failed ratio): keep the colour if a text colour reaches the target."""
    texts = _texts(colour, preferred)
    for text in texts:
        if text_contrast(text, colour) >= TARGET:
            return colour, text, None
    best = max(texts, key=lambda t: text_contrast(t, colour))
    if exact:
        return colour, best, text_contrast(best, colour)
    options = []
    for text in texts:
        moved = adjust(colour, _reaches(text), darker=text == WHITE)
        if moved is not None:
            options.append((abs(lightness(moved) - lightness(colour)), texts.index(text), moved, text))
    *_ranks, moved, text = min(options)
    return moved, text, None


def _reaches(text: str) -> Callable[[RGB], bool]:
    """The test 'this text colour reaches the target on a surface'."""
    return lambda surface: text_contrast(text, surface) >= TARGET


def _shade(colour: RGB, text: str) -> RGB:
    """A derived shade (--light/--dark) moved, if needed, until its text colour reaches the target."""
    return adjust(colour, _reaches(text), darker=text == WHITE) or colour


def _opacity(text: str, surface: RGB, lowest: float, step: float = 0.05) -> float:
    """The lowest opacity (from `lowest`, by steps) at which text on surface still reaches the target."""
    value = lowest
    while value < 1 and text_contrast(text, surface, value) < TARGET:
        value = min(1.0, round(value + step, 2))
    return value


def _fainter(text: str, surface: RGB, lowest: float) -> str:
    """The text colour made translucent (from opacity `lowest`) as far as it still reaches the target."""
    colour, alpha = parse(text)
    for level in range(round(lowest * alpha * 255), round(alpha * 255) + 1):
        value = to_hex(colour, level / 255)
        if text_contrast(value, surface) >= TARGET:
            return value
    return text


def _worst(colour: RGB, backgrounds: Mapping[str, RGB]) -> tuple[float, str]:
    """The lowest contrast of a text colour over several backgrounds, and which one."""
    return min((contrast(colour, bg), name) for name, bg in backgrounds.items())


def _as_text(
    role: str,
    value: str,
    start: RGB,
    backgrounds: Callable[[RGB], Mapping[str, RGB]],
    dark: bool,
    exact: bool,
    use: str,
    extra_ok: Callable[[RGB], bool] = lambda c: True,
) -> tuple[RGB, Problem | None]:
    """A colour used as text: lightened (dark scheme) or darkened until it reaches the target."""

    def ok(colour: RGB) -> bool:
        return _worst(colour, backgrounds(colour))[0] >= TARGET and extra_ok(colour)

    if ok(start):
        return start, None
    if exact:
        ratio, where = _worst(start, backgrounds(start))
        return start, Problem(role, value, use, ratio, where)
    return adjust(start, ok, darker=not dark) or start, None


def derive(scheme: str, primary: str, accent: str, exact: Callable[[str], bool] = lambda v: False) -> Derived:
    """Every colour variable of one palette entry (colours already known to be valid)."""
    dark = scheme == "slate"
    page, boxes = (rgb(c) for c in BACKGROUNDS["slate" if dark else "default"])
    result = Derived()
    p_name, a_name = colour_name(primary), colour_name(accent)
    if p_name in PRIMARY:
        base, light, darkest, text, link_light, link_dark = PRIMARY[p_name]
        brand, preferred = rgb(base), text
        shades = (rgb(light), rgb(darkest))
        link_start = rgb(link_dark if dark else link_light)
    else:
        brand, preferred = rgb(primary), None
        shades = (with_lightness(brand, lightness(brand) + 0.08), with_lightness(brand, lightness(brand) - 0.08))
        link_start = brand

    # The primary colour as a surface, with its text colour.
    surface, on_surface, failed = _surface(brand, preferred, exact(primary))
    if failed is not None:
        result.problems.append(Problem("primary", primary, "header text", failed, "the colour itself"))
    moved = lightness(surface) - lightness(brand)
    light_shade, dark_shade = (_shade(with_lightness(s, lightness(s) + moved), on_surface) for s in shades)
    white_text = on_surface == WHITE
    search, search_hover = ("#00000042", "#00000061") if white_text else ("#ffffff42", "#ffffff61")
    if p_name == "white":
        search = "#00000012"  # Material's own rule for a white header
    field_bg = blend(*parse(search), surface)

    # The accent: hover and focus colour of links and buttons, and a surface under hovered buttons.
    # Material has no accent brown, grey, blue grey, black or white: their primary colour stands in.
    if HEX.match(accent):
        a_base, a_text = accent, None
    else:
        a_base, a_text = ACCENT.get(a_name) or (PRIMARY[a_name][0], PRIMARY[a_name][3])

    def accent_backgrounds(colour: RGB) -> dict[str, RGB]:
        return {
            "the page background": page,
            "the grey boxes": boxes,
            "highlighted items": blend(colour, HIGHLIGHT, boxes),
        }

    def accent_carries_text(colour: RGB) -> bool:
        return any(text_contrast(t, colour) >= TARGET for t in (WHITE, NEAR_BLACK))

    accent_colour, problem = _as_text(
        "accent",
        accent,
        rgb(a_base),
        accent_backgrounds,
        dark,
        exact(accent),
        "hover and focus colour",
        accent_carries_text,
    )
    result.problems += [problem] if problem else []
    on_accent = next(
        (t for t in _texts(accent_colour, a_text) if text_contrast(t, accent_colour) >= TARGET),
        _texts(accent_colour, None)[0],
    )

    # Links, outline buttons and the guide's link-coloured components: from the primary colour.
    grounds = {
        **accent_backgrounds(accent_colour),
        "highlighted items on the page": blend(accent_colour, HIGHLIGHT, page),
    }
    link, problem = _as_text("primary", primary, link_start, lambda _: grounds, dark, exact(primary), "links")
    result.problems += [problem] if problem else []
    on_link = _texts(link, None)[0]

    result.variables = {
        "--md-primary-fg-color": to_hex(surface),
        "--md-primary-fg-color--light": to_hex(light_shade),
        "--md-primary-fg-color--dark": to_hex(dark_shade),
        "--md-primary-bg-color": on_surface,
        "--md-primary-bg-color--light": _fainter(on_surface, field_bg, 0.7 if white_text else 0.54 / 0.87),
        "--md-accent-fg-color": to_hex(accent_colour),
        "--md-accent-fg-color--transparent": to_hex(accent_colour, HIGHLIGHT),
        "--md-accent-bg-color": on_accent,
        "--md-accent-bg-color--light": to_hex(parse(on_accent)[0], parse(on_accent)[1] * 0.7),  # unused by Material
        "--md-typeset-a-color": to_hex(link),
        "--pg-on-link-color": on_link,
        "--pg-tabs-opacity": f"{_opacity(on_surface, surface, TABS_OPACITY):g}",
        "--pg-header-search-bg": search,
        "--pg-header-search-bg-hover": search_hover,
    }
    return result


# ---------------------------------------------------------------------------
#  From mkdocs.yml to findings and a stylesheet
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Entry:
    """One palette entry of mkdocs.yml, as Material writes it into the page."""

    index: int
    scheme: str
    primary: str
    accent: str

    @property
    def selector(self) -> str:
        """Material's attributes of <body> for this entry (values as Material writes them)."""
        parts = (("scheme", self.scheme), ("primary", self.primary), ("accent", self.accent))
        return "".join(f'[data-md-color-{key}="{value.replace(" ", "-")}"]' for key, value in parts)


def _exact(config: Any) -> tuple[Callable[[str], bool], list[Finding]]:
    """The test 'is this colour to be used as written?' from extra.couleurs_exactes."""
    setting = adapter.extra(config).get(EXACT_SETTING, False)
    if setting is None or isinstance(setting, bool):
        return (lambda value: bool(setting)), []
    if isinstance(setting, list) and all(isinstance(v, str) for v in setting):
        chosen = {colour_name(v) for v in setting}
        return (lambda value: colour_name(value) in chosen), []
    file, line, _source = adapter.setting_source(config, ("extra", EXACT_SETTING))
    message = f"extra.{EXACT_SETTING}: " + _('write true, false or a list of colours such as ["#000091"]')
    return (lambda value: False), [Finding(file, message, line)]


def _colour_problem(config: Any, index: int, role: str, raw: Any) -> Finding | None:
    """A palette colour that Material would silently replace by indigo."""
    file, line, text = adapter.setting_source(config, ("theme", "palette", index, role))
    where = f"theme.palette[{index}].{role}"
    if raw is None:
        if re.search(rf"\b{role}\s*:\s*#", text):
            message = _('quote a hex colour, as in {role}: "#000091" (YAML reads # as a comment)', role=role)
            return Finding(file, f"{where}: {message}", line)
        return None
    value = str(raw).strip()
    if value == "custom" or known(value):
        return None
    hint = suggest(colour_name(value), PRIMARY if role == "primary" else ACCENT, listing=False)
    message = _(
        'unknown colour `{value}`{hint}; write a Material colour name or a hex value such as "#000091"',
        value=value,
        hint=hint,
    )
    return Finding(file, f"{where}: {message}", line)


def _entries(config: Any) -> tuple[list[Entry], list[Finding]]:
    """The palette entries to derive (custom colours and schemes are left to the author)."""
    entries, findings = [], []
    for index, option in enumerate(adapter.palette(config)):
        scheme = str(option.get("scheme") or "default")
        problems = [
            f for role in ("primary", "accent") if (f := _colour_problem(config, index, role, option.get(role)))
        ]
        findings += problems
        primary, accent = (str(option.get(role) or "indigo").strip() for role in ("primary", "accent"))
        if not problems and scheme in BACKGROUNDS and "custom" not in (primary, accent):
            entries.append(Entry(index, scheme, primary, accent))
    return entries, findings


@dataclass
class Palette:
    """The derived stylesheet of a project, and the findings about its colours."""

    css: str
    findings: list[Finding]


def _exact_finding(config: Any, entry: Entry, p: Problem) -> Finding:
    """The error for a colour of extra.couleurs_exactes that misses the target, at its line in mkdocs.yml."""
    file, line, _source = adapter.setting_source(config, ("theme", "palette", entry.index, p.role))
    message = f"theme.palette[{entry.index}].{p.role} `{p.value}` ({entry.scheme}): " + _(
        "{use} at {ratio}:1 on {background}, {target}:1 needed; extra.{setting} forbids adjusting this colour",
        use=_(p.use),
        ratio=f"{p.ratio:.2f}",
        background=_(p.background),
        target=TARGET,
        setting=EXACT_SETTING,
    )
    return Finding(file, message, line)


def build(config: Any) -> Palette:
    """Derive every palette entry of the project's configuration (Material's default when none)."""
    exact, findings = _exact(config)
    entries, problems = _entries(config)
    findings += problems
    root = not adapter.palette(config)
    if root:  # no palette: Material's defaults (light scheme, indigo and indigo) on :root
        entries = [Entry(0, "default", "indigo", "indigo")]
    rules = []
    for entry in entries:
        derived = derive(entry.scheme, entry.primary, entry.accent, exact)
        firsts = {p.role: p for p in reversed(derived.problems)}  # one finding per colour: its first problem
        findings += [_exact_finding(config, entry, p) for p in derived.problems if firsts[p.role] is p]
        body = "".join(f"\n  {name}: {value};" for name, value in derived.variables.items())
        rules.append(f"{':root' if root else entry.selector} {{{body}\n}}")
    return Palette("\n".join(rules), findings)


def findings(config: Any) -> list[Finding]:
    """The palette's findings (load_guide: `make check` and the build report the same)."""
    return build(config).findings
