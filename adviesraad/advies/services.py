"""Every write of the advice workflow. The portal, the admin, the demo seed (and later tasks) call
these functions; none of them writes a model directly.

Each service: checks that ``door`` holds a role allowed by ``transitions.py`` *and* is related to
the request (the object policy: a sitting member, the assigned policy officer, the supporter and
account holder groups), validates, changes state, writes a ``Statuswijziging``, updates the object
grants, and registers e-mail with ``transaction.on_commit`` (``meldingen.py``). ``door=None`` is
the system itself (demo seed, tasks).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Exists, Model, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _
from guardian.shortcuts import assign_perm

from adviesraad.models import Functie, Lid, Zittingstermijn
from adviesraad.models.advies import (
    Advies,
    Adviesaanvraag,
    AdviesaanvraagUserObjectPermission,
    Adviespunt,
    Belangmelding,
    Collegereactie,
    Document,
    Goedkeuring,
    Goedkeuringsronde,
    Oordeel,
    Overname,
    Puntreactie,
    Soort,
    Status,
    Statuswijziging,
    Vraag,
)
from adviesraad.models.leden import VOORZITTER_SOORTEN
from hengelo_participatie.accounts.roles import Rol
from hengelo_participatie.accounts.toewijzing import eis_rol, gebruikers_met_rol
from hengelo_participatie.files.models import Bestand, BestandUserObjectPermission
from hengelo_participatie.files.services import bestand_opslaan
from hengelo_participatie.pdf.documents import render
from verordening.rules import Sleutel, rule

from . import meldingen, transitions, uitsluiting
from .documents import AdviesbriefDocument, ReactiebriefDocument
from .opmaak import opschonen
from .policies import aanvraag_policy, heeft_rol

logger = logging.getLogger("hengelo_participatie.adviesraad")

#: Groups that see every request (object grant on each): the council's supporter, the account
#: holder. Confidential *files* only go to the supporter group (see ``toegang_bijwerken``).
GROEPEN_AANVRAAG = (Rol.ONDERSTEUNER, Rol.ACCOUNTHOUDER)
GROEPEN_BESTAND = (Rol.ONDERSTEUNER,)


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


def mag(door: Any, rollen: Iterable[Any], aanvraag: Adviesaanvraag) -> bool:
    """Does ``door`` hold one of ``rollen`` and is related to ``aanvraag``? ``None``: system."""
    if door is None:
        return True
    return heeft_rol(door, frozenset(rollen)) and aanvraag_policy.user_has_perm_for_object(
        door, "view", aanvraag
    )


def _eis(toegestaan: bool, door: Any, actie: str, obj: object) -> None:
    if not toegestaan:
        _audit(door, actie, obj, "geweigerd")
        raise PermissionDenied(_("U mag dit niet doen bij deze adviesaanvraag."))


def _eis_regel(
    regel: tuple[frozenset[Any], tuple[str, ...]], aanvraag: Adviesaanvraag, door: Any, actie: str
) -> None:
    rollen, statussen = regel
    _eis(mag(door, rollen, aanvraag), door, actie, aanvraag)
    if aanvraag.status not in statussen:
        raise ValidationError(
            _("Dit kan niet in de status „%(status)s”.") % {"status": aanvraag.status_label}
        )


def _opslaan(obj: Model, *, door: Any = None, reden: str = "") -> None:
    obj.full_clean()
    if hasattr(obj, "history"):
        obj._change_reason = reden  # type: ignore[attr-defined]
        obj._history_user = door  # type: ignore[attr-defined]
    obj.save()


def _vers(aanvraag: Adviesaanvraag) -> Adviesaanvraag:
    """A fresh, locked copy: a stale instance from the caller must never overwrite the status."""
    return Adviesaanvraag.objects.select_for_update().get(pk=aanvraag.pk)


def _ververs(origineel: Adviesaanvraag) -> None:
    origineel.refresh_from_db()


def _log(aanvraag: Adviesaanvraag, van: str, naar: str, door: Any, reden: str = "") -> None:
    Statuswijziging.objects.create(aanvraag=aanvraag, van=van, naar=naar, door=door, reden=reden)


# --- The council and who is related --------------------------------------------------------------
def zittende_leden(op: date | None = None) -> list[Lid]:
    """Everyone on the council on ``op``: a running term or function (chair included)."""
    op = op or vandaag()
    return list(
        Lid.objects.filter(
            Exists(Zittingstermijn.objects.actief_op(op).filter(lid=OuterRef("pk")))
            | Exists(Functie.objects.actief_op(op).filter(lid=OuterRef("pk")))
        )
        .filter(user__is_active=True)
        .select_related("user")
    )


def voorzitter_op(op: date) -> Lid | None:
    functie = (
        Functie.objects.actief_op(op)
        .filter(soort__in=VOORZITTER_SOORTEN)
        .select_related("lid__user")
        .order_by("van")
        .first()
    )
    return functie.lid if functie else None


#: The role the policy officer of a request must hold (``beleidsmedewerker``): the field gives
#: object grants on the request and its confidential files.
BELEIDSMEDEWERKER_ROLLEN = (Rol.BELEIDSMEDEWERKER,)


def beleidsmedewerker_keuzes() -> Any:
    """Who may be the policy officer of a request: the choices of the admin field (lazy)."""
    return gebruikers_met_rol(*BELEIDSMEDEWERKER_ROLLEN)


def _eis_beleidsmedewerker(beleidsmedewerker: Any) -> None:
    """Refuse a policy officer without the role (an account holder choosing themselves, a
    moderator): they would get the confidential documents of the request."""
    eis_rol(beleidsmedewerker, *BELEIDSMEDEWERKER_ROLLEN, veld="beleidsmedewerker")


def _gebruikers_met_toegang(aanvraag: Adviesaanvraag) -> set[int]:
    ids = {lid.user_id for lid in zittende_leden()}
    if aanvraag.aangemaakt_door_id:
        ids.add(aanvraag.aangemaakt_door_id)
    # The assigned policy officer only while they hold the role: one who lost it (or was
    # assigned before the role was checked) keeps no grant at the next re-sync.
    if (
        aanvraag.beleidsmedewerker_id
        and beleidsmedewerker_keuzes().filter(pk=aanvraag.beleidsmedewerker_id).exists()
    ):
        ids.add(aanvraag.beleidsmedewerker_id)
    return ids


def _zet_user_grants(
    model: type[Model],
    obj: Model,
    perm: Permission,
    user_ids: set[int],
    *,
    behouden: set[int] = frozenset(),
) -> None:  # type: ignore[assignment]
    bestaand = set(
        model._default_manager.filter(content_object=obj, permission=perm).values_list(
            "user_id", flat=True
        )
    )
    model._default_manager.bulk_create(
        [model(content_object=obj, permission=perm, user_id=u) for u in user_ids - bestaand]
    )
    weg = bestaand - user_ids - behouden
    if weg:
        model._default_manager.filter(content_object=obj, permission=perm, user_id__in=weg).delete()


def _bestanden_van(aanvraag: Adviesaanvraag) -> list[Bestand]:
    ids = set(aanvraag.documenten.values_list("bestand_id", flat=True))
    ids |= set(aanvraag.versies.filter(pdf__isnull=False).values_list("pdf_id", flat=True))
    ids |= set(
        Collegereactie.objects.filter(advies__aanvraag=aanvraag, brief__isnull=False).values_list(
            "brief_id", flat=True
        )
    )
    return list(Bestand.objects.filter(pk__in=ids))


def toegang_bijwerken(*, aanvraag: Adviesaanvraag) -> None:
    """Make the object grants on ``aanvraag`` and its files match who is related now.

    Members: everyone sitting on the council today (a former member loses access). Staff: the
    assigned policy officer and whoever started the request; the supporter and account holder
    groups see every request, but confidential files only reach the supporter group (and the
    uploader). Run after every change to a request; the lead also calls it after term changes.
    """
    users = _gebruikers_met_toegang(aanvraag)
    view_aanvraag = Permission.objects.get(
        content_type__app_label="adviesraad", codename="view_adviesaanvraag"
    )
    _zet_user_grants(AdviesaanvraagUserObjectPermission, aanvraag, view_aanvraag, users)
    groepen = {g.name: g for g in Group.objects.filter(name__in=[r.value for r in Rol])}
    for rol in GROEPEN_AANVRAAG:
        if rol.value in groepen:
            assign_perm("adviesraad.view_adviesaanvraag", groepen[rol.value], aanvraag)
    view_bestand = Permission.objects.get(content_type__app_label="files", codename="view_bestand")
    for bestand in _bestanden_van(aanvraag):
        behouden = {bestand.geupload_door_id} if bestand.geupload_door_id else set()
        _zet_user_grants(BestandUserObjectPermission, bestand, view_bestand, users | behouden)
        for rol in GROEPEN_BESTAND:
            if rol.value in groepen:
                assign_perm("files.view_bestand", groepen[rol.value], bestand)


def toegang_alle_open_bijwerken() -> int:
    """For term changes: re-sync every open request (idempotent; a task may call it nightly)."""
    aantal = 0
    for aanvraag in Adviesaanvraag.objects.exclude(status=Status.INGETROKKEN):
        toegang_bijwerken(aanvraag=aanvraag)
        aantal += 1
    return aantal


# --- Creating a request --------------------------------------------------------------------------
def _nieuw_kenmerk(op: date) -> str:
    prefix = f"ASD-{op.year}-"
    laatste = (
        Adviesaanvraag.objects.filter(kenmerk__startswith=prefix)
        .order_by("-kenmerk")
        .values_list("kenmerk", flat=True)
        .first()
    )
    volgnummer = int(laatste.removeprefix(prefix)) + 1 if laatste else 1
    return f"{prefix}{volgnummer:03d}"


@transaction.atomic
def aanvraag_aanmaken(
    *,
    soort: str,
    titel: str,
    door: Any,
    samenvatting: str = "",
    kernwetten: Iterable[Any] = (),
    themas: str = "",
    beleidsmedewerker: Any = None,
    wethouder: str = "",
    zaaknummer: str = "",
    vragen: Sequence[str] = (),
    vervolg_op: Adviesaanvraag | None = None,
    op: date | None = None,
    **datums: date | None,
) -> Adviesaanvraag:
    op = op or vandaag()
    if soort not in transitions.AANMAKEN_ROLLEN:
        raise ValidationError({"soort": _("Kies een soort adviesaanvraag.")})
    if door is not None:
        _eis(
            heeft_rol(door, transitions.AANMAKEN_ROLLEN[soort])
            and aanvraag_policy.user_has_perm(door, "add"),
            door,
            "aanvraag_aanmaken",
            None,
        )
    if vervolg_op is not None and vervolg_op.soort != Soort.MEEDENKEN:
        raise ValidationError({"vervolg_op": _("Een vervolg hoort bij een meedenksessie.")})
    if (
        beleidsmedewerker is None
        and door is not None
        and heeft_rol(door, {Rol.BELEIDSMEDEWERKER})
        and not door.is_superuser
    ):
        beleidsmedewerker = door
    _eis_beleidsmedewerker(beleidsmedewerker)
    toegestaan = {
        "meedenken_op",
        "toelichting_op",
        "adviesgesprek_op",
        "collegebesluit_gepland",
        "raad_gepland",
    }
    onbekend = set(datums) - toegestaan
    if onbekend:
        raise TypeError(f"Onbekende velden: {sorted(onbekend)}")
    aanvraag = Adviesaanvraag(
        kenmerk=_nieuw_kenmerk(op),
        soort=soort,
        status=transitions.BEGINSTATUS[soort],
        titel=titel,
        samenvatting=samenvatting,
        themas=themas,
        beleidsmedewerker=beleidsmedewerker,
        wethouder=wethouder,
        zaaknummer=zaaknummer,
        vervolg_op=vervolg_op,
        aangemaakt_door=door,
        **datums,
    )
    try:
        with transaction.atomic():
            _opslaan(aanvraag, door=door, reden="aangemaakt")
    except (IntegrityError, ValidationError) as exc:
        if "kenmerk" not in str(exc):
            raise
        aanvraag.kenmerk = _nieuw_kenmerk(op)  # a concurrent request took the number
        _opslaan(aanvraag, door=door, reden="aangemaakt")
    aanvraag.kernwetten.set(list(kernwetten))
    Vraag.objects.bulk_create(
        [
            Vraag(aanvraag=aanvraag, nummer=i, tekst=t.strip())
            for i, t in enumerate((v for v in vragen if v.strip()), start=1)
        ]
    )
    _log(aanvraag, "", aanvraag.status, door)
    toegang_bijwerken(aanvraag=aanvraag)
    if soort == Soort.ONGEVRAAGD:
        meldingen.melden(
            soort="aankondiging",
            aanvraag=aanvraag,
            ontvangers=get_user_model().objects.filter(groups__name=Rol.ACCOUNTHOUDER.value),
            context={"url": meldingen.portaal_url("advies:detail", aanvraag)},
        )
    _audit(door, "aanvraag_aanmaken", aanvraag, "ok")
    return aanvraag


@transaction.atomic
def planning_wijzigen(*, aanvraag: Adviesaanvraag, door: Any, **velden: Any) -> Adviesaanvraag:
    """Dates, case number, alderman and policy officer (account holder, supporter)."""
    origineel, aanvraag = aanvraag, _vers(aanvraag)
    _eis(mag(door, {Rol.ACCOUNTHOUDER, Rol.ONDERSTEUNER}, aanvraag), door, "planning", aanvraag)
    toegestaan = {
        "meedenken_op",
        "toelichting_op",
        "adviesgesprek_op",
        "collegebesluit_gepland",
        "raad_gepland",
        "zaaknummer",
        "wethouder",
        "beleidsmedewerker",
        "titel",
        "samenvatting",
        "themas",
    }
    if set(velden) - toegestaan:
        raise TypeError(f"Onbekende velden: {sorted(set(velden) - toegestaan)}")
    if aanvraag.status in (Status.VERZONDEN, *transitions.PUBLICEREN[1]) and (
        {"titel", "samenvatting"} & set(velden)
    ):
        raise ValidationError(_("Na verzenden verandert het onderwerp niet meer."))
    if "beleidsmedewerker" in velden:
        _eis_beleidsmedewerker(velden["beleidsmedewerker"])
    for naam, waarde in velden.items():
        setattr(aanvraag, naam, waarde)
    _opslaan(aanvraag, door=door, reden="planning gewijzigd")
    toegang_bijwerken(aanvraag=aanvraag)
    _ververs(origineel)
    return aanvraag


@transaction.atomic
def kortere_termijn_afspreken(
    *, aanvraag: Adviesaanvraag, advies_uiterlijk: date, afspraak: str, door: Any
) -> Adviesaanvraag:
    """A shorter advice period than the rule, only with the chair's recorded agreement."""
    origineel, aanvraag = aanvraag, _vers(aanvraag)
    _eis_regel(transitions.KORTERE_TERMIJN, aanvraag, door, "kortere_termijn")
    kortere_termijn_controleren(
        aanvraag=aanvraag, advies_uiterlijk=advies_uiterlijk, afspraak=afspraak
    )
    aanvraag.advies_uiterlijk = advies_uiterlijk
    aanvraag.kortere_termijn_akkoord = afspraak.strip()
    aanvraag.kortere_termijn_akkoord_door = door
    aanvraag.advies_uiterlijk_bron = _("afgesproken met de voorzitter")
    _opslaan(aanvraag, door=door, reden="kortere termijn afgesproken")
    _audit(door, "kortere_termijn", aanvraag, f"ok uiterlijk={advies_uiterlijk.isoformat()}")
    _ververs(origineel)
    return aanvraag


