"""The permission policies of the participatiemix (see hengelo_participatie/accounts/policy.py).

* Activities, findings and feedback are not confidential inside the portal: a role with the
  model-wide ``view_`` permission (members, staff) sees every activity. A moderator
  (gespreksleider) has no model-wide permission: services grant ``view`` and ``change`` on the
  activities they moderate, and only those count for them.
* Survey results, plans and reports are reference data: a role-wide permission covers all.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Model

from hengelo_participatie.accounts.policy import ModelPolicy
from hengelo_participatie.files.policy import EigenaarRegel, bestand_policy

from .models import (
    Activiteit,
    Benutting,
    Doelgroep,
    Domein,
    Enqueteresultaat,
    GeplandeInzet,
    Instrument,
    Jaarplan,
    Jaarrapportage,
    Opbrengst,
    Organisatie,
    Thema,
)

#: A capability ("participatie.…", the role table) comes from the role only: a moderator's
#: object grant on their own activity never gives one (``ModelPolicy`` asks ``roles.kan``).
activiteit_policy: ModelPolicy[Activiteit] = ModelPolicy(Activiteit, global_grants_objects=True)
opbrengst_policy: ModelPolicy[Opbrengst] = ModelPolicy(Opbrengst, global_grants_objects=True)
benutting_policy: ModelPolicy[Benutting] = ModelPolicy(Benutting, global_grants_objects=True)
enquete_policy: ModelPolicy[Enqueteresultaat] = ModelPolicy(
    Enqueteresultaat, global_grants_objects=True
)
jaarplan_policy: ModelPolicy[Jaarplan] = ModelPolicy(Jaarplan, global_grants_objects=True)
geplande_inzet_policy: ModelPolicy[GeplandeInzet] = ModelPolicy(
    GeplandeInzet, global_grants_objects=True
)
#: The reference lists the account holder keeps (switched off, never deleted).
referentie_policies: dict[type[Model], ModelPolicy[Any]] = {
    model: ModelPolicy(model, global_grants_objects=True)
    for model in (Instrument, Thema, Domein, Doelgroep, Organisatie)
}
jaarrapportage_policy: ModelPolicy[Jaarrapportage] = ModelPolicy(
    Jaarrapportage, global_grants_objects=True
)


def bestand_regels_registreren() -> None:
    """One rule for a moderator's report: whoever may see the activity may download its report.

    The file policy asks this rule for every file that is the ``verslag`` of an activity, so
    ``/bestanden/<id>/download/``, the activity's own download URL and the admin agree. The same
    holds for the PDF of a yearly report. Called from ``ParticipatiemixConfig.ready``.
    """
    bestand_policy.registreer(
        EigenaarRegel(
            naam="participatiemix.activiteit.verslag",
            beheerd=lambda: Activiteit.objects.filter(verslag__isnull=False).values("verslag_id"),
            zichtbaar=lambda user: (
                activiteit_policy.instances_user_has_perm_for(user, "view")
                .filter(verslag__isnull=False)
                .values("verslag_id")
            ),
        )
    )
    bestand_policy.registreer(
        EigenaarRegel(
            naam="participatiemix.jaarrapportage.pdf",
            beheerd=lambda: Jaarrapportage.objects.filter(pdf__isnull=False).values("pdf_id"),
            zichtbaar=lambda user: (
                jaarrapportage_policy.instances_user_has_perm_for(user, "view")
                .filter(pdf__isnull=False)
                .values("pdf_id")
            ),
        )
    )
