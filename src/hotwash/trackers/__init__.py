"""Action items exported to issue trackers (GitHub, GitLab, Jira Cloud) and synced back."""
