"""Who may see a private file: only those with an object grant (uploader, or granted by a
service). A role-wide ``files.view_bestand`` (e.g. for the admin) does not open every file: the
``accept_global_perms`` decision is ``False``, deliberately, because files are confidential."""

from __future__ import annotations

from hengelo_participatie.accounts.policy import ModelPolicy

from .models import Bestand

bestand_policy: ModelPolicy[Bestand] = ModelPolicy(Bestand, global_grants_objects=False)
