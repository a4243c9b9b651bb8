// The query page: the library as examples with parameter forms, permalinks,
// results with prefixed names and links, downloads, and the charts.
"use strict";
(function () {
  const editor = document.getElementById("editor");
  const form = document.getElementById("params");
  const about = document.getElementById("about-query");
  let library = [];
  let current = null;            // the library query loaded, if any

  function request() {
    const fields = new URLSearchParams();
    fields.set("query", editor.value);
    if (current) {
      fields.set("library", current.name);
      for (const input of form.querySelectorAll("input")) {
        if (input.value.trim() !== "") fields.set("param." + input.name, input.value.trim());
      }
    }
    return fields;
  }

  function updateLinks() {
    const fields = request();
    document.getElementById("permalink").href = "#" + fields.toString();
    for (const fmt of ["csv", "tsv", "json"]) {
      const f = new URLSearchParams(fields); f.set("format", fmt);
      document.getElementById("dl-" + fmt).href = "/query?" + f.toString();
    }
  }

  function showParams(lib, values) {
    form.replaceChildren();
    if (!lib || !lib.params.length) return;
    for (const p of lib.params) {
      const input = KG.el("input", {name: p.name, id: "param-" + p.name, placeholder: p.default || p.kind || "any",
                                    required: p.required ? "required" : null});
      if (values && values[p.name] !== undefined) input.value = values[p.name];
      input.addEventListener("input", updateLinks);
      form.append(KG.el("label", {for: "param-" + p.name, title: p.description},
        "?" + p.name + (p.required ? " (required)" : ""), input,
        KG.el("span", {class: "hint"}, p.description)));
    }
  }

  function load(lib, values) {
    current = lib;
    editor.value = lib.text;
    about.replaceChildren(KG.el("h2", {}, lib.title), KG.el("p", {}, lib.answers));
    showParams(lib, values || (lib.examples[0] || {}));
    for (const li of document.querySelectorAll("#library-list li")) li.classList.toggle("on", li.dataset.name === lib.name);
    updateLinks();
  }

  function render(doc) {
    const table = document.getElementById("results");
    table.replaceChildren();
    if (doc.boolean !== undefined) {
      table.append(KG.el("tr", {}, KG.el("th", {}, "boolean")), KG.el("tr", {}, KG.el("td", {}, String(doc.boolean))));
      return 1;
    }
    const vars = doc.head.vars;
    table.append(KG.el("thead", {}, KG.el("tr", {}, ...vars.map(v => KG.el("th", {}, v)))));
    const body = KG.el("tbody", {});
    for (const b of doc.results.bindings) {
      body.append(KG.el("tr", {}, ...vars.map(v => KG.el("td", {}, KG.term(b[v])))));
    }
    table.append(body);
    return doc.results.bindings.length;
  }

  async function run() {
    updateLinks();
    KG.status("running…", "busy");
    const started = performance.now();
    let response;
    try {
      response = await fetch("/query", {method: "POST", body: request(),
        headers: {"Accept": "application/sparql-results+json"}});
    } catch (e) { KG.status("the server did not answer: " + e, "error"); return; }
    if (!response.ok) {
      KG.status(response.status + ": " + (await response.text()), "error");
      document.getElementById("results").replaceChildren();
      return;
    }
    const ctype = response.headers.get("Content-Type") || "";
    if (!ctype.includes("json")) {
      const text = await response.text();
      document.getElementById("results").replaceChildren(KG.el("tr", {}, KG.el("td", {}, KG.el("pre", {}, text))));
      KG.status("a graph (" + text.length + " characters of Turtle)", "ok");
      return;
    }
    const n = render(await response.json());
    const ms = Math.round(performance.now() - started);
    // The time goes in the tooltip, so that the page (and its screenshot) reads the same each run.
    KG.status(n === 0 ? "(no rows)" : `${n} row${n === 1 ? "" : "s"}`, "ok");
    document.getElementById("status").title = `${ms} ms`;
  }

  function fromHash() {
    const h = location.hash.slice(1);
    if (!h) return false;
    const fields = new URLSearchParams(h);
    if (!fields.has("query")) return false;
    const values = {};
    for (const [k, v] of fields) if (k.startsWith("param.")) values[k.slice(6)] = v;
    const lib = library.find(q => q.name === fields.get("library"));
    if (lib) load(lib, values); else { current = null; form.replaceChildren(); }
    editor.value = fields.get("query");
    updateLinks();
    return true;
  }

  function drawCharts() {
    const date = document.getElementById("chart-date").value;
    document.getElementById("org-chart").src = "/chart/org.svg" + (date ? "?date=" + date : "");
    document.getElementById("timeline").src = "/chart/timeline.svg";
  }

  async function start() {
    await KG.loadPrefixes();
    document.getElementById("prefix-note").textContent =
      "prefixes predeclared: " + Object.keys(KG.prefixes).map(p => p + ":").join(" ");
    library = await (await fetch("/api/library")).json();
    const list = document.getElementById("library-list");
    for (const lib of library) {
      const a = KG.el("a", {href: "#", class: "example", "data-name": lib.name}, lib.title);
      a.addEventListener("click", e => { e.preventDefault(); load(lib); });
      const li = KG.el("li", {"data-name": lib.name}, a, KG.el("code", {}, lib.name));
      list.append(li);
    }
    editor.addEventListener("input", updateLinks);
    document.getElementById("run").addEventListener("click", run);
    editor.addEventListener("keydown", e => { if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) run(); });
    document.getElementById("permalink").addEventListener("click", () => setTimeout(() => {}, 0));
    window.addEventListener("hashchange", () => { if (fromHash()) run(); });
    document.getElementById("chart-form").addEventListener("submit", e => { e.preventDefault(); drawCharts(); });
    const today = new Date().toISOString().slice(0, 10);
    document.getElementById("chart-date").value = today;
    if (fromHash()) run(); else updateLinks();
    document.body.dataset.ready = "true";
  }
  start();
})();
