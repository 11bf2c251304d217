"""Admin for the account holder (and, for declarations, the supporter). Thin: every save and every
action calls the same service as the portal, so the admin cannot bypass a rule.

* Object permissions pages (guardian) are for system administrators only
  (``ReinforcedGuardedModelAdminMixin``): a staff role cannot grant itself a declaration.
* Nothing is deleted here: terms end, functions end, data goes with the retention purge.
* Declarations: only roles with a role-wide view permission see them (supporter); every opening of
  one is logged like a read in the portal. Their free text (change form, history list and history
  form) only for ``verklaring_policy.mag_tekst_lezen``: a superuser sees the answers, not the text.
"""

# Importing the modules registers their admin classes (admin.autodiscover imports this package).
from . import leden, portefeuilles, termijnen, verklaringen, werving  # noqa: F401
