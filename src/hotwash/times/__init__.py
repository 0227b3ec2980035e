"""Time handling: everything inside hotwash is timezone-aware UTC."""

from hotwash.times.durations import format_duration, parse_duration
from hotwash.times.parse import parse_time, resolve_zone
from hotwash.times.zones import UTC, to_utc

__all__ = ["UTC", "format_duration", "parse_duration", "parse_time", "resolve_zone", "to_utc"]
