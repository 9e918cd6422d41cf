/*
 * The guide's search, loaded on first use only (the inline starter of partials/search.html loads it
 * when the reader focuses or clicks the search box or presses "/", "s" or "f").
 * It reads search/index.js (written by the engine after the build, see perennisation/search.py) as a
 * script, so it works from file:// too, and drives Material's search markup:
 *   - accents, case, apostrophes and hyphens are ignored ("sortie d incubation", "hebergeur");
 *   - groups of equivalent words (data/recherche.yml, glossary acronyms) match one another;
 *   - a word in a page title outranks a word in a section title, which outranks the text;
 *   - each result shows the page, then its best sections, with the matching words marked.
 * No dependency, no network beyond the site's own index.
 */
(function () {
  "use strict";

  var MARKS = /[\u0300-\u036f]/g;
  var LETTERS = { a: "aàâäáã", c: "cç", e: "eéèêë", i: "iîïí", n: "nñ", o: "oôöó", u: "uùûüú", y: "yÿ" };
  var MAX_RESULTS = 20;
  var MAX_SECTIONS = 3;

  /* ---- Text analysis: the same folding for pages, vocabulary and queries ---- */

  function fold(text) {
    return String(text || "").toLowerCase().replace(/œ/g, "oe").replace(/æ/g, "ae").normalize("NFD").replace(MARKS, "");
  }

  function words(text) {
    return fold(text).split(/[^a-z0-9]+/).filter(Boolean);
  }

  /* A light French stemmer: plural and feminine endings only (both sides of a match use it). */
  function stem(word) {
    if (word.length > 3 && /[sx]$/.test(word) && !/ss$/.test(word)) word = word.slice(0, -1);
    if (word.length > 4 && /e$/.test(word)) word = word.slice(0, -1);
    return word;
  }

  function Engine(data) {
    var self = this;
    this.stop = new Set(data.stop || []);
    this.pages = data.pages.map(function (p) { return { url: p[0], title: p[1], summary: p[2] || "" }; });
    this.sections = data.sections.map(function (s) { return { page: s[0], anchor: s[1], title: s[2], text: s[3] }; });
    this.single = new Map();   /* term -> group numbers */
    this.phrases = new Map();  /* first term -> [{terms, group}] */
    this.members = [];         /* group number -> the words of its members (for highlighting) */
    (data.groups || []).forEach(function (group, number) {
      self.members[number] = [];
      group.forEach(function (member) {
        var terms = self.terms(member);
        if (!terms.length) return;
        self.members[number].push(member);
        if (terms.length === 1) {
          push(self.single, terms[0], number);
        } else {
          push(self.phrases, terms[0], { terms: terms, group: number });
        }
      });
    });
    this.pageTitle = this.pages.map(function (page) { return new Set(self.analyse(page.title)); });
    this.pageSummary = this.pages.map(function (page) { return new Set(self.analyse(page.summary)); });
    this.pageHeads = this.pages.map(function () { return new Set(); });
    this.pageCounts = this.pages.map(function () { return new Map(); });
    this.sectionHead = [];
    this.sectionCounts = [];
    this.sections.forEach(function (section, number) {
      var head = new Set(self.analyse(section.title));
      var counts = new Map();
      self.analyse(section.text).forEach(function (term) { counts.set(term, (counts.get(term) || 0) + 1); });
      self.sectionHead[number] = head;
      self.sectionCounts[number] = counts;
      head.forEach(function (term) { self.pageHeads[section.page].add(term); });
      counts.forEach(function (count, term) {
        var page = self.pageCounts[section.page];
        page.set(term, (page.get(term) || 0) + count);
      });
    });
    this.frequency = new Map();
    var vocabulary = new Set();
    this.pages.forEach(function (page, number) {
      var seen = new Set();
      [self.pageTitle[number], self.pageSummary[number], self.pageHeads[number], self.pageCounts[number]].forEach(function (terms) {
        terms.forEach(function (value, term) { seen.add(term); });  /* Set and Map alike: the key */
      });
      seen.forEach(function (term) {
        self.frequency.set(term, (self.frequency.get(term) || 0) + 1);
        if (term.charAt(0) !== "#") vocabulary.add(term);
      });
    });
    this.vocabulary = Array.from(vocabulary).sort();
  }

  function push(map, key, value) {
    var list = map.get(key);
    if (list) list.push(value); else map.set(key, [value]);
  }

  /* Meaningful stemmed terms of a text, in order. */
  Engine.prototype.terms = function (text) {
    var stop = this.stop;
    return words(text).filter(function (w) { return !stop.has(w); }).map(stem);
  };

  /* Terms of a text plus one "#n" term for each vocabulary group it mentions. */
  Engine.prototype.analyse = function (text) {
    var terms = this.terms(text);
    var found = terms.slice();
    for (var i = 0; i < terms.length; i++) {
      (this.single.get(terms[i]) || []).forEach(function (group) { found.push("#" + group); });
      (this.phrases.get(terms[i]) || []).forEach(function (phrase) {
        if (phrase.terms.every(function (term, k) { return terms[i + k] === term; })) found.push("#" + phrase.group);
      });
    }
    return found;
  };

  /* The concepts of a query: each is a list of [term, weight] alternatives, any of which matches. */
  Engine.prototype.concepts = function (query) {
    var self = this;
    var raw = words(query).filter(function (w) { return !self.stop.has(w); });
    var terms = raw.map(stem);
    var open = !/[\s'’-]$/.test(query);  /* the last word may still be being typed */
    var concepts = [];
    var forms = [];
    for (var i = 0; i < terms.length; i++) {
      var phrase = (this.phrases.get(terms[i]) || []).filter(function (p) {
        return p.terms.every(function (term, k) { return terms[i + k] === term; });
      })[0];
      if (phrase) {
        concepts.push([["#" + phrase.group, 1]]);
        forms = forms.concat(raw.slice(i, i + phrase.terms.length), this.members[phrase.group]);
        i += phrase.terms.length - 1;
        continue;
      }
      var alternatives = [[terms[i], 1]];
      (this.single.get(terms[i]) || []).forEach(function (group) {
        alternatives.push(["#" + group, 0.8]);
        forms = forms.concat(self.members[group]);
      });
      if (open && i === terms.length - 1 && raw[i].length > 1) {
        this.vocabulary.forEach(function (term) {
          if (term !== terms[i] && term.indexOf(raw[i]) === 0) alternatives.push([term, 0.7]);
        });
      }
      forms.push(raw[i]);
      concepts.push(alternatives);
    }
    return { concepts: concepts, forms: forms };
  };

  Engine.prototype.pageScore = function (number, term) {
    var score = 0;
    if (this.pageTitle[number].has(term)) score += 10;
    if (this.pageHeads[number].has(term)) score += 4;
    if (this.pageSummary[number].has(term)) score += 2;
    var count = this.pageCounts[number].get(term) || 0;
    return score + (count ? Math.min(3, 1 + Math.log(count)) : 0);
  };

  Engine.prototype.sectionScore = function (number, concepts) {
    var self = this;
    return concepts.reduce(function (total, alternatives) {
      return total + Math.max.apply(null, alternatives.map(function (alt) {
        var count = self.sectionCounts[number].get(alt[0]) || 0;
        return alt[1] * ((self.sectionHead[number].has(alt[0]) ? 4 : 0) + (count ? Math.min(3, 1 + Math.log(count)) : 0));
      }));
    }, 0);
  };

  Engine.prototype.search = function (query) {
    var self = this;
    var parsed = this.concepts(query);
    var concepts = parsed.concepts;
    if (!concepts.length) return { pages: [], forms: [] };
    var total = this.pages.length;
    var ranked = this.pages.map(function (page, number) {
      var matched = 0;
      var score = 0;
      concepts.forEach(function (alternatives) {
        /* The best alternative counts fully; equivalent words also present add a little. */
        var values = alternatives.map(function (alt) {
          var value = alt[1] * self.pageScore(number, alt[0]);
          return [value, Math.log(1 + total / (1 + (self.frequency.get(alt[0]) || 0)))];
        }).filter(function (v) { return v[0] > 0; }).sort(function (a, b) { return b[0] - a[0]; });
        if (!values.length) return;
        matched += 1;
        score += values[0][1] * values.reduce(function (sum, v, k) { return sum + v[0] * (k ? 0.25 / k : 1); }, 0);
      });
      return { number: number, matched: matched, score: score };
    }).filter(function (r) { return r.matched > 0; });
    var most = ranked.reduce(function (m, r) { return Math.max(m, r.matched); }, 0);
    ranked = ranked.filter(function (r) { return r.matched === most; });
    ranked.sort(function (a, b) { return b.score - a.score || self.pages[a.number].title.length - self.pages[b.number].title.length; });
    return {
      forms: parsed.forms,
      pages: ranked.slice(0, MAX_RESULTS).map(function (r) {
        var sections = [];
        self.sections.forEach(function (section, number) {
          if (section.page !== r.number) return;
          var score = self.sectionScore(number, concepts);
          if (score > 0) sections.push({ section: section, score: score });
        });
        sections.sort(function (a, b) { return b.score - a.score; });
        return { page: self.pages[r.number], sections: sections.slice(0, MAX_SECTIONS), score: r.score };
      })
    };
  };

  /* ---- Snippets: a readable extract around the first matching word, words marked ---- */

  function pattern(forms) {
    var alternatives = [];
    forms.forEach(function (form) {
      words(form).forEach(function (word) {
        if (word.length < 2) return;
        var source = word.split("").map(function (letter) {
          return LETTERS[letter] ? "[" + LETTERS[letter] + "]" : letter;
        }).join("").replace(/o\[eéèêë\]/g, "(?:o[eéèêë]|œ)");
        alternatives.push(source);
      });
    });
    if (!alternatives.length) return null;
    alternatives.sort(function (a, b) { return b.length - a.length; });
    return new RegExp("(^|[^\\p{L}\\p{N}])(" + alternatives.join("|") + ")[\\p{L}\\p{N}]*", "giu");
  }

  function extract(text, regex, size) {
    if (!text) return [];
    var start = 0;
    if (regex && text.length > size) {
      regex.lastIndex = 0;
      var first = regex.exec(text);
      if (first) start = Math.max(0, first.index - size / 3);
    }
    if (start > 0) {
      var space = text.indexOf(" ", start);
      start = space > -1 && space < start + 20 ? space + 1 : start;
    }
    var end = Math.min(text.length, start + size);
    if (end < text.length) {
      var cut = text.lastIndexOf(" ", end);
      end = cut > start ? cut : end;
    }
    var piece = (start > 0 ? "… " : "") + text.slice(start, end) + (end < text.length ? " …" : "");
    var parts = [];
    var last = 0;
    if (regex) {
      regex.lastIndex = 0;
      var match;
      while ((match = regex.exec(piece))) {
        var from = match.index + match[1].length;
        parts.push(piece.slice(last, from));
        parts.push({ mark: match[0].slice(match[1].length) });
        last = match.index + match[0].length;
        if (!match[0].length) regex.lastIndex += 1;
      }
    }
    parts.push(piece.slice(last));
    return parts;
  }

  function element(name, attributes, children) {
    var node = document.createElement(name);
    Object.keys(attributes || {}).forEach(function (key) { node.setAttribute(key, attributes[key]); });
    (children || []).forEach(function (child) {
      if (child === null || child === undefined || child === "") return;
      if (typeof child === "string") node.appendChild(document.createTextNode(child));
      else if (child.mark !== undefined) node.appendChild(element("mark", {}, [child.mark]));
      else node.appendChild(child);
    });
    return node;
  }

  /* ---- The user interface: Material's search markup, driven by this engine ---- */

  function translations() {
    try {
      return JSON.parse(document.getElementById("__config").textContent).translations || {};
    } catch (error) {
      return {};
    }
  }

  function Search(form, engine) {
    this.form = form;
    this.engine = engine;
    this.input = form.querySelector("input");
    this.meta = form.parentNode.querySelector(".md-search-result__meta");
    this.list = form.parentNode.querySelector(".md-search-result__list");
    this.toggle = document.getElementById("__search");
    this.base = new URL(form.getAttribute("data-pg-base") || ".", location.href);
    this.text = translations();
    this.query = null;
  }

  Search.prototype.label = function (count) {
    if (!this.input.value.trim()) return this.text["search.result.placeholder"] || "";
    if (count === 0) return this.text["search.result.none"] || "";
    if (count === 1) return this.text["search.result.one"] || "";
    return (this.text["search.result.other"] || "#").replace("#", String(count));
  };

  Search.prototype.link = function (url, heading, parts, document_) {
    var article = element("article", { class: "md-search-result__article md-typeset" }, [
      document_ ? element("div", { class: "md-search-result__icon md-icon" }) : null,
      element(document_ ? "h1" : "h2", {}, heading),
      parts.length ? element("p", {}, parts) : null
    ]);
    return element("a", { href: String(new URL(url, this.base)), class: "md-search-result__link" }, [article]);
  };

  Search.prototype.render = function () {
    var query = this.input.value;
    if (query === this.query) return;
    this.query = query;
    var found = query.trim() ? this.engine.search(query) : { pages: [], forms: [] };
    var regex = pattern(found.forms);
    var self = this;
    this.list.textContent = "";
    found.pages.forEach(function (result) {
      var page = result.page;
      var first = result.sections[0];
      var summary = first && !first.section.anchor ? first.section.text : (page.summary || (first ? first.section.text : ""));
      var titleParts = extract(page.title, regex, page.title.length + 1);
      var item = element("li", { class: "md-search-result__item" }, [
        self.link(page.url, titleParts, extract(summary, regex, 160), true)
      ]);
      result.sections.forEach(function (entry) {
        if (!entry.section.anchor) return;
        var section = entry.section;
        item.appendChild(self.link(page.url + "#" + section.anchor, extract(section.title, regex, section.title.length + 1), extract(section.text, regex, 160), false));
      });
      self.list.appendChild(item);
    });
    this.list.setAttribute("role", "list");
    this.meta.textContent = this.label(found.pages.length);
  };

  Search.prototype.open = function () {
    var toggle = this.toggle;
    /* After the current event: a click on the header's search label toggles the box by itself. */
    window.setTimeout(function () { if (toggle && !toggle.checked) toggle.click(); }, 0);
  };

  Search.prototype.close = function () {
    if (this.toggle && this.toggle.checked) this.toggle.click();
    this.input.blur();
  };

  Search.prototype.links = function () {
    return Array.prototype.slice.call(this.list.querySelectorAll("a.md-search-result__link"));
  };

  Search.prototype.keydown = function (event) {
    var links = this.links();
    var position = links.indexOf(document.activeElement);
    if (event.key === "Escape") {
      this.close();
      event.preventDefault();
    } else if (event.key === "Enter" && document.activeElement === this.input) {
      event.preventDefault();
      if (links.length) links[0].click();
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      var step = event.key === "ArrowDown" ? 1 : -1;
      var next = position + step;
      if (next < 0) this.input.focus(); else if (links[next]) links[next].focus();
      event.preventDefault();
    }
  };

  Search.prototype.bind = function () {
    var self = this;
    this.input.addEventListener("input", function () { self.render(); });
    this.input.addEventListener("focus", function () { self.open(); });
    this.form.addEventListener("submit", function (event) { event.preventDefault(); });
    this.form.addEventListener("reset", function () {
      window.setTimeout(function () { self.render(); self.input.focus(); }, 0);
    });
    this.form.parentNode.addEventListener("keydown", function (event) { self.keydown(event); });
    this.list.addEventListener("click", function (event) {
      if (event.target.closest && event.target.closest("a")) self.close();
    });
  };

  /* ---- Start: load the index (a script, so that file:// works), then serve the box ---- */

  function loadIndex(url, done) {
    if (window.__pgSearchIndex) return done(window.__pgSearchIndex);
    var script = document.createElement("script");
    script.src = url;
    script.async = true;
    script.onload = function () { done(window.__pgSearchIndex); };
    script.onerror = function () { done(null); };
    document.head.appendChild(script);
  }

  function start() {
    var form = document.querySelector("form[data-pg-search]");
    if (!form || form.__pgSearch) return;
    form.__pgSearch = true;
    loadIndex(form.getAttribute("data-pg-index"), function (data) {
      if (!data) return;
      var search = new Search(form, new Engine(data));
      search.bind();
      search.meta.textContent = search.label(0);
      var asked = new URLSearchParams(location.search).get("q");
      if (asked && !search.input.value) {
        search.input.value = asked;
        search.input.focus();
      }
      search.render();
      if (document.activeElement === search.input) search.open();
      window.pgSearch = { engine: search.engine, search: function (q) { return search.engine.search(q); } };
    });
  }

  start();
})();
