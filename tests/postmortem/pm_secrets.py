"""Secrets planted in evidence by the postmortem tests; none may reach a draft."""

SECRETS = ("hunter2", "ghp_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8", "lee@example.com")
