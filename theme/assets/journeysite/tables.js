/* journeysite: sortable and filterable tables, as progressive enhancement of real <table>s.
 * Without JavaScript the tables read as written (in their meaningful default order). With it:
 * - tables marked data-jm-sortable sort by any column through the vendored tablesort (MIT);
 *   each heading gets a button (click, Enter or Space), and aria-sort tells the current order;
 * - tables marked data-jm-filter get a text filter, an optional toggle (data-jm-toggle names the
 *   row attribute data-<name>="true" it keeps) and a live count of the rows shown.
 * Runs on every page of Material's instant navigation (document$), else once on load. */
(function () {
  "use strict";

  function sortable(table) {
    if (typeof window.Tablesort !== "function") return;
    new window.Tablesort(table);
    var headings = table.tHead ? table.tHead.rows[table.tHead.rows.length - 1].cells : [];
    Array.prototype.forEach.call(headings, function (th) {
      if (th.getAttribute("data-sort-method") === "none") return;
      // tablesort made the heading itself focusable; a button is what assistive tech announces.
      th.removeAttribute("tabindex");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "jm-sort";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
    });
  }

  function filterable(table) {
    var noun = table.getAttribute("data-jm-filter") || "rows";
    var flag = table.getAttribute("data-jm-toggle");
    var rows = Array.prototype.slice.call(table.tBodies[0] ? table.tBodies[0].rows : []);
    var texts = rows.map(function (row) { return row.textContent.toLowerCase(); });

    var bar = document.createElement("div");
    bar.className = "jm-filter";
    bar.setAttribute("role", "search");
    var label = document.createElement("label");
    label.textContent = "Filter " + noun + " ";
    var input = document.createElement("input");
    input.type = "search";
    input.className = "md-input jm-filter__text";
    input.placeholder = "journey, team, channel…";
    label.appendChild(input);
    bar.appendChild(label);

    var toggle = null;
    if (flag) {
      var toggleLabel = document.createElement("label");
      toggleLabel.className = "jm-filter__toggle";
      toggle = document.createElement("input");
      toggle.type = "checkbox";
      toggleLabel.appendChild(toggle);
      toggleLabel.appendChild(document.createTextNode(" " + (table.getAttribute("data-jm-toggle-label") || flag)));
      bar.appendChild(toggleLabel);
    }
    var status = document.createElement("span");
    status.className = "jm-filter__status";
    status.setAttribute("role", "status");
    bar.appendChild(status);

    function apply() {
      var terms = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      var onlyFlagged = toggle !== null && toggle.checked;
      var shown = 0;
      rows.forEach(function (row, i) {
        var visible = (!onlyFlagged || row.getAttribute("data-" + flag) === "true") &&
          terms.every(function (term) { return texts[i].indexOf(term) !== -1; });
        row.hidden = !visible;
        if (visible) shown += 1;
      });
      status.textContent = "Showing " + shown + " of " + rows.length + " " + noun;
    }

    input.addEventListener("input", apply);
    if (toggle) toggle.addEventListener("change", apply);
    var anchor = table.closest(".jm-scroll") || table;
    anchor.parentNode.insertBefore(bar, anchor);
    apply();
  }

  function enhance() {
    document.querySelectorAll("table[data-jm-sortable], table[data-jm-filter]").forEach(function (table) {
      if (table.hasAttribute("data-jm-enhanced")) return;
      table.setAttribute("data-jm-enhanced", "");
      if (table.hasAttribute("data-jm-sortable")) sortable(table);
      if (table.hasAttribute("data-jm-filter")) filterable(table);
    });
  }

  function start() {
    if (window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe(enhance);
      window.addEventListener("load", enhance); /* file:// pages, where document$ never emits */
    } else {
      enhance();
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
