"""Refuse XML that declares entities or external references before any parser expands them."""

from __future__ import annotations

from xml.etree.ElementTree import ParseError

import defusedxml
import defusedxml.ElementTree

from sources.adapters import SourceError


def refuse_unsafe_xml(body: bytes) -> None:
    """Raise SourceError for entity bombs and external entities; leave merely malformed XML to the format parser."""
    try:
        defusedxml.ElementTree.fromstring(body, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except defusedxml.DefusedXmlException as error:
        raise SourceError(f"unsafe xml refused ({type(error).__name__})") from None
    except ParseError:
        return
