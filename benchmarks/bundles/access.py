"""nginx and Apache access logs (combined or common), with the offset of the zone given."""

from __future__ import annotations

import numpy as np
import polars as pl

from bundles.formats import clock
from bundles.traffic import Requests

AGENTS = ("Mozilla/5.0 (X11; Linux x86_64)", "shop-app/4.2 (iOS 17.4)", "curl/8.5.0")


def access_lines(rng: np.random.Generator, requests: Requests, style: str, zone: str) -> pl.Series:
    n = requests.size
    stamp = clock(requests.t, zone, "%d/%b/%Y:%H:%M:%S %z")
    method = pl.Series(np.where(rng.random(n) < 0.6, "GET", "POST"))
    ids = pl.Series(rng.integers(1000, 99_999, n)).cast(pl.String)
    shape = rng.integers(0, 3, n)
    base = "/api/" + pl.Series(requests.services)
    path = pl.select(
        pl.when(pl.lit(pl.Series(shape == 0)))
        .then(base)
        .when(pl.lit(pl.Series(shape == 1)))
        .then(base + "/" + ids)
        .otherwise(base + "?page=" + ids.str.slice(0, 1))
    ).to_series()
    size = np.where(requests.error, 157, rng.integers(200, 9000, n))
    ip = pl.Series(rng.integers(2, 250, n)).cast(pl.String)
    parts: list[pl.Series | str] = [
        "10.0.3.", ip, " - - [", stamp, '] "', method, " ", path, ' HTTP/1.1" ',
        pl.Series(requests.status).cast(pl.String), " ", pl.Series(size).cast(pl.String),
    ]  # fmt: skip
    if style != "apache-common":
        agent = pl.Series(AGENTS).gather(rng.integers(0, len(AGENTS), n))
        parts += [' "-" "', agent, '"']
    return pl.select(pl.concat_str([pl.lit(part) for part in parts])).to_series()
