// Draws every <canvas data-chart="ID"> from the JSON in <script id="ID" type="application/json">
// (Django's json_script). Without JavaScript the data tables beside the charts remain; with it,
// the chart is shown and its table folds away behind its <details> summary.
(function () {
  "use strict";
  var COLOURS = ["#01689b", "#e17000", "#39870c", "#a90061", "#673327", "#42145f"];

  function options(config) {
    var scale = { stacked: !!config.stacked, beginAtZero: true, ticks: config.integer ? { precision: 0 } : {} };
    var y = Object.assign({}, scale);
    if (config.min !== undefined) { y.min = config.min; y.max = config.max; }
    var x = Object.assign({}, scale);
    if (config.xTitle) { x.title = { display: true, text: config.xTitle }; }
    return {
      indexAxis: config.horizontal ? "y" : "x",
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      spanGaps: true,
      plugins: { legend: { position: "bottom" } },
      scales: { x: x, y: y }
    };
  }

  function draw(canvas) {
    var source = document.getElementById(canvas.dataset.chart);
    if (!source || typeof window.Chart === "undefined") { return; }
    var config = JSON.parse(source.textContent);
    config.datasets.forEach(function (dataset, index) {
      var colour = COLOURS[index % COLOURS.length];
      dataset.backgroundColor = colour;
      dataset.borderColor = colour;
    });
    var figure = canvas.closest("figure");
    figure.hidden = false;
    var table = figure.parentElement.querySelector("details[data-chart-table]");
    if (table) { table.open = false; }
    new window.Chart(canvas, { type: config.type, data: { labels: config.labels, datasets: config.datasets }, options: options(config) });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("canvas[data-chart]").forEach(draw);
  });
})();
