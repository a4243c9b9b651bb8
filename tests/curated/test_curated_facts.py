"""Every curated fact that issue 2 lists, checked by SPARQL over the built graph,
with the source that states it."""
from __future__ import annotations

import pytest

from kg.dataset.store import select

PREFIXES = """
PREFIX irdc: <https://w3id.org/irdc/ontology#>
PREFIX schema: <https://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX body: <https://w3id.org/irdc/id/body/>
PREFIX person: <https://w3id.org/irdc/id/person/>
PREFIX place: <https://w3id.org/irdc/id/place/>
PREFIX country: <https://w3id.org/irdc/id/country/>
PREFIX organisation: <https://w3id.org/irdc/id/organisation/>
PREFIX source: <https://w3id.org/irdc/id/source/>
PREFIX cg: <https://w3id.org/irdc/graph/curated/>
"""

NEWSX, COPY, WIRE25, WIRE24, NATIONPRESS = (
    "newsx-2025-10-31", "unattributed-001", "unattributed-2025-10-29",
    "unattributed-2024-11-22", "nationpress-2025-10-30")


def ask(store, where: str) -> bool:
    return bool(select(store, PREFIXES + f"ASK {{ {where} }}"))


def values(store, var: str, where: str) -> set[str]:
    return {row[var].value for row in select(store, PREFIXES + f"SELECT DISTINCT ?{var} WHERE {{ {where} }}")}


def stated_by(store, source: str, triple: str) -> bool:
    """The triple pattern is asserted in the curated graph of `source`."""
    return ask(store, f"GRAPH cg:{source} {{ {triple} }}")


# ---------------------------------------------------------------- the commission

def test_commission_names_and_acronyms(store):
    assert ask(store, "body:irigc-mmtc a irdc:Commission , org:Organization")
    assert values(store, "n", "body:irigc-mmtc skos:prefLabel ?n") == {
        "India-Russia Inter-Governmental Commission on Military and Military-Technical Cooperation"}
    assert values(store, "a", "body:irigc-mmtc irdc:acronym ?a") == {"IRIGC-M&MTC"}
    former = values(store, "f", "body:irigc-mmtc irdc:formerLabel ?f")
    assert "IRIGC-MTC" in former
    assert stated_by(store, WIRE24, 'body:irigc-mmtc irdc:formerLabel "IRIGC-MTC"@en')


def test_commission_set_up_in_2000_at_apex(store):
    assert stated_by(store, WIRE24, 'body:irigc-mmtc schema:foundingDate "2000"^^xsd:gYear')
    assert not ask(store, "body:irigc-mmtc org:subOrganizationOf ?parent")
    assert "apex" in " ".join(values(store, "d", "body:irigc-mmtc schema:description ?d"))


def test_commission_twentieth_meeting(store):
    s = "<https://w3id.org/irdc/id/session/irigc-mmtc/20>"
    assert stated_by(store, WIRE24, f'{s} irdc:sessionOf body:irigc-mmtc ; irdc:ordinal 20 ; '
                                    f'schema:startDate "2021-12-06"^^xsd:date ; schema:location place:new-delhi')


def test_two_working_groups_and_their_role(store):
    groups = values(store, "g", "?g a irdc:WorkingGroup ; org:subOrganizationOf body:irigc-mmtc")
    assert groups == {"https://w3id.org/irdc/id/body/wg-mtc-di", "https://w3id.org/irdc/id/body/wg-mc"}
    assert ask(store, "body:irigc-mmtc org:hasSubOrganization body:wg-mtc-di , body:wg-mc")
    assert values(store, "n", "body:wg-mtc-di skos:prefLabel ?n") == {
        "Working Group on Military-Technical Cooperation and Defence Industry"}
    assert values(store, "n", "body:wg-mc skos:prefLabel ?n") == {"Working Group on Military Cooperation"}
    assert stated_by(store, WIRE24, 'body:irigc-mmtc irdc:statedWorkingGroupCount 2')
    assert stated_by(store, WIRE25, "body:wg-mc irdc:participant organisation:hq-ids , organisation:main-directorate-imc")
    assert values(store, "d", "body:wg-mc schema:description ?d")
    assert values(store, "d", "body:wg-mtc-di schema:description ?d")


def test_nine_sub_groups_as_a_count_not_names(store):
    assert stated_by(store, WIRE24, "body:irigc-mmtc irdc:statedSubGroupCount 9")
    assert not ask(store, "?sg a irdc:SubGroup")


# ---------------------------------------------------------------- sessions

