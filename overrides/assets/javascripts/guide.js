/*
 * The guide's core script, on every page: shared helpers (window.pg), "copy link" buttons,
 * highlighted anchors, the print button, and the loader of component modules.
 *
 * Each component (perennisation/registry.py) may name a module, loaded only on pages where its
 * selector matches: the `scripts` map of the pg-config JSON (overrides/main.html). A module calls
 * pg.register(selector, init); init(element, config) runs once per element, on every page load,
 * including Material's instant navigation (document$). No dependency, no network but our own files.
 */
(function () {
  "use strict";

  var VERSION = "v1";
  var inits = [];
  var requested = {};

  function readConfig() {
    try {
      var parsed = JSON.parse(document.getElementById("pg-config").textContent);
      return {
        labels: parsed.labels || {}, site: parsed.site || "site",
        scripts: parsed.scripts || {}, assets: parsed.assets || "assets/javascripts/"
      };
    } catch (error) {
      return { labels: {}, site: "site", scripts: {}, assets: "assets/javascripts/" };
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

  /* Storage key of a reader's data: pg:v1:<guide id>:<parts…> (the guide id survives a renamed site). */
  function key() {
    return ["pg", VERSION, pg.config.site].concat(Array.prototype.slice.call(arguments)).join(":");
  }

  function copyText(text, onDone, onFallback) {
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(onDone, onFallback);
    } else {
      onFallback();
    }
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

  function element(tag, text, attributes) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    return node;
  }

  /* Runs init(element, config) once per matching element, now and on every later page load. */
  function register(selector, init) {
    inits.push({ selector: selector, init: init });
    run(selector, init);
  }

  function run(selector, init) {
    document.querySelectorAll(selector).forEach(function (node) {
      if (node.dataset.pgReady) return;
      node.dataset.pgReady = "1";
      init(node, pg.config);
    });
  }

  /* Loads the module of each component present on the page, once. */
  function loadModules() {
    Object.keys(pg.config.scripts).forEach(function (selector) {
      var name = pg.config.scripts[selector];
      if (requested[name] || !document.querySelector(selector)) return;
      requested[name] = true;
      var script = document.createElement("script");
      script.src = pg.config.assets + name + (/\.js$/.test(name) ? "" : ".js");
      document.body.appendChild(script);
    });
  }

  /* ---- "Copy link" buttons and highlighted anchors ---------------------- */
  function initCopyLink(button, config) {
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

  function initPrint(button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
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
    inits.forEach(function (entry) { run(entry.selector, entry.init); });
    loadModules();
    highlightTarget();
  }

  var pg = window.pg = {
    config: readConfig(), fill: fill, store: store, key: key, copyText: copyText,
    liveRegion: liveRegion, element: element, register: register, highlightTarget: highlightTarget
  };
  register("[data-pg-copy]", initCopyLink);
  register("[data-pg-print]", initPrint);

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
