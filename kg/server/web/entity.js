// An entity's page: statements grouped by property, each value with its sources;
// disputed values side by side; its parts inline; what links to it.
"use strict";
(function () {
  const iri = KG.ID + decodeURIComponent(location.pathname.slice("/id/".length));

  function sourceItem(s) {
    const li = KG.el("li", {class: "source " + (s.method || "")});
    li.append(KG.el("span", {class: "method"}, s.method || "?"), " ");
    if (s.source_page) li.append(KG.el("a", {href: s.source_page, class: "entity"}, s.publisher || s.source_short));
    else li.append(s.publisher || s.graph_short);
    if (s.headline) li.append(" · ", KG.el("cite", {}, s.headline));
    if (s.published) li.append(" · ", KG.el("time", {}, s.published));
    if (s.url) li.append(" · ", KG.el("a", {href: s.url, class: "external url", rel: "noopener noreferrer", target: "_blank"}, "source page"));
    if (s.copy_of) li.append(" ", KG.el("span", {class: "copy"}, "(copy of " + s.copy_of + ")"));
    if (s.quote) li.append(KG.el("blockquote", {class: "evidence"}, s.quote));
    return li;
  }

  const SHOWN = 4;     // sources listed under a value before "N more"

  function valueBlock(v) {
    const block = KG.el("div", {class: "value"}, KG.el("div", {class: "term"}, KG.term(v.value)),
      KG.el("ul", {class: "sources"}, ...v.sources.slice(0, SHOWN).map(sourceItem)));
    if (v.sources.length > SHOWN) {
      const rest = v.sources.slice(SHOWN);
      block.append(KG.el("details", {class: "more"},
        KG.el("summary", {}, `${rest.length} more source${rest.length === 1 ? "" : "s"}`),
        KG.el("ul", {class: "sources"}, ...rest.map(sourceItem))));
    }
    return block;
  }

  function statements(list, into) {
    const dl = KG.el("dl", {class: "statements"});
    for (const prop of list) {
      dl.append(KG.el("dt", {title: prop.property.value}, KG.compact(prop.property.value),
        prop.disputed ? KG.el("span", {class: "disputed-note"}, " sources give different values") : ""));
      const dd = KG.el("dd", {class: prop.disputed ? "values disputed" : "values"});
      for (const v of prop.values) dd.append(valueBlock(v));
      dl.append(dd);
    }
    into.append(dl);
  }

  async function start() {
    await KG.loadPrefixes();
    document.getElementById("entity-iri").textContent = iri;
    const q = `SELECT ?p ?o ?g WHERE { GRAPH ?g { <${iri}> ?p ?o } } ORDER BY ?p ?o`;
    document.getElementById("entity-query").href = "/#" + new URLSearchParams({query: q}).toString();
    const response = await fetch("/api/entity?" + new URLSearchParams({iri}));
    if (!response.ok && response.status !== 404) {
      KG.status(response.status + ": " + (await response.text()), "error");
      return;
    }
    const data = await response.json();
    const label = data.entity.label || KG.compact(iri);
    document.title = "irdc-kg: " + label;
    document.getElementById("entity-label").textContent = label;
    if (!data.found) { KG.status("the graph says nothing about this IRI", "error"); return; }
    const main = document.getElementById("statements");
    statements(data.statements, main);
    const parts = document.getElementById("parts");
    if (data.parts.length) parts.append(KG.el("h3", {}, "Its parts"));
    for (const part of data.parts) {
      const box = KG.el("article", {class: "part"}, KG.el("h4", {}, KG.term(part.entity)));
      statements(part.statements, box);
      parts.append(box);
    }
    const incoming = document.getElementById("incoming");
    if (data.incoming.length) {
      incoming.append(KG.el("h3", {}, "Linked from"));
      incoming.append(KG.el("ul", {class: "incoming"}, ...data.incoming.map(l =>
        KG.el("li", {}, KG.term(l.from), " ", KG.el("span", {class: "via"}, KG.compact(l.property.value))))));
    }
    KG.status("", "ok");
    document.body.dataset.ready = "true";
  }
  start();
})();
