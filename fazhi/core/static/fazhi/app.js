// Charts: any element with data-chart="ID" is drawn from the JSON in <script id="ID" type="application/json">.
// Clicking a point follows data[i].url when the option's series carry one.
(function () {
  function draw(root) {
    if (!window.echarts) return;
    root.querySelectorAll("[data-chart]").forEach(function (el) {
      var src = document.getElementById(el.dataset.chart);
      if (!src || el.dataset.drawn) return;
      var option = JSON.parse(src.textContent);
      var chart = echarts.init(el);
      chart.setOption(option);
      chart.on("click", function (p) { if (p.data && p.data.url) window.location = p.data.url; });
      window.addEventListener("resize", function () { chart.resize(); });
      el.dataset.drawn = "1";
    });
  }
  document.addEventListener("DOMContentLoaded", function () { draw(document); });
  document.addEventListener("htmx:afterSwap", function (e) { draw(e.target); });
  // Confirm dangerous buttons without inline JS: <button data-confirm="确定?">
  document.addEventListener("click", function (e) {
    var el = e.target.closest("[data-confirm]");
    if (el && !window.confirm(el.dataset.confirm)) { e.preventDefault(); e.stopPropagation(); }
  }, true);
})();
