// The data page: checks and imports files through /api/imports, removes a source through
// DELETE /api/sources/…; the update token is kept for this browser tab only (sessionStorage),
// never in the page or a URL.
(function () {
  "use strict";
  var t = window.t; // the page's language (base.html)
  var form = document.getElementById("upload");
  var outcome = document.getElementById("outcome");
  var token = document.getElementById("token");
  if (token) { token.value = sessionStorage.getItem("helixgraph-token") || ""; }

  function headers() {
    if (!token || !token.value) { return {}; }
    sessionStorage.setItem("helixgraph-token", token.value);
    return { "Authorization": "Bearer " + token.value };
  }

  function show(kind, lines) {
    outcome.textContent = "";
    lines.forEach(function (line, i) {
      var p = document.createElement(i === 0 ? "p" : "li");
      p.textContent = line;
      if (i === 0) { p.className = kind; outcome.appendChild(p); }
      else {
        var list = outcome.querySelector("ul") || outcome.appendChild(document.createElement("ul"));
        list.appendChild(p);
      }
    });
  }

  function refused(response, body) {
    if (response.status === 401 || response.status === 403) {
      return t("Writing needs the server's update token: {why}", { why: body.detail });
    }
    return typeof body.detail === "string" ? body.detail : t("the server refused the request ({status})", { status: response.status });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var apply = event.submitter && event.submitter.value === "apply";
    var files = document.getElementById("files").files;
    var size = 0;
    for (var i = 0; i < files.length; i++) { size += files[i].size; }
    if (size > Number(form.dataset.max)) {
      show("error", [t("The files are over the server's limit of {n} bytes.", { n: Number(form.dataset.max).toLocaleString() })]);
      return;
    }
    var data = new FormData(form);
    data.set("skip_invalid", document.getElementById("skip-invalid").checked ? "true" : "false");
    show("note", [apply ? t("Importing…") : t("Checking…")]);
    fetch("/api/imports" + (apply ? "" : "?check=true"), { method: "POST", body: data, headers: apply ? headers() : {} })
      .then(function (response) {
        return response.json().then(function (body) { return [response, body]; });
      })
      .then(function (answer) {
        var response = answer[0], body = answer[1];
        if (!response.ok) {
          var problems = body.problems || [];
          show("error", [problems.length
            ? t("{n} problem(s); nothing was written. Mend them, or tick “leave out rows with a problem”.", { n: problems.length })
            : refused(response, body)].concat(problems));
          return;
        }
        // the importer says what comes in in English; another language gets the rows counted
        var rows = body.rows_written === null ? body.rows_read : body.rows_written;
        var summary = document.documentElement.lang === "en" || rows === null ? body.summary
          : t("{n} rows", { n: rows.toLocaleString(document.documentElement.lang) });
        var lines = [body.checked
          ? t("Checked: {summary}. Nothing was written.", { summary: summary })
          : t("Imported: {summary}; {n} triples.", { summary: summary, n: body.triples.toLocaleString() })];
        if (body.rows_rejected) { lines.push(t("{n} rows with a problem left out", { n: body.rows_rejected })); }
        body.graphs.forEach(function (graph) { lines.push(t("graph {graph}", { graph: graph })); });
        show(body.checked ? "note" : "done", lines);
        if (body.checked && body.kind === "spreadsheet") { offerLinks(); }
        if (!body.checked) { applyLinks(body.source).then(function () { window.location.reload(); }); }
      })
      .catch(function (error) { show("error", [String(error)]); });
  });

  // -- the list's actors among the EU organisations: proposed, accepted or not, recorded --
  var links = document.getElementById("links");

  function offerLinks() {
    var button = document.createElement("button");
    button.type = "button";
    button.id = "find-links";
    button.textContent = t("Find them among the EU organisations");
    button.addEventListener("click", findLinks);
    outcome.appendChild(button);
  }

  function findLinks() {
    var data = new FormData();
    Array.prototype.forEach.call(document.getElementById("files").files, function (file) { data.append("files", file); });
    links.textContent = t("Looking…");
    fetch("/api/link", { method: "POST", body: data })
      .then(function (response) { return response.json().then(function (body) { return [response, body]; }); })
      .then(function (answer) {
        if (!answer[0].ok) { links.textContent = refused(answer[0], answer[1]); return; }
        drawLinks(answer[1]);
      })
      .catch(function (error) { links.textContent = String(error); });
  }

  function cell(row, text) { var td = row.insertCell(); td.textContent = text; return td; }

  function drawLinks(found) {
    links.textContent = "";
    var note = document.createElement("p");
    var proposed = found.filter(function (link) { return link.pic; }).length;
    note.textContent = t("{n} of {total} found among the EU organisations. Untick a wrong one: an accepted link makes the actor and its EU record one actor.", { n: proposed, total: found.length });
    links.appendChild(note);
    var table = document.createElement("table");
    table.id = "link-table";
    var head = table.createTHead().insertRow();
    [t("accept"), t("in your list"), t("EU record"), t("city"), t("score")].forEach(function (text) {
      var th = document.createElement("th"); th.textContent = text; head.appendChild(th);
    });
    var body = table.createTBody();
    found.forEach(function (link) {
      var row = body.insertRow();
      row.dataset.id = link.id;
      var box = document.createElement("input");
      box.type = "checkbox";
      box.checked = Boolean(link.pic);
      box.disabled = !link.pic;
      box.dataset.pic = link.pic || "";
      box.setAttribute("aria-label", link.name);
      row.insertCell().appendChild(box);
      cell(row, link.name);
      cell(row, link.pic ? link.matched_name : t("none close enough"));
      cell(row, link.pic ? (link.matched_city || "") : "");
      cell(row, link.score.toLocaleString()).className = "number";
    });
    links.appendChild(table);
  }

  function applyLinks(source) {
    var accepted = Array.prototype.filter.call(links.querySelectorAll("tbody input:checked"), function (box) { return box.dataset.pic; })
      .map(function (box) { return { id: box.closest("tr").dataset.id, pic: box.dataset.pic }; });
    if (!accepted.length) { return Promise.resolve(); }
    return fetch("/api/link/apply", {
      method: "POST",
      headers: Object.assign({ "Content-Type": "application/json" }, headers()),
      body: JSON.stringify({ source: source, links: accepted })
    }).then(function (response) {
      return response.json().then(function (body) {
        if (!response.ok) { show("error", [refused(response, body)]); throw new Error(body.detail); }
      });
    });
  }

  // a write to one source, then the page as the store now is
  function change(method, path) {
    fetch("/api/sources/" + path, { method: method, headers: headers() })
      .then(function (response) {
        return response.json().then(function (body) { return [response, body]; });
      })
      .then(function (answer) {
        if (!answer[0].ok) { show("error", [refused(answer[0], answer[1])]); return; }
        window.location.reload();
      })
      .catch(function (error) { show("error", [String(error)]); });
  }

  document.querySelectorAll("button.restore").forEach(function (button) {
    button.addEventListener("click", function () {
      change("POST", encodeURIComponent(button.dataset.graph) + "/restore");
    });
  });

  document.querySelectorAll("button.remove").forEach(function (button) {
    button.addEventListener("click", function () {
      var graph = button.dataset.graph;
      if (!window.confirm(t("Remove the graph {graph} from the store?", { graph: graph }))) { return; }
      change("DELETE", encodeURIComponent(graph));
    });
  });
})();