def kortere_termijn_controleren(
    *, aanvraag: Adviesaanvraag, advies_uiterlijk: date, afspraak: str, op: date | None = None
) -> None:
    """The rules of a shorter period (the portal checks them before asking to confirm).

    The new date lies between today (and the receipt of the documents) and the end of the normal
    advice period (``Sleutel.ADVIESTERMIJN`` after receipt), when that is known already.
    """
    op = op or vandaag()
    fouten: dict[str, list[str]] = {}
    if not afspraak.strip():
        fouten["afspraak"] = [_("Schrijf op wat is afgesproken.")]
    begin = max(op, aanvraag.ontvangen_op or op)
    if advies_uiterlijk < begin:
        fouten["advies_uiterlijk"] = [
            _("Kies een datum vanaf %(datum)s.") % {"datum": f"{begin:%d-%m-%Y}"}
        ]
    elif aanvraag.ontvangen_op is not None:
        termijn = rule(Sleutel.ADVIESTERMIJN, on=aanvraag.ontvangen_op)
        standaard = termijn.waarde.na(aanvraag.ontvangen_op)
        if advies_uiterlijk >= standaard:
            fouten["advies_uiterlijk"] = [
                _(
                    "Dat is geen kortere termijn: de gewone termijn loopt tot %(datum)s "
                    "(%(regel)s). Kies een eerdere datum."
                )
                % {"datum": f"{standaard:%d-%m-%Y}", "regel": termijn.citeer()}
            ]
    if fouten:
        raise ValidationError(fouten)


