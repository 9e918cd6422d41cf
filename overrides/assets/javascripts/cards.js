/*
 * Card grids: filters by trajectory and by step.
 * Loaded by the core script (guide.js) on pages that show the component; uses its helpers (window.pg).
 */
(function () {
  "use strict";

  var pg = window.pg;
  var fill = pg.fill;

  /* ---- Card filters ----------------------------------------------------- */
  function initFilters(group, config) {
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

  pg.register("[data-pg-filters]", initFilters);
})();
