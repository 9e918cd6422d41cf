/*
 * Self-diagnosis: every gap the answers show, in the order of the method, each with its step, why
 * (the answer given) and what to do; the first one is where to start. With no gap, the next step.
 * Answers are kept in the browser and in the page's address (#<id>?question=answer&…): opening such
 * a link shows the same answers and result, without saving them until the reader changes one.
 * Loaded by the core script (guide.js) on pages that show the component; uses its helpers (window.pg).
 */
(function () {
  "use strict";

  var pg = window.pg;
  var fill = pg.fill;
  var store = pg.store;
  var element = pg.element;
  var initialHash = window.location.hash; /* before anything (Material's anchor tracking) rewrites it */

  /* The gaps shown by a complete set of answers, in method order (step, then question order). */
  function gapsOf(questions, given) {
    var gaps = [];
    questions.forEach(function (question, index) {
      var answer = question.reponses.filter(function (r) { return r.id === given[question.id]; })[0];
      if (answer && answer.ecart) gaps.push({ question: question, answer: answer, index: index });
    });
    return gaps.sort(function (a, b) { return a.question.etape - b.question.etape || a.index - b.index; });
  }

  /* Answers carried by a fragment "#<id>?q=a&…" (null when it is not this diagnostic's). */
  function answersFromHash(hash, id) {
    var prefix = "#" + id + "?";
    if (hash.indexOf(prefix) !== 0) return null;
    var found = {};
    new URLSearchParams(hash.slice(prefix.length)).forEach(function (value, name) { found[name] = value; });
    return found;
  }

  function resources(list, labels) {
    var box = element("div", null, { "class": "pg-diagnostic__resources" });
    if (!list.length) return box;
    box.appendChild(element("p", labels.diagnostic_resources));
    var items = element("ul");
    list.forEach(function (link) {
      var item = element("li");
      item.appendChild(element("a", link.texte, { href: link.href }));
      items.appendChild(item);
    });
    box.appendChild(items);
    return box;
  }

  function stepLink(tag, text, href, attributes) {
    var node = element(tag, null, attributes);
    node.appendChild(element("a", text, { href: href }));
    return node;
  }

  function labelled(label, text, attributes) {
    var node = element("p", null, attributes);
    node.appendChild(element("strong", label));
    node.appendChild(document.createTextNode(" " + text));
    return node;
  }

  function initDiagnostic(form, config) {
    var id = form.getAttribute("data-pg-diagnostic");
    var labels = config.labels;
    var result = form.querySelector("[data-pg-diagnostic-result]");
    var notice = form.querySelector("[data-pg-diagnostic-notice]");
    var rules = { questions: [], sans_ecart: null };
    try { rules = JSON.parse(form.querySelector("[data-pg-diagnostic-rules]").textContent); } catch (e) { /* no result */ }
    var radios = Array.prototype.slice.call(form.querySelectorAll("input[type=radio]"));
    var prefix = pg.key("diagnostic", id, "");

    function answers() {
      var found = {};
      radios.forEach(function (radio) { if (radio.checked) found[radio.name] = radio.value; });
      return found;
    }

    function fragment(given) {
      var params = new URLSearchParams();
      rules.questions.forEach(function (q) { if (given[q.id]) params.append(q.id, given[q.id]); });
      return id + "?" + params.toString();
    }

    function link(given) {
      var hash = fragment(given);
      return pg.pageUrl ? pg.pageUrl(hash) : new URL("#" + hash, window.location.href).href;
    }

    function tools(given) {
      var box = element("p", null, { "class": "pg-diagnostic__share" });
      var print = element("button", labels.diagnostic_print, { type: "button", "class": "md-button" });
      print.addEventListener("click", function () { window.print(); });
      var copy = element("button", labels.diagnostic_copy, { type: "button", "class": "md-button", "data-pg-diagnostic-link": link(given) });
      copy.addEventListener("click", function () {
        var url = copy.getAttribute("data-pg-diagnostic-link");
        if (pg.copyLink) return pg.copyLink(copy, url);
        pg.copyText(url, function () { pg.liveRegion().textContent = labels.link_copied; },
          function () { pg.liveRegion().textContent = fill(labels.link_copy_fallback, { url: url }); });
      });
      box.appendChild(print);
      box.appendChild(document.createTextNode(" "));
      box.appendChild(copy);
      return box;
    }

    function showGaps(gaps) {
      var first = gaps[0].question;
      result.setAttribute("data-pg-step", String(first.etape));
      result.appendChild(stepLink("h3", fill(labels.diagnostic_start, { n: first.etape, title: first.titre }), first.href,
        { "class": "pg-diagnostic__step" }));
      result.appendChild(element("p", gaps.length === 1 ? labels.diagnostic_gaps_one : fill(labels.diagnostic_gaps_many, { n: gaps.length })));
      var list = element("ol", null, { "class": "pg-diagnostic__gaps" });
      gaps.forEach(function (gap, rank) {
        var q = gap.question;
        var item = element("li", null, { "class": "pg-diagnostic__gap", "data-pg-gap": q.id, "data-pg-step": String(q.etape) });
        var title = stepLink("h4", fill(labels.diagnostic_gap_step, { n: q.etape, title: q.titre }), q.href);
        if (rank === 0) {
          title.appendChild(document.createTextNode(" "));
          title.appendChild(element("span", labels.diagnostic_first, { "class": "pg-diagnostic__first" }));
        }
        item.appendChild(title);
        item.appendChild(labelled(labels.diagnostic_why_label, fill(labels.diagnostic_why, { question: q.texte, answer: gap.answer.texte }),
          { "class": "pg-diagnostic__why" }));
        item.appendChild(labelled(labels.diagnostic_todo, q.a_faire, { "class": "pg-diagnostic__todo" }));
        item.appendChild(resources(q.ressources, labels));
        list.appendChild(item);
      });
      result.appendChild(list);
    }

    function showDone() {
      var done = rules.sans_ecart;
      result.setAttribute("data-pg-step", String(done.etape));
      result.appendChild(element("h3", labels.diagnostic_none_title, { "class": "pg-diagnostic__step" }));
      result.appendChild(element("p", fill(labels.diagnostic_none, { n: done.etape })));
      result.appendChild(stepLink("p", fill(labels.diagnostic_gap_step, { n: done.etape, title: done.titre }), done.href,
        { "class": "pg-diagnostic__next" }));
      result.appendChild(element("p", done.message));
      result.appendChild(resources(done.ressources, labels));
    }

    function show() {
      var given = answers();
      var missing = rules.questions.filter(function (q) { return !given[q.id]; }).length;
      result.textContent = "";
      result.removeAttribute("data-pg-step");
      result.setAttribute("data-pg-gaps", "");
      if (missing > 0) {
        result.appendChild(element("p", fill(labels.diagnostic_missing, { n: missing })));
        return false;
      }
      var gaps = gapsOf(rules.questions, given);
      result.setAttribute("data-pg-gaps", gaps.map(function (g) { return g.question.id; }).join(" "));
      if (gaps.length) showGaps(gaps); else showDone();
      result.appendChild(tools(given));
      return true;
    }

    function save() {
      radios.forEach(function (radio) { if (radio.checked) store.set(prefix + radio.name, radio.value); });
      notice.hidden = true;
    }

    function restore() {
      var shared = answersFromHash(initialHash || window.location.hash, id);
      initialHash = "";
      radios.forEach(function (radio) {
        var value = shared ? shared[radio.name] : store.get(prefix + radio.name);
        radio.checked = value === radio.value;
      });
      if (shared) {
        notice.textContent = labels.diagnostic_from_link;
        notice.hidden = false;
      }
      return shared !== null;
    }

    /* A result on display follows the answers: it never contradicts them. */
    radios.forEach(function (radio) {
      radio.addEventListener("change", function () {
        save();
        if (result.hasChildNodes() && show()) history.replaceState(history.state, "", "#" + fragment(answers()));
      });
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (show()) {
        save();
        history.replaceState(history.state, "", "#" + fragment(answers()));
      }
      result.scrollIntoView({ block: "nearest" });
    });
    form.querySelector("[data-pg-diagnostic-reset]").addEventListener("click", function () {
      form.reset();
      store.keys(prefix).forEach(store.remove);
      result.textContent = "";
      result.removeAttribute("data-pg-step");
      result.removeAttribute("data-pg-gaps");
      notice.hidden = true;
      if (answersFromHash(window.location.hash, id)) history.replaceState(history.state, "", window.location.pathname + window.location.search);
    });
    var fromLink = restore();
    if (Object.keys(answers()).length === rules.questions.length) {
      show();
      if (fromLink) result.scrollIntoView({ block: "start" });
    }
  }

  pg.register("[data-pg-diagnostic]", initDiagnostic);
})();
