"""A synthetic dataset in the project's own vocabulary, written straight to N-Quads.

Shape, per the real graph: commissions with working groups and sub-groups
(org:subOrganizationOf / org:hasSubOrganization), summit series and
dialogues; numbered sessions (irdc:ordinal, some numbers missing) with dates,
places (venues in cities in countries) and a co-chair per side (qualified
irdc:CoChairing nodes with post and post title); posts held over time with
attestation dates; protocols signed at sessions; visits; one named graph per
source (curated, some extracted with irdc:Evidence nodes), facts repeated by
several sources, and a few conflicts between sources.

    python bench/synthetic.py 100000 build/bench/synthetic-100k.nq

Deterministic for a given size and seed. Sizes are in distinct triples,
approximately (about 25 per session).
"""
from __future__ import annotations

import random
import sys
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

ID = "https://w3id.org/irdc/id/"
G = "https://w3id.org/irdc/graph/"
IRDC = "https://w3id.org/irdc/ontology#"
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
ORG = "http://www.w3.org/ns/org#"
SCHEMA = "https://schema.org/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
PROV = "http://www.w3.org/ns/prov#"
XSD = "http://www.w3.org/2001/XMLSchema#"

TRIPLES_PER_SESSION = 25


def iri(kind: str, slug: str) -> str:
    return f"<{ID}{kind}/{slug}>"


def p(ns: str, local: str) -> str:
    return f"<{ns}{local}>"


def lit(value: str, lang: str | None = None) -> str:
    text = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{text}"@{lang}' if lang else f'"{text}"'


def typed(value, dtype: str) -> str:
    return f'"{value}"^^<{XSD}{dtype}>'


@dataclass
class Summary:
    path: Path
    quads: int = 0
    triples: int = 0
    sessions: int = 0
    bodies: int = 0
    sources: int = 0
    # handy parameter values for the benchmark's parameterised queries
    sample: dict = field(default_factory=dict)


class _Writer:
    def __init__(self, fh):
        self.fh = fh
        self.quads = 0
        self.seen: set[int] = set()

    def q(self, s: str, pr: str, o: str, graphs) -> None:
        self.seen.add(hash((s, pr, o)))
        for g in graphs:
            self.fh.write(f"{s} {pr} {o} {g} .\n")
            self.quads += 1


