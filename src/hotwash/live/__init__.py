"""Live evidence: fetch what the incident window holds from the systems a team runs.

Every fetcher saves what it fetched in a format an evidence source already reads
(Prometheus ``query_range`` JSON, Alertmanager's alert list, PagerDuty log entries, a
Slack export folder, log files), so a timeline rebuilt from collected evidence goes
through exactly the same code as one rebuilt from files a responder saved by hand.
"""
