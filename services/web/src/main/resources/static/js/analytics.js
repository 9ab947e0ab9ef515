// The analytics pages' script (decision 0058), loaded from this site only (the pages' CSP allows no inline script):
// the live view follows the page's own event stream, the report draws its chart with Chart.js from the canvas's data
// attributes, and the snippet page copies the snippet. Every page works without it: a reload shows new figures, the
// report's figures are also a table, the snippet can be selected by hand.
(function () {
  "use strict";

  function text(tag, value) {
    var cell = document.createElement(tag);
    cell.textContent = value;
    return cell;
  }

  function numberCell(value, format) {
    var cell = text("td", format.format(value));
    cell.className = "num";
    return cell;
  }

  function fill(tbody, rows) {
    while (tbody.firstChild) { tbody.removeChild(tbody.firstChild); }
    rows.forEach(function (cells) {
      var tr = document.createElement("tr");
      cells.forEach(function (cell) { tr.appendChild(cell); });
      tbody.appendChild(tr);
    });
  }

  function live(section) {
    if (!window.EventSource) { return; }
    var lang = section.dataset.lang || "en";
    var numbers = new Intl.NumberFormat(lang);
    var times = new Intl.DateTimeFormat(lang, { timeZone: section.dataset.zone, hour: "2-digit", minute: "2-digit" });
    var status = document.getElementById("live-status");

    function time(iso) {
      var el = document.createElement("time");
      el.setAttribute("datetime", iso);
      el.textContent = times.format(new Date(iso));
      var cell = document.createElement("td");
      cell.appendChild(el);
      return cell;
    }

    function show(snapshot) {
      document.getElementById("live-visitors").textContent = numbers.format(snapshot.visitors);
      document.getElementById("live-pageviews").textContent = numbers.format(snapshot.pageviews);
      var at = document.getElementById("live-at");
      at.setAttribute("datetime", snapshot.at);
      at.textContent = times.format(new Date(snapshot.at));
      fill(document.querySelector("#live-pages tbody"), snapshot.topPages.map(function (p) {
        return [text("td", p.path), numberCell(p.pageviews, numbers)];
      }));
      fill(document.querySelector("#live-countries tbody"), snapshot.countries.map(function (c) {
        return [text("td", c.country), numberCell(c.visitors, numbers)];
      }));
      fill(document.querySelector("#live-events tbody"), snapshot.lastEvents.map(function (e) {
        return [time(e.receivedAt), text("td", e.type === e.name ? e.type : e.type + ": " + e.name), text("td", e.path),
          text("td", e.source), text("td", e.country), text("td", e.device)];
      }));
      section.dataset.updates = String(Number(section.dataset.updates || "0") + 1);
    }

    var stream = new EventSource(section.dataset.stream);
    stream.addEventListener("open", function () { status.textContent = section.dataset.connected; });
    stream.addEventListener("realtime", function (event) {
      try { show(JSON.parse(event.data)); } catch (ignored) { /* a malformed event changes nothing */ }
    });
    stream.addEventListener("problem", function () {
      stream.close();
      status.textContent = section.dataset.refused;
    });
    stream.addEventListener("error", function () {
      if (stream.readyState !== EventSource.CLOSED) { status.textContent = section.dataset.lost; }
    });
  }

  function chart(canvas) {
    if (!window.Chart) { return; }
    var lang = canvas.dataset.lang || "en";
    var numbers = new Intl.NumberFormat(lang);
    new window.Chart(canvas, {
      type: "line",
      data: {
        labels: JSON.parse(canvas.dataset.labels),
        datasets: [
          { label: canvas.dataset.labelVisitors, data: JSON.parse(canvas.dataset.visitors), borderColor: "#1f6feb",
            backgroundColor: "#1f6feb", tension: 0.2 },
          { label: canvas.dataset.labelPageviews, data: JSON.parse(canvas.dataset.pageviews), borderColor: "#b35900",
            backgroundColor: "#b35900", tension: 0.2 }
        ]
      },
      options: {
        maintainAspectRatio: false,
        animation: false,
        locale: lang,
        interaction: { mode: "index", intersect: false },
        scales: { y: { beginAtZero: true, ticks: { callback: function (v) { return numbers.format(v); } } } }
      }
    });
    canvas.dataset.drawn = "true";
  }

  function copy(button) {
    var source = document.getElementById(button.dataset.copy);
    if (!source || !navigator.clipboard) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(source.value).then(function () {
        document.getElementById("copy-status").textContent = button.dataset.copied;
      }, function () {
        source.select();
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var section = document.getElementById("live");
    if (section && section.dataset.stream) { live(section); }
    var canvas = document.getElementById("report-chart");
    if (canvas) { chart(canvas); }
    var button = document.getElementById("copy-snippet");
    if (button) { copy(button); }
  });
})();