def generate(triples: int, out: str | Path, seed: int = 7) -> Summary:
    rng = random.Random(seed)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    n_sessions = max(40, triples // TRIPLES_PER_SESSION)
    sessions_per_body = 30
    n_bodies = max(4, n_sessions // sessions_per_body)
    n_sources = max(6, int(n_sessions ** 0.5))
    n_people = max(10, n_bodies * 3)
    n_cities = max(6, n_bodies // 4)

    summary = Summary(out)
    with open(out, "w", encoding="utf-8", buffering=1 << 20) as fh:
        w = _Writer(fh)
        sources = []
        for i in range(n_sources):
            extracted = i % 5 == 4
            g = f"<{G}{'extracted' if extracted else 'curated'}/s{i}>"
            src = iri("source", f"s{i}")
            sources.append(g)
            w.q(g, RDF_TYPE, p(IRDC, "FactGraph"), [g])
            w.q(g, p(PROV, "wasDerivedFrom"), src, [g])
            w.q(g, p(IRDC, "method"), p(IRDC, "Extracted" if extracted else "Curated"), [g])
            w.q(src, RDF_TYPE, p(SCHEMA, "NewsArticle"), [g])
            w.q(src, RDF_TYPE, p(SCHEMA, "CreativeWork"), [g])  # as the build types every source
            w.q(src, p(SCHEMA, "publisher"), lit(f"Publisher {i % 17}"), [g])
            w.q(src, p(SCHEMA, "datePublished"), typed(date(2000, 1, 1) + timedelta(days=i * 3), "date"), [g])

        def some_sources(k: int) -> list[str]:
            return rng.sample(sources, k)

        base = [sources[0]]
        # places: two countries, cities in them, a venue in each city
        countries = {"india": iri("country", "india"), "russia": iri("country", "russia")}
        for slug, node in countries.items():
            w.q(node, RDF_TYPE, p(SCHEMA, "Country"), base)
            w.q(node, RDF_TYPE, p(SCHEMA, "Place"), base)
            w.q(node, p(SCHEMA, "name"), lit(slug.title()), base)
        cities, venues = [], []
        for i in range(n_cities):
            country = "india" if i % 2 == 0 else "russia"
            city, venue = iri("place", f"city{i}"), iri("place", f"venue{i}")
            cities.append((city, country))
            venues.append((venue, city))
            for node, name, parent, cls in ((city, f"City {i}", countries[country], "City"),
                                            (venue, f"Venue {i}", city, "Place")):
                w.q(node, RDF_TYPE, p(SCHEMA, cls), base)
                w.q(node, RDF_TYPE, p(SCHEMA, "Place"), base)
                w.q(node, p(SCHEMA, "name"), lit(name), base)
                w.q(node, p(SCHEMA, "containedInPlace"), parent, base)
        # people
        people = []
        for i in range(n_people):
            person = iri("person", f"p{i}")
            side = "india" if i % 2 == 0 else "russia"
            people.append((person, side))
            w.q(person, RDF_TYPE, p(SCHEMA, "Person"), base)
            w.q(person, p(SCHEMA, "name"), lit(f"Person {i}"), base)
            w.q(person, p(SCHEMA, "nationality"), countries[side], base)
        by_side = {s: [pp for pp, side in people if side == s] for s in ("india", "russia")}
        # bodies: commissions > working groups > sub-groups; summit series and dialogues
        bodies = []
        n_comm = max(1, n_bodies // 12)
        made = 0
        for c in range(n_comm):
            comm = f"c{c}"
            bodies.append((comm, "Commission", None))
            made += 1
            for wg in range(3):
                slug = f"c{c}-wg{wg}"
                bodies.append((slug, "WorkingGroup", comm))
                for sg in range(2):
                    bodies.append((f"{slug}-sg{sg}", "SubGroup", slug))
        extra = max(2, n_bodies - len(bodies))
        for i in range(extra):
            bodies.append((f"summit{i}" if i % 2 == 0 else f"dialogue{i}",
                           "SummitSeries" if i % 2 == 0 else "Dialogue", None))
        for slug, cls, parent in bodies:
            b = iri("body", slug)
            g = some_sources(2)
            for t in ("Body", cls):
                w.q(b, RDF_TYPE, p(IRDC, t), g)
            w.q(b, RDF_TYPE, p(ORG, "Organization"), g)
            w.q(b, p(SKOS, "prefLabel"), lit(f"Body {slug}", "en"), g)
            w.q(b, p(SCHEMA, "name"), lit(f"Body {slug}"), g)
            if cls in ("WorkingGroup", "Commission"):
                w.q(b, p(IRDC, "acronym"), lit(slug.upper(), "en"), g)
            if parent:
                w.q(b, p(ORG, "subOrganizationOf"), iri("body", parent), g)
                w.q(iri("body", parent), p(ORG, "hasSubOrganization"), b, g)
            if cls == "Commission":
                w.q(b, p(IRDC, "statedSubGroupCount"), typed(6, "integer"), g)
        summary.bodies = len(bodies)
        # sessions
        total = 0
        per_body = max(1, n_sessions // len(bodies))
        holdings: dict[tuple[str, str], list[str]] = {}
        for slug, cls, _parent in bodies:
            b = iri("body", slug)
            chaired = cls in ("Commission", "WorkingGroup", "SubGroup")
            day = date(1995, 1, 1) + timedelta(days=rng.randrange(0, 700))
            chairs = {s: rng.choice(by_side[s]) for s in ("india", "russia")}
            ordinal = 0
            for _ in range(per_body):
                ordinal += 1 if rng.random() > 0.1 else 2       # about one number in ten unknown
                day += timedelta(days=rng.randrange(120, 400))
                for s in chairs:
                    if rng.random() < 0.2:
                        chairs[s] = rng.choice(by_side[s])
                s_slug = f"{slug}/{ordinal}"
                s = iri("session", s_slug)
                summary.sample.setdefault("about", f"{ID}session/{s_slug}")
                k = 1 if rng.random() < 0.6 else (2 if rng.random() < 0.7 else 3)
                g = some_sources(k)
                total += 1
                w.q(s, RDF_TYPE, p(IRDC, "Session"), g)
                w.q(s, RDF_TYPE, p(SCHEMA, "Event"), g)
                w.q(s, p(RDFS, "label"), lit(f"Session {ordinal} of {slug}", "en"), g)
                w.q(s, p(IRDC, "sessionOf"), b, g)
                w.q(s, p(IRDC, "ordinal"), typed(ordinal, "integer"), g)
                roll = rng.random()
                if roll > 0.02:     # a few sessions have no date
                    w.q(s, p(SCHEMA, "startDate"), typed(day.isoformat(), "date"), g)
                venue, city = venues[rng.randrange(len(venues))]
                if rng.random() > 0.03:
                    w.q(s, p(SCHEMA, "location"), venue if rng.random() < 0.3 else city, g)
                if k > 1 and rng.random() < 0.05:      # a second source disagrees
                    other = some_sources(1)
                    kind = rng.randrange(3)
                    if kind == 0:
                        w.q(s, p(SCHEMA, "startDate"), typed((day + timedelta(days=1)).isoformat(), "date"), other)
                    elif kind == 1:
                        w.q(s, p(SCHEMA, "location"), cities[rng.randrange(len(cities))][0], other)
                    else:
                        w.q(s, p(SCHEMA, "location"), venue, other)   # compatible: the venue is in the city
                if chaired and rng.random() > 0.05:
                    for side, person in chairs.items():
                        pslug = person[len(ID) + len("person/") + 1:-1]
                        node = f"<{ID}session/{s_slug}/co-chair/{pslug}>"
                        post = iri("post", f"{slug}-{side}-chair")
                        w.q(s, p(IRDC, "coChair"), person, g)
                        w.q(s, p(IRDC, "coChairing"), node, g)
                        w.q(node, RDF_TYPE, p(IRDC, "CoChairing"), g)
                        w.q(node, p(IRDC, "person"), person, g)
                        w.q(node, p(IRDC, "side"), countries[side], g)
                        w.q(node, p(IRDC, "post"), post, g)
                        w.q(node, p(IRDC, "postTitle"), lit(f"Co-chair of {slug} ({side})", "en"), g)
                        holdings.setdefault((post, person), []).append(day.isoformat())
                elif not chaired and rng.random() < 0.5:
                    w.q(s, p(SCHEMA, "attendee"), rng.choice(people)[0], g)
                if rng.random() < 0.4:
                    a = iri("agreement", f"protocol-{slug}-{ordinal}")
                    for t in (p(IRDC, "Agreement"), p(IRDC, "Protocol"), p(SCHEMA, "CreativeWork")):
                        w.q(a, RDF_TYPE, t, g)
                    w.q(a, p(RDFS, "label"), lit(f"Protocol of session {ordinal} of {slug}", "en"), g)
                    w.q(a, p(IRDC, "signedAt"), s, g)
                    w.q(a, p(IRDC, "signedOn"), typed(day.isoformat(), "date"), g)
                    if chaired:
                        for person in chairs.values():
                            w.q(a, p(IRDC, "signatory"), person, g)
                if g[0].startswith(f"<{G}extracted/") and roll > 0.02:
                    e = f"<{ID}evidence/{s_slug}/date>"
                    w.q(s, p(IRDC, "evidence"), e, g[:1])
                    w.q(e, RDF_TYPE, p(IRDC, "Evidence"), g[:1])
                    w.q(e, p(IRDC, "evidenceFor"), p(SCHEMA, "startDate"), g[:1])
                    w.q(e, p(IRDC, "quote"), lit(f"The session {ordinal} of {slug} was held on {day}."), g[:1])
                if rng.random() < 0.02:
                    v = iri("visit", f"v-{slug}-{ordinal}")
                    w.q(v, RDF_TYPE, p(IRDC, "Visit"), g)
                    w.q(v, p(RDFS, "label"), lit(f"Visit after session {ordinal} of {slug}", "en"), g)
                    w.q(v, p(SCHEMA, "startDate"), typed((day + timedelta(days=1)).isoformat(), "date"), g)
                    w.q(v, p(SCHEMA, "location"), city, g)
        # posts and who held them, with the days sources show them in office
        for (post, person), days in holdings.items():
            g = some_sources(1)
            hslug = person[len(ID) + len("person/") + 1:-1]
            h = f"{post[:-1]}/holding/{hslug}>"
            w.q(post, RDF_TYPE, p(ORG, "Post"), g)
            w.q(post, p(SKOS, "prefLabel"), lit(f"Post {post[len(ID) + 6:-1]}", "en"), g)
            side = "india" if "-india-" in post else "russia"
            w.q(post, p(IRDC, "side"), countries[side], g)
            w.q(post, p(IRDC, "holding"), h, g)
            w.q(h, RDF_TYPE, p(IRDC, "PostHolding"), g)
            w.q(h, p(IRDC, "person"), person, g)
            w.q(h, p(IRDC, "post"), post, g)
            for d in sorted(set(days)):
                w.q(h, p(IRDC, "attestedOn"), typed(d, "date"), g)
    summary.quads = w.quads
    summary.triples = len(w.seen)
    summary.sessions = total
    summary.sources = n_sources
    summary.sample = {
        "body": f"{ID}body/c0-wg0",
        "root": f"{ID}body/c0",
        "place": f"{ID}country/india",
        "date": "2010-06-01",
        "about": summary.sample["about"],
        "source": f"{ID}source/s1",
        "year": 2010,
    }
    return summary


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[-4].strip(), file=sys.stderr)
        print("usage: python bench/synthetic.py TRIPLES OUT.nq", file=sys.stderr)
        return 2
    s = generate(int(argv[0]), argv[1])
    print(f"{s.path}: {s.triples} triples, {s.quads} quads, {s.sessions} sessions, {s.bodies} bodies, "
          f"{s.sources} sources")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
