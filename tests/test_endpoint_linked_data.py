"""Dereferenceable IRIs, the ontology, the Graph Store Protocol (read) and the dumps, on a real server."""

from __future__ import annotations

import gzip

import httpx
import pytest
import rdflib
from endpoint_support import CLAIM, IRAN, KH, QUOTE, build_fixture_store

from conftest import start_server

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
ISNAD = rdflib.Namespace("https://isnad.example.org/ontology#")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    store = build_fixture_store(tmp_path_factory.mktemp("linked") / "store")
    process = start_server(store)
    yield process
    process.stop()


def path_of(iri: str) -> str:
    return "/" + iri.removeprefix("https://isnad.example.org/")


def test_entity_page_for_browsers_has_labels_facts_quotes_and_sources(server):
    response = httpx.get(server.base_url + path_of(KH), headers={"Accept": BROWSER})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    page = response.text
    assert "كتائب حزب الله" in page and "Kata&#39;ib Hezbollah" in page  # both labels, escaped
    assert QUOTE in page  # the Arabic sentence that states the fact
    assert "backed by" in page.lower() or "backedBy" in page
    assert path_of(IRAN) in page and path_of(CLAIM) in page  # linked: the other entity, the claim
    assert "(1 source)" in page
    assert "inferred" in page and "/explain?" in page  # Iran backs KH is inferred, with a link to why


def test_entity_in_turtle_jsonld_and_ntriples(server):
    for media, syntax in (("text/turtle", "turtle"), ("application/ld+json", "json-ld"),
                          ("application/n-triples", "nt")):
        response = httpx.get(server.base_url + path_of(KH), headers={"Accept": media})
        assert response.status_code == 200 and response.headers["content-type"].startswith(media)
        graph = rdflib.Graph().parse(data=response.content, format=syntax)
        assert (rdflib.URIRef(KH), ISNAD.backedBy, rdflib.URIRef(IRAN)) in graph
        assert (rdflib.URIRef(KH), rdflib.RDF.type, ISNAD.Militia) in graph
        assert (rdflib.URIRef(IRAN), ISNAD.backs, rdflib.URIRef(KH)) in graph


def test_entity_in_trig_keeps_claims_and_their_provenance(server):
    response = httpx.get(server.base_url + path_of(KH), params={"format": "trig"})
    dataset = rdflib.Dataset().parse(data=response.content, format="trig")
    claim = dataset.graph(rdflib.URIRef(CLAIM))
    assert (rdflib.URIRef(KH), ISNAD.backedBy, rdflib.URIRef(IRAN)) in claim
    quotes = {str(o) for _, _, o, _ in dataset.quads((None, ISNAD.quote, None, None))}
    assert QUOTE in quotes


def test_articles_and_claims_resolve_too(server):
    article = httpx.get(server.base_url + "/id/article/001_989b01d71f21a984", headers={"Accept": BROWSER})
    assert article.status_code == 200 and "schema:headline" in article.text
    claim = httpx.get(server.base_url + path_of(CLAIM), headers={"Accept": BROWSER})
    assert "What this claim states" in claim.text and QUOTE in claim.text
    turtle = httpx.get(server.base_url + path_of(CLAIM), headers={"Accept": "text/turtle"})
    graph = rdflib.Graph().parse(data=turtle.text, format="turtle")
    assert (rdflib.URIRef(CLAIM), ISNAD.fromArticle, None) in graph


def test_unknown_iri_is_404(server):
    assert httpx.get(server.base_url + "/id/actor/nobody", headers={"Accept": "text/turtle"}).status_code == 404
    page = httpx.get(server.base_url + "/id/actor/<script>", headers={"Accept": BROWSER})
    assert page.status_code == 404 and "<script>" not in page.text and "&lt;script&gt;" in page.text


def test_ontology_as_html_and_turtle(server):
    html = httpx.get(server.base_url + "/ontology", headers={"Accept": BROWSER}, timeout=60)
    assert html.status_code == 200 and html.headers["content-type"].startswith("text/html")
    assert "Claim" in html.text
    turtle = httpx.get(server.base_url + "/ontology", headers={"Accept": "text/turtle"})
    graph = rdflib.Graph().parse(data=turtle.text, format="turtle")
    assert (ISNAD.Claim, rdflib.RDF.type, rdflib.OWL.Class) in graph
    jsonld = httpx.get(server.base_url + "/ontology", params={"format": "jsonld"})
    assert len(rdflib.Graph().parse(data=jsonld.text, format="json-ld")) == len(graph)


def test_graph_store_protocol_reads_named_and_default_graphs(server):
    url = server.base_url + "/rdf-graphs"
    named = httpx.get(url, params={"graph": CLAIM}, headers={"Accept": "text/turtle"})
    graph = rdflib.Graph().parse(data=named.text, format="turtle")
    assert set(graph) == {(rdflib.URIRef(KH), ISNAD.backedBy, rdflib.URIRef(IRAN))}
    nquads = httpx.get(url, params={"graph": CLAIM, "format": "nquads"})
    assert f"<{CLAIM}> ." in nquads.text
    default = httpx.get(server.base_url + "/rdf-graphs?default", headers={"Accept": "application/n-triples"})
    union = rdflib.Graph().parse(data=default.text, format="nt")
    assert (rdflib.URIRef(KH), ISNAD.backedBy, rdflib.URIRef(IRAN)) in union and len(union) > 1400
    assert httpx.get(url, params={"graph": "https://isnad.example.org/graph/none"}).status_code == 404
    assert httpx.get(url).status_code == 400
    by_iri = httpx.get(server.base_url + "/graph/provenance", headers={"Accept": "text/turtle"})
    assert QUOTE in rdflib.Graph().parse(data=by_iri.text, format="turtle").serialize(format="nt")


def test_dumps_stream_with_etag_and_answer_304(server):
    listing = httpx.get(server.base_url + "/dumps/").json()
    assert {d["name"] for d in listing["dumps"]} == {"isnad.nq.gz", "isnad.trig", "isnad.ttl"}
    response = httpx.get(server.base_url + "/dumps/isnad.nq.gz")
    assert response.status_code == 200 and response.headers["etag"] and response.headers["last-modified"]
    dataset = rdflib.Dataset().parse(data=gzip.decompress(response.content), format="nquads")
    assert (rdflib.URIRef(KH), ISNAD.backedBy, rdflib.URIRef(IRAN), rdflib.URIRef(CLAIM)) in dataset
    again = httpx.get(server.base_url + "/dumps/isnad.nq.gz", headers={"If-None-Match": response.headers["etag"]})
    assert again.status_code == 304 and again.content == b""
    since = httpx.get(server.base_url + "/dumps/isnad.trig",
                      headers={"If-Modified-Since": response.headers["last-modified"]})
    assert since.status_code == 304
    stale = httpx.get(server.base_url + "/dumps/isnad.ttl", headers={"If-None-Match": '"older"'})
    assert stale.status_code == 200
    assert (rdflib.URIRef(KH), ISNAD.backedBy, rdflib.URIRef(IRAN)) in rdflib.Graph().parse(data=stale.text,
                                                                                            format="turtle")
    assert httpx.get(server.base_url + "/dumps/..%2Fetc%2Fpasswd").status_code == 404
