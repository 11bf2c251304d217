"""Admin for the account holder. Thin: every write (add, change, delete, the inline articles, a
house-rules step) goes through ``verordening.services``, which checks the policy, validates, keeps
history with the actor and audits; a refusal shows on the same form. A rule version that has
started shows its value and period read-only."""

# Importing the modules registers their admin classes (admin.autodiscover imports this package).
from . import afspraken, regels, verordening  # noqa: F401