def _advies_uiterlijk(aanvraag: Adviesaanvraag, ontvangen: date) -> None:
    termijn = rule(Sleutel.ADVIESTERMIJN, on=ontvangen)
    standaard = termijn.waarde.na(ontvangen)
    if (
        aanvraag.kortere_termijn_akkoord
        and aanvraag.advies_uiterlijk
        and aanvraag.advies_uiterlijk < standaard
    ):
        return  # the chair agreed to a shorter period: keep it (never a longer one)
    aanvraag.advies_uiterlijk = standaard
    aanvraag.advies_uiterlijk_bron = f"{termijn.weergave} na ontvangst, {termijn.citeer()}"


# --- Documents -----------------------------------------------------------------------------------
@transaction.atomic
def document_toevoegen(
    *, aanvraag: Adviesaanvraag, upload: Any, titel: str, vertrouwelijk: bool, door: Any
) -> Document:
    _eis_regel(transitions.DOCUMENT_TOEVOEGEN, aanvraag, door, "document_toevoegen")
    if not titel.strip():
        raise ValidationError({"titel": _("Geef het document een titel.")})
    bestand = bestand_opslaan(upload=upload, door=door, vertrouwelijk=vertrouwelijk)
    document = Document(
        aanvraag=aanvraag,
        bestand=bestand,
        titel=titel.strip(),
        vertrouwelijk=vertrouwelijk,
        toegevoegd_door=door,
    )
    _opslaan(document)
    toegang_bijwerken(aanvraag=aanvraag)
    _audit(door, "document_toevoegen", document, "ok")
    return document


