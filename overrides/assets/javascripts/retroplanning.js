/*
 * Back-planning: from a target exit date, the start window (earliest, latest) of each phase and
 * long item, and where today stands. The months come from the table (perennisation/retroplanning.py);
 * the date is kept in the address (#<id>=YYYY-MM-DD) so that a plan can be shared and printed.
 * Loaded by the core script (guide.js) on pages that show the component; uses its helpers (window.pg).
 */
(function () {
  "use strict";

  var pg = window.pg;
  var fill = pg.fill;
  var element = pg.element;
  var ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

  /* Dates are {y, m, d} (month 1-12): calendar arithmetic without time zones. */
  function daysIn(y, m) {
    return new Date(Date.UTC(y, m, 0)).getUTCDate();
  }

  function parse(text) {
    var match = ISO.exec(text || "");
    if (!match) return null;
    var date = { y: Number(match[1]), m: Number(match[2]), d: Number(match[3]) };
    if (date.y < 1 || date.m < 1 || date.m > 12 || date.d < 1 || date.d > daysIn(date.y, date.m)) return null;
    return date;
  }

  /* n calendar months earlier; the day is kept, or becomes the month's last day (31 Aug - 6 = 28/29 Feb). */
  function minusMonths(date, n) {
    var total = date.y * 12 + (date.m - 1) - n;
    var y = Math.floor(total / 12);
    var m = total - y * 12 + 1;
    return { y: y, m: m, d: Math.min(date.d, daysIn(y, m)) };
  }

  function pad(n, width) {
    var text = String(n);
    while (text.length < width) text = "0" + text;
    return text;
  }

  function iso(date) {
    return pad(date.y, 4) + "-" + pad(date.m, 2) + "-" + pad(date.d, 2);
  }

  function today() {
    var now = new Date();
    return { y: now.getFullYear(), m: now.getMonth() + 1, d: now.getDate() };
  }

  function format(date) {
    var lang = document.documentElement.lang || "fr";
    return new Date(Date.UTC(date.y, date.m - 1, date.d))
      .toLocaleDateString(lang, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
  }

  function timeElement(date) {
    return element("time", format(date), { datetime: iso(date) });
  }

  function setCell(cell, node) {
    cell.textContent = "";
    cell.appendChild(node);
  }

  function initPlan(section, config) {
    var id = section.getAttribute("data-pg-retroplanning");
    var labels = config.labels;
    var form = section.querySelector("[data-pg-rp-form]");
    var input = section.querySelector("[data-pg-rp-date]");
    var summary = section.querySelector("[data-pg-rp-summary]");
    var table = section.querySelector("[data-pg-rp-table]");
    var actions = section.querySelector("[data-pg-rp-actions]");
    var share = section.querySelector("[data-pg-copy]");
    var rows = Array.prototype.slice.call(section.querySelectorAll("[data-pg-rp-row]"));
    var state = new RegExp("^#" + id + "=(\\d{4}-\\d{2}-\\d{2})$");
    form.hidden = false;

    function show(target) {
      var now = iso(today());
      var first = null;
      rows.forEach(function (row) {
        var earliest = minusMonths(target, Number(row.getAttribute("data-pg-earliest")));
        var latest = minusMonths(target, Number(row.getAttribute("data-pg-latest")));
        if (!first) first = { earliest: earliest, latest: latest };
        var status = now > iso(latest) ? "late" : (now >= iso(earliest) ? "now" : "later");
        row.setAttribute("data-pg-rp-state", status);
        setCell(row.querySelector("[data-pg-rp-earliest]"), timeElement(earliest));
        setCell(row.querySelector("[data-pg-rp-latest]"), timeElement(latest));
        row.querySelector("[data-pg-rp-status]").textContent = labels["rp_status_" + status] || status;
      });
      table.classList.add("pg-rp__table--dated");
      if (iso(target) < now) {
        summary.textContent = labels.rp_past;
      } else if (first) {
        summary.textContent = fill(labels.rp_summary, {
          date: format(target), earliest: format(first.earliest), latest: format(first.latest)
        });
      }
      actions.hidden = false;
      var fragment = id + "=" + iso(target);
      if (share) share.setAttribute("data-pg-copy", fragment);
      if (window.location.hash !== "#" + fragment) {
        window.history.replaceState(window.history.state, "", "#" + fragment);
      }
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var target = parse(input.value);
      if (!target) {
        summary.textContent = labels.rp_invalid;
        input.focus();
        return;
      }
      show(target);
    });

    function fromAddress() {
      if (!document.body.contains(section)) return; /* left by instant navigation */
      var match = state.exec(window.location.hash);
      var target = match && parse(match[1]);
      if (!target) return;
      input.value = match[1];
      show(target);
    }

    window.addEventListener("hashchange", fromAddress);
    fromAddress();
  }

  pg.register("[data-pg-retroplanning]", initPlan);
})();
