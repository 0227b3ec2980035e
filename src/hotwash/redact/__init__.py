"""Redaction: mask secrets and personal data before anything derived from evidence is written.

>>> redactor = Redactor()
>>> redactor.redact("login by ana@example.com with token=ghp_" + "a" * 36)
'login by [REDACTED:email] with token=[REDACTED:github-token]'
>>> redaction_report(redactor.counts)
'redacted 1 email, 1 github-token'
"""

from hotwash.redact.config import ALL_KINDS, RedactionConfig
from hotwash.redact.dialect import label
from hotwash.redact.redactor import Redactor
from hotwash.redact.report import redaction_report

__all__ = ["ALL_KINDS", "RedactionConfig", "Redactor", "label", "redaction_report"]