# --- The report ----------------------------------------------------------------------------------
def huidige_versie(aanvraag: Adviesaanvraag) -> Advies | None:
    return aanvraag.versies.order_by("-versie").first()


def _nieuwe_versie(
    aanvraag: Adviesaanvraag, *, inleiding: str, punten: Sequence[str], door: Any, reden: str
) -> Advies:
    vorige = huidige_versie(aanvraag)
    advies = Advies(
        aanvraag=aanvraag,
        versie=(vorige.versie + 1) if vorige else 1,
        inleiding=inleiding,
        reden=reden[:300],
        aangemaakt_door=door,
    )
    _opslaan(advies)
    Adviespunt.objects.bulk_create(
        [Adviespunt(advies=advies, nummer=i, tekst=t) for i, t in enumerate(punten, start=1)]
    )
    return advies


@transaction.atomic
def concept_opslaan(
    *,
    aanvraag: Adviesaanvraag,
    inleiding: str,
    punten: Sequence[str],
    door: Any,
    reden: str = "",
) -> Advies:
    """Save the concept as a new version (every version is kept). Points are sanitised."""
    _eis_regel(transitions.CONCEPT_BEWERKEN, aanvraag, door, "concept_opslaan")
    vorige = huidige_versie(aanvraag)
    if vorige is not None and vorige.bevroren:
        raise ValidationError(_("Deze versie is verzonden en verandert niet meer."))
    schoon = [opschonen(p) for p in punten]
    schoon = [p for p in schoon if p]
    if not schoon:
        raise ValidationError({"punten": _("Schrijf minstens één adviespunt.")})
    inleiding = inleiding.strip()
    if (
        vorige is not None
        and vorige.inleiding == inleiding
        and [p.tekst for p in vorige.punten.order_by("nummer")] == schoon
    ):
        return vorige  # nothing changed: no new version
    advies = _nieuwe_versie(
        aanvraag,
        inleiding=inleiding,
        punten=schoon,
        door=door,
        reden=reden or _("concept bijgewerkt"),
    )
    _audit(door, "concept_opslaan", advies, "ok")
    return advies


