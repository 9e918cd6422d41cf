"""Drive a self-diagnosis as a reader does and check what it shows against its data, computed here
independently of the engine: every gap, in method order, each saying why and what to do."""

from __future__ import annotations

import itertools
import re
from urllib.parse import parse_qsl


def squeeze(value: str) -> str:
    """Text without whitespace (the engine's typography adds no-break spaces)."""
    return re.sub(r"\s+", "", value)


def expected_gaps(data: dict, answers: dict[str, str]) -> list[str]:
    """Ids of the questions whose answer shows a gap, in method order (step, then form order)."""
    gaps = []
    for index, question in enumerate(data["questions"]):
        answer = next(r for r in question["reponses"] if r["id"] == answers[question["id"]])
        if answer.get("ecart"):
            gaps.append((question["etape"], index, question["id"]))
    return [ident for _, _, ident in sorted(gaps)]


# Sets each combination of answers in the page (radios and change events, as a click would), submits
# the form and reads the result back from the DOM.
WALK = """(combinations) => {
  const form = document.querySelector('form[data-pg-diagnostic]');
  const result = form.querySelector('[data-pg-diagnostic-result]');
  return combinations.map((answers) => {
    for (const [question, answer] of Object.entries(answers)) {
      const radio = form.querySelector(`input[name="${question}"][value="${answer}"]`);
      radio.checked = true;
      radio.dispatchEvent(new Event('change', { bubbles: true }));
    }
    form.requestSubmit();
    return {
      heading: (result.querySelector('h3') || {}).innerText || '',
      step: result.getAttribute('data-pg-step'),
      gaps: [...result.querySelectorAll('[data-pg-gap]')].map((li) => ({
        id: li.getAttribute('data-pg-gap'), step: li.getAttribute('data-pg-step'), text: li.innerText,
        href: li.querySelector('h4 a').getAttribute('href'), first: !!li.querySelector('.pg-diagnostic__first') })),
      text: result.innerText,
      hash: decodeURIComponent(location.hash),
    };
  });
}"""


def walk(page, data: dict) -> list[tuple[dict[str, str], dict]]:
    """Every combination of answers of a diagnostic, with what the page shows for it."""
    questions = data["questions"]
    combinations = [
        dict(zip([q["id"] for q in questions], choice, strict=True))
        for choice in itertools.product(*[[r["id"] for r in q["reponses"]] for q in questions])
    ]
    return list(zip(combinations, page.evaluate(WALK, combinations), strict=True))


def check_result(data: dict, labels: dict, answers: dict[str, str], shown: dict) -> list[str]:
    """What the result gets wrong for these answers (nothing: an empty list)."""
    problems = []
    questions = {q["id"]: q for q in data["questions"]}
    wanted = expected_gaps(data, answers)
    if [g["id"] for g in shown["gaps"]] != wanted:
        return [f"{answers}: gaps {[g['id'] for g in shown['gaps']]}, expected {wanted} (method order)"]
    for rank, gap in enumerate(shown["gaps"]):
        question = questions[gap["id"]]
        answer = next(r["texte"] for r in question["reponses"] if r["id"] == answers[gap["id"]])
        resources = [r["texte"] for r in question.get("ressources", [])]
        for part in (question["texte"], answer, question["a_faire"], *resources):
            if squeeze(part) not in squeeze(gap["text"]):
                problems.append(f"{answers}: gap `{gap['id']}` does not say «{part}»")
        if gap["step"] != str(question["etape"]) or gap["first"] != (rank == 0):
            problems.append(f"{answers}: gap `{gap['id']}` step {gap['step']}, first={gap['first']}")
    if wanted:
        first = questions[wanted[0]]
        if shown["step"] != str(first["etape"]) or squeeze(labels["diagnostic_first"]) not in squeeze(shown["text"]):
            problems.append(f"{answers}: does not start with step {first['etape']} ({shown['step']})")
    else:
        done = data["sans_ecart"]
        if shown["step"] != str(done["etape"]) or squeeze(done["message"]) not in squeeze(shown["text"]):
            problems.append(f"{answers}: no gap, but the result does not lead to step {done['etape']}")
        if squeeze(labels["diagnostic_none_title"]) != squeeze(shown["heading"]):
            problems.append(f"{answers}: no gap, the result says «{shown['heading']}»")
    if dict(parse_qsl(shown["hash"].partition("?")[2])) != answers:
        problems.append(f"{answers}: the address carries {shown['hash']}")
    return problems
