"""Triage: health-check every configured service at once, and fill in the seed's checklist."""
