/*
 * Comparison tables: a chooser puts two options side by side (two columns, one row per criterion),
 * readable on a phone where the full table becomes one card per option. The data is read from the
 * table the page already shows; without this module the table (or its cards) remains.
 * Loaded by the core script (guide.js) on pages that show the component; uses its helpers (window.pg).
 */
(function () {
  "use strict";

  var pg = window.pg;
  var element = pg.element;

  function text(node) {
    return node ? node.textContent.replace(/[ \t\r\n]+/g, " ").replace(/^ | $/g, "") : "";  /* keeps no-break spaces */
  }

  /* The table's content: criteria (columns) and options (rows, with their values and links). */
  function readTable(table) {
    var criteria = Array.prototype.slice.call(table.querySelectorAll("thead th[data-pg-column]")).map(text);
    var options = Array.prototype.slice.call(table.querySelectorAll("tbody tr[data-pg-row]")).map(function (row) {
      var header = row.querySelector("th");
      var link = header.querySelector("a");
      return {
        id: row.getAttribute("data-pg-row"),
        title: text(header),
        href: link ? link.getAttribute("href") : null,
        values: Array.prototype.slice.call(row.querySelectorAll("td")).map(function (cell) {
          return text(cell.querySelector(".pg-table__value") || cell);
        })
      };
    });
    return { corner: text(table.querySelector("thead th")), criteria: criteria, options: options };
  }

  function select(id, label, options, chosen) {
    var wrapper = element("div", null, { "class": "pg-compare__choice" });
    wrapper.appendChild(element("label", label, { "for": id }));
    var node = element("select", null, { id: id });
    options.forEach(function (option, index) {
      var item = element("option", option.title, { value: String(index) });
      if (index === chosen) item.selected = true;
      node.appendChild(item);
    });
    wrapper.appendChild(node);
    return { wrapper: wrapper, node: node };
  }

  function headerCell(option) {
    var cell = element("th", null, { scope: "col" });
    if (option.href) cell.appendChild(element("a", option.title, { href: option.href }));
    else cell.textContent = option.title;
    return cell;
  }

  function initComparison(container, config) {
    var labels = config.labels;
    var table = container.querySelector("table");
    var data = readTable(table);
    if (data.options.length < 2) return;
    var id = container.getAttribute("data-pg-comparatif");
    var box = element("div", null, { "class": "pg-compare", role: "group", "aria-labelledby": id + "-compare-title" });
    box.appendChild(element("p", labels.table_compare, { "class": "pg-compare__title", id: id + "-compare-title" }));
    var choices = element("div", null, { "class": "pg-compare__choices" });
    var first = select(id + "-compare-a", labels.table_compare_first, data.options, 0);
    var second = select(id + "-compare-b", labels.table_compare_second, data.options, 1);
    choices.appendChild(first.wrapper);
    choices.appendChild(second.wrapper);
    box.appendChild(choices);
    /* On a phone, CSS lays each criterion out as a full-width line over the two values. */
    var result = element("table", null, { "class": "pg-compare__table", "data-pg-compare-result": "" });
    box.appendChild(result);

    function show() {
      var a = data.options[Number(first.node.value)];
      var b = data.options[Number(second.node.value)];
      result.textContent = "";
      result.appendChild(element("caption", pg.fill(labels.table_compare_caption, { a: a.title, b: b.title })));
      var head = element("thead");
      var row = element("tr");
      row.appendChild(element("th", labels.table_criterion, { scope: "col" }));
      row.appendChild(headerCell(a));
      row.appendChild(headerCell(b));
      head.appendChild(row);
      result.appendChild(head);
      var body = element("tbody");
      data.criteria.forEach(function (criterion, index) {
        var line = element("tr");
        line.appendChild(element("th", criterion, { scope: "row" }));
        line.appendChild(element("td", a.values[index]));
        line.appendChild(element("td", b.values[index]));
        body.appendChild(line);
      });
      result.appendChild(body);
    }

    first.node.addEventListener("change", show);
    second.node.addEventListener("change", show);
    show();
    container.parentNode.insertBefore(box, container);
  }

  pg.register("[data-pg-comparatif]", initComparison);
})();
