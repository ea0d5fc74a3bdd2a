// The query page: a CodeMirror editor (highlighting, completion of prefixes, classes and
// properties, the browser's history of queries), examples put in the editor with their
// parameters bound, and the answer as a table with IRIs shortened and linked, a chart of names
// and a number, and CSV/JSON downloads. Without JavaScript the form still submits to /sparql.
(function () {
  "use strict";
  var t = window.t;
  var textarea = document.getElementById("query");
  var form = document.getElementById("sparql-form");
  var status = document.getElementById("status");
  var warning = document.getElementById("warning");
  var output = document.getElementById("results");
  var chart = document.getElementById("chart");
  var downloads = document.getElementById("downloads");
  var history = document.getElementById("history");
  var vocabulary = JSON.parse(document.getElementById("sparql-vocabulary").textContent);
  var HISTORY_KEY = "helixgraph.sparql.history";
  var HISTORY_SIZE = 20;

  // -- the editor --------------------------------------------------------------------------
  var E = window.HelixEditor;
  var keywords = ["SELECT", "CONSTRUCT", "DESCRIBE", "ASK", "WHERE", "FILTER", "OPTIONAL", "UNION",
    "MINUS", "GRAPH", "BIND", "VALUES", "GROUP BY", "ORDER BY", "HAVING", "LIMIT", "OFFSET",
    "DISTINCT", "PREFIX", "COUNT", "SUM", "MIN", "MAX", "AVG", "SAMPLE", "GROUP_CONCAT", "LANG",
    "LANGMATCHES", "STR", "STRSTARTS", "CONTAINS", "REGEX", "LCASE", "UCASE", "IRI", "EXISTS",
    "NOT EXISTS", "FROM", "FROM NAMED", "AS", "ASC", "DESC"];

  function complete(context) {
    var word = context.matchBefore(/[A-Za-z_][\w\-]*:?[\w\-]*/);
    if (!word || (word.from === word.to && !context.explicit)) { return null; }
    var typed = word.text;
    var options = [];
    if (typed.indexOf(":") >= 0) {
      vocabulary.terms.forEach(function (term) {
        if (term.indexOf(typed.split(":")[0] + ":") === 0) { options.push({ label: term, type: "property" }); }
      });
    } else {
      Object.keys(vocabulary.prefixes).forEach(function (prefix) {
        options.push({ label: prefix + ":", type: "namespace", detail: vocabulary.prefixes[prefix] });
      });
      keywords.forEach(function (k) { options.push({ label: k, type: "keyword" }); });
    }
    return { from: word.from, options: options, validFor: /^[\w\-:]*$/ };
  }

  var view = null;
  if (E) {
    view = new E.EditorView({
      parent: document.getElementById("editor"),
      state: E.EditorState.create({
        doc: textarea.value,
        extensions: [
          E.lineNumbers(), E.history(), E.bracketMatching(), E.closeBrackets(), E.highlightActiveLine(),
          E.StreamLanguage.define(E.sparql),
          E.syntaxHighlighting(E.defaultHighlightStyle),
          E.autocompletion({ override: [complete], activateOnTyping: true }),
          E.keymap.of([].concat(E.closeBracketsKeymap, E.defaultKeymap, E.historyKeymap,
            E.completionKeymap, [E.indentWithTab])),
          E.EditorView.lineWrapping,
        ],
      }),
    });
    textarea.hidden = true;
    window.helixgraphEditor = view;
  }

  function query() { return view ? view.state.doc.toString() : textarea.value; }
  function setQuery(text) {
    if (view) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
      view.focus();
    } else {
      textarea.value = text;
      textarea.focus();
    }
  }

  // -- history, kept in this browser only ------------------------------------------------------
  function remembered() {
    try { return JSON.parse(window.localStorage.getItem(HISTORY_KEY) || "[]"); } catch (e) { return []; }
  }
  function showHistory() {
    var items = remembered();
    history.textContent = "";
    var first = document.createElement("option");
    first.value = "";
    first.textContent = items.length ? t("choose one…") : t("none yet");
    history.appendChild(first);
    items.forEach(function (text, i) {
      var option = document.createElement("option");
      option.value = String(i);
      option.textContent = text.replace(/\s+/g, " ").slice(0, 80);
      history.appendChild(option);
    });
  }
  function remember(text) {
    var items = remembered().filter(function (other) { return other !== text; });
    items.unshift(text);
    try { window.localStorage.setItem(HISTORY_KEY, JSON.stringify(items.slice(0, HISTORY_SIZE))); } catch (e) { /* private mode */ }
    showHistory();
  }
  history.addEventListener("change", function () {
    if (history.value !== "") { setQuery(remembered()[Number(history.value)]); }
  });
  showHistory();

  // -- examples with their parameters bound ---------------------------------------------------
  function term(type, value) {
    if (type === "helix") { return "hx:" + value; }
    if (type === "iri") { return "<" + value + ">"; }
    if (type === "integer") { return /^[+-]?\d+$/.test(value) ? value : null; }
    return JSON.stringify(value); // a SPARQL string: quotes and backslashes escaped alike
  }
  function bound(sparql, values) {
    // the values open the first group, so the engine starts from them
    var at = sparql.search(/\{/);
    if (!values.length || at < 0) { return sparql; }
    return sparql.slice(0, at + 1) + "\n  " + values.join("\n  ") + sparql.slice(at + 1);
  }
  document.querySelectorAll("form.example").forEach(function (example) {
    example.addEventListener("submit", function (event) {
      event.preventDefault();
      var values = [];
      var problem = null;
      example.querySelectorAll("[data-type]").forEach(function (input) {
        var value = term(input.dataset.type, input.value.trim());
        if (value === null || !input.value.trim()) { problem = input.name; return; }
        values.push("VALUES ?" + input.name + " { " + value + " }");
      });
      if (problem) {
        status.textContent = t("“{name}” needs a value of its type.", { name: problem });
        return;
      }
      setQuery(bound(example.dataset.query, values));
      status.textContent = t("The example is in the editor: press Run.");
    });
  });

  // -- the answer ------------------------------------------------------------------------------
  var namespaces = Object.keys(vocabulary.prefixes).map(function (p) { return [p, vocabulary.prefixes[p]]; })
    .sort(function (a, b) { return b[1].length - a[1].length; });
  var RECORDS = [
    [/^https:\/\/w3id\.org\/helixgraph\/id\/actor\/(.+)$/, "/api/actors/"],
    [/^https:\/\/w3id\.org\/helixgraph\/id\/cluster\/(.+)$/, "/api/clusters/"],
    [/^https:\/\/w3id\.org\/helixgraph\/id\/project\/(.+)$/, "/api/projects/"],
  ];
  function shortIri(iri) {
    for (var i = 0; i < namespaces.length; i++) {
      var ns = namespaces[i][1];
      if (iri.indexOf(ns) === 0 && /^[\w\-]*$/.test(iri.slice(ns.length))) { return namespaces[i][0] + ":" + iri.slice(ns.length); }
    }
    return "<" + iri + ">";
  }
  function cell(td, value) {
    if (!value) { return; }
    if (value.type === "uri") {
      var record = null;
      RECORDS.forEach(function (r) { var m = value.value.match(r[0]); if (m) { record = r[1] + m[1]; } });
      var a = document.createElement("a");
      a.textContent = shortIri(value.value);
      a.title = value.value;
      a.href = record || value.value;
      if (!record) { a.rel = "noopener"; a.target = "_blank"; }
      td.appendChild(a);
      return;
    }
    td.textContent = value.value + (value["xml:lang"] ? " @" + value["xml:lang"] : "");
  }
  function table(result) {
    var tbl = document.createElement("table");
    tbl.className = "figures results";
    var head = tbl.createTHead().insertRow();
    result.head.vars.forEach(function (name) {
      var th = document.createElement("th");
      th.scope = "col";
      th.textContent = name;
      head.appendChild(th);
    });
    var body = tbl.createTBody();
    result.results.bindings.forEach(function (row) {
      var tr = body.insertRow();
      result.head.vars.forEach(function (name) { cell(tr.insertCell(), row[name]); });
    });
    return tbl;
  }
  // names and a number (the last column): bars, the 30 largest; the names are the first column
  // of text where there is one ("business"), else the first column
  function drawChart(all) {
    var names = all.head.vars, bindings = all.results.bindings;
    if (names.length < 2) { return; }
    var number = names[names.length - 1];
    var label = names.slice(0, -1).filter(function (name) {
      return bindings.every(function (row) { return row[name] && row[name].type === "literal"; });
    })[0] || names[0];
    var vars = [label, number];
    var rows = bindings.filter(function (row) {
      return row[vars[0]] && row[vars[1]] && row[vars[1]].type === "literal" && isFinite(Number(row[vars[1]].value));
    });
    if (!rows.length || rows.length !== bindings.length) { return; }
    rows = rows.slice().sort(function (a, b) { return Number(b[vars[1]].value) - Number(a[vars[1]].value); }).slice(0, 30);
    var top = Math.max.apply(null, rows.map(function (r) { return Number(r[vars[1]].value); })) || 1;
    var svgNS = "http://www.w3.org/2000/svg";
    var row = 20, labelWidth = 260, width = 640;
    var svg = document.createElementNS(svgNS, "svg");
    svg.setAttribute("viewBox", "0 0 " + width + " " + (rows.length * row + 8));
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", vars[1] + " by " + vars[0]);
    rows.forEach(function (r, i) {
      var label = r[vars[0]].type === "uri" ? shortIri(r[vars[0]].value) : r[vars[0]].value;
      var value = Number(r[vars[1]].value);
      var text = document.createElementNS(svgNS, "text");
      text.setAttribute("x", labelWidth - 6); text.setAttribute("y", i * row + 15);
      text.setAttribute("text-anchor", "end"); text.setAttribute("font-size", "12");
      text.textContent = label.length > 40 ? label.slice(0, 38) + "…" : label;
      var bar = document.createElementNS(svgNS, "rect");
      bar.setAttribute("x", labelWidth); bar.setAttribute("y", i * row + 4);
      bar.setAttribute("height", row - 6); bar.setAttribute("fill", "#0072B2");
      bar.setAttribute("width", ((width - labelWidth - 60) * value / top).toFixed(1));
      var shown = document.createElementNS(svgNS, "text");
      shown.setAttribute("x", labelWidth + (width - labelWidth - 60) * value / top + 4);
      shown.setAttribute("y", i * row + 15); shown.setAttribute("font-size", "12");
      shown.textContent = String(value);
      svg.appendChild(text); svg.appendChild(bar); svg.appendChild(shown);
    });
    var figure = document.createElement("figure");
    figure.className = "chart";
    figure.appendChild(svg);
    var caption = document.createElement("figcaption");
    caption.textContent = vars[1] + " / " + vars[0];
    figure.appendChild(caption);
    chart.appendChild(figure);
  }

  function link(format, label) {
    var a = document.createElement("a");
    a.href = "/sparql?" + new URLSearchParams({ query: query(), format: format }).toString();
    a.download = "results." + format;
    a.textContent = label;
    a.className = "button";
    return a;
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = query();
    textarea.value = text;
    var format = document.getElementById("format").value;
    var wanted = format === "turtle" ? "turtle" : "json";
    status.textContent = t("Running…");
    warning.hidden = true;
    output.textContent = "";
    chart.textContent = "";
    downloads.textContent = "";
    remember(text);
    var started = performance.now();
    fetch("/sparql?" + new URLSearchParams({ query: text, format: wanted }).toString())
      .then(function (response) {
        var seconds = ((performance.now() - started) / 1000).toFixed(2);
        var cut = response.headers.get("Helix-Results-Truncated") === "true";
        var unknown = response.headers.get("Helix-Unknown-Terms");
        if (unknown) {
          warning.textContent = t("The ontology defines no {terms}: a typo? (Ctrl-Space lists the terms.)", { terms: unknown });
          warning.hidden = false;
        }
        if (!response.ok) {
          return response.json().then(function (body) { status.textContent = body.detail; });
        }
        if (wanted === "turtle") {
          return response.text().then(function (body) {
            var pre = document.createElement("pre");
            pre.textContent = body;
            output.appendChild(pre);
            status.textContent = t("Answered in {seconds} s", { seconds: seconds }) + (cut ? t(", cut at the row limit.") : ".");
          });
        }
        return response.json().then(function (body) {
          if ("boolean" in body) {
            status.textContent = t("Answer: {answer} ({seconds} s).", { answer: body.boolean, seconds: seconds });
            return;
          }
          drawChart(body);
          output.appendChild(table(body));
          status.textContent = t("{rows} rows in {seconds} s", { rows: body.results.bindings.length, seconds: seconds }) +
            (cut ? t(", cut at the row limit.") : ".");
          downloads.appendChild(link("csv", t("Download CSV")));
          downloads.appendChild(document.createTextNode(" "));
          downloads.appendChild(link("json", t("Download JSON")));
        });
      })
      .catch(function (error) { status.textContent = t("The query could not be sent: {error}", { error: String(error) }); });
  });
})();
