"""The date window a run asks for, applied the same way by every adapter."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone


@dataclass(frozen=True)
class Window:
    """Inclusive [since, until] in UTC days; either end may be open."""

    since: date | None = None
    until: date | None = None

    def contains(self, moment: datetime | None) -> bool:
        """Undated items are kept: we cannot tell, and dropping them would lose items silently."""
        if moment is None:
            return True
        day = as_utc(moment).date()
        return (self.since is None or day >= self.since) and (self.until is None or day <= self.until)

    def starts_after(self, moment: datetime | None) -> bool:
        """True when `moment` is before the window opens (a document last changed then holds nothing new)."""
        return moment is not None and self.since is not None and as_utc(moment).date() < self.since

    def bounds(self, default_span: timedelta, now: datetime) -> tuple[datetime, datetime]:
        """Concrete UTC datetimes for APIs that need both ends: open ends become `now` and `now - default_span`."""
        end = min(now, datetime.combine(self.until + timedelta(days=1), time(), timezone.utc)) if self.until else now
        start = datetime.combine(self.since, time(), timezone.utc) if self.since else end - default_span
        return start, end


def as_utc(moment: datetime) -> datetime:
    """Naive datetimes from feeds are taken as UTC."""
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment.astimezone(timezone.utc)
