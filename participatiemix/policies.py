"""The permission policies of the participatiemix (see hengelo_participatie/accounts/policy.py).

* Activities, findings and feedback are not confidential inside the portal: a role with the
  model-wide ``view_`` permission (members, staff) sees every activity. A moderator
  (gespreksleider) has no model-wide permission: services grant ``view`` and ``change`` on the
  activities they moderate, and only those count for them.
* Survey results, plans and reports are reference data: a role-wide permission covers all.
"""

from __future__ import annotations

from hengelo_participatie.accounts.policy import ModelPolicy

from .models import Activiteit, Enqueteresultaat, Jaarplan, Jaarrapportage

activiteit_policy: ModelPolicy[Activiteit] = ModelPolicy(Activiteit, global_grants_objects=True)
enquete_policy: ModelPolicy[Enqueteresultaat] = ModelPolicy(
    Enqueteresultaat, global_grants_objects=True
)
jaarplan_policy: ModelPolicy[Jaarplan] = ModelPolicy(Jaarplan, global_grants_objects=True)
jaarrapportage_policy: ModelPolicy[Jaarrapportage] = ModelPolicy(
    Jaarrapportage, global_grants_objects=True
)
