"""Log template mining: header learning, variable masking and template clustering."""

from hotwash.condense.mining.clusters import ClusterSet
from hotwash.condense.mining.headers import NO_HEADER, HeaderRule, learn_header
from hotwash.condense.mining.masking import mask

__all__ = ["NO_HEADER", "ClusterSet", "HeaderRule", "learn_header", "mask"]
