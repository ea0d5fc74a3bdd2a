// Draw the graph data the server laid out; expose the vis-network instance as window.network,
// as pyvis pages do, so tests and users can script it.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  window.network = new vis.Network(
    document.getElementById("graph"),
    { nodes: nodes, edges: edges },
    data.options
  );
  window.network.once("afterDrawing", function () { document.body.dataset.drawn = "true"; });
})();
