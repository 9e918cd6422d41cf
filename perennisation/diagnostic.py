"""`{{ diagnostic("id") }}`: a self-diagnosis whose answers reveal gaps, each tied to a step of the method.

Each question checks one step (`etape`); the answers marked `ecart: true` show a gap, and the
question says what to do about it (`a_faire`, `ressources`). assets/javascripts/diagnostic.js lists
every gap the answers show, in the order of the method; with none, the `sans_ecart` message.
"""

from __future__ import annotations

from typing import Any

from .errors import ContentError, Finding
from .guide import Guide
from .links import page_url, resolve
from .messages import _
from .render import component


def _step_problem(number: int, steps: set[int]) -> str:
    """Why a step number names no step page ('' when it does)."""
    if number in steps:
        return ""
    known = ", ".join(str(n) for n in sorted(steps)) or _("none")
    return _("no step {number} (the step pages are {known})", number=number, known=known)


def check_rules(guide: Guide, ident: str) -> list[Finding]:
    """Each question names an existing step and has gap and no-gap answers; `sans_ecart` names a step."""
    doc = guide.library.collections["diagnostics"][ident]
    steps = {p.meta["etape"] for p in guide.steps}
    findings = []
    for i, question in enumerate(doc.data["questions"]):
        if problem := _step_problem(question["etape"], steps):
            findings.append(Finding(doc.file, f"questions[{i}].etape: {problem}", doc.line(("questions", i, "etape"))))
        gaps = [bool(answer.get("ecart")) for answer in question["reponses"]]
        if not any(gaps):
            message = f"questions[{i}] `{question['id']}`: no answer shows a gap; mark one with `ecart: true`"
            findings.append(Finding(doc.file, message, doc.line(("questions", i, "reponses"))))
        elif all(gaps):
            message = f"questions[{i}] `{question['id']}`: every answer shows a gap; at least one must not"
            findings.append(Finding(doc.file, message, doc.line(("questions", i, "reponses"))))
    if problem := _step_problem(doc.data["sans_ecart"]["etape"], steps):
        findings.append(Finding(doc.file, f"sans_ecart.etape: {problem}", doc.line(("sans_ecart", "etape"))))
    return findings


def _links(
    guide: Guide, url: str, doc: Any, path: tuple[Any, ...], links: list[dict[str, str]] | None
) -> list[dict[str, str]]:
    """Resources of a question or of `sans_ecart`, resolved from the current page."""
    resolved = [resolve(guide, link, url, doc.file, doc.line((*path, k))) for k, link in enumerate(links or [])]
    return [{"texte": link.text, "href": link.href} for link in resolved]


def render_diagnostic(guide: Guide, url: str, ident: str) -> str:
    """The form, and what the browser needs to list the gaps (steps, links resolved) as JSON."""
    findings = check_rules(guide, ident)
    if findings:
        raise ContentError(findings[0], more=len(findings) - 1)
    doc = guide.library.collections["diagnostics"][ident]
    steps = {p.meta["etape"]: p for p in guide.steps}

    def step(number: int) -> dict[str, Any]:
        return {"etape": number, "titre": steps[number].meta["title"], "href": page_url(guide, steps[number].src, url)}

    questions = [
        {
            "id": q["id"],
            "texte": q["texte"],
            **step(q["etape"]),
            "reponses": [{"id": r["id"], "texte": r["texte"], "ecart": bool(r.get("ecart"))} for r in q["reponses"]],
            "a_faire": q["a_faire"],
            "ressources": _links(guide, url, doc, ("questions", i, "ressources"), q.get("ressources")),
        }
        for i, q in enumerate(doc.data["questions"])
    ]
    done = doc.data["sans_ecart"]
    rules = {
        "questions": questions,
        "sans_ecart": {
            **step(done["etape"]),
            "message": done["message"],
            "ressources": _links(guide, url, doc, ("sans_ecart", "ressources"), done.get("ressources")),
        },
    }
    return component("diagnostic", id=ident, data=doc.data, rules=rules, labels=guide.labels)
