"""`{{ diagnostic("id") }}`: a self-diagnosis form whose rules (in data) recommend a step and resources."""

from __future__ import annotations

from typing import Any

from .errors import ContentError, Finding, suggest
from .guide import Guide
from .links import page_url, resolve
from .render import component


def check_rules(guide: Guide, ident: str) -> list[Finding]:
    """Rules must name existing questions, answers and steps, and end with a rule without `si`."""
    doc = guide.library.collections["diagnostics"][ident]
    answers = {q["id"]: [r["id"] for r in q["reponses"]] for q in doc.data["questions"]}
    steps = {p.meta["etape"] for p in guide.steps}
    findings = []
    for r, rule in enumerate(doc.data["regles"]):
        for question, wanted in (rule.get("si") or {}).items():
            if question not in answers:
                findings.append(Finding(doc.file, f"regles[{r}].si: unknown question `{question}`" + suggest(question, answers), doc.line(("regles", r, "si", question))))
                continue
            for value in wanted:
                if value not in answers[question]:
                    findings.append(Finding(doc.file, f"regles[{r}].si.{question}: unknown answer `{value}`" + suggest(value, answers[question]), doc.line(("regles", r, "si", question))))
        if rule["etape"] not in steps:
            findings.append(Finding(doc.file, f"regles[{r}].etape: no step {rule['etape']}", doc.line(("regles", r, "etape"))))
    if doc.data["regles"][-1].get("si"):
        findings.append(Finding(doc.file, "regles: the last rule must have no `si` (the default recommendation)", doc.line(("regles",))))
    return findings


def render_diagnostic(guide: Guide, url: str, ident: str) -> str:
    """The form, and its rules as JSON (links resolved) for assets/javascripts/guide.js."""
    findings = check_rules(guide, ident)
    if findings:
        raise ContentError(findings[0], more=len(findings) - 1)
    doc = guide.library.collections["diagnostics"][ident]
    steps = {p.meta["etape"]: p for p in guide.steps}
    rules: list[dict[str, Any]] = []
    for r, rule in enumerate(doc.data["regles"]):
        step = steps[rule["etape"]]
        links = [resolve(guide, link, url, doc.file, doc.line(("regles", r, "ressources", k))) for k, link in enumerate(rule.get("ressources") or [])]
        rules.append({
            "si": rule.get("si") or {},
            "etape": rule["etape"],
            "titre": step.meta["title"],
            "href": page_url(guide, step.src, url),
            "message": rule["message"],
            "ressources": [{"texte": link.text, "href": link.href} for link in links],
        })
    return component("diagnostic", id=ident, data=doc.data, rules=rules, labels=guide.labels)
