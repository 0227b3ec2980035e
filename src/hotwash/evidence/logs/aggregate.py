"""Condense records into per-service minute counts and template statistics.

Each chunk is reduced to small partial aggregates keyed by (service, minute) and by
(service, template, level, minute); raw lines are dropped right away. Every record
counts in the rates; templates are mined only from the records the reader hands
over (by default its errors and warnings, the only templates a timeline shows).
Messages are cut to ``TEMPLATE_CHARS`` characters so that one huge message cannot
dominate the cost; the miner masks each distinct message shape only once.
"""

from __future__ import annotations

from datetime import UTC, datetime

import polars as pl

from hotwash.condense import TemplateMiner
from hotwash.evidence.logs.keyed import KeyedTemplates
from hotwash.evidence.logs.levels import ERROR, WARNING
from hotwash.evidence.model import EvidenceRef, LogSummary, MinuteCounts, TemplateStat

TEMPLATE_CHARS = 512
_COMPACT_ROWS = 200_000  # re-aggregate the partials once they grow past this


class LogAggregator:
    """``keyed``: the format's messages are keys already (see :mod:`.keyed`), not mined."""

    def __init__(self, fallback_service: str, *, keyed: bool = False) -> None:
        self.fallback_service = fallback_service
        self.miner: TemplateMiner | KeyedTemplates = KeyedTemplates() if keyed else TemplateMiner()
        self._rates: list[pl.DataFrame] = []
        self._templates: list[pl.DataFrame] = []

    def add_rates(self, records: pl.DataFrame) -> None:
        """Count records with columns ts (naive UTC), level and service per minute."""
        if records.height == 0:
            return
        self._rates.append(_rates(records.select(self._service(), _minute(), pl.col("level"))))
        if sum(part.height for part in self._rates) > _COMPACT_ROWS:
            self._rates = [_rates_merge(pl.concat(self._rates))]

    def add_templates(self, records: pl.DataFrame) -> None:
        """Mine records with columns line, ts (naive UTC), level, service and message."""
        if records.height == 0:
            return
        frame = records.select(
            pl.col("line"),
            pl.col("ts"),
            pl.col("level"),
            self._service(),
            _minute(),
            pl.col("message").fill_null("").str.slice(0, TEMPLATE_CHARS).alias("message"),
        )
        ids = self.miner.add(frame["message"])
        self._templates.append(_template_partial(frame.with_columns(template=ids)))
        if sum(part.height for part in self._templates) > _COMPACT_ROWS:
            self._templates = [_template_merge(pl.concat(self._templates))]

    def _service(self) -> pl.Expr:
        return pl.col("service").fill_null(self.fallback_service)

    def _compact(self) -> None:
        if self._rates:
            self._rates = [_rates_merge(pl.concat(self._rates))]
        if self._templates:
            self._templates = [_template_merge(pl.concat(self._templates))]

    def summaries(self, path: str, fmt: str) -> list[LogSummary]:
        """One :class:`LogSummary` per service found in the file, busiest first."""
        if not self._rates:
            return []
        self._compact()
        rates = self._rates[0]
        templates = self._templates[0] if self._templates else _template_partial(_NO_RECORDS)
        services = (
            rates.group_by("service")
            .agg(pl.col("total").sum())
            .sort(["total", "service"], descending=[True, False])
        )
        return [
            LogSummary(
                path=path,
                service=service,
                format=fmt,
                rates=_minute_counts(service, rates.filter(pl.col("service") == service)),
                templates=self._template_stats(
                    path, templates.filter(pl.col("service") == service)
                ),
            )
            for service in services["service"]
        ]

    def _template_stats(self, path: str, partial: pl.DataFrame) -> list[TemplateStat]:
        texts = self.miner.templates
        # Templates merged after their first chunks count as one from their start.
        canonical = partial.with_columns(template=self.miner.canonical(partial["template"]))
        grouped = (
            canonical.group_by("template", "level")
            .agg(
                pl.col("count").sum(),
                pl.col("first_ts").min(),
                pl.col("last_ts").max(),
                pl.col("first_line").min(),
                pl.col("minute"),
                pl.col("count").alias("per_minute"),
            )
            .sort("first_line")
        )
        return [
            TemplateStat(
                template=texts[row["template"]],
                level=row["level"],
                count=row["count"],
                first_seen=_utc(row["first_ts"]),
                last_seen=_utc(row["last_ts"]),
                first_ref=EvidenceRef(path, row["first_line"]),
                minute_counts=dict(zip(row["minute"], row["per_minute"], strict=True)),
            )
            for row in grouped.iter_rows(named=True)
        ]


_NO_RECORDS = pl.DataFrame(
    schema={
        "line": pl.UInt64,
        "ts": pl.Datetime("us"),
        "level": pl.String,
        "service": pl.String,
        "minute": pl.Int64,
        "template": pl.UInt32,
    }
)


def _minute() -> pl.Expr:
    return (pl.col("ts").dt.epoch("s") // 60).alias("minute")


def _rates(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.group_by("service", "minute").agg(
        pl.len().cast(pl.Int64).alias("total"),
        (pl.col("level") == ERROR).sum().cast(pl.Int64).alias("errors"),
        (pl.col("level") == WARNING).sum().cast(pl.Int64).alias("warnings"),
    )


def _rates_merge(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.group_by("service", "minute").agg(pl.col("total", "errors", "warnings").sum())


def _template_partial(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.group_by("service", "template", "level", "minute").agg(
        pl.len().cast(pl.Int64).alias("count"),
        pl.col("ts").min().alias("first_ts"),
        pl.col("ts").max().alias("last_ts"),
        pl.col("line").min().alias("first_line"),
    )


def _template_merge(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.group_by("service", "template", "level", "minute").agg(
        pl.col("count").sum(),
        pl.col("first_ts").min(),
        pl.col("last_ts").max(),
        pl.col("first_line").min(),
    )


def _minute_counts(service: str, rates: pl.DataFrame) -> MinuteCounts:
    ordered = rates.sort("minute")
    minutes = ordered["minute"].to_list()
    return MinuteCounts(
        service=service,
        total=dict(zip(minutes, ordered["total"].to_list(), strict=True)),
        errors={m: n for m, n in zip(minutes, ordered["errors"].to_list(), strict=True) if n},
        warnings={m: n for m, n in zip(minutes, ordered["warnings"].to_list(), strict=True) if n},
    )


def _utc(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC)
