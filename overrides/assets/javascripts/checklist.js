/*
 * Check-lists a team runs a project with: each item has a state (to start, in progress, done), a
 * person responsible and a due date, kept in this browser; progress counts the three states.
 * Actions: download as CSV, import that CSV, share the state in a link (its fragment, no server),
 * print the filled-in list, clear all. Loaded by guide.js where the component is (window.pg).
 *
 * Storage: one key per item, pg:v1:<guide id>:checklist:<checklist id>:<item id> (stable ids, never
 * the text or the position), holding {"s": state, "o": owner, "d": "YYYY-MM-DD", "t": item text}.
 * The text is kept only to name an item removed upstream. "1" (a ticked box, first version) is "done".
 */
(function () {
  "use strict";

  var pg = window.pg;
  var fill = pg.fill;
  var store = pg.store;
  var STATES = ["a-lancer", "en-cours", "acquis"];
  var STATE_LABELS = ["checklist_state_todo", "checklist_state_doing", "checklist_state_done"];
  var SHORT = ["l", "c", "a"]; /* a state in a sharing link */
  var SHARE = "pg-partage:"; /* #pg-partage:<checklist id>:<item>,<state>[,<owner>[,<yyyymmdd>]];… */
  var COLUMNS = 7;
  var OWNER_MAX = 120;

  function itemKey(checklist, item) {
    return pg.key("checklist", checklist, item);
  }

  function blank() {
    return { s: STATES[0], o: "", d: "" };
  }

  function isBlank(entry) {
    return entry.s === STATES[0] && !entry.o && !entry.d;
  }

  function same(a, b) {
    return a.s === b.s && a.o === b.o && a.d === b.d;
  }

  /* "YYYY-MM-DD" of a real calendar day. */
  function isDate(value) {
    var match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    if (!match) return false;
    var day = new Date(Date.UTC(+match[1], +match[2] - 1, +match[3]));
    return day.getUTCFullYear() === +match[1] && day.getUTCMonth() === +match[2] - 1 && day.getUTCDate() === +match[3];
  }

  /* A saved or shared entry with only valid values. */
  function clean(value) {
    var entry = blank();
    if (STATES.indexOf(value.s) >= 0) entry.s = value.s;
    if (typeof value.o === "string") entry.o = value.o.trim().slice(0, OWNER_MAX);
    if (typeof value.d === "string" && isDate(value.d)) entry.d = value.d;
    return entry;
  }

  /* Stored value -> entry; null when absent, undefined when unreadable. */
  function parseSaved(raw) {
    if (raw === null) return null;
    if (raw === "1") return { s: "acquis", o: "", d: "", t: "", legacy: true };
    var value;
    try { value = JSON.parse(raw); } catch (e) { return undefined; }
    if (!value || typeof value !== "object" || Array.isArray(value)) return undefined;
    var entry = clean(value);
    entry.t = typeof value.t === "string" ? value.t : "";
    return entry;
  }

  /* Case, accents and spaces do not matter when reading a state or a header back. */
  function fold(text) {
    return String(text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/\s+/g, " ").trim().toLowerCase();
  }

  /* ---- CSV (RFC 4180; ";" for spreadsheets in French locales; UTF-8 with BOM) ---- */
  function csvCell(value, separator) {
    var text = String(value);
    if (/^[=+\-@\t\r]/.test(text)) text = "'" + text; /* no formula injection in spreadsheets */
    return /["\r\n]/.test(text) || text.indexOf(separator) >= 0 || /^\s|\s$/.test(text)
      ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  function parseCsv(text, separator) {
    var rows = [];
    var row = [];
    var cell = "";
    var quoted = false;
    for (var i = 0; i < text.length; i++) {
      var c = text[i];
      if (quoted) {
        if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; }
        else if (c === '"') quoted = false;
        else cell += c;
      } else if (c === '"' && cell === "") quoted = true;
      else if (c === separator) { row.push(cell); cell = ""; }
      else if (c === "\n" || c === "\r") {
        if (c === "\r" && text[i + 1] === "\n") i++;
        row.push(cell); rows.push(row); row = []; cell = "";
      } else cell += c;
    }
    if (cell !== "" || row.length) { row.push(cell); rows.push(row); }
    return rows.filter(function (r) { return r.some(function (value) { return value.trim() !== ""; }); });
  }

  function unguard(text) {
    return /^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
  }

  /* Bytes of a file: UTF-8 (as exported), else Windows-1252 (a spreadsheet saved it again). */
  function decode(buffer) {
    var text;
    try { text = new TextDecoder("utf-8", { fatal: true }).decode(buffer); }
    catch (e) { text = new TextDecoder("windows-1252").decode(buffer); }
    return text.replace(/^\uFEFF/, "");
  }

  function initChecklist(section, config) {
    var id = section.getAttribute("data-pg-checklist");
    var labels = config.labels;
    var titleNode = section.querySelector(".pg-checklist__title-text");
    var title = titleNode ? titleNode.textContent.trim() : id;
    var status = section.querySelector("[data-pg-status]");
    var message = section.querySelector("[data-pg-message]");
    var notice = section.querySelector("[data-pg-notice]");
    var shareBox = section.querySelector("[data-pg-share-box]");
    var shareText = section.querySelector("[data-pg-share-text]");
    var fileInput = section.querySelector("[data-pg-import-file]");
    var actionButtons = Array.prototype.slice.call(section.querySelectorAll("[data-pg-actions] button"));
    var stateNames = STATE_LABELS.map(function (key) { return labels[key]; });
    var items = [];
    var byId = {};
    var orphans = [];
    var previewing = false;

    section.querySelectorAll("li[data-pg-item]").forEach(function (li) {
      var heading = null;
      for (var node = li.parentElement; node && node !== section; node = node.previousElementSibling) {
        if (node.matches("[data-pg-section]")) { heading = node; break; }
      }
      var text = li.querySelector(".pg-checklist__text");
      var item = {
        id: li.getAttribute("data-pg-item"), li: li, anchor: li.id,
        text: text ? text.textContent.trim() : "",
        section: heading ? heading.querySelector(".pg-checklist__section-text").textContent.trim() : "",
        radios: Array.prototype.slice.call(li.querySelectorAll("input[type=radio]")),
        owner: li.querySelector("[data-pg-field=owner]"),
        due: li.querySelector("[data-pg-field=due]"),
        summary: li.querySelector("[data-pg-summary]"),
        fields: li.querySelector("[data-pg-fields]")
      };
      item.key = itemKey(id, item.id);
      items.push(item);
      byId[item.id] = item;
    });

    /* ---- Controls <-> entries ---- */
    function read(item) {
      var checked = item.radios.filter(function (radio) { return radio.checked; })[0];
      return clean({ s: checked ? checked.value : STATES[0], o: item.owner.value, d: item.due.value });
    }

    function write(item, entry) {
      item.radios.forEach(function (radio) { radio.checked = radio.value === entry.s; });
      item.owner.value = entry.o;
      item.due.value = entry.d;
    }

    function persist(item, entry) {
      if (isBlank(entry)) store.remove(item.key);
      else store.set(item.key, JSON.stringify({ s: entry.s, o: entry.o, d: entry.d, t: item.text }));
    }

    function savedEntries() {
      var saved = {};
      items.forEach(function (item) {
        var entry = parseSaved(store.get(item.key));
        if (entry) saved[item.id] = entry;
      });
      return saved;
    }

    function counts(entries) {
      var tally = [0, 0, 0];
      items.forEach(function (item) {
        var entry = entries[item.id] || blank();
        tally[STATES.indexOf(entry.s)]++;
      });
      return fill(labels.checklist_count, { todo: tally[0], doing: tally[1], done: tally[2], total: items.length });
    }

    function current() {
      var entries = {};
      items.forEach(function (item) { entries[item.id] = read(item); });
      return entries;
    }

    function localDate(iso) {
      var parts = iso.split("-");
      try {
        return new Date(+parts[0], +parts[1] - 1, +parts[2]).toLocaleDateString(document.documentElement.lang || undefined);
      } catch (e) { return iso; }
    }

    /* Progress, and each item's one-line summary (what the printed list shows). */
    function update() {
      var entries = current();
      status.hidden = false;
      status.textContent = counts(entries);
      items.forEach(function (item) {
        var entry = entries[item.id];
        var parts = [stateNames[STATES.indexOf(entry.s)]];
        if (entry.o) parts.push(fill(labels.checklist_summary_owner, { owner: entry.o }));
        if (entry.d) parts.push(fill(labels.checklist_summary_due, { due: localDate(entry.d) }));
        item.summary.textContent = parts.join(" · ");
        item.summary.hidden = false;
        STATES.forEach(function (state) { item.li.classList.toggle("pg-checklist__item--" + state, entry.s === state); });
      });
      section.classList.toggle("pg-checklist--done", items.length > 0 && items.every(function (item) {
        return entries[item.id].s === "acquis";
      }));
    }

    function say(text, isError) {
      message.textContent = "";
      message.classList.toggle("pg-checklist__message--error", Boolean(isError));
      window.setTimeout(function () { message.textContent = text; }, 50);
    }

    /* ---- Saved state: load, migrate the first version, report items removed upstream ---- */
    function load() {
      items.forEach(function (item) {
        var entry = parseSaved(store.get(item.key));
        if (entry === undefined) { store.remove(item.key); return; } /* unreadable: dropped */
        if (entry === null) return;
        write(item, entry);
        if (entry.legacy || entry.t !== item.text) persist(item, entry); /* migrated, or reworded upstream */
      });
      var prefix = itemKey(id, "");
      orphans = store.keys(prefix).filter(function (key) {
        var itemId = key.slice(prefix.length);
        if (byId[itemId]) return false;
        if (parseSaved(store.get(key)) === undefined || !itemId) { store.remove(key); return false; }
        return true;
      });
      showOrphans();
    }

    function showOrphans() {
      if (previewing) return;
      notice.textContent = "";
      notice.hidden = !orphans.length;
      if (!orphans.length) return;
      var prefix = itemKey(id, "");
      var names = orphans.map(function (key) {
        var entry = parseSaved(store.get(key));
        return fill(labels.checklist_quoted, { text: (entry && entry.t) || key.slice(prefix.length) });
      }).join(", ");
      var text = orphans.length === 1
        ? fill(labels.checklist_orphans_one, { items: names })
        : fill(labels.checklist_orphans_many, { n: orphans.length, items: names });
      notice.appendChild(pg.element("p", text, { "data-pg-orphans": "" }));
      var forget = pg.element("button", labels.checklist_orphans_forget, { type: "button", "class": "md-button" });
      forget.addEventListener("click", function () {
        orphans.forEach(store.remove);
        orphans = [];
        showOrphans();
        section.querySelector("[data-pg-csv]").focus();
      });
      notice.appendChild(forget);
    }

    /* ---- Editing ---- */
    items.forEach(function (item) {
      item.fields.hidden = false;
      function changed() {
        if (previewing) return;
        persist(item, read(item));
        update();
      }
      item.radios.forEach(function (radio) { radio.addEventListener("change", changed); });
      item.owner.addEventListener("input", changed);
      item.due.addEventListener("input", changed);
      item.due.addEventListener("change", changed);
    });

    /* ---- Download (CSV) ---- */
    function header() {
      return [labels.checklist_col_list, labels.checklist_col_section, labels.checklist_col_item, labels.checklist_col_state,
        labels.checklist_owner, labels.checklist_due, labels.checklist_col_link];
    }

    function csv() {
      var separator = ";";
      var rows = [header()];
      var entries = current();
      items.forEach(function (item) {
        var entry = entries[item.id];
        rows.push([title, item.section, item.text, stateNames[STATES.indexOf(entry.s)], entry.o, entry.d, pg.pageUrl(item.anchor)]);
      });
      return "\uFEFF" + rows.map(function (row) {
        return row.map(function (value) { return csvCell(value, separator); }).join(separator);
      }).join("\r\n") + "\r\n";
    }

    function download() {
      var today = new Date();
      var stamp = [today.getFullYear(), today.getMonth() + 1, today.getDate()].map(function (n) {
        return String(n).padStart(2, "0");
      }).join("-");
      var name = id + "-" + stamp + ".csv";
      var url = URL.createObjectURL(new Blob([csv()], { type: "text/csv;charset=utf-8" }));
      var link = pg.element("a", "", { href: url, download: name, hidden: "" });
      document.body.appendChild(link);
      link.click();
      link.remove();
      window.setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
      say(fill(labels.checklist_csv_done, { file: name }));
    }

    /* ---- Import ---- */
    function problem(key, values) {
      return { reason: fill(labels[key], values || {}) };
    }

    function stateOf(text) {
      var folded = fold(text);
      if (!folded) return STATES[0];
      for (var i = 0; i < STATES.length; i++) {
        if (folded === fold(stateNames[i]) || folded === STATES[i]) return STATES[i];
      }
      return null;
    }

    function dateOf(text) {
      var value = text.trim();
      var french = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
      if (french) value = french[3] + "-" + french[2].padStart(2, "0") + "-" + french[1].padStart(2, "0");
      return !value || isDate(value) ? value : null;
    }

    /* File text -> {entries, skipped} or {reason}. */
    function parseImport(text) {
      var expected = header();
      var firstLine = text.split(/\r?\n/)[0] || "";
      var separator = firstLine.split(";").length >= firstLine.split(",").length ? ";" : ",";
      var rows = parseCsv(text, separator);
      var wanted = expected.map(fold).join("|");
      if (!rows.length || rows[0].slice(0, COLUMNS).map(fold).join("|") !== wanted) {
        return problem("checklist_import_not_csv", { header: expected.join(";") });
      }
      var entries = {};
      var skipped = [];
      for (var r = 1; r < rows.length; r++) {
        var row = rows[r];
        var line = r + 1;
        if (row.length < COLUMNS || row.slice(COLUMNS).some(function (value) { return value.trim(); })) {
          return problem("checklist_import_columns", { line: line, n: row.length, expected: COLUMNS });
        }
        var link = row[6].trim();
        var anchor = "";
        try { anchor = decodeURIComponent(link.slice(link.lastIndexOf("#") + 1)); } catch (e) { anchor = ""; }
        if (link.indexOf("#") < 0 || anchor.indexOf(id + "-") !== 0) {
          return problem("checklist_import_other", { value: link || row[0] });
        }
        var state = stateOf(row[3]);
        if (!state) return problem("checklist_import_bad_state", { line: line, value: row[3], states: stateNames.join(", ") });
        var due = dateOf(row[5]);
        if (due === null) return problem("checklist_import_bad_date", { line: line, value: row[5] });
        var itemId = anchor.slice(id.length + 1);
        if (!byId[itemId]) { skipped.push(fill(labels.checklist_quoted, { text: row[2].trim() })); continue; }
        entries[itemId] = clean({ s: state, o: unguard(row[4]), d: due });
      }
      if (!Object.keys(entries).length && !skipped.length) return problem("checklist_import_empty");
      return { entries: entries, skipped: skipped };
    }

    function importFile(file) {
      file.arrayBuffer().then(function (buffer) {
        var result = parseImport(decode(buffer));
        if (result.reason) {
          say(fill(labels.checklist_import_error, { reason: result.reason }), true);
          return;
        }
        var ids = Object.keys(result.entries);
        var saved = savedEntries();
        var overwrites = ids.some(function (itemId) {
          var before = saved[itemId];
          return before && !isBlank(before) && !same(before, result.entries[itemId]);
        });
        if (overwrites && !window.confirm(fill(labels.checklist_import_confirm, { n: ids.length }))) {
          say(labels.checklist_import_cancelled);
          return;
        }
        ids.forEach(function (itemId) {
          write(byId[itemId], result.entries[itemId]);
          persist(byId[itemId], result.entries[itemId]);
        });
        update();
        var text = fill(labels.checklist_import_done, { n: ids.length });
        if (result.skipped.length) {
          text += " " + fill(labels.checklist_import_skipped, { n: result.skipped.length, items: result.skipped.join(", ") });
        }
        say(text);
      }, function () {
        say(fill(labels.checklist_import_error, { reason: fill(labels.checklist_import_not_csv, { header: header().join(";") }) }), true);
      });
    }

    /* ---- Sharing link: the state in the fragment ---- */
    function shareUrl() {
      var entries = current();
      var parts = [];
      items.forEach(function (item) {
        var entry = entries[item.id];
        if (isBlank(entry)) return;
        var fields = [item.id, SHORT[STATES.indexOf(entry.s)], encodeURIComponent(entry.o), entry.d.replace(/-/g, "")];
        while (fields.length > 2 && !fields[fields.length - 1]) fields.pop();
        parts.push(fields.join(","));
      });
      return pg.pageUrl(SHARE + id + ":" + parts.join(";"));
    }

    /* Fragment -> entries by item id; null when the fragment is not for this list, false if unreadable. */
    function readShared(fragment) {
      var hash = fragment.slice(1);
      var prefix = SHARE + id + ":";
      if (hash.indexOf(prefix) !== 0) return null;
      var entries = {};
      var payload = hash.slice(prefix.length);
      var parts = payload ? payload.split(";") : [];
      for (var i = 0; i < parts.length; i++) {
        var fields = parts[i].split(",");
        var state = STATES[SHORT.indexOf(fields[1])];
        var date = fields[3] || "";
        if (!/^[a-z0-9-]+$/.test(fields[0]) || !state || fields.length > 4 || (date && !/^\d{8}$/.test(date))) return false;
        var owner;
        try { owner = decodeURIComponent(fields[2] || ""); } catch (e) { return false; }
        date = date ? date.slice(0, 4) + "-" + date.slice(4, 6) + "-" + date.slice(6) : "";
        if (date && !isDate(date)) return false;
        if (byId[fields[0]]) entries[fields[0]] = clean({ s: state, o: owner, d: date });
      }
      return entries;
    }

    function forgetFragment() {
      if (window.history && window.history.replaceState) {
        window.history.replaceState(window.history.state, "", window.location.pathname + window.location.search);
      }
    }

    function setPreview(on) {
      previewing = on;
      section.classList.toggle("pg-checklist--preview", on);
      items.forEach(function (item) {
        item.radios.concat([item.owner, item.due]).forEach(function (control) { control.disabled = on; });
      });
      actionButtons.forEach(function (button) { button.disabled = on; });
    }

    /* Shows the shared state without saving it; the reader saves it or goes back to theirs. */
    function preview(shared) {
      var saved = savedEntries();
      var differs = items.some(function (item) {
        return !same(saved[item.id] || blank(), shared[item.id] || blank());
      });
      var hasSaved = Object.keys(saved).some(function (itemId) { return !isBlank(saved[itemId]); });
      setPreview(true);
      items.forEach(function (item) { write(item, shared[item.id] || blank()); });
      update();
      notice.textContent = "";
      notice.hidden = false;
      var text = fill(labels.checklist_shared_preview, { summary: counts(shared) });
      if (hasSaved && differs) text += " " + fill(labels.checklist_shared_replace, { summary: counts(saved) });
      notice.appendChild(pg.element("p", text, { "data-pg-shared": "" }));
      var keep = pg.element("button", labels.checklist_shared_keep, { type: "button", "class": "md-button md-button--primary", "data-pg-shared-keep": "" });
      var discard = pg.element("button", labels.checklist_shared_discard, { type: "button", "class": "md-button", "data-pg-shared-discard": "" });
      keep.addEventListener("click", function () {
        items.forEach(function (item) { persist(item, read(item)); });
        endPreview(labels.checklist_shared_saved);
      });
      discard.addEventListener("click", function () {
        items.forEach(function (item) { write(item, saved[item.id] || blank()); });
        endPreview(labels.checklist_shared_discarded);
      });
      notice.appendChild(keep);
      notice.appendChild(discard);
      section.scrollIntoView({ block: "start" });
      keep.focus({ preventScroll: true });
    }

    function endPreview(text) {
      setPreview(false);
      forgetFragment();
      update();
      showOrphans();
      say(text);
      var first = section.querySelector("[data-pg-csv]");
      if (first) first.focus({ preventScroll: true });
    }

    /* ---- Actions ---- */
    section.querySelector("[data-pg-actions]").hidden = false;
    section.querySelector("[data-pg-csv]").addEventListener("click", download);
    section.querySelector("[data-pg-import]").addEventListener("click", function () {
      fileInput.value = "";
      fileInput.click();
    });
    fileInput.addEventListener("change", function () {
      if (fileInput.files && fileInput.files[0]) importFile(fileInput.files[0]);
    });
    section.querySelector("[data-pg-share]").addEventListener("click", function () {
      var url = shareUrl();
      shareText.value = url;
      pg.copyText(url, function () {
        shareBox.hidden = true;
        say(labels.checklist_share_copied);
      }, function () {
        shareBox.hidden = false;
        shareText.focus();
        shareText.select();
        say(labels.checklist_share_fallback);
      });
    });
    section.querySelector("[data-pg-print-checklist]").addEventListener("click", function () {
      section.classList.add("pg-print-target");
      document.documentElement.classList.add("pg-print-one");
      window.print();
      window.setTimeout(function () {
        section.classList.remove("pg-print-target");
        document.documentElement.classList.remove("pg-print-one");
      }, 1000);
    });
    section.querySelector("[data-pg-reset]").addEventListener("click", function () {
      if (!window.confirm(labels.checklist_reset_confirm)) return;
      items.forEach(function (item) { write(item, blank()); });
      store.keys(itemKey(id, "")).forEach(store.remove);
      orphans = [];
      showOrphans();
      update();
      say(labels.checklist_reset_done);
    });

    /* The page opened with a sharing link, or one opened from the page itself (fragment only). */
    function openShared(fragment) {
      if (!document.contains(section) || previewing) return;
      var shared = readShared(fragment);
      if (shared === false) {
        forgetFragment();
        say(labels.checklist_shared_invalid, true);
      } else if (shared) {
        preview(shared);
      }
    }

    load();
    update();
    openShared(pg.landingHash || window.location.hash);
    window.addEventListener("hashchange", function (event) { openShared(new URL(event.newURL).hash); });
  }

  pg.register("[data-pg-checklist]", initChecklist);
})();
