// The dashboard's what-if panel: asks /api/analysis/what-if for the scope on the page (the
// card's data-query) and shows every headline figure before and after.
(function () {
  "use strict";
  var t = window.t; // the page's language (base.html)
  var card = document.getElementById("whatif-card");
  if (!card) { return; }
  var form = document.getElementById("whatif-form");
  var message = document.getElementById("whatif-message");
  var table = document.getElementById("whatif-result");
  // a name is matched without regard to case or accents ("szechenyi" finds "Széchenyi")
  function fold(text) { return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); }
  var ids = {};
  document.querySelectorAll("#scope-actors option").forEach(function (option) {
    // its name on the page, and any other it goes by (English, Hungarian, as CORDIS wrote it)
    [option.value].concat((option.dataset.names || "").split("|")).forEach(function (name) {
      var key = fold(name);
      if (key && !(key in ids)) { ids[key] = option.dataset.id; }
    });
  });
  var FIGURES = [
    ["nodes", t("actors")], ["ties", t("ties")], ["components", t("separate parts")],
    ["largest_component_share", t("share in the largest part")], ["isolates", t("standing alone")],
    ["fragmentation", t("fragmentation F")], ["distance_fragmentation", t("distance fragmentation")]
  ];
  var locale = card.dataset.lang === "hu" ? "hu-HU" : "en";

  function actor(input) {
    var name = input.value.trim();
    if (!name) { return null; }
    if (!(fold(name) in ids)) { throw new Error(t("“{name}” is not an actor of this ecosystem: pick one from the list", { name: name })); }
    return ids[fold(name)];
  }

  function show(value) {
    var text = Number.isInteger(value) ? value.toLocaleString(locale)
      : value.toLocaleString(locale, { minimumFractionDigits: 4, maximumFractionDigits: 4 });
    return text.replace(/^-/, "\u2212"); // one minus sign, as the page's tables write it
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var scenario = { remove: [], add: [] };
    try {
      var leaving = actor(document.getElementById("whatif-remove"));
      var a = actor(document.getElementById("whatif-a"));
      var b = actor(document.getElementById("whatif-b"));
      if (leaving) { scenario.remove.push(leaving); }
      if (a && b) { scenario.add.push([a, b]); } else if (a || b) { throw new Error(t("a new tie needs two actors")); }
      var joinA = document.getElementById("whatif-join-a"), joinB = document.getElementById("whatif-join-b");
      if (joinA && (joinA.value || joinB.value)) {
        if (!joinA.value || !joinB.value || joinA.value === joinB.value) { throw new Error(t("pick two different clusters to merge")); }
        scenario.join = [[joinA.value, joinB.value]];
      }
      if (!scenario.remove.length && !scenario.add.length && !scenario.join) { throw new Error(t("pick an actor that leaves, or two for a new tie")); }
    } catch (error) {
      message.textContent = error.message;
      return;
    }
    message.textContent = t("computing…");
    var query = card.dataset.query;
    fetch("/api/analysis/what-if" + (query ? "?" + query : ""), {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(scenario)
    }).then(function (response) {
      return response.json().then(function (body) { return { ok: response.ok, body: body }; });
    }).then(function (answer) {
      if (!answer.ok) { throw new Error(answer.body.detail || t("the server could not answer")); }
      var rows = table.querySelector("tbody");
      rows.textContent = "";
      FIGURES.forEach(function (figure) {
        var row = document.createElement("tr");
        row.id = "whatif-" + figure[0];
        [figure[1], show(answer.body.before[figure[0]]), show(answer.body.after[figure[0]]),
         (answer.body.change[figure[0]] > 0 ? "+" : "") + show(answer.body.change[figure[0]])
        ].forEach(function (text) {
          var cell = document.createElement("td");
          cell.textContent = text;
          row.appendChild(cell);
        });
        rows.appendChild(row);
      });
      table.hidden = false;
      message.textContent = "";
    }).catch(function (error) { message.textContent = error.message; });
  });
})();
