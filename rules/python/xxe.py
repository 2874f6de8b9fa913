import xml.sax
from xml.sax.handler import feature_external_ges

from defusedxml import ElementTree as SafeET
from lxml import etree


def parse_invoice(body):
    # ruleid: python-xxe-resolve-entities
    parser = etree.XMLParser(resolve_entities=True)
    return etree.fromstring(body, parser)


def parse_feed(body):
    # ruleid: python-xxe-resolve-entities
    parser = etree.XMLParser(load_dtd=True, no_network=False)
    return etree.fromstring(body, parser)


def sax_parse(stream, handler):
    parser = xml.sax.make_parser()
    # ruleid: python-xxe-resolve-entities
    parser.setFeature(feature_external_ges, True)
    parser.setContentHandler(handler)
    parser.parse(stream)


def parse_invoice_safe(body):
    # ok: python-xxe-resolve-entities
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    return etree.fromstring(body, parser)


def parse_defused(body):
    # ok: python-xxe-resolve-entities
    return SafeET.fromstring(body)


def sax_parse_safe(stream, handler):
    parser = xml.sax.make_parser()
    # ok: python-xxe-resolve-entities
    parser.setFeature(feature_external_ges, False)
    parser.setContentHandler(handler)
    parser.parse(stream)
