// The graph explorer: draws the data the server laid out, and runs the filters, the search, the
// ego network, the side panel and size-by-metric on that data alone (so an exported file works
// offline). The vis-network instance is window.network, as on pyvis pages; window.helixgraph
// offers visibleNodes() and focus(id) to tests and scripts. A big picture comes summarised: the
// nodes not "core" are hidden in one hexagon per community, opened with a click; any filter
// draws every matching node instead.
(function () {
  "use strict";
  var t = window.t || function (text, values) { // the page's language (base.html), else English
    return text.replace(/\{(\w+)\}/g, function (all, name) { return values && name in values ? values[name] : all; });
  };
  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var grouped = data.nodes.some(function (node) { return node.kind === "community"; });
  var byId = {};
  var neighbours = {};
  data.nodes.forEach(function (node) {
    byId[node.id] = node;
    neighbours[node.id] = [];
    node.baseSize = node.size;
    node.name = node.label;
    node.unnamed = /^(unnamed |név nélküli )/.test(node.label || "");
  });
  data.edges.forEach(function (edge, index) {
    edge.id = "e" + index;
    edge.weight = edge.weight || edge.value || edge.width || 1;
    if (edge.summary) { return; } // a group's summed ties are no path for the ego network
    neighbours[edge.from].push(edge.to);
    neighbours[edge.to].push(edge.from);
  });
  // long legal names ("… KORLATOLT FELELOSSEGU TARSASAG") would cover their neighbours: the
  // picture shows their start, the tooltip and the panel the whole
  function shortName(name) { return name.length > 32 ? name.slice(0, 30).trim() + "…" : name; }
  function activity(node) { return (node.memberships || []).length || neighbours[node.id].length; }
  var ranked = data.nodes.filter(function (n) { return n.kind !== "community"; }).sort(function (a, b) {
    return activity(b) - activity(a);
  });
  var controls = {
    helix: document.getElementById("filter-helix"),
    collaboration: document.getElementById("filter-collaboration"),
    sector: document.getElementById("filter-sector"),
    country: document.getElementById("filter-country"),
    component: document.getElementById("filter-component"),
    weight: document.getElementById("filter-weight"),
    ego: document.getElementById("ego"),
    size: document.getElementById("size-by"),
    highlight: document.getElementById("highlight"),
    labels: document.getElementById("labels"),
    colour: document.getElementById("colour-by"),
    everything: document.getElementById("everything"),
  };
  // labels of thousands of nodes only blur (hover shows them); a summarised picture names all
  if (data.nodes.length > 1000 && !grouped) { controls.labels.value = "50"; }
  controls.everything.closest("label").hidden = !grouped;

  function addOptions(select, values) {
    values.forEach(function (value) {
      var option = document.createElement("option");
      option.value = typeof value === "object" ? value.id : value;
      option.textContent = typeof value === "object" ? value.label : value;
      select.appendChild(option);
    });
  }
  addOptions(controls.helix, data.filters.helices);
  // the cluster-or-project filter is a search box: hundreds of projects do not fit a list
  var collaborationIds = {};
  data.filters.collaborations.forEach(function (c) { collaborationIds[c.label.toLowerCase()] = c.id; });
  addOptions(document.getElementById("collaboration-names"), data.filters.collaborations.map(function (c) {
    return { id: c.label, label: c.label };
  }));
  function chosenCollaboration() {
    var typed = controls.collaboration.value.trim().toLowerCase();
    return typed ? (collaborationIds[typed] || "\u0000none") : "";
  }
  addOptions(controls.sector, data.filters.sectors);
  addOptions(controls.country, data.filters.countries);
  addOptions(controls.component, data.filters.components.map(function (c) {
    return { id: String(c), label: c === 1 ? t("1 (the largest)") : String(c) };
  }));
  // what the search lists: an actor by its name, a collaboration by its name and kind, so that
  // MediKlaszter the organisation and MediKlaszter the cluster are two entries
  // search without regard to case or accents: "szechenyi" finds "Széchenyi"
  function fold(text) { return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); }

  function searchName(node) {
    var name = node.title.split("\n")[0];
    return node.kind === "actor" ? name : name + " (" + node.kind + ")";
  }
  var names = document.getElementById("actor-names");
  data.nodes.forEach(function (node) {
    if (node.kind === "community") { return; }
    var option = document.createElement("option");
    option.value = searchName(node);
    names.appendChild(option);
  });

  var selected = null;
  var visible = {};
  var opened = {}; // the communities a visitor opened

  function filtering() {
    return ["helix", "collaboration", "sector", "country", "component"].some(function (k) {
      return controls[k].value;
    }) || Number(controls.weight.value || 1) > 1 || (selected && Number(controls.ego.value) > 0);
  }

  function summarised() { return grouped && !controls.everything.checked && !filtering(); }

  function hidden(node) { return !node.core && !opened[node.community]; }

  function matches(node) {
    var helix = controls.helix.value, collaboration = chosenCollaboration();
    var sector = controls.sector.value, country = controls.country.value;
    var component = controls.component.value;
    if (component && String(node.component) !== component) { return false; }
    if (node.kind !== "actor") {
      if (collaboration && node.id !== collaboration) { return false; }
      return !sector || node.sectors.indexOf(sector) >= 0;
    }
    if (helix && node.helices.indexOf(helix) < 0) { return false; }
    if (country && node.country !== country) { return false; }
    if (collaboration && node.collaborations.indexOf(collaboration) < 0) { return false; }
    if (sector) {
      var inSector = node.sectors.indexOf(sector) >= 0 || node.collaborations.some(function (c) {
        return byId[c] && byId[c].sectors.indexOf(sector) >= 0;
      });
      if (!inSector) { return false; }
    }
    return true;
  }

  function within(start, steps) {
    var seen = {}, frontier = [start];
    seen[start] = true;
    for (var step = 0; step < steps; step++) {
      var next = [];
      frontier.forEach(function (id) {
        neighbours[id].forEach(function (other) {
          if (!seen[other]) { seen[other] = true; next.push(other); }
        });
      });
      frontier = next;
    }
    return seen;
  }

  function compute() {
    var ego = Number(controls.ego.value);
    var near = selected && ego ? within(selected, ego) : null;
    var summary = summarised();
    visible = {};
    data.nodes.forEach(function (node) {
      if (node.kind === "community") {
        if (summary && !opened[node.community]) { visible[node.id] = true; }
        return;
      }
      if (summary && hidden(node)) { return; }
      if (node.kind === "actor" && matches(node) && (!near || near[node.id])) { visible[node.id] = true; }
    });
    // a collaboration stays while it matches and one of its members does
    data.nodes.forEach(function (node) {
      if (node.kind === "community" || (summary && hidden(node))) { return; }
      if (node.kind !== "actor" && matches(node) && (!near || near[node.id]) &&
          neighbours[node.id].some(function (m) { return visible[m] && byId[m].kind === "actor"; })) {
        visible[node.id] = true;
      }
    });
  }

  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  compute();
  var nodeView = new vis.DataView(nodes, { filter: function (node) { return visible[node.id] === true; } });
  var edgeView = new vis.DataView(edges, {
    filter: function (edge) {
      if (!visible[edge.from] || !visible[edge.to]) { return false; }
      return edge.summary || edge.weight >= Number(controls.weight.value || 1);
    },
  });
  var options = data.options;
  if (data.nodes.length > 1000) {
    options.interaction = Object.assign({}, options.interaction, { hideEdgesOnDrag: true, hideEdgesOnZoom: true });
  }
  var network = new vis.Network(document.getElementById("graph"), { nodes: nodeView, edges: edgeView }, options);
  window.network = network;
  network.once("afterDrawing", function () {
    restyle(); // the labels, now that the picture's scale is known
    document.body.dataset.drawn = "true";
  });
  var zooming = null;
  network.on("zoom", function () {
    clearTimeout(zooming);
    zooming = setTimeout(restyle, 150);
  });

  function count() {
    var shown = nodeView.getIds(), actors = 0, groups = 0, inGroups = 0;
    shown.forEach(function (id) {
      var node = byId[id];
      if (node.kind === "actor") { actors += 1; }
      if (node.kind === "community") { groups += 1; inGroups += node.members.length; }
    });
    document.getElementById("shown-count").textContent =
      t("{actors} actors and {collaborations} collaborations shown, {ties} ties", {
        actors: actors, collaborations: shown.length - actors - groups, ties: edgeView.getIds().length,
      }) + (groups ? t("; {n} more in {groups} groups (hexagons: click one to draw its members).", {
        n: inGroups, groups: groups,
      }) : ".");
  }

  function refresh() {
    compute();
    nodeView.refresh();
    edgeView.refresh();
    count();
    restyle(); // the labels go to the most active of the nodes now drawn
  }

  // Labels never overlap: the most active nodes are labelled first, a label that would cover
  // one already drawn is left to hover; labels keep one size on screen, so zooming in makes
  // room for more (restyled on zoom).
  var LABEL_PX = 13;
  var boxes = [];
  function labelBox(node, text) {
    var at = network.canvasToDOM(network.getPositions([node.id])[node.id] || { x: 0, y: 0 });
    var radius = (node.size || node.baseSize || 10) * network.getScale();
    var width = text.length * LABEL_PX * 0.56 + 4;
    return { id: node.id, left: at.x - width / 2, right: at.x + width / 2,
      top: at.y + radius, bottom: at.y + radius + LABEL_PX * 1.3 };
  }
  function overlaps(a, b) {
    return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  }
  function readable(candidates) {
    var chosen = {};
    boxes = [];
    if (!network) { return chosen; }
    var groups = data.nodes.filter(function (n) { return n.kind === "community" && visible[n.id]; });
    // the ten most active first, then the groups, then the others; a name before "unnamed …"
    var named = candidates.filter(function (n) { return !n.unnamed; });
    var order = named.slice(0, 10).concat(groups, named.slice(10), candidates.filter(function (n) {
      return n.unnamed;
    }));
    order.forEach(function (node) {
      var box = labelBox(node, shortName(node.name));
      if (boxes.some(function (other) { return overlaps(box, other); })) { return; }
      boxes.push(box);
      chosen[node.id] = true;
    });
    return chosen;
  }

  function restyle() {
    var metric = controls.size.value;
    var top = 0;
    if (metric) { data.nodes.forEach(function (n) { top = Math.max(top, n.metrics[metric] || 0); }); }
    var marked = {};
    if (controls.highlight.checked) {
      data.highlight.key_players.concat(data.highlight.brokers).forEach(function (id) { marked[id] = true; });
    }
    var wanted = controls.labels.value === "all" ? ranked.length : Number(controls.labels.value);
    var labelled = readable(ranked.filter(function (n) { return visible[n.id]; }).slice(0, wanted));
    var font = LABEL_PX / (network ? network.getScale() : 1);
    var byCommunity = controls.colour.value === "community";
    nodes.update(data.nodes.map(function (n) {
      var size = metric && top > 0 && n.kind !== "community"
        ? 6 + 34 * Math.sqrt((n.metrics[metric] || 0) / top) : n.baseSize;
      var fill = byCommunity && n.community_color ? n.community_color : n.color;
      return {
        id: n.id,
        size: size,
        label: labelled[n.id] ? shortName(n.name) : "",
        font: { size: font },
        borderWidth: marked[n.id] ? 5 : 1,
        color: marked[n.id] ? { background: fill, border: "#000000" } : fill,
      };
    }));
  }

  function text(tag, content) {
    var element = document.createElement(tag);
    element.textContent = content;
    return element;
  }

  function list(title, items) {
    var body = document.getElementById("panel-body");
    if (!items.length) { return; }
    body.appendChild(text("h3", title));
    var ul = document.createElement("ul");
    items.forEach(function (item) { ul.appendChild(text("li", item)); });
    body.appendChild(ul);
  }

  function openPanel(id) {
    var node = byId[id];
    if (!node) { return; }
    var body = document.getElementById("panel-body");
    body.textContent = "";
    body.appendChild(text("h2", node.title.split("\n")[0]));
    var helices = node.helices.map(function (h) { return data.helix_labels[h] || h; });
    body.appendChild(text("p", node.kind === "actor"
      ? t("helix") + ": " + (helices.join(", ") || t("unknown")) + (node.country ? " · " + node.country : "")
      : t(node.kind)));
    list(t("Roles"), node.roles);
    list(t("Services"), node.services);
    list(t("Memberships"), node.memberships.map(function (m) {
      return m.label + (m.role ? " (" + m.role + ")" : "");
    }));
    body.appendChild(text("h3", t("Metrics (in the picture)")));
    var table = document.createElement("table");
    Object.keys(node.metrics).forEach(function (name) {
      var row = document.createElement("tr");
      var value = node.metrics[name];
      row.appendChild(text("td", t(name)));
      row.appendChild(text("td", Number.isInteger(value) ? String(value) : value.toFixed(4)));
      table.appendChild(row);
    });
    body.appendChild(table);
    var link = document.createElement("a");
    link.href = node.api;
    link.textContent = t("its record in the API");
    body.appendChild(link);
    document.getElementById("panel").hidden = false;
  }

  function closePanel() { document.getElementById("panel").hidden = true; }

  function focus(id) {
    if (!byId[id]) { return false; }
    selected = id;
    opened[byId[id].community] = true;
    if (!visible[id]) {
      ["helix", "collaboration", "sector", "country", "component"].forEach(function (k) { controls[k].value = ""; });
      controls.weight.value = 1;
    }
    refresh();
    network.selectNodes([id]);
    network.focus(id, { scale: 1.4, animation: false });
    openPanel(id);
    return true;
  }

  network.on("click", function (event) {
    var group = event.nodes.length && byId[event.nodes[0]].kind === "community" ? byId[event.nodes[0]] : null;
    if (group) { // a group opens: its members are drawn where they are
      opened[group.community] = true;
      refresh();
    } else if (event.nodes.length) {
      selected = event.nodes[0];
      openPanel(selected);
      if (Number(controls.ego.value)) { refresh(); }
    } else {
      closePanel();
    }
  });
  var lastSearch = "";
  document.getElementById("search").addEventListener("change", function (event) {
    var wanted = fold(event.target.value.trim());
    if (!wanted || wanted === lastSearch) { return; } // leaving the box fires change again
    lastSearch = wanted;
    var found = data.nodes.filter(function (n) { return fold(searchName(n)) === wanted; })[0] ||
      data.nodes.filter(function (n) { return fold(n.title.split("\n")[0]) === wanted; })[0] ||
      data.nodes.filter(function (n) { return fold(n.title).indexOf(wanted) >= 0; })[0];
    var status = document.getElementById("search-status");
    if (found) {
      focus(found.id);
      status.textContent = "";
    } else {
      status.textContent = t("“{name}” is not among the nodes drawn: draw more nodes, or choose years, to find it.",
        { name: event.target.value });
    }
  });
  ["helix", "collaboration", "sector", "country", "component", "weight", "ego", "everything"].forEach(function (k) {
    controls[k].addEventListener("change", refresh);
  });
  ["size", "highlight", "labels", "colour"].forEach(function (k) {
    controls[k].addEventListener("change", restyle);
  });
  document.getElementById("reset").addEventListener("click", function () {
    ["helix", "collaboration", "sector", "country", "component"].forEach(function (k) { controls[k].value = ""; });
    controls.weight.value = 1;
    controls.ego.value = "0";
    opened = {};
    refresh();
  });
  document.getElementById("panel-close").addEventListener("click", closePanel);
  document.addEventListener("keydown", function (event) { if (event.key === "Escape") { closePanel(); } });
  count();
  restyle();
  window.helixgraph = {
    data: data,
    visibleNodes: function () { return nodeView.getIds(); },
    labelBoxes: function () { return boxes.slice(); },
    focus: focus,
  };
})();
