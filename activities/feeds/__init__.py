"""Calendar (ICS) feeds of shared activities: secret per-person links to subscribe to in Google Calendar or
Outlook (a person's own activities, or, for staff, one program's). See docs/architecture.md, "Calendar feeds"."""
