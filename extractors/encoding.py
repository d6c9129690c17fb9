"""Bytes to clean text: pages often declare one charset and use another, so the declaration is only a hint."""

from __future__ import annotations

import codecs
import re
import unicodedata

from charset_normalizer import from_bytes

_DECLARED = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]{1,40})""", re.I)
_XML_DECLARED = re.compile(rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_\-:.]{1,40})""", re.I)
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# Single-byte charsets that decode anything: a declaration of one of them proves nothing, so UTF-8 is tried first.
_PERMISSIVE = {"latin-1", "iso8859-1", "cp1252", "ascii", "iso8859-15"}
# C0/C1 controls except tab and newlines, plus zero-width and bidi marks that break tokenisation.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u200e\u200f\u202a-\u202e\u2060\ufeff\ufffe]")
_MOJIBAKE = re.compile("[\u00c2\u00c3][\u0080-\u00bf]|\u00e2\u20ac")


def declared_charset(data: bytes) -> str | None:
    """Charset named by a BOM, XML declaration or meta tag in the head, normalised by the codec registry."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    head = data[:4096]
    match = _XML_DECLARED.search(head) or _DECLARED.search(head)
    if not match:
        return None
    try:
        return codecs.lookup(match.group(1).decode("ascii")).name
    except LookupError:
        return None


def decode_html(data: bytes) -> str:
    """Decode page bytes: BOM, then valid UTF-8 over a permissive declaration, then the declaration, then sniffing."""
    declared = declared_charset(data)
    candidates: list[str] = []
    if declared and declared.startswith("utf-") and declared != "utf-8":
        candidates.append(declared)
    if declared is None or declared in _PERMISSIVE or declared == "utf-8":
        candidates.append("utf-8")
    if declared:
        candidates.append(declared)
    for name in candidates:
        try:
            text = data.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
        return text[1:] if text.startswith("\ufeff") else text
    best = from_bytes(data[:200_000]).best()
    if best is not None and best.encoding:
        text = data.decode(best.encoding, errors="replace")
        if _latin_only(text):
            # Western codepages look alike to the sniffer; the HTML standard's default for undeclared pages,
            # windows-1252, is the likeliest for U.S. news (and where a UTF-8 declaration lied).
            return data.decode("cp1252", errors="replace")
        return text
    return data.decode("cp1252" if declared in (None, "ascii") else declared, errors="replace")


def _latin_only(text: str) -> bool:
    """True when every non-ASCII letter is a Latin one (no Cyrillic, Greek, CJK ... to protect)."""
    return all(unicodedata.name(ch, "").startswith("LATIN") for ch in set(text) if ord(ch) > 127 and ch.isalpha())


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 read as cp1252 upstream ("CafÃ©" -> "Café"), line by line where a line round-trips cleanly."""
    if text.isascii() or not _MOJIBAKE.search(text):  # mojibake is non-ASCII; isascii() is a flag test
        return text
    return "\n".join(_repair_line(line) for line in text.split("\n"))


def _repair_line(line: str) -> str:
    if not _MOJIBAKE.search(line):
        return line
    try:
        return line.encode("cp1252").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return line


def clean_text(text: str) -> str:
    """NFC-normalise and drop control characters so equal strings compare and tokenise equally downstream."""
    return _CONTROLS.sub("", unicodedata.normalize("NFC", text))
