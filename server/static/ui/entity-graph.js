// The neighbourhood graph on an entity page (cytoscape, vendored). Stated edges are solid, edges only the
// reasoner derives are dashed and orange; clicking a node opens its page, clicking an inferred edge opens
// its explanation.
(function () {
  "use strict";
  const container = document.getElementById("entity-graph");
  if (!container || typeof cytoscape === "undefined") return;
  const url = container.dataset.source + "?iri=" + encodeURIComponent(container.dataset.iri);
  fetch(url, { headers: { Accept: "application/json" } })
    .then((response) => (response.ok ? response.json() : null))
    .then((data) => {
      if (!data) {
        container.textContent = "No graph for this resource.";
        return;
      }
      const elements = [];
      for (const node of data.nodes) {
        elements.push({ group: "nodes", data: { id: node.id, label: node.label, href: node.href },
                        classes: node.center ? "center" : "" });
      }
      for (const edge of data.edges) {
        elements.push({ group: "edges", data: { id: edge.id, source: edge.source, target: edge.target,
                        label: edge.label, predicate: edge.predicate, stated: edge.stated,
                        inferred: edge.inferred, explain: edge.explain || "" },
                        classes: edge.stated ? (edge.inferred ? "stated also-inferred" : "stated") : "inferred" });
      }
      const cy = cytoscape({
        container: container,
        elements: elements,
        style: [
          { selector: "node", style: { label: "data(label)", "font-size": 10, "text-wrap": "wrap",
            "text-max-width": 110, "background-color": "#7a8fa6", width: 14, height: 14, color: "#1d2630",
            "text-valign": "bottom", "text-margin-y": 3,
            "font-family": "Noto Sans, Noto Naskh Arabic, DejaVu Sans, sans-serif" } },
          { selector: "node.center", style: { "background-color": "#1f5f99", width: 22, height: 22,
            "font-weight": "bold" } },
          { selector: "edge", style: { width: 1.5, "curve-style": "bezier", "target-arrow-shape": "triangle",
            "arrow-scale": 0.8, label: "data(label)", "font-size": 8, "text-rotation": "autorotate",
            color: "#5b6673", "text-background-color": "#fff", "text-background-opacity": 0.8 } },
          { selector: "edge.stated", style: { "line-color": "#566a7a", "target-arrow-color": "#566a7a" } },
          { selector: "edge.also-inferred", style: { "line-color": "#566a7a", width: 2.5 } },
          { selector: "edge.inferred", style: { "line-style": "dashed", "line-color": "#c96a12",
            "target-arrow-color": "#c96a12", color: "#8a4300" } },
        ],
        layout: { name: "concentric", concentric: (n) => (n.hasClass("center") ? 2 : 1), levelWidth: () => 1,
                  minNodeSpacing: 30, animate: false },
      });
      cy.on("tap", "node", (event) => {
        const href = event.target.data("href");
        if (href && event.target.id() !== container.dataset.iri) window.location.href = href;
      });
      cy.on("tap", "edge", (event) => {
        const explain = event.target.data("explain");
        if (explain) window.location.href = explain;
      });
      window.isnadGraph = cy; // for tests and for the curious, from the console
      container.dataset.ready = "true";
    })
    .catch(() => { container.textContent = "The graph could not be loaded."; });
})();
