"""The one place HTTP happens: a shared AsyncClient behind per-host gates, robots.txt, retries and address checks.

Every request of a run (feeds, APIs, robots.txt, article pages) goes through one `PoliteSession`, so politeness
limits hold across adapters and pages alike.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from sources import netguard
from sources.bodies import TooLarge, UnsupportedEncoding, read_capped

RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
ROBOTS_AGENT = "ice-hotspots"


@dataclass(frozen=True)
class FetchSettings:
    """Politeness and safety limits for one run (tests and the demo shrink the intervals)."""

    user_agent: str = "ice-hotspots/0.1 (+https://github.com/ice-hotspots/ice-hotspots; research crawler)"
    min_host_interval: float = 3.0
    per_host_concurrency: int = 2
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    max_bytes: int = 5 * 2**20
    max_redirects: int = 5
    max_attempts: int = 3
    backoff_base: float = 1.0
    retry_after_cap: float = 60.0
    run_attempt_budget: int = 500  # retries (beyond each URL's first attempt) allowed in one run
    disable_after: int = 10  # consecutive failed polls before a source is disabled


@dataclass(frozen=True)
class HttpResult:
    """What one logical GET (after redirects and retries) came to."""

    url: str
    final_url: str | None
    status: int | None
    headers: httpx.Headers = field(default_factory=httpx.Headers)
    body: bytes | None = None
    attempts: int = 0
    outcome: str = "ok"  # "ok" | "skipped" | "failed"
    reason: str | None = None

    @property
    def content_type(self) -> str | None:
        """The media type without parameters, lowercased."""
        value = self.headers.get("content-type")
        return value.split(";", 1)[0].strip().lower() if value else None


def make_client(settings: FetchSettings) -> httpx.AsyncClient:
    """The shared client: our User-Agent, our timeouts, no automatic redirects, only encodings we decode."""
    timeout = httpx.Timeout(settings.read_timeout, connect=settings.connect_timeout)
    headers = {"User-Agent": settings.user_agent, "Accept-Encoding": "gzip, deflate"}
    return httpx.AsyncClient(timeout=timeout, headers=headers, follow_redirects=False)


class _HostGate:
    """At most `concurrency` requests in flight to one host, and request starts at least `interval` apart."""

    def __init__(self, concurrency: int, interval: float) -> None:
        self.interval = interval
        self._slots = asyncio.Semaphore(concurrency)
        self._lock = asyncio.Lock()
        self._next_start = 0.0

    @asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        async with self._slots:
            async with self._lock:
                loop = asyncio.get_running_loop()
                wait = self._next_start - loop.time()
                if wait > 0:
                    await asyncio.sleep(wait)
                self._next_start = loop.time() + self.interval
            yield


class _Retry(Exception):
    def __init__(self, delay: float, reason: str) -> None:
        self.delay, self.reason = delay, reason


class PoliteSession:
    """Shared client, host gates, robots cache and the run's retry budget."""

    def __init__(self, settings: FetchSettings, resolver: netguard.Resolver | None = None) -> None:
        self.settings = settings
        self.resolver = resolver or netguard.system_resolver
        self._client: httpx.AsyncClient | None = None
        self._gates: dict[str, _HostGate] = {}
        self._interval_overrides: dict[str, float] = {}
        self._robots: dict[str, RobotFileParser | str] = {}
        self._robots_locks: dict[str, asyncio.Lock] = {}
        self.retries_left = settings.run_attempt_budget

    async def __aenter__(self) -> PoliteSession:
        self._client = make_client(self.settings)
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._client is not None:
            await self._client.aclose()

    def space_host(self, host: str, interval: float) -> None:
        """Require at least `interval` seconds between requests to `host` (e.g. GDELT asks for 5 s)."""
        self._interval_overrides[host] = max(interval, self._interval_overrides.get(host, 0.0))
        if host in self._gates:
            self._gates[host].interval = max(self._gates[host].interval, interval)

    def _gate(self, host: str) -> _HostGate:
        if host not in self._gates:
            interval = max(self.settings.min_host_interval, self._interval_overrides.get(host, 0.0))
            self._gates[host] = _HostGate(self.settings.per_host_concurrency, interval)
        return self._gates[host]

    async def get(
        self, url: str, *, allow_private: bool, respect_robots: bool, headers: Mapping[str, str] | None = None
    ) -> HttpResult:
        """GET with manual redirects (each hop re-checked), retries and a capped body; never raises for bad URLs."""
        attempts = 0
        current = url
        visited = {url}
        for _ in range(self.settings.max_redirects + 1):
            refusal = await netguard.refusal(current, allow_private, self.resolver)
            if refusal is None and respect_robots and not await self._robots_allow(current, allow_private):
                refusal = "robots"
            if refusal is not None:
                return HttpResult(url, current, None, attempts=attempts, outcome="skipped", reason=refusal)
            result = await self._request(current, headers or {})
            attempts += result.attempts
            if result.status in REDIRECT_STATUSES and result.headers.get("location"):
                current = urljoin(current, result.headers["location"].strip())
                if current in visited:
                    return HttpResult(url, current, result.status, attempts=attempts, outcome="failed",
                                      reason="redirect loop")
                visited.add(current)
                continue
            return HttpResult(url, current, result.status, result.headers, result.body, attempts, result.outcome,
                              result.reason)
        return HttpResult(url, current, None, attempts=attempts, outcome="failed", reason="too many redirects")

    async def _request(self, url: str, headers: Mapping[str, str]) -> HttpResult:
        """One hop: bounded attempts, backoff with jitter outside the host gate, Retry-After honoured (capped)."""
        assert self._client is not None, "use PoliteSession as an async context manager"
        gate = self._gate(urlsplit(url).netloc.lower())
        for attempt in range(1, self.settings.max_attempts + 1):
            last = attempt == self.settings.max_attempts or self.retries_left <= 0
            try:
                async with gate.slot():
                    return await self._attempt(url, headers, attempt, last)
            except _Retry as retry:
                self.retries_left -= 1
                await asyncio.sleep(retry.delay)
        raise AssertionError("unreachable: the last attempt always returns")

    async def _attempt(self, url: str, headers: Mapping[str, str], attempt: int, last: bool) -> HttpResult:
        assert self._client is not None
        try:
            async with self._client.stream("GET", url, headers=dict(headers)) as response:
                status = response.status_code
                if status in RETRY_STATUSES and not last:
                    raise _Retry(self._delay(attempt, response.headers.get("retry-after")), f"http {status}")
                if status in REDIRECT_STATUSES or status == 304:
                    return HttpResult(url, url, status, response.headers, None, attempt)
                if status >= 400:
                    return HttpResult(url, url, status, response.headers, None, attempt, "failed", f"http {status}")
                body = await read_capped(response, self.settings.max_bytes)
                return HttpResult(url, url, status, response.headers, body, attempt)
        except TooLarge:
            return HttpResult(url, url, None, attempts=attempt, outcome="skipped", reason="too large")
        except UnsupportedEncoding as error:
            return HttpResult(url, url, None, attempts=attempt, outcome="failed",
                              reason=f"unsupported content-encoding {error}")
        except (httpx.ReadTimeout, httpx.WriteTimeout, httpx.PoolTimeout):
            return HttpResult(url, url, None, attempts=attempt, outcome="failed", reason="timeout")
        except (httpx.ConnectError, httpx.ConnectTimeout, httpx.RemoteProtocolError, httpx.ReadError) as error:
            if last:
                reason = "connect timeout" if isinstance(error, httpx.ConnectTimeout) else "connection error"
                return HttpResult(url, url, None, attempts=attempt, outcome="failed", reason=reason)
            raise _Retry(self._delay(attempt, None), "connection error") from error
        except (httpx.InvalidURL, httpx.UnsupportedProtocol):
            return HttpResult(url, url, None, attempts=attempt, outcome="skipped", reason="not http(s)")
        except httpx.DecodingError:
            return HttpResult(url, url, None, attempts=attempt, outcome="failed", reason="undecodable body")

    def _delay(self, attempt: int, retry_after: str | None) -> float:
        """Retry-After when given (capped), else exponential backoff with full jitter on top."""
        hinted = parse_retry_after(retry_after)
        if hinted is not None:
            return min(hinted, self.settings.retry_after_cap)
        base = self.settings.backoff_base * 2 ** (attempt - 1)
        return min(base + random.uniform(0, base), self.settings.retry_after_cap)

    async def _robots_allow(self, url: str, allow_private: bool) -> bool:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc.lower()}"
        lock = self._robots_locks.setdefault(origin, asyncio.Lock())
        async with lock:
            if origin not in self._robots:
                self._robots[origin] = await self._load_robots(origin, allow_private)
        rules = self._robots[origin]
        if isinstance(rules, str):
            return rules == "allow"
        return rules.can_fetch(ROBOTS_AGENT, url)

    async def _load_robots(self, origin: str, allow_private: bool) -> RobotFileParser | str:
        """robots.txt: 2xx parsed; 4xx (but 429) means no rules; 429/5xx/unreachable disallows for this run."""
        result = await self.get(f"{origin}/robots.txt", allow_private=allow_private, respect_robots=False)
        if result.outcome == "ok" and result.status is not None and 200 <= result.status < 300 and result.body is not None:
            parser = RobotFileParser()
            parser.parse(result.body.decode("utf-8", errors="replace").splitlines())
            return parser
        if result.status is not None and 400 <= result.status < 500 and result.status != 429:
            return "allow"
        return "disallow"


def parse_retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or HTTP-date); None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, moment.timestamp() - time.time())