# --- Transitions ---------------------------------------------------------------------------------
@transaction.atomic
def overgang_uitvoeren(
    *, aanvraag: Adviesaanvraag, naar: str, door: Any, reden: str = "", op: date | None = None
) -> Adviesaanvraag:
    """Move ``aanvraag`` to ``naar`` if the table allows it; else a clear refusal."""
    op = op or vandaag()
    origineel, aanvraag = aanvraag, _vers(aanvraag)
    overgang = transitions.zoek(aanvraag.soort, aanvraag.status, naar)
    if overgang is None:
        _audit(door, f"overgang:{naar}", aanvraag, "ongeldig")
        raise ValidationError(
            _("Van „%(van)s” naar „%(naar)s” kan niet bij %(soort)s.")
            % {
                "van": aanvraag.status_label,
                "naar": Status(naar).label if naar in Status.values else naar,
                "soort": aanvraag.get_soort_display(),
            }
        )
    _eis(mag(door, overgang.rollen, aanvraag), door, f"overgang:{naar}", aanvraag)
    if overgang.reden_verplicht and not reden.strip():
        raise ValidationError({"reden": _("Geef een reden.")})
    probleem = overgang.eis(aanvraag, op)
    if probleem:
        raise ValidationError(probleem)
    van = aanvraag.status
    aanvraag.status = naar
    for effect in overgang.na:
        EFFECTEN[effect](aanvraag, door, op, reden.strip())
    _opslaan(aanvraag, door=door, reden=f"{van} → {naar}")
    _log(aanvraag, van, naar, door, reden.strip())
    toegang_bijwerken(aanvraag=aanvraag)
    _audit(door, f"overgang:{naar}", aanvraag, "ok")
    _ververs(origineel)
    return aanvraag


def _ontvangst(aanvraag: Adviesaanvraag, door: Any, op: date, reden: str) -> None:
    aanvraag.ontvangen_op = aanvraag.ontvangen_op or op
    _advies_uiterlijk(aanvraag, aanvraag.ontvangen_op)


def _leden_melden(aanvraag: Adviesaanvraag, door: Any, op: date, reden: str) -> None:
    meldingen.melden(
        soort="ontvangst",
        aanvraag=aanvraag,
        ontvangers=[lid.user for lid in zittende_leden(op)],
        context={"url": meldingen.portaal_url("advies:detail", aanvraag)},
    )


