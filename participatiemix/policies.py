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


def bestand_regels_registreren() -> None:
    """One rule for a moderator's report: whoever may see the activity may download its report.

    The file policy asks this rule for every file that is the ``verslag`` of an activity, so
    ``/bestanden/<id>/download/``, the activity's own download URL and the admin agree. The same
    holds for the PDF of a yearly report. Called from ``ParticipatiemixConfig.ready``.
    """
    from hengelo_participatie.files.policy import EigenaarRegel, bestand_policy

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