def co_chairs(store, session: str) -> set[tuple[str, str, str]]:
    rows = select(store, PREFIXES + f"""
        SELECT ?name ?side ?title WHERE {{
          <https://w3id.org/irdc/id/session/{session}> irdc:coChairing ?c .
          ?c irdc:person/schema:name ?name ; irdc:side ?side ; irdc:postTitle ?title }}""")
    return {(r["name"].value, r["side"].value.rsplit("/", 1)[-1], r["title"].value) for r in rows}


def test_wg_mtc_di_22nd(store):
    s = "<https://w3id.org/irdc/id/session/wg-mtc-di/22>"
    assert stated_by(store, WIRE24, f'{s} irdc:sessionOf body:wg-mtc-di ; irdc:ordinal 22 ; '
                                    f'schema:startDate "2024-11-22"^^xsd:date ; schema:location place:new-delhi')
    assert co_chairs(store, "wg-mtc-di/22") == {
        ("Sanjeev Kumar", "india", "Secretary, Defence Production, Ministry of Defence"),
        ("Andrey A. Boytsov", "russia", "First Deputy Director of the Federal Service for Military Technical Cooperation of Russia"),
    }
    assert ask(store, f"{s} irdc:coChairing ?c . ?c irdc:person person:andrey-boytsov ; irdc:post/org:postIn organisation:fsmtc")


def test_wg_mtc_di_23rd_with_protocol(store):
    s = "<https://w3id.org/irdc/id/session/wg-mtc-di/23>"
    assert stated_by(store, NEWSX, f'{s} irdc:ordinal 23 ; schema:startDate "2025-10-29"^^xsd:date ; schema:location place:moscow')
    # The copy gives the place but not the date.
    assert stated_by(store, COPY, f"{s} schema:location place:moscow")
    assert not stated_by(store, COPY, f"{s} schema:startDate ?d")
    assert {(n, side) for n, side, _ in co_chairs(store, "wg-mtc-di/23")} == {
        ("Sanjeev Kumar", "india"), ("Andrey A. Boytsov", "russia")}
    assert stated_by(store, NEWSX, f'?p a irdc:Protocol ; irdc:signedAt {s} ; irdc:signedOn "2025-10-29"^^xsd:date')
    # No source gives the protocol's title: it has a descriptive label only.
    assert not ask(store, f"?p irdc:signedAt {s} ; schema:name ?title")


def test_wg_mc_5th(store):
    s = "<https://w3id.org/irdc/id/session/wg-mc/5>"
    for src in (WIRE25, NATIONPRESS):
        assert stated_by(store, src, f'{s} irdc:ordinal 5 ; schema:startDate "2025-10-29"^^xsd:date ; '
                                     f'schema:location place:manekshaw-centre')
    assert ask(store, "place:manekshaw-centre schema:containedInPlace place:new-delhi")
    assert stated_by(store, NEWSX, f"{s} schema:location place:new-delhi")
    assert {(n, side) for n, side, _ in co_chairs(store, "wg-mc/5")} == {
        ("Ashutosh Dixit", "india"), ("Igor Nikolayevich Dylevsky", "russia")}
    # The NewsX text never names the Indian co-chair.
    assert not stated_by(store, NEWSX, f"{s} irdc:coChair person:ashutosh-dixit")
    assert stated_by(store, NEWSX, f"{s} irdc:coChair person:igor-dylevsky")
    titles = {t for n, _, t in co_chairs(store, "wg-mc/5") if n.startswith("Igor")}
    assert len(titles) == 2  # the sources title his post differently; both are kept


def test_officials_posts_sides_organisations(store):
    expected = {
        "sanjeev-kumar": ("Secretary (Defence Production)", "ddp-india", "india"),
        "andrey-boytsov": ("First Deputy Director, FSMTC", "fsmtc", "russia"),
        "ashutosh-dixit": ("Chief of Integrated Defence Staff", "hq-ids", "india"),
        "igor-dylevsky": ("Deputy Chief of the Main Operational Directorate", "main-operational-directorate", "russia"),
    }
    for person, (title, org_id, side) in expected.items():
        assert ask(store, f"""person:{person} org:holds ?post ; schema:nationality country:{side} .
                              ?post skos:prefLabel "{title}"@en ; org:postIn organisation:{org_id} ;
                                    irdc:side country:{side} ; irdc:holding ?h . ?h irdc:person person:{person}"""), person


def test_programme_agreement_2021_2031(store):
    assert stated_by(store, WIRE24, """?a a irdc:Agreement ;
        schema:name "Agreement on the Programme for Military-Technical Cooperation for 2021-2031" ;
        irdc:signedOn "2021-12-06"^^xsd:date ; irdc:periodStart "2021"^^xsd:gYear ; irdc:periodEnd "2031"^^xsd:gYear ;
        irdc:signedAt ?dialogue . ?dialogue irdc:sessionOf body:two-plus-two ; irdc:ordinal 1""")