def _ronde_openen(aanvraag: Adviesaanvraag, door: Any, op: date, reden: str) -> None:
    advies = huidige_versie(aanvraag)
    termijn = rule(Sleutel.GOEDKEURINGSTERMIJN_VERSLAG, on=op)
    ronde = Goedkeuringsronde.objects.create(
        advies=advies,
        geopend_op=op,
        deadline=termijn.waarde.na(op),
        deadline_bron=f"{termijn.weergave}, {termijn.citeer()}"[:300],
    )
    leden = zittende_leden(op)
    # Recusal: a conflict the member reported on this request, else one their declaration of
    # other roles shows (uitsluiting.py has the rule). The reason is recorded on their row.
    belangen = {
        lid_id: _("Belang gemeld: %(t)s") % {"t": toelichting}
        for lid_id, toelichting in aanvraag.belangmeldingen.values_list("lid_id", "toelichting")
    }
    automatisch = uitsluiting.automatische_uitsluitingen(
        aanvraag, [lid for lid in leden if lid.pk not in belangen]
    )
    belangen |= automatisch
    Goedkeuring.objects.bulk_create(
        [
            Goedkeuring(
                ronde=ronde,
                lid=lid,
                oordeel=Oordeel.UITGESLOTEN if lid.pk in belangen else Oordeel.OPEN,
                opmerking=belangen.get(lid.pk, ""),
                gegeven_op=timezone.now() if lid.pk in belangen else None,
            )
            for lid in leden
        ]
    )
    for lid_id in automatisch:
        _audit(door, f"uitgesloten:lid:{lid_id}", aanvraag, "verklaring")
    meldingen.melden(
        soort="ronde",
        aanvraag=aanvraag,
        ontvangers=[lid.user for lid in leden if lid.pk not in belangen],
        context={
            "url": meldingen.portaal_url("advies:goedkeuren", aanvraag),
            "deadline": ronde.deadline,
        },
    )


def _ronde_sluiten(aanvraag: Adviesaanvraag, door: Any, op: date, reden: str) -> None:
    Goedkeuringsronde.objects.filter(advies__aanvraag=aanvraag, gesloten_op__isnull=True).update(
        gesloten_op=op
    )


def _vaststellen(aanvraag: Adviesaanvraag, door: Any, op: date, reden: str) -> None:
    advies = huidige_versie(aanvraag)
    advies.vastgesteld_op = op
    advies.vastgesteld_door = door
    voorzitter = voorzitter_op(op)
    advies.voorzitter_naam = voorzitter.naam if voorzitter else ""
    _opslaan(advies)


def _ondersteuner_naam(door: Any) -> str:
    if door is not None and heeft_rol(door, {Rol.ONDERSTEUNER}) and not door.is_superuser:
        return door.get_full_name() or door.email
    user = (
        get_user_model()
        .objects.filter(groups__name=Rol.ONDERSTEUNER.value, is_active=True)
        .order_by("pk")
        .first()
    )
    return (user.get_full_name() or user.email) if user else ""


def _pdf_opslaan(inhoud: bytes, naam: str, door: Any) -> Bestand:
    if door is not None:
        upload = SimpleUploadedFile(naam, inhoud, content_type="application/pdf")
        return bestand_opslaan(upload=upload, door=door, vertrouwelijk=True)
    bestand = Bestand(
        oorspronkelijke_naam=naam,
        content_type="application/pdf",
        grootte=len(inhoud),
        sha256=hashlib.sha256(inhoud).hexdigest(),
        vertrouwelijk=True,
    )
    bestand.bestand.save("document.pdf", ContentFile(inhoud), save=False)
    bestand.full_clean(exclude=["geupload_door"])  # made by the system itself
    bestand.save()
    return bestand


def _verzenden(aanvraag: Adviesaanvraag, door: Any, op: date, reden: str) -> None:
    """Render the PDF once, store it, freeze the version, start the College's response period."""
    advies = huidige_versie(aanvraag)
    if advies.bevroren:  # pragma: no cover - the table never sends a sent version
        raise ValidationError(_("Deze versie is al verzonden."))
    advies.ondersteuner_naam = _ondersteuner_naam(door)
    if not advies.voorzitter_naam:
        voorzitter = voorzitter_op(op)
        advies.voorzitter_naam = voorzitter.naam if voorzitter else ""
    inhoud = render(AdviesbriefDocument(advies=advies, datum=op))
    advies.pdf = _pdf_opslaan(inhoud, f"advies-{aanvraag.kenmerk}-v{advies.versie}.pdf", door)
    advies.verzonden_op = op
    _opslaan(advies)
    termijn = rule(Sleutel.REACTIETERMIJN_COLLEGE, on=op)
    aanvraag.reactie_uiterlijk = termijn.waarde.na(op)
    aanvraag.reactie_uiterlijk_bron = f"{termijn.weergave} na verzenden, {termijn.citeer()}"[:300]


def _correctie(aanvraag: Adviesaanvraag, door: Any, op: date, reden: str) -> None:
    vorige = huidige_versie(aanvraag)
    _nieuwe_versie(
        aanvraag,
        inleiding=vorige.inleiding,
        punten=[p.tekst for p in vorige.punten.order_by("nummer")],
        door=door,
        reden=_("correctie: %(reden)s") % {"reden": reden},
    )


def _reactie_melden(aanvraag: Adviesaanvraag, door: Any, op: date, reden: str) -> None:
    meldingen.melden(
        soort="reactie",
        aanvraag=aanvraag,
        ontvangers=[lid.user for lid in zittende_leden(op)],
        context={"url": meldingen.portaal_url("advies:detail", aanvraag)},
    )


