"""Read response bodies with a hard size cap on both the wire bytes and the decompressed bytes.

We decode Content-Encoding ourselves from `aiter_raw`, asking zlib for at most the remaining budget per call, so a
gzip bomb is refused after inflating at most `max_bytes` (never the whole thing into memory).
"""

from __future__ import annotations

import zlib
from collections.abc import AsyncIterator

import httpx


class TooLarge(Exception):
    """The body exceeds the configured cap."""


class UnsupportedEncoding(Exception):
    """The server used a Content-Encoding we did not ask for."""


class BoundedInflater:
    """Incremental gzip/zlib/raw-deflate decoder whose output never exceeds `limit` bytes."""

    def __init__(self, encoding: str, limit: int) -> None:
        self._wbits = {"gzip": 16 + zlib.MAX_WBITS, "x-gzip": 16 + zlib.MAX_WBITS, "deflate": zlib.MAX_WBITS}[encoding]
        self._decoder = zlib.decompressobj(self._wbits)
        self._limit = limit
        self._first = True
        self.output = bytearray()

    def feed(self, chunk: bytes) -> None:
        """Decode one chunk; raise TooLarge as soon as the output would pass the limit."""
        data = chunk
        while data:
            if self._decoder.eof:  # concatenated gzip members
                data, self._decoder = self._decoder.unused_data + data, zlib.decompressobj(self._wbits)
            try:
                out = self._decoder.decompress(data, self._limit - len(self.output) + 1)
            except zlib.error:
                if not (self._first and self._wbits == zlib.MAX_WBITS):
                    raise
                # Some servers send raw deflate under "deflate": retry once without the zlib header.
                self._wbits, self._decoder = -zlib.MAX_WBITS, zlib.decompressobj(-zlib.MAX_WBITS)
                out = self._decoder.decompress(data, self._limit - len(self.output) + 1)
            self._first = False
            self.output += out
            if len(self.output) > self._limit:
                raise TooLarge
            data = self._decoder.unconsumed_tail

    def finish(self) -> bytes:
        """All decoded bytes."""
        return bytes(self.output)


async def read_capped(response: httpx.Response, max_bytes: int) -> bytes:
    """The decoded body of a streamed response, or TooLarge / UnsupportedEncoding."""
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise TooLarge
    encoding = response.headers.get("content-encoding", "identity").strip().lower() or "identity"
    return await _decode(response.aiter_raw(), encoding, max_bytes)


async def _decode(chunks: AsyncIterator[bytes], encoding: str, max_bytes: int) -> bytes:
    if encoding not in ("identity", "gzip", "x-gzip", "deflate"):
        raise UnsupportedEncoding(encoding)
    inflater = None if encoding == "identity" else BoundedInflater(encoding, max_bytes)
    raw = bytearray()
    wire_total = 0
    async for chunk in chunks:
        wire_total += len(chunk)
        if wire_total > max_bytes:
            raise TooLarge
        if inflater is None:
            raw += chunk
        else:
            inflater.feed(chunk)
    return bytes(raw) if inflater is None else inflater.finish()


def inflate_capped(data: bytes, max_bytes: int) -> bytes:
    """Decompress a gzip file body (e.g. a `.xml.gz` sitemap) with the same cap."""
    inflater = BoundedInflater("gzip", max_bytes)
    inflater.feed(data)
    return inflater.finish()