def test_two_plus_two_dialogue(store):
    s = "<https://w3id.org/irdc/id/session/two-plus-two/1>"
    assert ask(store, "body:two-plus-two a irdc:Dialogue")
    assert stated_by(store, WIRE24, f'{s} schema:startDate "2021-12-06"^^xsd:date ; schema:location place:new-delhi ; '
                                    f'irdc:onSidelinesOf ?summit . ?summit irdc:sessionOf body:annual-summit')
    # The summit on whose sidelines it met is not numbered by the source: no ordinal.
    assert not ask(store, f"{s} irdc:onSidelinesOf ?summit . ?summit irdc:ordinal ?n")


def test_annual_summits(store):
    s22 = "<https://w3id.org/irdc/id/session/annual-summit/22>"
    s23 = "<https://w3id.org/irdc/id/session/annual-summit/23>"
    assert stated_by(store, WIRE25, f'{s22} schema:startDate "2024-07-08"^^xsd:date ; '
                                    f'schema:endDate "2024-07-09"^^xsd:date ; schema:location place:moscow')
    assert stated_by(store, WIRE25, f'{s23} schema:startDate "2025-12"^^xsd:gYearMonth ; '
                                    f'schema:location country:india ; schema:eventStatus schema:EventScheduled')
    assert ask(store, f'?js a irdc:JointStatement ; schema:name "India-Russia: Enduring and Expanding Partnership" ; irdc:signedAt {s22}')


@pytest.mark.parametrize("slug, name", [
    ("mod-india", "Ministry of Defence"),
    ("ddp-india", "Department of Defence Production"),
    ("hq-ids", "Headquarters Integrated Defence Staff"),
    ("fsmtc", "Federal Service for Military Technical Cooperation"),
    ("general-staff-russia", "General Staff of the Armed Forces of Russia"),
    ("main-operational-directorate", "Main Operational Directorate"),
    ("main-directorate-imc", "Main Directorate of International Military Cooperation"),
    ("hal", "HAL"),
    ("uec-klimov", "JSC UEC-Klimov"),
    ("irrpl", "Indo-Russia Rifles Private Limited"),
])
def test_organisations_named(store, slug, name):
    assert ask(store, f'organisation:{slug} a org:Organization ; schema:name "{name}"')


def test_organisation_structure_and_products(store):
    assert ask(store, "organisation:main-operational-directorate org:subOrganizationOf organisation:general-staff-russia")
    assert ask(store, "organisation:ddp-india org:subOrganizationOf organisation:mod-india")
    assert ask(store, 'organisation:uec-klimov schema:location place:saint-petersburg')
    assert ask(store, '?r a schema:Product ; schema:name "AK-203" ; schema:manufacturer organisation:irrpl')
    assert ask(store, '?m a schema:Product ; schema:name "BrahMos"')


def test_visit_to_uec_klimov(store):
    assert stated_by(store, NEWSX, """?v a irdc:Visit ; irdc:visitor person:sanjeev-kumar ;
        irdc:visited organisation:uec-klimov ; schema:location place:saint-petersburg ;
        schema:startDate "2025-10-30"^^xsd:date ; schema:attendee person:dk-sunil""")
    # The copy reports the visit without its date.
    assert stated_by(store, COPY, "?v irdc:visitor person:sanjeev-kumar")
    assert not stated_by(store, COPY, "?v irdc:visitor person:sanjeev-kumar ; schema:startDate ?d")


def test_nothing_unstated_is_invented(store):
    # No co-chairs for the commission's session, the summits or the dialogue: no source names them.
    for s in ("irigc-mmtc/20", "annual-summit/22", "two-plus-two/1"):
        assert not ask(store, f"<https://w3id.org/irdc/id/session/{s}> irdc:coChair ?p")
    # Sources with no URL, publisher or headline given keep those fields absent.
    assert not ask(store, "?s schema:url ?u")
    assert not ask(store, f"source:{COPY} schema:publisher|schema:headline|schema:datePublished ?x")


def test_syndicated_copies_are_marked(store):
    assert ask(store, f"source:{COPY} irdc:duplicateOf source:{NEWSX}")
    assert ask(store, f"source:{NATIONPRESS} irdc:duplicateOf source:{WIRE25}")
    assert not ask(store, f"source:{WIRE24} irdc:duplicateOf ?original")
