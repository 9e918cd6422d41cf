/*
 * Guide components in the browser: saved check-lists, Markdown export, "copy link" buttons,
 * highlighted question anchors, card filters, the self-diagnosis and the print button. No dependency, no network.
 * Runs on every page load, including Material's instant navigation (document$).
 */
(function () {
  "use strict";

  var VERSION = "v1";

  function readConfig() {
    try {
      var node = document.getElementById("pg-config");
      var parsed = JSON.parse(node.textContent);
      return { labels: parsed.labels || {}, site: parsed.site || "site" };
    } catch (error) {
      return { labels: {}, site: "site" };
    }
  }

  function fill(text, values) {
    return String(text || "").replace(/\{(\w+)\}/g, function (match, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : match;
    });
  }

  /* localStorage may be missing, full, disabled or hold anything: never let it break the page. */
  var store = {
    get: function (key) { try { return window.localStorage.getItem(key); } catch (e) { return null; } },
    set: function (key, value) { try { window.localStorage.setItem(key, value); } catch (e) { /* ignored */ } },
    remove: function (key) { try { window.localStorage.removeItem(key); } catch (e) { /* ignored */ } },
    keys: function (prefix) {
      var found = [];
      try {
        for (var i = 0; i < window.localStorage.length; i++) {
          var key = window.localStorage.key(i);
          if (key && key.indexOf(prefix) === 0) found.push(key);
        }
      } catch (e) { /* ignored */ }
      return found;
    }
  };

  function itemKey(site, checklist, item) {
    return ["pg", VERSION, site, "checklist", checklist, item].join(":");
  }

  function announce(node, text) {
    if (!node) return;
    node.hidden = false;
    node.textContent = text;
  }

  function copyText(text, onDone, onFallback) {
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(onDone, onFallback);
    } else {
      onFallback();
    }
  }

  /* ---- Check-lists ------------------------------------------------------ */
  function checklistMarkdown(section) {
    var lines = [];
    var title = section.querySelector(".pg-checklist__title");
    lines.push("## " + (title ? title.textContent.trim() : section.id), "");
    section.querySelectorAll(".pg-checklist__section, .pg-checklist__item").forEach(function (node) {
      if (node.classList.contains("pg-checklist__section")) {
        lines.push("", "### " + node.textContent.trim(), "");
        return;
      }
      var box = node.querySelector("input[type=checkbox]");
      var label = node.querySelector("label");
      lines.push("- [" + (box && box.checked ? "x" : " ") + "] " + (label ? label.textContent.trim() : ""));
    });
    var status = section.querySelector("[data-pg-status]");
    if (status) lines.push("", "_" + status.textContent.trim() + "_");
    return lines.join("\n").replace(/\n{3,}/g, "\n\n") + "\n";
  }

  function initChecklist(section, config) {
    if (section.dataset.pgReady) return;
    section.dataset.pgReady = "1";
    var id = section.getAttribute("data-pg-checklist");
    var boxes = Array.prototype.slice.call(section.querySelectorAll("input[data-pg-item]"));
    var status = section.querySelector("[data-pg-status]");
    var labels = config.labels;
    var present = {};

    function update() {
      var done = boxes.filter(function (b) { return b.checked; }).length;
      announce(status, fill(labels.checklist_count, { done: done, total: boxes.length }));
      section.classList.toggle("pg-checklist--done", done === boxes.length && boxes.length > 0);
    }

    boxes.forEach(function (box) {
      var key = itemKey(config.site, id, box.getAttribute("data-pg-item"));
      present[key] = true;
      var saved = store.get(key);
      if (saved === "1") box.checked = true;
      else if (saved !== null && saved !== "0") store.remove(key); /* corrupted value: dropped */
      box.addEventListener("change", function () {
        if (box.checked) store.set(key, "1");
        else store.remove(key);
        update();
      });
    });
    /* Items removed from the data are forgotten quietly. */
    store.keys(itemKey(config.site, id, "")).forEach(function (key) {
      if (!present[key]) store.remove(key);
    });

    var actions = section.querySelector("[data-pg-actions]");
    var area = section.querySelector("[data-pg-export-text]");
    if (actions) actions.hidden = false;
    var exportButton = section.querySelector("[data-pg-export]");
    if (exportButton) {
      exportButton.addEventListener("click", function () {
        var text = checklistMarkdown(section);
        area.value = text;
        copyText(text, function () {
          area.hidden = true;
          announce(status, labels.checklist_copied);
        }, function () {
          area.hidden = false;
          area.focus();
          area.select();
          announce(status, labels.checklist_copy_fallback);
        });
      });
    }
    var resetButton = section.querySelector("[data-pg-reset]");
    if (resetButton) {
      resetButton.addEventListener("click", function () {
        if (!window.confirm(labels.checklist_reset_confirm)) return;
        boxes.forEach(function (box) {
          box.checked = false;
          store.remove(itemKey(config.site, id, box.getAttribute("data-pg-item")));
        });
        update();
      });
    }
    update();
  }

  /* ---- "Copy link" buttons and highlighted anchors ---------------------- */
  function initCopyLink(button, config) {
    if (button.dataset.pgReady) return;
    button.dataset.pgReady = "1";
    button.hidden = false;
    button.addEventListener("click", function () {
      var url = new URL("#" + button.getAttribute("data-pg-copy"), window.location.href).href;
      var live = liveRegion();
      copyText(url, function () {
        live.textContent = config.labels.link_copied;
      }, function () {
        live.textContent = fill(config.labels.link_copy_fallback, { url: url });
      });
    });
  }

  function liveRegion() {
    var node = document.getElementById("pg-live");
    if (!node) {
      node = document.createElement("div");
      node.id = "pg-live";
      node.className = "pg-visually-hidden";
      node.setAttribute("role", "status");
      node.setAttribute("aria-live", "polite");
      document.body.appendChild(node);
    }
    node.textContent = "";
    return node;
  }

  function highlightTarget() {
    document.querySelectorAll(".pg-highlight").forEach(function (node) { node.classList.remove("pg-highlight"); });
    var hash = window.location.hash.slice(1);
    if (!hash) return;
    var target = document.getElementById(decodeURIComponent(hash));
    if (target && (target.classList.contains("pg-question") || target.classList.contains("pg-checklist__item"))) {
      target.classList.add("pg-highlight");
      target.scrollIntoView({ block: "center" });
    }
  }

  /* ---- Card filters ----------------------------------------------------- */
  function initFilters(group, config) {
    if (group.dataset.pgReady) return;
    group.dataset.pgReady = "1";
    group.hidden = false;
    var root = group.closest("[data-pg-cards]");
    var status = root.querySelector("[data-pg-filter-status]");
    var kind = group.getAttribute("data-pg-filters");
    var buttons = group.querySelectorAll("[data-pg-filter]");
    root.pgFilters = root.pgFilters || { trajectory: "", step: "" };
    buttons.forEach(function (button) {
      button.addEventListener("click", function () {
        root.pgFilters[kind] = button.getAttribute("data-pg-filter");
        buttons.forEach(function (b) { b.setAttribute("aria-pressed", String(b === button)); });
        var wanted = root.pgFilters;
        var shown = 0;
        root.querySelectorAll(".grid.cards > ul > li").forEach(function (card) {
          var steps = (card.getAttribute("data-pg-steps") || "").split(" ");
          var visible = (!wanted.trajectory || card.getAttribute("data-pg-trajectory") === wanted.trajectory) &&
            (!wanted.step || steps.indexOf(wanted.step) !== -1);
          card.hidden = !visible;
          if (visible) shown += 1;
        });
        if (status) status.textContent = fill(config.labels.filter_status, { n: shown });
      });
    });
  }


  /* ---- Self-diagnosis: answers saved like check-lists, rules from data ---- */
  function matches(rule, answers) {
    return Object.keys(rule.si || {}).every(function (question) {
      return rule.si[question].indexOf(answers[question]) !== -1;
    });
  }

  function element(tag, text, attributes) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    return node;
  }

  function initDiagnostic(form, config) {
    if (form.dataset.pgReady) return;
    form.dataset.pgReady = "1";
    var id = form.getAttribute("data-pg-diagnostic");
    var labels = config.labels;
    var result = form.querySelector("[data-pg-diagnostic-result]");
    var rules = [];
    try { rules = JSON.parse(form.querySelector("[data-pg-diagnostic-rules]").textContent); } catch (e) { rules = []; }
    var questions = Array.prototype.slice.call(form.querySelectorAll("fieldset"));
    var prefix = ["pg", VERSION, config.site, "diagnostic", id, ""].join(":");

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

  /* ---- Print: open every <details> first -------------------------------- */
  function openDetailsForPrint() {
    document.querySelectorAll("details:not([open])").forEach(function (node) {
      node.setAttribute("open", "");
      node.setAttribute("data-pg-closed", "");
    });
  }

  function restoreDetails() {
    document.querySelectorAll("details[data-pg-closed]").forEach(function (node) {
      node.removeAttribute("open");
      node.removeAttribute("data-pg-closed");
    });
  }

  function init() {
    var config = readConfig();
    document.querySelectorAll("[data-pg-checklist]").forEach(function (node) { initChecklist(node, config); });
    document.querySelectorAll("[data-pg-copy]").forEach(function (node) { initCopyLink(node, config); });
    document.querySelectorAll("[data-pg-filters]").forEach(function (node) { initFilters(node, config); });
    document.querySelectorAll("[data-pg-print]").forEach(function (node) {
      if (node.dataset.pgReady) return;
      node.dataset.pgReady = "1";
      node.hidden = false;
      node.addEventListener("click", function () { window.print(); });
    });
    document.querySelectorAll("[data-pg-diagnostic]").forEach(function (node) { initDiagnostic(node, config); });
    highlightTarget();
  }

  window.addEventListener("hashchange", highlightTarget);
  window.addEventListener("beforeprint", openDetailsForPrint);
  window.addEventListener("afterprint", restoreDetails);
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
