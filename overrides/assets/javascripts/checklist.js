/*
 * Check-lists: ticks saved in the browser, Markdown export, reset.
 * Loaded by the core script (guide.js) on pages that show the component; uses its helpers (window.pg).
 */
(function () {
  "use strict";

  var pg = window.pg;
  var fill = pg.fill;
  var store = pg.store;
  var copyText = pg.copyText;

  function itemKey(checklist, item) {
    return pg.key("checklist", checklist, item);
  }

  function announce(node, text) {
    if (!node) return;
    node.hidden = false;
    node.textContent = text;
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
      var key = itemKey(id, box.getAttribute("data-pg-item"));
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
    store.keys(itemKey(id, "")).forEach(function (key) {
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
          store.remove(itemKey(id, box.getAttribute("data-pg-item")));
        });
        update();
      });
    }
    update();
  }

  pg.register("[data-pg-checklist]", initChecklist);
})();
