"""Who may see and do what in the yearly cycle. Capabilities come from the role table:

* ``evaluatie.inzien``: read evaluations and their (anonymous) results;
* ``evaluatie.beheren``: create evaluations, add questions, record results and actions;
* ``evaluatie.respons_zien``: see the response rate of a questionnaire (chair and supporter);
* ``evaluatie.deelnemen``: may be chosen as a participant or an action owner;
* ``jaarverslag.inzien`` / ``jaarverslag.maken``: read the annual report / have its PDF made.

A re-appointment evaluation is read by whoever may read the core's record (and the member).
The chair's evaluation is narrower: only the roles that the rule ``inzage_evaluatie_voorzitter``
names read it (default: the chair and the account holder). Participants who are not among them
answer its questionnaire but never see its results.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from adviesraad.policies import evaluatie_policy as herbenoeming_policy
from hengelo_participatie.accounts import roles
from hengelo_participatie.accounts.policy import AnyUser, BasePolicy
from hengelo_participatie.core.schrijven import vandaag
from hengelo_participatie.files.policy import EigenaarRegel, bestand_policy
from verordening.rules import Sleutel, rule

from .models import Evaluatie, EvaluatieSoort, Jaarverslag, Vervolgactie

INZIEN = "evaluatie.inzien"
BEHEREN = "evaluatie.beheren"
RESPONS_ZIEN = "evaluatie.respons_zien"
DEELNEMEN = "evaluatie.deelnemen"
JAARVERSLAG_INZIEN = "jaarverslag.inzien"
JAARVERSLAG_MAKEN = "jaarverslag.maken"
#: Kinds with a narrower audience than ``evaluatie.inzien``.
BEPERKT = (EvaluatieSoort.VOORZITTER, EvaluatieSoort.HERBENOEMING)


def _actief(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "is_active", False))


def _super(user: Any) -> bool:
    return _actief(user) and bool(getattr(user, "is_superuser", False))


def mag_voorzitter_inzien(user: Any) -> bool:
    """Do ``user``'s roles appear in the rule ``inzage_evaluatie_voorzitter`` (asked once)?"""
    if not _actief(user):
        return False
    if _super(user):
        return True
    cached: bool | None = getattr(user, "_inzage_voorzitter", None)
    if cached is None:
        namen = rule(Sleutel.INZAGE_EVALUATIE_VOORZITTER, on=vandaag()).waarde
        cached = bool(set(namen) & roles.rollen_van(user))
        user._inzage_voorzitter = cached
    return cached


class EvaluatiePolicy(BasePolicy[Evaluatie]):
    model = Evaluatie

    def user_has_perm(self, user: AnyUser, action: str) -> bool:
        return _actief(user) and roles.kan(user, action)

    def _resultaten(self, user: AnyUser, obj: Evaluatie) -> bool:
        if obj.soort == EvaluatieSoort.VOORZITTER:
            return mag_voorzitter_inzien(user)
        if obj.soort == EvaluatieSoort.HERBENOEMING:
            # One member's functioning: whoever may read the core's record (unchanged rule).
            return herbenoeming_policy.user_has_perm(user, "view")
        return roles.kan(user, INZIEN)

    def user_has_perm_for_object(
        self, user: AnyUser, action: str, obj: Evaluatie, *, checker: Any = None
    ) -> bool:
        if not _actief(user):
            return False
        if action == "view":
            return self._resultaten(user, obj) or self.is_deelnemer(user, obj)
        if action == "resultaten":
            return self._resultaten(user, obj)
        if action == BEHEREN:
            return roles.kan(user, BEHEREN) and self._resultaten(user, obj)
        if action == RESPONS_ZIEN:
            return self._resultaten(user, obj) and (
                roles.kan(user, RESPONS_ZIEN) or obj.eigenaar_id == user.pk
            )
        return False

    @staticmethod
    def is_deelnemer(user: AnyUser, obj: Evaluatie) -> bool:
        ids: set[int] | None = getattr(obj, "_deelnemer_ids", None)
        if ids is None:
            ids = set(obj.deelnemers.values_list("pk", flat=True))
            obj._deelnemer_ids = ids  # type: ignore[attr-defined]
        return user.pk in ids

    def instances_user_has_perm_for(
        self, user: AnyUser, action: str = "view", queryset: QuerySet[Evaluatie] | None = None
    ) -> QuerySet[Evaluatie]:
        qs = queryset if queryset is not None else Evaluatie.objects.all()
        if not _actief(user):
            return qs.none()
        zicht = Q(deelnemers=user)
        if roles.kan(user, INZIEN):
            zicht |= ~Q(soort__in=BEPERKT)
        if mag_voorzitter_inzien(user):
            zicht |= Q(soort=EvaluatieSoort.VOORZITTER)
        if herbenoeming_policy.user_has_perm(user, "view"):
            zicht |= Q(soort=EvaluatieSoort.HERBENOEMING)
        return qs.filter(pk__in=Evaluatie.objects.filter(zicht).values("pk"))


evaluatie_policy = EvaluatiePolicy()


def mag_actie_bijwerken(user: Any, actie: Vervolgactie) -> bool:
    """The owner of a follow-up action, or whoever manages its evaluation."""
    if not _actief(user):
        return False
    return actie.eigenaar_id == user.pk or evaluatie_policy.user_has_perm_for_object(
        user, BEHEREN, actie.evaluatie
    )


class JaarverslagPolicy(BasePolicy[Jaarverslag]):
    model = Jaarverslag

    def user_has_perm(self, user: AnyUser, action: str) -> bool:
        if not _actief(user):
            return False
        if action == "view":
            return roles.kan(user, JAARVERSLAG_INZIEN)
        if action == "add":
            return roles.kan(user, JAARVERSLAG_MAKEN)
        return False


jaarverslag_policy = JaarverslagPolicy()


def bestand_regels_registreren() -> None:
    """Whoever may read the annual report may download its PDF, through every download URL
    (``/bestanden/<id>/download/`` and the report's own). Called from ``JaarcyclusConfig.ready``."""
    bestand_policy.registreer(
        EigenaarRegel(
            naam="jaarcyclus.jaarverslag.pdf",
            beheerd=lambda: Jaarverslag.objects.filter(pdf__isnull=False).values("pdf_id"),
            zichtbaar=lambda user: (
                jaarverslag_policy.instances_user_has_perm_for(user, "view")
                .filter(pdf__isnull=False)
                .values("pdf_id")
            ),
        )
    )
