"""Accounts and signing in (issue 11): sessions and their time limits, the second step, the sign-in lockout and the
security event log, student sign-ins issued by a coordinator, the demo's second-step codes, and a person's own
account pages. The sign-in page itself stays with Django's names in ``schools.views`` and ``schools.forms``."""
