/*
 * Self-diagnosis: answers saved like check-lists, recommendation rules from data.
 * Loaded by the core script (guide.js) on pages that show the component; uses its helpers (window.pg).
 */
(function () {
  "use strict";

  var pg = window.pg;
  var fill = pg.fill;
  var store = pg.store;
  var element = pg.element;

  /* ---- Self-diagnosis: answers saved like check-lists, rules from data ---- */
  function matches(rule, answers) {
    return Object.keys(rule.si || {}).every(function (question) {
      return rule.si[question].indexOf(answers[question]) !== -1;
    });
  }

  function initDiagnostic(form, config) {
    var id = form.getAttribute("data-pg-diagnostic");
    var labels = config.labels;
    var result = form.querySelector("[data-pg-diagnostic-result]");
    var rules = [];
    try { rules = JSON.parse(form.querySelector("[data-pg-diagnostic-rules]").textContent); } catch (e) { rules = []; }
    var questions = Array.prototype.slice.call(form.querySelectorAll("fieldset"));
    var prefix = pg.key("diagnostic", id, "");

    function answers() {
      var found = {};
      questions.forEach(function (fieldset) {
        var checked = fieldset.querySelector("input[type=radio]:checked");
        if (checked) found[checked.name] = checked.value;
      });
      return found;
    }

    function show(focus) {
      var given = answers();
      var missing = questions.length - Object.keys(given).length;
      result.textContent = "";
      if (missing > 0) {
        result.appendChild(element("p", fill(labels.diagnostic_missing, { n: missing })));
      } else {
        var rule = rules.filter(function (r) { return matches(r, given); })[0];
        if (!rule) return;
        result.setAttribute("data-pg-step", String(rule.etape));
        var heading = element("p", null, { "class": "pg-diagnostic__step" });
        heading.appendChild(element("a", fill(labels.diagnostic_start, { n: rule.etape, title: rule.titre }), { href: rule.href }));
        result.appendChild(heading);
        result.appendChild(element("p", rule.message));
        if (rule.ressources.length) {
          result.appendChild(element("p", labels.diagnostic_resources));
          var list = element("ul");
          rule.ressources.forEach(function (link) {
            var item = element("li");
            item.appendChild(element("a", link.texte, { href: link.href }));
            list.appendChild(item);
          });
          result.appendChild(list);
        }
      }
      if (focus) result.focus();
    }

    questions.forEach(function (fieldset) {
      fieldset.querySelectorAll("input[type=radio]").forEach(function (radio) {
        if (store.get(prefix + radio.name) === radio.value) radio.checked = true;
        radio.addEventListener("change", function () { store.set(prefix + radio.name, radio.value); });
      });
      var name = fieldset.querySelector("input[type=radio]").name;
      var saved = store.get(prefix + name);
      if (saved !== null && !fieldset.querySelector("input[type=radio]:checked")) store.remove(prefix + name);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      show(true);
    });
    form.querySelector("[data-pg-diagnostic-reset]").addEventListener("click", function () {
      form.reset();
      store.keys(prefix).forEach(store.remove);
      result.textContent = "";
      result.removeAttribute("data-pg-step");
    });
    if (Object.keys(answers()).length === questions.length) show(false);
  }

  pg.register("[data-pg-diagnostic]", initDiagnostic);
})();
