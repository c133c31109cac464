/* journeysite: draw every chart on the page from its inert JSON options.
 * Works with Material's instant navigation (document$), the light/dark palette switch
 * (data-md-color-scheme on <body>) and window resizes. No data is ever evaluated as code. */
(function () {
  "use strict";
  var charts = [];

  function scheme() {
    return document.body && document.body.getAttribute("data-md-color-scheme") === "slate" ? "dark" : null;
  }

  function options(el) {
    var source = document.getElementById(el.getAttribute("data-options"));
    if (!source) return null;
    try {
      return JSON.parse(source.textContent);
    } catch (err) {
      el.textContent = "This chart could not be drawn; its data table follows.";
      return null;
    }
  }

  function dispose() {
    charts.forEach(function (c) { if (!c.isDisposed()) c.dispose(); });
    charts = [];
  }

  function draw() {
    dispose();
    if (typeof window.echarts === "undefined") return;
    var theme = scheme();
    document.querySelectorAll(".jm-chart").forEach(function (el) {
      var opts = options(el);
      if (!opts) return;
      var existing = window.echarts.getInstanceByDom(el);
      if (existing) existing.dispose();
      var chart = window.echarts.init(el, theme, { renderer: "canvas" });
      chart.setOption(opts);
      charts.push(chart);
    });
  }

  function resize() {
    charts.forEach(function (c) { if (!c.isDisposed()) c.resize(); });
  }

  window.addEventListener("resize", resize);
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details.jm-chart__data").forEach(function (d) { d.open = true; });
    resize();
  });

  function watchScheme() {
    if (!document.body || typeof MutationObserver === "undefined") return;
    new MutationObserver(function (changes) {
      if (changes.some(function (c) { return c.attributeName === "data-md-color-scheme"; })) draw();
    }).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
  }

  function start() {
    watchScheme();
    if (window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe(draw);
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
