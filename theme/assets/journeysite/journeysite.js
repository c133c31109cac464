/* journeysite: draw every chart on the page from its inert JSON options.
 *
 * Chart data sits HTML-escaped in the chart element's `data-jm-options` attribute and is only ever
 * read with JSON.parse: nothing on the page is evaluated as code. (Not in a
 * `<script type="application/json">`: Material's instant navigation re-creates every script of the
 * new page without its `type`, which would run the JSON as JavaScript and lose the chart.)
 *
 * Works with Material's instant navigation (document$ emits each new page: old charts are disposed,
 * new ones drawn), the light/dark palette switch (data-md-color-scheme on <body>: charts are redrawn
 * with the matching theme), resizes of the window or of the chart's container, and printing.
 *
 * Each drawn chart element gets `data-jm-theme="light|dark"` and `data-jm-drawn="<n>"` (n counts
 * the draws of this window), so tests and other scripts can wait for the drawn state. */
(function () {
  "use strict";
  var SELECTOR = ".jm-chart[data-jm-options]";
  var PRINT_WIDTH = 680; /* CSS px that fit the printable width of A4 and Letter, portrait */
  var charts = [];
  var draws = 0;
  var drawnTheme = null;
  var pending = false;
  var opened = [];
  var observer = typeof ResizeObserver === "function" ? new ResizeObserver(schedule) : null;

  function scheme() {
    return document.body && document.body.getAttribute("data-md-color-scheme") === "slate" ? "dark" : "light";
  }

  function options(el) {
    try {
      return JSON.parse(el.getAttribute("data-jm-options"));
    } catch (err) {
      el.removeAttribute("role");
      el.textContent = "This chart could not be drawn; its data table follows.";
      return null;
    }
  }

  function dispose() {
    if (observer) observer.disconnect();
    charts.forEach(function (c) { if (!c.isDisposed()) c.dispose(); });
    charts = [];
  }

  function draw() {
    dispose();
    label();
    if (typeof window.echarts === "undefined") return;
    var theme = (drawnTheme = scheme());
    draws += 1;
    document.querySelectorAll(SELECTOR).forEach(function (el) {
      var opts = options(el);
      if (!opts) return;
      var existing = window.echarts.getInstanceByDom(el);
      if (existing) existing.dispose();
      var chart = window.echarts.init(el, theme === "dark" ? "dark" : null, { renderer: "canvas", locale: "EN" });
      chart.setOption(opts); /* paints synchronously: the chart is on the canvas when this returns */
      charts.push(chart);
      el.setAttribute("data-jm-theme", theme);
      el.setAttribute("data-jm-drawn", String(draws));
      if (observer) observer.observe(el);
    });
  }

  function resize(size) {
    charts.forEach(function (c) { if (!c.isDisposed()) c.resize(size); });
  }

  /* One resize per frame, however many elements or events asked for it. */
  function schedule() {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(function () {
      pending = false;
      resize();
    });
  }

  /* Material leaves its search dialog without an accessible name; give it one. */
  function label() {
    var search = document.querySelector(".md-search[role=dialog]");
    if (search && !search.hasAttribute("aria-label") && !search.hasAttribute("aria-labelledby")) {
      search.setAttribute("aria-label", "Search");
    }
  }

  window.addEventListener("resize", schedule);
  window.addEventListener("beforeprint", function () {
    opened = [];
    document.querySelectorAll("details.jm-chart__data:not([open])").forEach(function (d) {
      d.open = true;
      opened.push(d);
    });
    charts.forEach(function (c) {
      if (c.isDisposed()) return;
      var width = Math.min(c.getDom().clientWidth || PRINT_WIDTH, PRINT_WIDTH);
      c.resize({ width: width });
    });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (d) { d.open = false; });
    opened = [];
    resize();
  });

  function watchScheme() {
    if (!document.body || typeof MutationObserver === "undefined") return;
    new MutationObserver(function () {
      if (scheme() !== drawnTheme) draw();
    }).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
  }

  function start() {
    watchScheme();
    if (window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe(draw);
      /* Opened from disk (file://), Material's document$ never emits: draw once the page has
         loaded if nothing has been drawn by then. */
      window.addEventListener("load", function () { if (draws === 0) draw(); });
    } else {
      draw();
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
