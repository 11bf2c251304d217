"""Every write of meetings and attendance. The portal, the admin and the demo seed call these
functions; none of them writes a model directly.

Each service: checks that ``door`` may do it (``policies.py``: the keepers of the records, or the
participant themself for their own RSVP), validates (``full_clean``), writes with a history
reason, updates the object grants on the meeting's files, and puts notices in the outbox of the
reminder engine in the same transaction. ``door=None`` is the system itself (demo seed, tasks).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Model, ProtectedError, QuerySet, RestrictedError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from guardian.shortcuts import assign_perm, remove_perm

from adviesraad.advies.opmaak import opschonen
from adviesraad.models.advies import Adviesaanvraag, Belangmelding
from hengelo_participatie.accounts.roles import Rol
from hengelo_participatie.files.models import Bestand, BestandUserObjectPermission
from hengelo_participatie.files.services import bestand_opslaan
from hengelo_participatie.notifications.services import herinnering_plannen
from verordening.rules import RegelOntbreekt, RegelWaarde, Sleutel, rule

from .deadlines import vergadering_label
from .models import (
    Aanmelding,
    Aanwezigheid,
    Actiepunt,
    Agendapunt,
    Besluit,
    Deelname,
    Notulen,
    NotulenStatus,
    Soort,
    Status,
    Vergadering,
    Vergaderstuk,
    Verschoning,
    standaard_vertrouwelijk,
)
from .policies import (
    actiehouder_keuzes,
    beheert,
    gebruikers_met_toegang,
    vergaderingen_zichtbaar_voor,
)

logger = logging.getLogger("hengelo_participatie.adviesraad")

#: The kind of notice in the outbox (registered in ``apps.py``; mandatory: an invitation is not a
#: reminder one can switch off).
UITNODIGING = "vergadering_uitnodiging"
#: The council roles invited to every meeting by default.
RAADSROLLEN = (Rol.VOORZITTER, Rol.VICEVOORZITTER, Rol.LID)
#: Who sees every document: confidential ones only reach the supporter group (and participants);
#: public ones also every role that reads meetings.
GROEPEN_VERTROUWELIJK = (Rol.ONDERSTEUNER,)
GROEPEN_OPENBAAR = (
    Rol.ONDERSTEUNER,
    Rol.ACCOUNTHOUDER,
    Rol.VOORZITTER,
    Rol.VICEVOORZITTER,
    Rol.LID,
    Rol.BELEIDSMEDEWERKER,
)


def vandaag() -> date:
    return timezone.localdate()


def _audit(door: Any, actie: str, obj: object, resultaat: str) -> None:
    objnaam = f"{obj._meta.model_name}:{obj.pk}" if isinstance(obj, Model) else "-"
    logger.info(
        "actor=%s action=%s object=%s result=%s time=%s",
        getattr(door, "pk", None) or "systeem",
        actie,
        objnaam,
        resultaat,
        timezone.now().isoformat(),
    )


def _opslaan(obj: Model, *, door: Any = None, reden: str = "") -> None:
    obj.full_clean()
    if hasattr(obj, "history"):
        obj._change_reason = reden[:100]  # type: ignore[attr-defined]
        obj._history_user = door  # type: ignore[attr-defined]
    obj.save()


def _eis_beheer(door: Any, actie: str, obj: object) -> None:
    if door is not None and not beheert(door):
        _audit(door, actie, obj, "geweigerd")
        raise PermissionDenied(_("U mag dit niet doen bij deze vergadering."))


def _vers(vergadering: Vergadering) -> Vergadering:
    return Vergadering.objects.select_for_update().get(pk=vergadering.pk)


# --- Participants --------------------------------------------------------------------------------
def raadsleden() -> QuerySet[Any]:
    """The current council: active users holding the role chair, vice-chair or member (the roles
    follow the terms, see ``adviesraad.services.rollen_bijwerken``)."""
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=[r.value for r in RAADSROLLEN])
        .distinct()
        .order_by("achternaam", "voornaam", "pk")
    )


def _deelnemers_toevoegen(vergadering: Vergadering, gebruikers: Iterable[Any], door: Any) -> int:
    gebruikers = list(gebruikers)
    bestaand = set(vergadering.deelnames.values_list("gebruiker_id", flat=True))
    kandidaten = {g.pk for g in gebruikers if g.is_active and g.pk not in bestaand}
    toegestaan = (
        set(gebruikers_met_toegang().filter(pk__in=kandidaten).values_list("pk", flat=True))
        if kandidaten
        else set()
    )
    if kandidaten - toegestaan:
        # A former member or someone without a council or staff role would not see the meeting
        # but would get its documents, invitation and reminders.
        raise ValidationError(
            {
                "gebruikers": _(
                    "U kunt alleen leden van de adviesraad en medewerkers uitnodigen die "
                    "vergaderingen mogen inzien."
                )
            }
        )
    nieuw = 0
    for gebruiker in gebruikers:
        if gebruiker.pk in bestaand or not gebruiker.is_active:
            continue
        _opslaan(
            Deelname(vergadering=vergadering, gebruiker=gebruiker), door=door, reden="uitgenodigd"
        )
        bestaand.add(gebruiker.pk)
        nieuw += 1
    return nieuw


@transaction.atomic
def deelnemers_uitnodigen(*, vergadering: Vergadering, gebruikers: Iterable[Any], door: Any) -> int:
    """Add people to the meeting (idempotent). Returns how many are new."""
    _eis_beheer(door, "deelnemers_uitnodigen", vergadering)
    vergadering = _vers(vergadering)
    nieuw = _deelnemers_toevoegen(vergadering, gebruikers, door)
    verschoningen_bijwerken(vergadering=vergadering)
    toegang_bijwerken(vergadering=vergadering)
    _audit(door, "deelnemers_uitnodigen", vergadering, f"ok nieuw={nieuw}")
    return nieuw


def _verwijderen(obj: Model, *, door: Any, reden: str) -> None:
    """Delete with a history row (reason and user); a protecting link is a clear refusal."""
    obj._change_reason = reden[:100]  # type: ignore[attr-defined]
    obj._history_user = door  # type: ignore[attr-defined]
    try:
        obj.delete()
    except (ProtectedError, RestrictedError) as exc:
        raise ValidationError(
            _("Dit kan niet weg: er hangen nog andere gegevens aan vast.")
        ) from exc


def deelname_verwijderbaar(deelname: Deelname) -> str:
    """Why ``deelname`` cannot be removed ("" when it can)."""
    if deelname.aanwezigheid:
        return _(
            "U kunt deze deelnemer niet weghalen: de aanwezigheid is al vastgelegd. Die is nodig "
            "voor de vergoeding en het overzicht van de aanwezigheid."
        )
    return ""


@transaction.atomic
def deelname_verwijderen(*, deelname: Deelname, door: Any) -> None:
    """Take a participant off the meeting (not after their attendance was recorded).

    They lose the grants on the meeting's documents, and their recusals at this meeting's agenda
    items go too (they no longer take part). Every row keeps its history.
    """
    _eis_beheer(door, "deelname_verwijderen", deelname.vergadering)
    vergadering = _vers(deelname.vergadering)
    deelname = Deelname.objects.select_for_update().filter(pk=deelname.pk).first()
    if deelname is None:  # removed meanwhile (a double submit): nothing left to do
        raise ValidationError(_("Deze deelnemer is al weggehaald."))
    reden = deelname_verwijderbaar(deelname)
    if reden:
        _audit(door, "deelname_verwijderen", deelname, "geweigerd aanwezigheid")
        raise ValidationError(reden)
    for verschoning in Verschoning.objects.filter(
        agendapunt__vergadering=vergadering, gebruiker_id=deelname.gebruiker_id
    ):
        _verwijderen(verschoning, door=door, reden="deelnemer verwijderd")
    _audit(door, "deelname_verwijderen", deelname, "ok")
    _verwijderen(deelname, door=door, reden="deelnemer verwijderd")
    toegang_bijwerken(vergadering=vergadering)


# --- The meeting ---------------------------------------------------------------------------------
VELDEN = (
    "soort",
    "titel",
    "begin",
    "einde",
    "locatie",
    "online_link",
    "activiteit",
    "status",
    "vertrouwelijk",
)


def _controleer(vergadering: Vergadering) -> None:
    fouten: dict[str, str] = {}
    if vergadering.einde and vergadering.begin and vergadering.einde <= vergadering.begin:
        fouten["einde"] = _("Het einde moet na het begin liggen.")
    if vergadering.activiteit_id and vergadering.soort != Soort.LUISTERDELEGATIE:
        fouten["activiteit"] = _(
            "Een participatieactiviteit hoort alleen bij een luisterdelegatie."
        )
    if fouten:
        raise ValidationError(fouten)


@transaction.atomic
def vergadering_aanmaken(
    *,
    soort: str,
    titel: str,
    begin: datetime,
    door: Any,
    einde: datetime | None = None,
    locatie: str = "",
    online_link: str = "",
    activiteit: Any = None,
    raad_uitnodigen: bool = True,
    extra_deelnemers: Iterable[Any] = (),
    vertrouwelijk: bool | None = None,
) -> Vergadering:
    """Plan a meeting. By default the whole current council is invited, plus ``extra_deelnemers``.

    ``vertrouwelijk=None`` (nobody chose) follows the type: a meedenksessie, toelichting or
    adviesgesprek is confidential (``models.VERTROUWELIJKE_SOORTEN``), any other type is not.
    """
    _eis_beheer(door, "vergadering_aanmaken", None)
    if vertrouwelijk is None:
        vertrouwelijk = standaard_vertrouwelijk(soort)
    vergadering = Vergadering(
        soort=soort,
        vertrouwelijk=vertrouwelijk,
        titel=titel.strip(),
        begin=begin,
        einde=einde,
        locatie=locatie.strip(),
        online_link=online_link.strip(),
        activiteit=activiteit,
    )
    _controleer(vergadering)
    _opslaan(vergadering, door=door, reden="aangemaakt")
    deelnemers = list(raadsleden()) if raad_uitnodigen else []
    _deelnemers_toevoegen(vergadering, [*deelnemers, *extra_deelnemers], door)
    _audit(door, "vergadering_aanmaken", vergadering, "ok")
    return vergadering


@transaction.atomic
def vergadering_wijzigen(*, vergadering: Vergadering, door: Any, **velden: Any) -> Vergadering:
    _eis_beheer(door, "vergadering_wijzigen", vergadering)
    onbekend = set(velden) - set(VELDEN)
    if onbekend:
        raise TypeError(f"Onbekende velden: {sorted(onbekend)}")
    origineel, vergadering = vergadering, _vers(vergadering)
    for naam, waarde in velden.items():
        setattr(vergadering, naam, waarde.strip() if isinstance(waarde, str) else waarde)
    _controleer(vergadering)
    _opslaan(vergadering, door=door, reden="gewijzigd")
    _audit(door, "vergadering_wijzigen", vergadering, f"ok velden={','.join(sorted(velden))}")
    origineel.refresh_from_db()
    return vergadering


# --- Agenda and recusal --------------------------------------------------------------------------
@transaction.atomic
def agendapunt_opslaan(
    *,
    vergadering: Vergadering,
    titel: str,
    door: Any,
    toelichting: str = "",
    volgorde: int | None = None,
    adviesaanvraag: Adviesaanvraag | None = None,
    agendapunt: Agendapunt | None = None,
) -> Agendapunt:
    """Add an agenda item, or change ``agendapunt`` (which must belong to ``vergadering``)."""
    _eis_beheer(door, "agendapunt_opslaan", vergadering)
    if agendapunt is not None and agendapunt.vergadering_id != vergadering.pk:
        raise PermissionDenied(_("Dit agendapunt hoort niet bij deze vergadering."))
    # One save per meeting at a time: the numbering and the recusals are derived from all items.
    vergadering = _vers(vergadering)
    if volgorde is None:
        if agendapunt is not None:
            volgorde = agendapunt.volgorde
        else:
            laatste = vergadering.agendapunten.order_by("-volgorde").first()
            volgorde = (laatste.volgorde + 1) if laatste else 1
    punt = agendapunt or Agendapunt(vergadering=vergadering)
    punt.titel = titel.strip()
    punt.toelichting = toelichting.strip()
    punt.volgorde = volgorde
    punt.adviesaanvraag = adviesaanvraag
    _opslaan(punt, door=door, reden="agendapunt gewijzigd" if agendapunt else "agendapunt")
    verschoningen_bijwerken(vergadering=vergadering)
    _audit(door, "agendapunt_opslaan", punt, "ok")
    return punt


def agendapunt_verwijderbaar(agendapunt: Agendapunt) -> str:
    """Why ``agendapunt`` cannot be removed ("" when it can).

    A recusal or a decision at the item is part of the record of the meeting: the item stays.
    Documents at the item do not block it: they stay with the meeting, without an item.
    """
    if agendapunt.verschoningen.exists():
        return _(
            "U kunt dit agendapunt niet weghalen: er is een verschoning bij vastgelegd. "
            "Die hoort bij het verslag van de vergadering."
        )
    if agendapunt.besluiten.exists():
        return _(
            "U kunt dit agendapunt niet weghalen: er is een besluit bij vastgelegd. "
            "Dat hoort bij het verslag van de vergadering."
        )
    return ""


@transaction.atomic
def agendapunt_verwijderen(*, agendapunt: Agendapunt, door: Any) -> None:
    """Remove an item from the agenda, unless a recusal or decision hangs on it. Its documents
    stay with the meeting (unlinked, with history, not through a history-less SET_NULL)."""
    _eis_beheer(door, "agendapunt_verwijderen", agendapunt.vergadering)
    _vers(agendapunt.vergadering)
    agendapunt = Agendapunt.objects.select_for_update().filter(pk=agendapunt.pk).first()
    if agendapunt is None:  # removed meanwhile (a double submit): nothing left to do
        raise ValidationError(_("Dit agendapunt is al van de agenda gehaald."))
    reden = agendapunt_verwijderbaar(agendapunt)
    if reden:
        _audit(door, "agendapunt_verwijderen", agendapunt, "geweigerd gekoppeld")
        raise ValidationError(reden)
    for stuk in agendapunt.stukken.all():
        stuk.agendapunt = None
        _opslaan(stuk, door=door, reden="agendapunt verwijderd")
    _audit(door, "agendapunt_verwijderen", agendapunt, "ok")
    _verwijderen(agendapunt, door=door, reden="agendapunt verwijderd")


def verschoningen_bijwerken(*, vergadering: Vergadering) -> int:
    """Record a recusal for every participant who declared a conflict of interest on the advice
    request of an agenda item (``adviesraad.Belangmelding``). Idempotent; returns new rows.

    The reason names the request, not the declaration's text: the meeting page is seen by every
    participant, the declaration itself only by the chair and the supporter.
    """
    deelnemers = set(vergadering.deelnames.values_list("gebruiker_id", flat=True))
    punten = list(
        vergadering.agendapunten.filter(adviesaanvraag__isnull=False).select_related(
            "adviesaanvraag"
        )
    )
    if not punten or not deelnemers:
        return 0
    bestaand = set(
        Verschoning.objects.filter(agendapunt__in=punten).values_list(
            "agendapunt_id", "gebruiker_id"
        )
    )
    meldingen = Belangmelding.objects.filter(
        aanvraag_id__in={p.adviesaanvraag_id for p in punten}, lid__user_id__in=deelnemers
    ).select_related("lid")
    per_aanvraag: dict[int, list[Belangmelding]] = {}
    for melding in meldingen:
        per_aanvraag.setdefault(melding.aanvraag_id, []).append(melding)
    nieuw = 0
    for punt in punten:
        for melding in per_aanvraag.get(punt.adviesaanvraag_id, []):
            if (punt.pk, melding.lid.user_id) in bestaand:
                continue
            _opslaan(
                Verschoning(
                    agendapunt=punt,
                    gebruiker_id=melding.lid.user_id,
                    belangmelding=melding,
                    reden=_("Belang gemeld bij adviesaanvraag %(kenmerk)s.")
                    % {"kenmerk": punt.adviesaanvraag.kenmerk},
                ),
                reden="belang gemeld",
            )
            nieuw += 1
    return nieuw


@transaction.atomic
def verschoning_vastleggen(
    *, agendapunt: Agendapunt, gebruiker: Any, reden: str, door: Any
) -> Verschoning:
    """A participant steps back from one item for another reason (recorded by the supporter)."""
    _eis_beheer(door, "verschoning_vastleggen", agendapunt.vergadering)
    if not agendapunt.vergadering.deelnames.filter(gebruiker=gebruiker).exists():
        raise ValidationError({"gebruiker": _("Deze persoon doet niet mee aan de vergadering.")})
    if not reden.strip():
        raise ValidationError({"reden": _("Schrijf de reden op.")})
    verschoning = Verschoning.objects.filter(agendapunt=agendapunt, gebruiker=gebruiker).first()
    verschoning = verschoning or Verschoning(agendapunt=agendapunt, gebruiker=gebruiker)
    verschoning.reden = reden.strip()
    _opslaan(verschoning, door=door, reden="verschoning")
    _audit(door, "verschoning_vastleggen", verschoning, "ok")
    return verschoning


# --- Documents and their grants ------------------------------------------------------------------
@transaction.atomic
def stuk_toevoegen(
    *,
    vergadering: Vergadering,
    upload: Any,
    titel: str,
    door: Any,
    vertrouwelijk: bool = True,
    agendapunt: Agendapunt | None = None,
) -> Vergaderstuk:
    """Store a document (checked by the files app's validator) and share it with the participants."""
    _eis_beheer(door, "stuk_toevoegen", vergadering)
    if not titel.strip():
        raise ValidationError({"titel": _("Geef het document een titel.")})
    if agendapunt is not None and agendapunt.vergadering_id != vergadering.pk:
        raise ValidationError({"agendapunt": _("Kies een agendapunt van deze vergadering.")})
    bestand = bestand_opslaan(upload=upload, door=door, vertrouwelijk=vertrouwelijk)
    stuk = Vergaderstuk(
        vergadering=vergadering,
        agendapunt=agendapunt,
        titel=titel.strip(),
        bestand=bestand,
        vertrouwelijk=vertrouwelijk,
        toegevoegd_door=door,
    )
    _opslaan(stuk, door=door, reden="stuk toegevoegd")
    toegang_bijwerken(vergadering=vergadering)
    _audit(door, "stuk_toevoegen", stuk, "ok")
    return stuk


def toegang_bijwerken(*, vergadering: Vergadering) -> None:
    """Make the object grants on the meeting's files match who takes part now.

    Every participant may download every document of the meeting. A confidential document also
    reaches the supporter group (and its uploader); a public one every role that reads meetings.
    A participant who is removed loses the grant. Idempotent.
    """
    perm = Permission.objects.get(content_type__app_label="files", codename="view_bestand")
    # Only participants who may still see meetings: a member whose term ended (account active,
    # no role) loses the documents, like the meeting itself (``policies.gebruikers_met_toegang``).
    deelnemers = set(
        gebruikers_met_toegang(
            get_user_model().objects.filter(deelnames__vergadering=vergadering)
        ).values_list("pk", flat=True)
    )
    groepen = {g.name: g for g in Group.objects.filter(name__in=[r.value for r in Rol])}
    for stuk in vergadering.stukken.select_related("bestand"):
        bestand: Bestand = stuk.bestand
        if bestand.vertrouwelijk != stuk.vertrouwelijk:
            bestand.vertrouwelijk = stuk.vertrouwelijk
            bestand.save(update_fields=["vertrouwelijk"])
        behouden = {bestand.geupload_door_id} if bestand.geupload_door_id else set()
        gewenst = deelnemers | behouden
        bestaand = set(
            BestandUserObjectPermission.objects.filter(
                content_object=bestand, permission=perm
            ).values_list("user_id", flat=True)
        )
        BestandUserObjectPermission.objects.bulk_create(
            [
                BestandUserObjectPermission(content_object=bestand, permission=perm, user_id=u)
                for u in gewenst - bestaand
            ]
        )
        weg = bestaand - gewenst
        if weg:
            BestandUserObjectPermission.objects.filter(
                content_object=bestand, permission=perm, user_id__in=weg
            ).delete()
        rollen = GROEPEN_VERTROUWELIJK if stuk.vertrouwelijk else GROEPEN_OPENBAAR
        for rol in GROEPEN_OPENBAAR:
            groep = groepen.get(rol.value)
            if groep is None:
                continue
            if rol in rollen:
                assign_perm("files.view_bestand", groep, bestand)
            else:
                remove_perm("files.view_bestand", groep, bestand)


def toegang_alle_bijwerken() -> int:
    """Re-sync the grants of every meeting with documents (the nightly task, after the roles
    follow the terms). Idempotent; returns the number of meetings."""
    aantal = 0
    for vergadering in Vergadering.objects.filter(stukken__isnull=False).distinct():
        toegang_bijwerken(vergadering=vergadering)
        aantal += 1
    return aantal


def toegang_van_gebruiker_bijwerken(*, gebruiker: Any) -> int:
    """Re-sync the grants of the meetings ``gebruiker`` takes part in (their roles changed)."""
    aantal = 0
    for vergadering in Vergadering.objects.filter(
        deelnames__gebruiker=gebruiker, stukken__isnull=False
    ).distinct():
        toegang_bijwerken(vergadering=vergadering)
        aantal += 1
    return aantal


# --- The invitation ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Stukkentermijn:
    """When the documents must go out at the latest, by the verordening's rule."""

    uiterlijk: date | None
    regel: RegelWaarde | None

    def te_laat_op(self, op: date) -> bool:
        return self.uiterlijk is not None and op > self.uiterlijk

    def waarschuwing(self, op: date) -> str:
        if self.regel is None:
            return _(
                "Er geldt geen regel voor het versturen van de stukken. Vraag de accounthouder "
                "de regel „stukken vóór een vergadering” in te vullen."
            )
        if not self.te_laat_op(op):
            return ""
        return _(
            "Let op: de stukken gaan later weg dan de verordening vraagt. Ze hadden uiterlijk "
            "%(datum)s verstuurd moeten zijn (%(termijn)s vóór de vergadering, %(bron)s)."
        ) % {
            "datum": f"{self.uiterlijk:%d-%m-%Y}",
            "termijn": self.regel.weergave,
            "bron": self.regel.citeer(),
        }


def stukkentermijn(vergadering: Vergadering) -> Stukkentermijn:
    dag = timezone.localdate(vergadering.begin)
    try:
        regel = rule(Sleutel.STUKKEN_VOOR_VERGADERING, on=dag)
    except RegelOntbreekt:
        return Stukkentermijn(uiterlijk=None, regel=None)
    return Stukkentermijn(uiterlijk=regel.waarde.voor(dag), regel=regel)


@dataclass(frozen=True)
class Uitnodiging:
    vergadering: Vergadering
    ontvangers: int
    te_laat: bool
    waarschuwing: str


def _uitnodigingstekst(vergadering: Vergadering, stukken: int) -> str:
    """The invitation's line; a confidential meeting is named without its title."""
    begin = timezone.localtime(vergadering.begin)
    plaats = vergadering.locatie or (_("online") if vergadering.online_link else "")
    titel = _("een vertrouwelijke vergadering") if vergadering.vertrouwelijk else vergadering.titel
    tekst = _("Uitnodiging: %(titel)s op %(datum)s om %(tijd)s") % {
        "titel": titel,
        "datum": f"{begin:%d-%m-%Y}",
        "tijd": f"{begin:%H:%M}",
    }
    if plaats:
        tekst += _(", %(plaats)s") % {"plaats": plaats}
    tekst += ". " + (
        _("De agenda en %(n)s stuk(ken) staan in het portaal. Geef daar door of u komt.")
        % {"n": stukken}
    )
    return tekst


@transaction.atomic
def uitnodiging_versturen(
    *, vergadering: Vergadering, door: Any, op: date | None = None
) -> Uitnodiging:
    """Put the invitation (agenda and documents, through the portal link) in the outbox for every
    participant, in this transaction; never waits on the broker. Sets ``uitnodiging_verzonden_op``
    and reports when that is later than the rule ``stukken_voor_vergadering`` allows.

    Sending again reaches only participants who did not have it yet for this date (the outbox is
    unique per person, meeting, date and kind); a moved meeting gets a new invitation.
    """
    _eis_beheer(door, "uitnodiging_versturen", vergadering)
    origineel, vergadering = vergadering, _vers(vergadering)
    if vergadering.status != Status.GEPLAND:
        raise ValidationError(_("Alleen een geplande vergadering krijgt een uitnodiging."))
    op = op or vandaag()
    # Only participants who may still see meetings (not a member whose term has ended).
    deelnames = list(
        vergadering.deelnames.filter(
            gebruiker__in=gebruikers_met_toegang().values("pk")
        ).select_related("gebruiker")
    )
    if not deelnames:
        raise ValidationError(_("Nodig eerst deelnemers uit."))
    link = reverse("vergaderingen:detail", args=[vergadering.pk])
    tekst = _uitnodigingstekst(vergadering, vergadering.stukken.count())
    dag = timezone.localdate(vergadering.begin)
    ontvangers = 0
    for deelname in deelnames:
        if herinnering_plannen(
            ontvanger=deelname.gebruiker,
            onderwerp=vergadering,
            deadline=dag,
            soort=UITNODIGING,
            tekst=tekst,
            link=link,
            op=op,
            vertrouwelijk=vergadering.vertrouwelijk,
            onderwerp_label=vergadering_label(vergadering),
        ):
            ontvangers += 1
    vergadering.uitnodiging_verzonden_op = timezone.now()
    _opslaan(vergadering, door=door, reden="uitnodiging verstuurd")
    toegang_bijwerken(vergadering=vergadering)
    termijn = stukkentermijn(vergadering)
    te_laat = termijn.te_laat_op(op)
    _audit(door, "uitnodiging_versturen", vergadering, "te_laat" if te_laat else "ok")
    origineel.refresh_from_db()
    return Uitnodiging(
        vergadering=vergadering,
        ontvangers=ontvangers,
        te_laat=te_laat,
        waarschuwing=termijn.waarschuwing(op),
    )


# --- RSVP and attendance -------------------------------------------------------------------------
@transaction.atomic
def aanmelden(
    *, vergadering: Vergadering, door: Any, aanmelding: str, toelichting: str = ""
) -> Deelname:
    """A participant says in advance whether they will come (with an optional note)."""
    if not vergaderingen_zichtbaar_voor(door).filter(pk=vergadering.pk).exists():
        raise PermissionDenied(_("U mag dit niet doen bij deze vergadering."))
    deelname = Deelname.objects.select_for_update().filter(vergadering=vergadering, gebruiker=door)
    deelname = deelname.first()
    if deelname is None:
        raise PermissionDenied(_("U bent niet uitgenodigd voor deze vergadering."))
    if aanmelding not in (Aanmelding.KOMT, Aanmelding.KOMT_NIET):
        raise ValidationError({"aanmelding": _("Kies of u komt of niet.")})
    if vergadering.status != Status.GEPLAND or vergadering.begin <= timezone.now():
        raise ValidationError(
            _("Aanmelden kan alleen vóór het begin van een geplande vergadering.")
        )
    deelname.aanmelding = aanmelding
    deelname.aanmelding_toelichting = toelichting.strip()
    _opslaan(deelname, door=door, reden="aanmelding")
    _audit(door, "aanmelden", deelname, aanmelding)
    return deelname


@transaction.atomic
def aanwezigheid_vastleggen(
    *, vergadering: Vergadering, door: Any, per_deelname: Mapping[int, str]
) -> int:
    """The supporter records present / excused / absent per participant (deelname id → value),
    after the meeting began; the meeting then counts as held. Returns the number of changes."""
    _eis_beheer(door, "aanwezigheid_vastleggen", vergadering)
    origineel, vergadering = vergadering, _vers(vergadering)
    if vergadering.begin > timezone.now():
        raise ValidationError(_("Aanwezigheid leggen we vast als de vergadering begonnen is."))
    if vergadering.status == Status.GEANNULEERD:
        raise ValidationError(_("Deze vergadering is geannuleerd."))
    deelnames = {d.pk: d for d in vergadering.deelnames.select_for_update()}
    fouten = {
        f"deelname_{pk}": _("Kies aanwezig, afgemeld of afwezig.")
        for pk, waarde in per_deelname.items()
        if pk not in deelnames or waarde not in Aanwezigheid.values
    }
    if fouten:
        raise ValidationError(fouten)
    gewijzigd = 0
    for pk, waarde in per_deelname.items():
        deelname = deelnames[pk]
        if deelname.aanwezigheid != waarde:
            deelname.aanwezigheid = waarde
            _opslaan(deelname, door=door, reden="aanwezigheid")
            gewijzigd += 1
    if vergadering.status == Status.GEPLAND:
        vergadering.status = Status.GEHOUDEN
        _opslaan(vergadering, door=door, reden="gehouden")
    _audit(door, "aanwezigheid_vastleggen", vergadering, f"ok n={gewijzigd}")
    origineel.refresh_from_db()
    return gewijzigd


# --- Minutes -------------------------------------------------------------------------------------
@transaction.atomic
def notulen_opslaan(*, vergadering: Vergadering, tekst: str, door: Any) -> Notulen:
    """Write or change the concept minutes (sanitised like advice points)."""
    _eis_beheer(door, "notulen_opslaan", vergadering)
    notulen = Notulen.objects.select_for_update().filter(vergadering=vergadering).first()
    if notulen is not None and notulen.status == NotulenStatus.VASTGESTELD:
        raise ValidationError(_("Deze notulen zijn vastgesteld en veranderen niet meer."))
    schoon = opschonen(tekst)
    if not schoon:
        raise ValidationError({"tekst": _("Schrijf de notulen.")})
    notulen = notulen or Notulen(vergadering=vergadering, geschreven_door=door)
    notulen.tekst = schoon
    _opslaan(notulen, door=door, reden="concept")
    _audit(door, "notulen_opslaan", notulen, "ok")
    return notulen


@transaction.atomic
def notulen_vaststellen(
    *, vergadering: Vergadering, in_vergadering: Vergadering, door: Any, op: date | None = None
) -> Notulen:
    """Approve the minutes of ``vergadering`` in the later meeting ``in_vergadering``."""
    _eis_beheer(door, "notulen_vaststellen", vergadering)
    notulen = Notulen.objects.select_for_update().filter(vergadering=vergadering).first()
    if notulen is None:
        raise ValidationError(_("Er zijn nog geen notulen."))
    if notulen.status == NotulenStatus.VASTGESTELD:
        raise ValidationError(_("Deze notulen zijn al vastgesteld."))
    if in_vergadering.pk == vergadering.pk or in_vergadering.begin <= vergadering.begin:
        raise ValidationError(
            {"in_vergadering": _("Notulen worden vastgesteld in een latere vergadering.")}
        )
    if in_vergadering.status == Status.GEANNULEERD:
        raise ValidationError({"in_vergadering": _("Die vergadering is geannuleerd.")})
    notulen.status = NotulenStatus.VASTGESTELD
    notulen.vastgesteld_in = in_vergadering
    notulen.vastgesteld_op = op or timezone.localdate(in_vergadering.begin)
    _opslaan(notulen, door=door, reden="vastgesteld")
    _audit(door, "notulen_vaststellen", notulen, "ok")
    return notulen


# --- Actions and decisions -----------------------------------------------------------------------
def _eis_deelnemer(vergadering: Vergadering, gebruiker: Any, veld: str) -> None:
    if (
        gebruiker is not None
        and not actiehouder_keuzes(vergadering).filter(pk=gebruiker.pk).exists()
    ):
        raise ValidationError(
            {
                veld: _(
                    "Kies iemand die aan de vergadering meedoet en de rol heeft om "
                    "vergaderingen te zien."
                )
            }
        )


@transaction.atomic
def actiepunt_toevoegen(
    *,
    vergadering: Vergadering,
    omschrijving: str,
    door: Any,
    eigenaar: Any = None,
    uiterlijk: date | None = None,
) -> Actiepunt:
    _eis_beheer(door, "actiepunt_toevoegen", vergadering)
    _eis_deelnemer(vergadering, eigenaar, "eigenaar")
    actiepunt = Actiepunt(
        vergadering=vergadering,
        omschrijving=omschrijving.strip(),
        eigenaar=eigenaar,
        uiterlijk=uiterlijk,
    )
    _opslaan(actiepunt, door=door, reden="actiepunt")
    _audit(door, "actiepunt_toevoegen", actiepunt, "ok")
    return actiepunt


@transaction.atomic
def actiepunt_bijwerken(
    *, actiepunt: Actiepunt, door: Any, afgerond: bool, op: date | None = None, **velden: Any
) -> Actiepunt:
    """Mark an action done (or open again); optionally change description, owner or due date."""
    _eis_beheer(door, "actiepunt_bijwerken", actiepunt.vergadering)
    onbekend = set(velden) - {"omschrijving", "eigenaar", "uiterlijk"}
    if onbekend:
        raise TypeError(f"Onbekende velden: {sorted(onbekend)}")
    if "eigenaar" in velden:
        _eis_deelnemer(actiepunt.vergadering, velden["eigenaar"], "eigenaar")
    for naam, waarde in velden.items():
        setattr(actiepunt, naam, waarde.strip() if isinstance(waarde, str) else waarde)
    if afgerond and not actiepunt.afgerond:
        actiepunt.afgerond_op = op or vandaag()
    if not afgerond:
        actiepunt.afgerond_op = None
    actiepunt.afgerond = afgerond
    _opslaan(actiepunt, door=door, reden="klaar" if afgerond else "actiepunt gewijzigd")
    _audit(door, "actiepunt_bijwerken", actiepunt, "klaar" if afgerond else "open")
    return actiepunt


@transaction.atomic
def besluit_vastleggen(
    *, vergadering: Vergadering, tekst: str, door: Any, agendapunt: Agendapunt | None = None
) -> Besluit:
    _eis_beheer(door, "besluit_vastleggen", vergadering)
    if agendapunt is not None and agendapunt.vergadering_id != vergadering.pk:
        raise ValidationError({"agendapunt": _("Kies een agendapunt van deze vergadering.")})
    besluit = Besluit(vergadering=vergadering, agendapunt=agendapunt, tekst=tekst.strip())
    _opslaan(besluit, door=door, reden="besluit")
    _audit(door, "besluit_vastleggen", besluit, "ok")
    return besluit


__all__ = [
    "aanmelden",
    "aanwezigheid_vastleggen",
    "actiepunt_bijwerken",
    "actiepunt_toevoegen",
    "agendapunt_opslaan",
    "agendapunt_verwijderbaar",
    "agendapunt_verwijderen",
    "besluit_vastleggen",
    "deelname_verwijderbaar",
    "deelname_verwijderen",
    "deelnemers_uitnodigen",
    "notulen_opslaan",
    "notulen_vaststellen",
    "raadsleden",
    "stuk_toevoegen",
    "stukkentermijn",
    "toegang_alle_bijwerken",
    "toegang_bijwerken",
    "toegang_van_gebruiker_bijwerken",
    "uitnodiging_versturen",
    "verschoning_vastleggen",
    "verschoningen_bijwerken",
    "vergadering_aanmaken",
    "vergadering_wijzigen",
]
