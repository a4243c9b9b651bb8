// Shared helpers for the query and entity pages: prefixes, terms as links, DOM building.
"use strict";
const KG = {
  ID: "https://w3id.org/irdc/id/",
  prefixes: {},
  async loadPrefixes() {
    const r = await fetch("/api/prefixes");
    KG.prefixes = await r.json();
    KG.byLength = Object.entries(KG.prefixes).sort((a, b) => b[1].length - a[1].length);
    return KG.prefixes;
  },
  compact(iri) {
    for (const [pfx, ns] of KG.byLength || []) {
      if (iri.startsWith(ns) && iri.length > ns.length) return pfx + ":" + iri.slice(ns.length);
    }
    return iri;
  },
  page(iri) { return iri.startsWith(KG.ID) ? "/id/" + iri.slice(KG.ID.length) : null; },
  el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "text") node.textContent = v; else node.setAttribute(k, v);
    }
    for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
    return node;
  },
  // A SPARQL JSON term as a node: entity IRIs link to their page, other IRIs out, literals as text.
  term(t) {
    if (!t) return document.createTextNode("");
    if (t.type === "uri") {
      const local = KG.page(t.value);
      const shown = t.label ? t.label : KG.compact(t.value);
      const a = KG.el("a", {href: local || t.value, title: t.value, class: local ? "entity" : "external"}, shown);
      if (!local) { a.setAttribute("rel", "noopener noreferrer"); a.setAttribute("target", "_blank"); }
      return a;
    }
    if (t.type === "bnode") return document.createTextNode("_:" + t.value);
    const span = KG.el("span", {class: "literal"}, t.value);
    if (t["xml:lang"]) span.append(KG.el("sup", {class: "lang"}, "@" + t["xml:lang"]));
    return span;
  },
  status(text, kind) {
    const s = document.getElementById("status");
    s.textContent = text; s.className = kind || "";
  },
};
