"""Writes of the participatiemix. Views, the admin, the demo and tasks all come through here.

Each service: checks the permission (``door``; ``None`` is the system itself: demo, migrations,
tasks), validates with ``full_clean``, changes state, records a history reason, grants object
permissions, and registers side effects with ``transaction.on_commit``. Errors are
``ValidationError`` in Dutch, naming the rule they enforce.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from guardian.shortcuts import assign_perm, remove_perm

from hengelo_participatie.accounts.roles import Rol
from hengelo_participatie.accounts.toewijzing import eis_rol, eis_rollen, gebruikers_met_rol
from hengelo_participatie.files.services import bestand_opslaan

from . import rules, workflow
from .models import (
    Activiteit,
    ActiviteitStatus,
    Benutting,
    Domein,
    Jaarrapportage,
    JaarrapportageStatus,
    Opbrengst,
    Spelregel,
    Spelregeltoets,
    Terugkoppeling,
    Thema,
)
from .policies import activiteit_policy, jaarrapportage_policy

logger = logging.getLogger("hengelo_participatie.participatiemix")

#: The object permissions a moderator gets on the activity they moderate.
GESPREKSLEIDER_RECHTEN = ("participatiemix.view_activiteit", "participatiemix.change_activiteit")


# --- Who may be assigned (hengelo_participatie/accounts/toewijzing.py) ---------------------------
#: The moderator gets view and change on the activity (its report, findings): only a moderator.
GESPREKSLEIDER_ROLLEN = (Rol.GESPREKSLEIDER,)
#: The official who organises the activity (and gets its feedback reminders).
VERANTWOORDELIJKE_ROLLEN = (Rol.BELEIDSMEDEWERKER, Rol.ACCOUNTHOUDER)
#: The listening delegation: council members and staff, never an external moderator.
LUISTERDELEGATIE_ROLLEN = (
    Rol.VOORZITTER,
    Rol.VICEVOORZITTER,
    Rol.LID,
    Rol.ONDERSTEUNER,
    Rol.ACCOUNTHOUDER,
    Rol.BELEIDSMEDEWERKER,
)


def gespreksleider_keuzes() -> Any:
    return gebruikers_met_rol(*GESPREKSLEIDER_ROLLEN)


def verantwoordelijke_keuzes() -> Any:
    return gebruikers_met_rol(*VERANTWOORDELIJKE_ROLLEN)


def luisterdelegatie_keuzes() -> Any:
    """Council and staff; someone who is also a moderator stays out (as the admin always did)."""
    return gebruikers_met_rol(*LUISTERDELEGATIE_ROLLEN).exclude(
        groups__name=Rol.GESPREKSLEIDER.value
    )


def _eis_toewijzingen(activiteit: Activiteit, vorige: dict[str, Any]) -> None:
    """The moderator and the responsible official hold the matching role (checked when they are
    chosen or changed, so an unrelated save of an old activity is not refused)."""
    if activiteit.gespreksleider_id != vorige.get("gespreksleider_id"):
        eis_rol(activiteit.gespreksleider, *GESPREKSLEIDER_ROLLEN, veld="gespreksleider")
    if activiteit.verantwoordelijke_id != vorige.get("verantwoordelijke_id"):
        eis_rol(activiteit.verantwoordelijke, *VERANTWOORDELIJKE_ROLLEN, veld="verantwoordelijke")


def _mag(door: Any, action: str, activiteit: Activiteit) -> None:
    """Raise PermissionDenied unless ``door`` (None: the system) may do ``action`` on it.

    Role-wide permission or an object grant (a moderator on their own activity)."""
    if door is None:
        return
    if not activiteit_policy.user_has_perm_for_object(door, action, activiteit):
        raise PermissionDenied(_("U mag dit niet doen bij deze activiteit."))


def _reden(obj: Any, reden: str, door: Any) -> None:
    obj._change_reason = reden
    if door is not None:
        obj._history_user = door


# --- Activiteit ---------------------------------------------------------------------------------
@transaction.atomic
def activiteit_opslaan(
    *, activiteit: Activiteit, door: Any, vorige_gespreksleider_id: int | None = None
) -> Activiteit:
    """Save a new or changed activity (the admin's form and ``activiteit_aanmaken`` land here).

    Also: one empty Spelregel answer per rule, the feedback due date from the verordening rule,
    and the moderator's object permissions (granted to the new one, taken from the previous one).
    """
    nieuw = activiteit.pk is None
    # Role-wide permission only: a moderator changes their activity through the uploads below.
    if door is not None and not activiteit_policy.user_has_perm(door, "add" if nieuw else "change"):
        raise PermissionDenied(_("U mag deze activiteit niet wijzigen."))
    vorige = (
        {}
        if nieuw
        else Activiteit.objects.filter(pk=activiteit.pk)
        .values("gespreksleider_id", "verantwoordelijke_id")
        .first()
        or {}
    )
    _eis_toewijzingen(activiteit, vorige)
    activiteit.full_clean()
    _reden(activiteit, "aangemaakt" if nieuw else "gewijzigd", door)
    activiteit.save()
    _spelregeltoetsen_aanvullen(activiteit)
    _terugkoppeling_bijwerken(activiteit, door=door)
    if nieuw or vorige_gespreksleider_id != activiteit.gespreksleider_id:
        _gespreksleider_rechten(activiteit, vorige_gespreksleider_id=vorige_gespreksleider_id)
    return activiteit


@transaction.atomic
def activiteit_aanmaken(
    *,
    door: Any,
    themas: Iterable[Thema] = (),
    domeinen: Iterable[Domein] = (),
    doelgroepen: Iterable[Any] = (),
    organisaties: Iterable[Any] = (),
    luisterdelegatie: Iterable[Any] = (),
    **velden: Any,
) -> Activiteit:
    activiteit = activiteit_opslaan(activiteit=Activiteit(**velden), door=door)
    activiteit.themas.set(themas)
    activiteit.domeinen.set(domeinen)
    activiteit.doelgroepen.set(doelgroepen)
    activiteit.organisaties.set(organisaties)
    luisterdelegatie_zetten(activiteit=activiteit, gebruikers=luisterdelegatie, door=door)
    return activiteit


@transaction.atomic
def luisterdelegatie_zetten(
    *, activiteit: Activiteit, gebruikers: Iterable[Any], door: Any
) -> Activiteit:
    """Set who listens in on ``activiteit``: council members and staff only (the admin's form
    offers the same people; this refuses anyone else, also when called directly)."""
    # Role-wide permission only: a moderator does not pick the delegation of their activity.
    if door is not None and not activiteit_policy.user_has_perm(door, "change"):
        raise PermissionDenied(_("U mag deze activiteit niet wijzigen."))
    gebruikers = list(gebruikers)
    eis_rollen(
        gebruikers,
        *LUISTERDELEGATIE_ROLLEN,
        veld="luisterdelegatie",
        keuzes=luisterdelegatie_keuzes(),
    )
    activiteit.luisterdelegatie.set(gebruikers)
    logger.info(
        "actor=%s action=luisterdelegatie_zetten object=activiteit:%s result=ok leden=%s",
        getattr(door, "pk", None) or "systeem",
        activiteit.pk,
        sorted(g.pk for g in gebruikers),
    )
    return activiteit


def _spelregeltoetsen_aanvullen(activiteit: Activiteit) -> None:
    bestaand = set(activiteit.spelregeltoetsen.values_list("spelregel_id", flat=True))
    for spelregel in Spelregel.objects.exclude(pk__in=bestaand):
        Spelregeltoets.objects.create(activiteit=activiteit, spelregel=spelregel)


def _terugkoppeling_bijwerken(activiteit: Activiteit, *, door: Any) -> None:
    """Create the feedback record, or move its due date while no feedback was given yet."""
    uiterste = rules.terugkoppeling_uiterste_datum(activiteit.datum)
    terugkoppeling = Terugkoppeling.objects.filter(activiteit=activiteit).first()
    if terugkoppeling is None:
        terugkoppeling = Terugkoppeling(activiteit=activiteit, uiterste_datum=uiterste)
    elif terugkoppeling.gegeven_op is not None or terugkoppeling.uiterste_datum == uiterste:
        return
    terugkoppeling.uiterste_datum = uiterste
    _reden(terugkoppeling, "uiterste datum volgens terugkoppeling_termijn", door)
    terugkoppeling.save()


def _gespreksleider_rechten(
    activiteit: Activiteit, *, vorige_gespreksleider_id: int | None
) -> None:
    from hengelo_participatie.accounts.models import User

    if vorige_gespreksleider_id:
        vorige = User.objects.filter(pk=vorige_gespreksleider_id).first()
        if vorige is not None:
            for perm in GESPREKSLEIDER_RECHTEN:
                remove_perm(perm, vorige, activiteit)
    if activiteit.gespreksleider_id:
        for perm in GESPREKSLEIDER_RECHTEN:
            assign_perm(perm, activiteit.gespreksleider, activiteit)


@transaction.atomic
def activiteit_status_wijzigen(*, activiteit: Activiteit, naar: str, door: Any) -> Activiteit:
    """Move ``activiteit`` along the state machine in ``workflow.OVERGANGEN``.

    Closing enforces the rules of §4.1: a moderator for group conversations, and the complete
    Ombudsman checklist (with the promised room and expectations) for instruments 2–4.
    """
    if door is not None and not activiteit_policy.user_has_perm(door, "change"):
        raise PermissionDenied(_("U mag de status van deze activiteit niet wijzigen."))
    activiteit = (
        Activiteit.objects.select_for_update().select_related("instrument").get(pk=activiteit.pk)
    )
    stap = workflow.overgang(activiteit.status, naar)
    if stap is None:
        raise ValidationError(
            _("Een activiteit met status „%(van)s” kan niet naar „%(naar)s”.")
            % {"van": activiteit.get_status_display(), "naar": naar},
            code="ongeldige_overgang",
        )
    fouten = stap.fouten(activiteit)
    if fouten:
        raise ValidationError(fouten, code="voorwaarden")
    activiteit.status = naar
    activiteit.afgesloten_op = timezone.now() if naar == ActiviteitStatus.AFGESLOTEN else None
    _reden(activiteit, f"status: {stap.van} → {stap.naar}", door)
    activiteit.save(update_fields=["status", "afgesloten_op"])
    return activiteit


def activiteit_afsluiten(*, activiteit: Activiteit, door: Any) -> Activiteit:
    return activiteit_status_wijzigen(
        activiteit=activiteit, naar=ActiviteitStatus.AFGESLOTEN, door=door
    )


@transaction.atomic
def spelregel_beantwoorden(
    *, activiteit: Activiteit, nummer: int, antwoord: str, toelichting: str, door: Any
) -> Spelregeltoets:
    if door is not None and not activiteit_policy.user_has_perm(door, "change"):
        raise PermissionDenied(_("U mag de spelregels van deze activiteit niet invullen."))
    toets = Spelregeltoets.objects.get(activiteit=activiteit, spelregel__nummer=nummer)
    toets.antwoord = antwoord
    toets.toelichting = toelichting.strip()
    toets.full_clean()
    _reden(toets, "spelregel beantwoord", door)
    toets.save()
    return toets


# --- Uploads by the moderator (own activity only) -----------------------------------------------
def _niet_afgesloten(activiteit: Activiteit) -> None:
    if activiteit.status == ActiviteitStatus.AFGESLOTEN:
        raise ValidationError(
            _("Deze activiteit is afgesloten. U kunt niets meer toevoegen."), code="afgesloten"
        )


@transaction.atomic
def verslag_uploaden(*, activiteit: Activiteit, door: Any, upload: Any) -> Activiteit:
    """Store the moderating organisation's report (private file) on the activity."""
    _mag(door, "change", activiteit)
    _niet_afgesloten(activiteit)
    bestand = bestand_opslaan(upload=upload, door=door, vertrouwelijk=True)
    activiteit.verslag = bestand
    _reden(activiteit, "verslag geüpload", door)
    activiteit.save(update_fields=["verslag"])
    return activiteit


@transaction.atomic
def opbrengst_toevoegen(
    *,
    activiteit: Activiteit,
    door: Any,
    soort: str,
    thema: Thema,
    omschrijving: str,
    domein: Domein | None = None,
    citaat: str = "",
    frequentie: int = 1,
) -> Opbrengst:
    _mag(door, "change", activiteit)
    _niet_afgesloten(activiteit)
    opbrengst = Opbrengst(
        activiteit=activiteit,
        soort=soort,
        thema=thema,
        domein=domein,
        omschrijving=(omschrijving or "").strip(),
        citaat=(citaat or "").strip(),
        frequentie=frequentie,
        ingevoerd_door=door,
    )
    opbrengst.full_clean()
    _reden(opbrengst, "opbrengst toegevoegd", door)
    opbrengst.save()
    return opbrengst


@transaction.atomic
def benutting_vastleggen(
    *,
    opbrengst: Opbrengst,
    door: Any,
    soort: str,
    omschrijving: str,
    datum: date,
    beleidsdocument: str = "",
    adviesaanvraag: Any = None,
) -> Benutting:
    """Record a use of ``opbrengst``; ``adviesaanvraag`` links it to an advice request (the
    thread from what residents said to what the council advised), ``beleidsdocument`` names a
    policy document that is not an advice request. ``door`` must be able to see the request."""
    if door is not None and not activiteit_policy.user_has_perm(door, "change"):
        raise PermissionDenied(_("U mag niet vastleggen wat er met opbrengsten is gedaan."))
    if adviesaanvraag is not None and door is not None:
        # Imported here: adviesraad may import the participatiemix (findings used in advice).
        from adviesraad.advies.policies import aanvraag_policy

        if not aanvraag_policy.user_has_perm_for_object(door, "view", adviesaanvraag):
            raise PermissionDenied(_("U kunt deze adviesaanvraag niet zien."))
    benutting = Benutting(
        opbrengst=opbrengst,
        soort=soort,
        omschrijving=(omschrijving or "").strip(),
        datum=datum,
        beleidsdocument=(beleidsdocument or "").strip(),
        adviesaanvraag=adviesaanvraag,
    )
    benutting.full_clean()
    _reden(benutting, "benutting vastgelegd", door)
    benutting.save()
    return benutting


# --- Terugkoppeling ---------------------------------------------------------------------------
def terugkoppeling_controleren(terugkoppeling: Terugkoppeling) -> None:
    """The rules of a feedback record, in Dutch; used by the service and the admin form."""
    fouten: dict[str, str] = {}
    activiteit = terugkoppeling.activiteit
    if terugkoppeling.gegeven_op is not None:
        if terugkoppeling.gegeven_op > timezone.localdate():
            fouten["gegeven_op"] = _("Deze datum ligt in de toekomst. Vul de echte datum in.")
        elif terugkoppeling.gegeven_op < activiteit.startdatum:
            fouten["gegeven_op"] = _("Deze datum ligt vóór de activiteit. Vul de echte datum in.")
        if not terugkoppeling.wat_gedaan.strip():
            fouten["wat_gedaan"] = _("Beschrijf wat er met de inbreng is gedaan.")
        if not terugkoppeling.hoe_geinformeerd.strip():
            fouten["hoe_geinformeerd"] = _("Beschrijf hoe de deelnemers zijn geïnformeerd.")
    if terugkoppeling.openbaar:
        if terugkoppeling.gegeven_op is None:
            fouten["openbaar"] = _("Publiceer pas nadat de deelnemers zelf zijn geïnformeerd.")
        if not terugkoppeling.je_zei.strip():
            fouten["je_zei"] = _("Vat voor de openbare pagina samen wat deelnemers zeiden.")
    if fouten:
        raise ValidationError(fouten)


@transaction.atomic
def terugkoppeling_vastleggen(
    *,
    terugkoppeling: Terugkoppeling,
    door: Any,
    gegeven_op: date | None,
    wat_gedaan: str,
    hoe_geinformeerd: str,
    je_zei: str = "",
    openbaar: bool = False,
) -> Terugkoppeling:
    """Record the feedback given to participants. The due date is never set here."""
    if door is not None and not activiteit_policy.user_has_perm(door, "change"):
        raise PermissionDenied(_("U mag de terugkoppeling niet vastleggen."))
    terugkoppeling.gegeven_op = gegeven_op
    terugkoppeling.wat_gedaan = (wat_gedaan or "").strip()
    terugkoppeling.hoe_geinformeerd = (hoe_geinformeerd or "").strip()
    terugkoppeling.je_zei = (je_zei or "").strip()
    terugkoppeling.openbaar = bool(openbaar)
    terugkoppeling.full_clean()
    terugkoppeling_controleren(terugkoppeling)
    _reden(terugkoppeling, "terugkoppeling vastgelegd", door)
    terugkoppeling.save()
    return terugkoppeling


# --- Jaarrapportage (PDF) ---------------------------------------------------------------------
#: A request still waiting or running after this long is queued again when asked for once more.
OPNIEUW_INPLANNEN_NA = timedelta(minutes=10)


@dataclass(frozen=True)
class Aanvraag:
    rapportage: Jaarrapportage
    nieuw: bool


@transaction.atomic
def jaarrapportage_aanvragen(*, jaar: int, door: Any) -> Aanvraag:
    """Queue the yearly report PDF. An unfinished request for the same year is reused."""
    if door is not None and not jaarrapportage_policy.user_has_perm(door, "add"):
        raise PermissionDenied(_("U mag geen jaarrapportage laten maken."))
    lopend = (
        Jaarrapportage.objects.select_for_update()
        .filter(jaar=jaar, status__in=[JaarrapportageStatus.WACHTRIJ, JaarrapportageStatus.BEZIG])
        .first()
    )
    if lopend is not None:
        if lopend.aangevraagd_op < timezone.now() - OPNIEUW_INPLANNEN_NA:
            # Still queued after a while (broker was down, worker lost): queue it again.
            transaction.on_commit(lambda: _inplannen(lopend.pk))
        return Aanvraag(rapportage=lopend, nieuw=False)
    if door is None:
        raise ValueError("Een jaarrapportage wordt altijd door iemand aangevraagd.")
    rapportage = Jaarrapportage(jaar=jaar, peildatum=timezone.localdate(), aangevraagd_door=door)
    rapportage.full_clean()
    rapportage.save()
    transaction.on_commit(lambda: _inplannen(rapportage.pk))
    return Aanvraag(rapportage=rapportage, nieuw=True)


def _inplannen(rapportage_id: int) -> None:
    from .tasks import jaarrapportage_maken

    try:
        jaarrapportage_maken.delay(rapportage_id)
    except Exception:  # the broker is down: the request stays queued, the page offers a retry
        logger.exception("jaarrapportage %s niet ingepland", rapportage_id)


def _voortgang(rapportage_id: int, **velden: Any) -> None:
    # A plain UPDATE, committed at once, so the polling page sees each step (no history model).
    Jaarrapportage.objects.filter(pk=rapportage_id).update(**velden)


def jaarrapportage_genereren(*, rapportage_id: int) -> str:
    """The work of the Celery task: figures → HTML → PDF → private file. Returns the status.

    Idempotent: a finished request is left alone. Not one transaction: each progress step is
    committed so the page can show it. A render error marks the request ``mislukt``.
    """
    from django.core.files.uploadedfile import SimpleUploadedFile

    from hengelo_participatie.pdf import PdfRenderError, render

    from .documents import JaarrapportagePdf
    from .selectors import jaarrapport

    rapportage = Jaarrapportage.objects.filter(pk=rapportage_id).first()
    if rapportage is None or rapportage.status == JaarrapportageStatus.KLAAR:
        return rapportage.status if rapportage else "ontbreekt"
    if rapportage.aangevraagd_door is None:  # the account was removed in the meantime
        _voortgang(rapportage_id, status=JaarrapportageStatus.MISLUKT, foutmelding="geen aanvrager")
        return JaarrapportageStatus.MISLUKT
    _voortgang(rapportage_id, status=JaarrapportageStatus.BEZIG, voortgang=10, foutmelding="")
    rapport = jaarrapport(jaar=rapportage.jaar, peildatum=rapportage.peildatum)
    _voortgang(rapportage_id, voortgang=40)
    try:
        pdf = render(JaarrapportagePdf(rapport=rapport, aangemaakt_op=timezone.now()))
    except PdfRenderError as exc:
        logger.exception("jaarrapportage %s mislukt", rapportage_id)
        _voortgang(rapportage_id, status=JaarrapportageStatus.MISLUKT, foutmelding=str(exc)[:500])
        return JaarrapportageStatus.MISLUKT
    _voortgang(rapportage_id, voortgang=80)
    with transaction.atomic():
        upload = SimpleUploadedFile(
            f"jaarrapportage-participatiemix-{rapportage.jaar}.pdf", pdf, "application/pdf"
        )
        bestand = bestand_opslaan(
            upload=upload, door=rapportage.aangevraagd_door, vertrouwelijk=False
        )
        _voortgang(
            rapportage_id,
            status=JaarrapportageStatus.KLAAR,
            voortgang=100,
            pdf=bestand,
            gereed_op=timezone.now(),
        )
    return JaarrapportageStatus.KLAAR