def _intrekken(aanvraag: Adviesaanvraag, door: Any, op: date, reden: str) -> None:
    aanvraag.ingetrokken_reden = reden
    _ronde_sluiten(aanvraag, door, op, reden)


EFFECTEN = {
    "ontvangst": _ontvangst,
    "leden_melden": _leden_melden,
    "ronde_openen": _ronde_openen,
    "ronde_sluiten": _ronde_sluiten,
    "vaststellen": _vaststellen,
    "verzenden": _verzenden,
    "correctie": _correctie,
    "reactie_melden": _reactie_melden,
    "intrekken": _intrekken,
}


# --- Approval round ------------------------------------------------------------------------------
def open_ronde(aanvraag: Adviesaanvraag) -> Goedkeuringsronde | None:
    return Goedkeuringsronde.objects.filter(
        advies__aanvraag=aanvraag, gesloten_op__isnull=True
    ).first()


@transaction.atomic
def goedkeuring_geven(
    *,
    aanvraag: Adviesaanvraag,
    door: Any,
    oordeel: str,
    opmerking: str = "",
    op: date | None = None,
) -> Goedkeuring:
    """A member approves the concept or asks for a change, before the round's deadline."""
    op = op or vandaag()
    _eis(
        mag(door, {Rol.LID, Rol.VOORZITTER, Rol.VICEVOORZITTER}, aanvraag),
        door,
        "goedkeuren",
        aanvraag,
    )
    ronde = open_ronde(aanvraag)
    if aanvraag.status != Status.TER_GOEDKEURING or ronde is None:
        raise ValidationError(_("Er ligt geen concept ter goedkeuring."))
    goedkeuring = ronde.goedkeuringen.select_for_update().filter(lid__user=door).first()
    if goedkeuring is None:
        _eis(False, door, "goedkeuren", aanvraag)
    if goedkeuring.oordeel == Oordeel.UITGESLOTEN:
        raise ValidationError(_("U heeft een belang gemeld en doet bij dit advies niet mee."))
    if op > ronde.deadline:
        raise ValidationError(
            _("De termijn om te reageren is voorbij (uiterlijk %(datum)s, %(bron)s).")
            % {"datum": f"{ronde.deadline:%d-%m-%Y}", "bron": ronde.deadline_bron}
        )
    if oordeel not in (Oordeel.AKKOORD, Oordeel.WIJZIGING):
        raise ValidationError({"oordeel": _("Kies akkoord of wijziging gevraagd.")})
    if oordeel == Oordeel.WIJZIGING and not opmerking.strip():
        raise ValidationError({"opmerking": _("Schrijf welke wijziging u wilt.")})
    goedkeuring.oordeel = oordeel
    goedkeuring.opmerking = opmerking.strip()
    goedkeuring.gegeven_op = timezone.now()
    _opslaan(goedkeuring)
    _audit(door, "goedkeuren", goedkeuring, oordeel)
    return goedkeuring


@transaction.atomic
def belang_melden(*, aanvraag: Adviesaanvraag, door: Any, toelichting: str) -> Belangmelding:
    """A member declares a conflict of interest: they are left out of the approval (recusal)."""
    _eis_regel(transitions.BELANG_MELDEN, aanvraag, door, "belang_melden")
    lid = Lid.objects.filter(user=door).first()
    if lid is None:
        _eis(False, door, "belang_melden", aanvraag)
    if not toelichting.strip():
        raise ValidationError({"toelichting": _("Schrijf kort wat uw belang is.")})
    melding, _nieuw = Belangmelding.objects.get_or_create(
        aanvraag=aanvraag, lid=lid, defaults={"toelichting": toelichting.strip()}
    )
    ronde = open_ronde(aanvraag)
    if ronde is not None:
        ronde.goedkeuringen.filter(lid=lid).update(
            oordeel=Oordeel.UITGESLOTEN,
            gegeven_op=timezone.now(),
            opmerking=_("Belang gemeld: %(t)s") % {"t": melding.toelichting},
        )
    _audit(door, "belang_melden", aanvraag, "ok")
    return melding


# --- Meedenken -----------------------------------------------------------------------------------
@transaction.atomic
def meedenken_vastleggen(
    *,
    aanvraag: Adviesaanvraag,
    mondelinge_inbreng: str,
    door: Any,
    meedenken_op: date | None = None,
) -> Adviesaanvraag:
    origineel, aanvraag = aanvraag, _vers(aanvraag)
    _eis_regel(transitions.MEEDENKEN_VASTLEGGEN, aanvraag, door, "meedenken_vastleggen")
    if aanvraag.soort != Soort.MEEDENKEN:
        raise ValidationError(_("Dit hoort bij meedenken."))
    aanvraag.mondelinge_inbreng = mondelinge_inbreng.strip()
    if meedenken_op:
        aanvraag.meedenken_op = meedenken_op
    _opslaan(aanvraag, door=door, reden="inbreng vastgelegd")
    _ververs(origineel)
    return aanvraag


