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
 * Each chart holds an SVG drawn at build time (shown without JavaScript, in TechDocs and in
 * print); drawing a chart replaces it. Each drawn chart element gets `data-jm-theme="light|dark"` and `data-jm-drawn="<n>"` (n counts
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
    downloads();
    if (typeof window.echarts === "undefined") return;
    var theme = (drawnTheme = scheme());
    draws += 1;
    document.querySelectorAll(SELECTOR).forEach(function (el) {
      var opts = options(el);
      if (!opts) return;
      var existing = window.echarts.getInstanceByDom(el);
      if (existing) existing.dispose();
      /* The build-time drawing stands in for readers without scripts; ECharts replaces it. */
      el.querySelectorAll(":scope > svg.jm-svg").forEach(function (svg) { svg.remove(); });
      var chart = window.echarts.init(el, theme === "dark" ? "dark" : null, { renderer: "canvas", locale: "EN" });
      fitLabels(el, opts);
      chart.setOption(opts); /* paints synchronously: the chart is on the canvas when this returns */
      charts.push(chart);
      el.setAttribute("data-jm-theme", theme);
      el.setAttribute("data-jm-drawn", String(draws));
      if (observer) observer.observe(el);
    });
  }

  /* "Download map as PNG": the whole grid of a journey, emotion lane included, drawn by the
     vendored html-to-image into a PNG on this machine. The button stays hidden without it. */
  function downloads() {
    if (typeof window.htmlToImage === "undefined") return;
    document.querySelectorAll("button[data-jm-download]").forEach(function (button) {
      button.hidden = false;
      if (button.hasAttribute("data-jm-ready")) return;
      button.setAttribute("data-jm-ready", "");
      button.addEventListener("click", function () { downloadMap(button); });
    });
  }

  function downloadMap(button) {
    var canvas = button.closest(".jm-canvas");
    var grid = canvas && canvas.querySelector("table.jm-grid");
    if (!grid) return;
    var width = grid.scrollWidth;
    var height = grid.scrollHeight;
    var background = window.getComputedStyle(document.body).backgroundColor || "#ffffff";
    button.disabled = true;
    window.htmlToImage.toPng(grid, {
      width: width,
      height: height,
      pixelRatio: width * height > 8000000 ? 1 : 2,
      backgroundColor: background,
      skipFonts: true,
      style: { margin: "0" }
    }).then(function (url) {
      var link = document.createElement("a");
      link.download = (button.getAttribute("data-jm-download") || "journey-map") + ".png";
      link.href = url;
      document.body.appendChild(link);
      link.click();
      link.remove();
    }).catch(function (err) {
      console.warn("journeysite: the map could not be made into an image", err);
    }).then(function () {
      button.disabled = false;
    });
  }

  /* Category labels marked `jmFit` are cut to their slot of the chart's actual width, so
     neighbouring labels never overlap (the full text is in the tooltip and the data table). */
  function fitLabels(el, opts, width) {
    var axes = opts && opts.xAxis ? [].concat(opts.xAxis) : [];
    var changed = false;
    axes.forEach(function (axis) {
      var label = axis && axis.axisLabel;
      if (!label || !label.jmFit || !axis.data || !axis.data.length) return;
      var plot = (width || el.clientWidth || 400) - (label.jmReserve || 150);
      label.width = Math.max(24, Math.floor(plot / axis.data.length) - 8);
      changed = true;
    });
    return changed ? { xAxis: axes } : null;
  }

  function resize(size) {
    charts.forEach(function (c) {
      if (c.isDisposed()) return;
      var el = c.getDom();
      var fitted = fitLabels(el, c.getOption(), size && size.width);
      if (fitted) c.setOption(fitted);
      c.resize(size);
    });
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
