// The SPARQL editor: YASGUI (vendored) on this server's endpoint. Everything it asks for comes from this
// server: prefixes (/ui/prefixes.json instead of prefix.cc), class, property and entity completions
// (/ui/complete instead of Linked Open Vocabularies), and a chart view drawn here as SVG.
(function () {
  "use strict";
  const root = document.getElementById("yasgui");
  if (!root || typeof Yasgui === "undefined") return;
  const config = JSON.parse(root.dataset.config);
  const Yasqe = Yasgui.Yasqe;
  const Yasr = Yasgui.Yasr;

  // ---- autocompletion from this server ---------------------------------------------------------------
  const labels = {}; // IRI -> label, for the hints' display text
  function fetchTerms(kind, token) {
    const text = (token && (token.autocompletionString || token.string) || "").trim();
    if (kind !== "entity" && text.length === 0) return Promise.resolve([]);
    return fetch("/ui/complete?kind=" + kind + "&q=" + encodeURIComponent(text))
      .then((r) => (r.ok ? r.json() : []))
      .then((hits) => hits.map((h) => { labels[h.iri] = h.label; return h.iri; }))
      .catch(() => []);
  }
  function withLabels(_yasqe, hints) {
    for (const hint of hints) {
      const iri = hint.text.replace(/^<|>$/g, "");
      const key = Object.keys(labels).find((k) => hint.text === "<" + k + ">" || k === iri) ||
        Object.keys(labels).find((k) => k.endsWith(hint.text.split(":").pop()) && hint.text.indexOf(":") > 0);
      if (key && labels[key]) hint.displayText = hint.text + "  — " + labels[key];
    }
    return hints;
  }
  Yasqe.forkAutocompleter("class", { name: "isnadClass", get: (y, t) => fetchTerms("class", t),
                                      postprocessHints: withLabels }, false);
  Yasqe.forkAutocompleter("property", { name: "isnadProperty", get: (y, t) => fetchTerms("property", t),
                                         postprocessHints: withLabels }, false);
  // Entities by label: type a few letters of a name (English or Arabic) where a subject or object goes.
  Yasqe.forkAutocompleter("class", {
    name: "isnadEntity",
    get: (y, t) => fetchTerms("entity", t),
    isValidCompletionPosition: function (yasqe) {
      const token = yasqe.getCompleteToken();
      const text = token.string.trim();
      if (text.length < 2 || text[0] === "?" || text[0] === "$" || text[0] === '"') return false;
      if (text.indexOf(":") > 0 && text[0] !== "<") return false; // prefixed names: the term completers
      const cur = yasqe.getDoc().getCursor();
      const previous = yasqe.getPreviousNonWsToken(cur.line, token);
      if (previous && previous.state && ["a", "rdf:type"].indexOf(previous.state.lastProperty) >= 0) return false;
      return true;
    },
    preProcessToken: (yasqe, token) => { token.autocompletionString = token.string.replace(/^</, "").replace(/>$/, "");
                                         return token; },
    postProcessSuggestion: (yasqe, token, suggestion) => "<" + suggestion + ">",
    postprocessHints: withLabels,
    bulk: false,
  }, false);
  // Only local completers: the LOV-backed "class" and "property" completers are left out.
  Yasqe.defaults.autocompleters = ["prefixes", "variables", "isnadClass", "isnadProperty", "isnadEntity"];
  Yasqe.defaults.prefixCcApi = "/ui/prefixes.json";

  // ---- a chart view for numeric results -------------------------------------------------------------
  const SVG = "http://www.w3.org/2000/svg";
  function svg(name, attributes, text) {
    const element = document.createElementNS(SVG, name);
    for (const key in attributes) element.setAttribute(key, attributes[key]);
    if (text !== undefined) element.textContent = text;
    return element;
  }
  class Chart {
    constructor(yasr) { this.yasr = yasr; this.priority = 5; this.label = "Chart"; }
    numericColumn() {
      const results = this.yasr.results;
      if (!results || !results.getVariables || !results.getBindings()) return null;
      const rows = results.getBindings();
      return results.getVariables().find((v) => rows.length > 0 && rows.every((row) => !row[v] ||
        (row[v].type !== "uri" && row[v].value !== "" && !isNaN(Number(row[v].value))))) || null;
    }
    canHandleResults() { return this.numericColumn() !== null; }
    getIcon() {
      const icon = svg("svg", { viewBox: "0 0 16 16", width: "15", height: "15" });
      icon.appendChild(svg("rect", { x: "1", y: "8", width: "3", height: "7" }));
      icon.appendChild(svg("rect", { x: "6", y: "4", width: "3", height: "11" }));
      icon.appendChild(svg("rect", { x: "11", y: "1", width: "3", height: "14" }));
      return icon;
    }
    draw() {
      const results = this.yasr.results;
      const value = this.numericColumn();
      const variables = results.getVariables();
      const labelVar = variables.find((v) => v !== value) || value;
      const rows = results.getBindings().filter((row) => row[value]).slice(0, 60);
      const wrapper = document.createElement("div");
      wrapper.className = "chart-plugin";
      const note = document.createElement("p");
      note.className = "note";
      note.textContent = "?" + value + " by ?" + labelVar + (results.getBindings().length > rows.length
        ? " (first " + rows.length + " rows)" : "");
      wrapper.appendChild(note);
      const width = 900, barHeight = 18, left = 260, height = rows.length * (barHeight + 4) + 10;
      const max = Math.max(1, ...rows.map((row) => Number(row[value].value)));
      const chart = svg("svg", { viewBox: "0 0 " + width + " " + height, width: String(width), role: "img" });
      rows.forEach((row, i) => {
        const y = 5 + i * (barHeight + 4);
        const number = Number(row[value].value);
        const cell = row[labelVar];
        let label = cell ? cell.value : "";
        if (cell && cell.type === "uri") label = label.replace(/^.*[/#]/, "");
        chart.appendChild(svg("text", { x: String(left - 6), y: String(y + 13), "text-anchor": "end" },
                              label.length > 40 ? label.slice(0, 39) + "…" : label));
        const w = Math.max(1, (number / max) * (width - left - 80));
        chart.appendChild(svg("rect", { class: "bar", x: String(left), y: String(y), width: String(w),
                                        height: String(barHeight) }));
        chart.appendChild(svg("text", { x: String(left + w + 4), y: String(y + 13) }, number.toLocaleString()));
      });
      wrapper.appendChild(chart);
      this.yasr.resultsEl.appendChild(wrapper);
    }
  }
  Yasr.registerPlugin("chart", Chart);

  // ---- the editor ------------------------------------------------------------------------------------
  const yasgui = new Yasgui(root, {
    requestConfig: { endpoint: config.endpoint, method: "POST" },
    endpointCatalogueOptions: { getData: () => [{ endpoint: config.endpoint }] },
    copyEndpointOnNewTab: true,
    persistenceId: null, // a fresh editor on each visit: what ?query= or the examples put in it
    populateFromUrl: false,
    autofocus: false,
    yasqe: { value: config.query, persistenceId: null },
    yasr: { prefixes: config.prefixes, pluginOrder: ["table", "response", "chart"], defaultPlugin: "table",
            persistenceId: null },
  });
  const tab = yasgui.getTab();
  if (tab) {
    tab.setQuery(config.query);
    tab.setEndpoint(config.endpoint);
  }

  // Links in the results table: our IRIs open their page on this server, not the (unserved) base IRI.
  root.addEventListener("click", (event) => {
    const link = event.target.closest && event.target.closest("a");
    if (link && link.href && link.href.indexOf(config.base) === 0) {
      event.preventDefault();
      window.location.href = "/" + link.href.slice(config.base.length);
    }
  });

  const select = document.getElementById("examples");
  for (const example of config.examples) {
    const option = document.createElement("option");
    option.value = example.name;
    option.textContent = example.title + " (" + example.name + ")";
    select.appendChild(option);
  }
  select.addEventListener("change", () => {
    const example = config.examples.find((e) => e.name === select.value);
    const current = yasgui.getTab();
    if (example && current) current.setQuery(example.query);
  });
  window.isnadYasgui = yasgui; // for tests and for the curious, from the console
  root.dataset.ready = "true";
})();
