// The query page: examples go into the editor; Run shows the answer as a table (or text for a
// graph) with CSV and JSON downloads; without JavaScript the form still submits to /sparql.
(function () {
  "use strict";
  var editor = document.getElementById("query");
  var form = document.getElementById("sparql-form");
  var status = document.getElementById("status");
  var output = document.getElementById("results");
  var downloads = document.getElementById("downloads");

  document.querySelectorAll("button.example").forEach(function (button) {
    button.addEventListener("click", function () {
      editor.value = button.dataset.query;
      editor.focus();
    });
  });

  function link(format, label) {
    var a = document.createElement("a");
    a.href = "/sparql?" + new URLSearchParams({ query: editor.value, format: format }).toString();
    a.download = "results." + format;
    a.textContent = label;
    a.className = "button";
    return a;
  }

  function cell(term) {
    if (!term) { return ""; }
    if (term.type === "literal" && term["xml:lang"]) { return term.value + " @" + term["xml:lang"]; }
    return term.value;
  }

  function table(result) {
    var t = document.createElement("table");
    t.className = "figures results";
    var head = t.createTHead().insertRow();
    result.head.vars.forEach(function (name) {
      var th = document.createElement("th");
      th.scope = "col";
      th.textContent = name;
      head.appendChild(th);
    });
    var body = t.createTBody();
    result.results.bindings.forEach(function (row) {
      var tr = body.insertRow();
      result.head.vars.forEach(function (name) { tr.insertCell().textContent = cell(row[name]); });
    });
    return t;
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var format = document.getElementById("format").value;
    var wanted = format === "turtle" ? "turtle" : "json";
    status.textContent = "Running…";
    output.textContent = "";
    downloads.textContent = "";
    var started = performance.now();
    fetch("/sparql?" + new URLSearchParams({ query: editor.value, format: wanted }).toString())
      .then(function (response) {
        var seconds = ((performance.now() - started) / 1000).toFixed(2);
        var cut = response.headers.get("Helix-Results-Truncated") === "true";
        if (!response.ok) {
          return response.json().then(function (body) { status.textContent = body.detail; });
        }
        if (wanted === "turtle") {
          return response.text().then(function (text) {
            var pre = document.createElement("pre");
            pre.textContent = text;
            output.appendChild(pre);
            status.textContent = "Answered in " + seconds + " s" + (cut ? " (cut at the row limit)." : ".");
          });
        }
        return response.json().then(function (body) {
          if ("boolean" in body) {
            status.textContent = "Answer: " + body.boolean + " (" + seconds + " s).";
            return;
          }
          output.appendChild(table(body));
          status.textContent = body.results.bindings.length + " rows in " + seconds + " s" +
            (cut ? ", cut at the row limit." : ".");
          downloads.appendChild(link("csv", "Download CSV"));
          downloads.appendChild(document.createTextNode(" "));
          downloads.appendChild(link("json", "Download JSON"));
        });
      })
      .catch(function (error) { status.textContent = "The query could not be sent: " + error; });
  });
})();
