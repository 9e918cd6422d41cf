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

  /* ---- "Copy link": item and question buttons, headings' permalinks ----- */
  /* One control per anchor, always visible: the buttons of components (data-pg-copy), Material's
     permalink of each Markdown heading (.headerlink, restyled), and a button added here to the other
     headings of components. A click copies the address, shows "Link copied" next to the control for
     a few seconds and announces it in the live region. */
  var COPIED_MS = 4000;

  /* Address of an anchor of this page; from file:// (offline edition), the published one. */
  function pageUrl(anchor) {
    var base = window.location.href;
    if (!/^https?:$/.test(window.location.protocol)) {
      var canonical = document.querySelector('link[rel="canonical"]');
      if (canonical && canonical.href) base = canonical.href;
    }
    return new URL("#" + anchor, base).href;
  }

  /* Says text in the live region (emptied first, so that the same message is said again). */
  function announce(text) {
    var live = liveRegion();
    window.setTimeout(function () { live.textContent = text; }, 50);
  }

  /* Shows a short confirmation right after control, removed after duration ms. */
  function showCopied(control, text, duration) {
    var next = control.nextElementSibling;
    if (next && next.classList.contains("pg-copied")) {
      window.clearTimeout(Number(next.getAttribute("data-pg-timer")));
      next.remove();
    }
    var bubble = element("span", text, { "class": "pg-copied", "aria-hidden": "true" });
    control.insertAdjacentElement("afterend", bubble);
    bubble.setAttribute("data-pg-timer", String(window.setTimeout(function () { bubble.remove(); }, duration || COPIED_MS)));
    return bubble;
  }

  /* Copies url; confirms visibly next to control and to screen readers (or shows the address). */
  function copyLink(control, url) {
    var labels = pg.config.labels;
    copyText(url, function () {
      showCopied(control, labels.link_copied_short);
      announce(labels.link_copied);
    }, function () {
      var text = fill(labels.link_copy_fallback, { url: url });
      showCopied(control, text, 15000).classList.add("pg-copied--fallback");
      announce(text);
    });
  }

  function initCopyLink(button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      copyLink(button, pageUrl(button.getAttribute("data-pg-copy")));
    });
  }

  /* Material's permalink of a heading becomes its copy-link control (it stays a link without JS). */
  function initHeaderlink(link, config) {
    var anchor = link.hash.slice(1); /* Material's instant navigation makes the href absolute */
    if (!anchor) return;
    link.setAttribute("aria-label", config.labels.copy_link);
    link.setAttribute("title", config.labels.copy_link);
    link.classList.add("pg-headerlink");
    link.addEventListener("click", function (event) {
      event.preventDefault();
      copyLink(link, pageUrl(anchor));
    });
  }

  /* A component's heading without permalink gets a copy-link button; it links to the section the
     heading names when there is one (a check-list, a workshop), else to the heading itself. */
  function initHeading(heading, config) {
    if (heading.querySelector(".headerlink, [data-pg-copy]")) return;
    var section = heading.closest("[aria-labelledby]");
    var anchor = section && section.id && section.getAttribute("aria-labelledby") === heading.id ? section.id : heading.id;
    var button = element("button", "", { type: "button", "class": "pg-copy-link", "data-pg-copy": anchor,
      title: config.labels.copy_link, "data-pg-ready": "1" });
    button.appendChild(element("span", "", { "class": "pg-copy-link__icon", "aria-hidden": "true" }));
    button.appendChild(element("span", config.labels.copy_link, { "class": "pg-visually-hidden" }));
    heading.appendChild(document.createTextNode(" "));
    heading.appendChild(button);
    initCopyLink(button);
  }

  function highlightTarget() {
    document.querySelectorAll(".pg-highlight").forEach(function (node) { node.classList.remove("pg-highlight"); });
    var hash = window.location.hash.slice(1);
    if (!hash) return;
    var target = null;
    try { target = document.getElementById(decodeURIComponent(hash)); } catch (e) { /* not an anchor */ }
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

  /* The fragment the page was opened with (a sharing link's state), before Material replaces it:
     navigation.tracking rewrites it as the reader scrolls, and a fragment typed in the address bar
     makes instant navigation render the page again with the fragment of the section in view. */
  var lastHashChange = { hash: "", path: "", at: 0 };
  function rememberHash(event) {
    var url = new URL(event.newURL);
    lastHashChange = { hash: url.hash, path: url.pathname, at: Date.now() };
  }

  function init() {
    var recent = Date.now() - lastHashChange.at < 3000 && lastHashChange.path === window.location.pathname;
    pg.landingHash = recent ? lastHashChange.hash : window.location.hash;
    inits.forEach(function (entry) { run(entry.selector, entry.init); });
    loadModules();
    highlightTarget();
  }

  var pg = window.pg = {
    config: readConfig(), fill: fill, store: store, key: key, copyText: copyText,
    liveRegion: liveRegion, announce: announce, element: element, register: register,
    highlightTarget: highlightTarget, pageUrl: pageUrl, copyLink: copyLink, showCopied: showCopied
  };
  register("[data-pg-copy]", initCopyLink);
  register(".md-content .md-typeset .headerlink", initHeaderlink);
  register(".md-content .md-typeset :is(h2, h3, h4)[id]", initHeading);
  register("[data-pg-print]", initPrint);

  window.addEventListener("hashchange", rememberHash);
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