# --- College response ----------------------------------------------------------------------------
@transaction.atomic
def collegereactie_vastleggen(
    *,
    aanvraag: Adviesaanvraag,
    besluitdatum: date,
    punten: dict[int, tuple[str, str]],
    door: Any,
    brief: Any = None,
    ontvangen_op: date | None = None,
) -> Collegereactie:
    """The College's response per point (``punten``: number → (oordeel, reden))."""
    _eis_regel(transitions.REACTIE_VASTLEGGEN, aanvraag, door, "collegereactie")
    advies = aanvraag.versies.filter(verzonden_op__isnull=False).order_by("-versie").first()
    if advies is None:  # pragma: no cover - VERZONDEN always has a sent version
        raise ValidationError(_("Er is nog geen verzonden advies."))
    fouten: dict[str, list[str]] = {}
    adviespunten = list(advies.punten.order_by("nummer"))
    for punt in adviespunten:
        oordeel, reden = punten.get(punt.nummer, ("", ""))
        if oordeel not in Overname.values:
            fouten.setdefault(f"oordeel_{punt.nummer}", []).append(
                _("Kies wat het college met punt %(n)s doet.") % {"n": punt.nummer}
            )
        elif oordeel != Overname.OVERGENOMEN and not (reden or "").strip():
            fouten.setdefault(f"toelichting_{punt.nummer}", []).append(
                _("Geef de reden waarom punt %(n)s niet helemaal is overgenomen.")
                % {"n": punt.nummer}
            )
    if besluitdatum < advies.verzonden_op:
        fouten.setdefault("besluitdatum", []).append(
            _("Het collegebesluit kan niet vóór het verzenden van het advies liggen.")
        )
    if fouten:
        raise ValidationError(fouten)
    reactie = Collegereactie.objects.filter(advies=advies).first() or Collegereactie(advies=advies)
    reactie.besluitdatum = besluitdatum
    reactie.ontvangen_op = ontvangen_op or vandaag()
    reactie.vastgelegd_door = door
    if brief is not None:
        reactie.brief = bestand_opslaan(upload=brief, door=door, vertrouwelijk=True)
    _opslaan(reactie, door=door, reden="reactie vastgelegd")
    for punt in adviespunten:
        oordeel, reden = punten[punt.nummer]
        Puntreactie.objects.update_or_create(
            punt=punt,
            defaults={"reactie": reactie, "oordeel": oordeel, "toelichting": (reden or "").strip()},
        )
    if brief is None and reactie.brief_id is None:
        inhoud = render(ReactiebriefDocument(reactie=reactie))
        reactie.brief = _pdf_opslaan(inhoud, f"reactie-{aanvraag.kenmerk}.pdf", door)
        _opslaan(reactie, door=door, reden="reactiebrief gemaakt")
    toegang_bijwerken(aanvraag=aanvraag)
    _audit(door, "collegereactie", reactie, "ok")
    return reactie


# --- Publishing ----------------------------------------------------------------------------------
@transaction.atomic
def publiceren(*, aanvraag: Adviesaanvraag, door: Any) -> Adviesaanvraag:
    """Publish in the register: a deliberate act, only after sending, never for meedenken."""
    origineel, aanvraag = aanvraag, _vers(aanvraag)
    _eis_regel(transitions.PUBLICEREN, aanvraag, door, "publiceren")
    if aanvraag.soort == Soort.MEEDENKEN:
        raise ValidationError(_("Meedenken wordt niet gepubliceerd."))
    if aanvraag.gepubliceerd_op is None:
        aanvraag.gepubliceerd_op = timezone.now()
        _opslaan(aanvraag, door=door, reden="gepubliceerd")
    _audit(door, "publiceren", aanvraag, "ok")
    _ververs(origineel)
    return aanvraag


@transaction.atomic
def publicatie_intrekken(*, aanvraag: Adviesaanvraag, door: Any) -> Adviesaanvraag:
    origineel, aanvraag = aanvraag, _vers(aanvraag)
    _eis_regel(transitions.PUBLICEREN, aanvraag, door, "publicatie_intrekken")
    aanvraag.gepubliceerd_op = None
    _opslaan(aanvraag, door=door, reden="publicatie ingetrokken")
    _ververs(origineel)
    return aanvraag


__all__ = [
    "aanvraag_aanmaken",
    "belang_melden",
    "collegereactie_vastleggen",
    "concept_opslaan",
    "document_toevoegen",
    "goedkeuring_geven",
    "kortere_termijn_afspreken",
    "kortere_termijn_controleren",
    "meedenken_vastleggen",
    "overgang_uitvoeren",
    "planning_wijzigen",
    "publicatie_intrekken",
    "publiceren",
    "toegang_alle_open_bijwerken",
    "toegang_bijwerken",
]
