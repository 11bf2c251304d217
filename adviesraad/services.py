"""Every write of the council's membership. The portal, the admin (actions included), the demo
data and the Celery tasks all call these functions.

Each service: checks the permission of ``door`` (``None`` is the system itself: tasks, the demo
seed), validates (rules of the verordening asked through ``regels.py``, cited in the message),
changes state with ``full_clean()`` and ``save()``, records the history reason and the acting user,
grants object permissions and registers side effects with ``transaction.on_commit``.

Group membership follows terms and functions: after every change to them ``rollen_bijwerken``
recomputes the council roles (lid, voorzitter, vicevoorzitter) of the person and calls
``accounts.services.raadsrollen_volgen`` (the only way a council role is set; no form can); a
person who loses a council role loses their sessions too.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Model, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from guardian.shortcuts import assign_perm

from hengelo_participatie.accounts.roles import Rol
from hengelo_participatie.accounts.services import raadsrollen_volgen, user_sessions_end

from . import regels
from .models import (
    Beoordeling,
    EindeReden,
    Functie,
    FunctieSoort,
    Herbenoemingsevaluatie,
    Kandidaat,
    KandidaatFase,
    Kernwet,
    Lid,
    Nevenfunctieverklaring,
    Portefeuille,
    Portefeuillehouder,
    TermijnSoort,
    TermijnStatus,
    Vacature,
    VacatureStatus,
    Zittingstermijn,
)
from .models.leden import VOORZITTER_SOORTEN, Conclusie
from .models.portefeuilles import DUO
from .models.verklaringen import CATEGORIEEN
from .models.werving import FASE_OVERGANGEN
from .policies import (
    BEOORDELEN_PERM,
    evaluatie_policy,
    functie_policy,
    houder_policy,
    kandidaat_policy,
    lid_policy,
    portefeuille_policy,
    termijn_policy,
    vacature_policy,
)

logger = logging.getLogger("hengelo_participatie.adviesraad")

#: The roles that follow from terms and functions. Other roles of the same account are kept.
RAADSROLLEN = frozenset({Rol.LID.value, Rol.VOORZITTER.value, Rol.VICEVOORZITTER.value})

#: Declarations the member themselves may read (object grant); chair and supporter: role-wide.
VERKLARING_EIGEN_PERMS = ("view_nevenfunctieverklaring",)


# --- helpers ----------------------------------------------------------------------------------
def vandaag() -> date:
    return timezone.localdate()


def _datum(d: date) -> str:
    return date_format(d, "j F Y")


def _eis(toegestaan: bool, door: Any, actie: str, obj: object = None) -> None:
    if not toegestaan:
        _audit(door, actie, obj, "geweigerd")
        raise PermissionDenied(_("U mag dit niet doen."))


def _eis_perm(
    policy: Any, door: Any, actie: str, audit_actie: str, obj: Model | None = None
) -> None:
    """``door is None``: the system itself (task, demo seed, follow-up of another service)."""
    if door is None:
        return
    if obj is None:
        _eis(policy.user_has_perm(door, actie), door, audit_actie)
    else:
        _eis(policy.user_has_perm_for_object(door, actie, obj), door, audit_actie, obj)


def _eis_niet_zelf(door: Any, account_id: int | None, actie: str, obj: object = None) -> None:
    """Nobody raises their own rights: council roles follow terms and functions, so whoever keeps
    the membership records may not register, nominate, appoint or give a function to their own
    account. That needs a second person (``accounts.services.user_set_roles`` has the same rule)."""
    if door is not None and account_id is not None and door.pk == account_id:
        _audit(door, actie, obj, "geweigerd:eigen_account")
        raise PermissionDenied(
            _(
                "U kunt uzelf niet aanmelden, voordragen, benoemen of een functie geven. "
                "Vraag een collega om dit te doen."
            )
        )


def _opslaan(obj: Model, *, door: Any, reden: str, exclude: Iterable[str] | None = None) -> None:
    obj.full_clean(exclude=list(exclude or []))
    obj._change_reason = reden  # type: ignore[attr-defined]
    obj._history_user = door  # type: ignore[attr-defined]
    obj.save()


def _audit(door: Any, actie: str, obj: object, resultaat: str) -> None:
    """BIO 8.15: actor, action, object, result, time. Never names or declaration content."""
    objnaam = f"{obj._meta.model_name}:{obj.pk}" if isinstance(obj, Model) else "-"
    logger.info(
        "actor=%s action=%s object=%s result=%s time=%s",
        getattr(door, "pk", None) or "systeem",
        actie,
        objnaam,
        resultaat,
        timezone.now().isoformat(),
    )


# --- Lid ----------------------------------------------------------------------------------------
LID_VELDEN = frozenset(
    {
        "adres",
        "postcode",
        "woonplaats",
        "thema_toelichting",
        "beschikbaarheid_uren_per_maand",
        "inwerken_organisatie_op",
        "inwerken_sociaal_domein_op",
        "inwerken_regio_op",
        "foto_toestemming",
        "diversiteit_toestemming",
        "leeftijdscategorie",
        "gender",
        "opleidingsniveau",
    }
)
DIVERSITEIT_VELDEN = ("leeftijdscategorie", "gender", "opleidingsniveau")


def _normaliseer_postcode(postcode: str) -> str:
    schoon = "".join((postcode or "").split()).upper()
    return f"{schoon[:4]} {schoon[4:]}".strip() if len(schoon) == 6 else schoon


def _lid_velden_zetten(lid: Lid, gegevens: dict[str, Any]) -> None:
    onbekend = set(gegevens) - LID_VELDEN - {"themas"}
    if onbekend:
        raise ValidationError(
            _("Onbekende velden: %(velden)s.") % {"velden": ", ".join(sorted(onbekend))}
        )
    for veld, waarde in gegevens.items():
        if veld != "themas":
            setattr(lid, veld, waarde)
    lid.postcode = _normaliseer_postcode(lid.postcode)
    if not lid.diversiteit_toestemming:
        # Data minimisation: without consent, no diversity answers are kept.
        for veld in DIVERSITEIT_VELDEN:
            setattr(lid, veld, "")


@transaction.atomic
def lid_aanmaken(*, user: Any, postcode: str, door: Any, **gegevens: Any) -> Lid:
    """Register a person on the council (a candidate member, or the ad-interim chair)."""
    _eis_perm(lid_policy, door, "add", "lid_aanmaken")
    _eis_niet_zelf(door, getattr(user, "pk", None), "lid_aanmaken")
    if Lid.objects.filter(user=user).exists():
        raise ValidationError({"user": _("Voor dit account bestaat al een lid.")})
    lid = Lid(user=user)
    _lid_velden_zetten(lid, {**gegevens, "postcode": postcode})
    _opslaan(lid, door=door, reden="Lid aangemaakt")
    if "themas" in gegevens:
        lid.themas.set(gegevens["themas"])
    _audit(door, "lid_aanmaken", lid, "ok")
    return lid


@transaction.atomic
def lid_bijwerken(*, lid: Lid, door: Any, **gegevens: Any) -> Lid:
    """Change a person's details. The person themselves may change their own."""
    if door is not None and door.pk != lid.user_id:
        _eis_perm(lid_policy, door, "change", "lid_bijwerken", lid)
    _lid_velden_zetten(lid, gegevens)
    if not lid.foto_toestemming and lid.foto_id:
        # Consent withdrawn: the photo goes.
        _foto_verwijderen(lid)
    _opslaan(lid, door=door, reden="Gegevens van het lid gewijzigd")
    if "themas" in gegevens:
        lid.themas.set(gegevens["themas"])
    _audit(door, "lid_bijwerken", lid, "ok")
    return lid


def _foto_verwijderen(lid: Lid) -> None:
    from hengelo_participatie.files.services import bestand_verwijderen

    foto = lid.foto
    lid.foto = None
    if foto is not None:
        Lid.objects.filter(pk=lid.pk).update(foto=None)
        bestand_verwijderen(bestand=foto, door=None)


@transaction.atomic
def lid_foto_opslaan(*, lid: Lid, upload: Any, door: Any) -> Lid:
    """Store a photo for the public page; only with the person's recorded consent."""
    from hengelo_participatie.files.services import bestand_opslaan

    if door is None or door.pk != lid.user_id:
        _eis_perm(lid_policy, door, "change", "lid_foto_opslaan", lid)
    if not lid.foto_toestemming:
        raise ValidationError(
            {
                "foto": _(
                    "Een foto kan alleen als het lid toestemming heeft gegeven voor publicatie."
                )
            }
        )
    oud = lid.foto
    lid.foto = bestand_opslaan(upload=upload, door=door, vertrouwelijk=False)
    _opslaan(lid, door=door, reden="Foto toegevoegd")
    if oud is not None:
        from hengelo_participatie.files.services import bestand_verwijderen

        bestand_verwijderen(bestand=oud, door=None)
    return lid


@transaction.atomic
def inwerken_afvinken(*, lid: Lid, onderdeel: str, op: date, door: Any) -> Lid:
    """Tick an onboarding item (organisatie, sociaal_domein, regio) on a date."""
    veld = f"inwerken_{onderdeel}_op"
    if veld not in LID_VELDEN:
        raise ValidationError(_("Onbekend onderdeel van het inwerken."))
    return lid_bijwerken(lid=lid, door=door, **{veld: op})


# --- Roles follow terms and functions --------------------------------------------------------------
def raadsrollen_op(lid: Lid, op: date) -> set[str]:
    """The council roles that ``lid``'s terms and functions give on day ``op``."""
    rollen: set[str] = set()
    termijnen = list(lid.termijnen.actief_op(op))
    lid_termijn = any(t.soort == TermijnSoort.LID for t in termijnen)
    voorzitter_termijn = any(t.soort == TermijnSoort.VOORZITTER for t in termijnen)
    if lid_termijn:
        rollen.add(Rol.LID.value)
    for functie in lid.functies.actief_op(op):
        if functie.soort == FunctieSoort.VOORZITTER_AD_INTERIM or (
            functie.soort == FunctieSoort.VOORZITTER_VAST and voorzitter_termijn
        ):
            rollen.add(Rol.VOORZITTER.value)
        elif functie.soort == FunctieSoort.VICEVOORZITTER and lid_termijn:
            rollen.add(Rol.VICEVOORZITTER.value)
    return rollen


@transaction.atomic
def rollen_bijwerken(*, lid: Lid, op: date | None = None, door: Any = None) -> set[str]:
    """Make the account's council roles match the terms and functions on ``op`` (default today).

    Roles outside the council (e.g. ondersteuner) are kept. Losing a council role ends every
    session of the account (ASVS 7.4.2: access ends with the term). ``door`` is the person whose
    (already checked) decision on a term or function caused this, for the history and audit;
    ``None`` for the nightly task.
    """
    op = op or vandaag()
    user = lid.user
    huidig = set(user.groups.values_list("name", flat=True))
    nieuw = (huidig - RAADSROLLEN) | raadsrollen_op(lid, op)
    if nieuw == huidig:
        return nieuw
    # The system applies the consequence of a decision that was itself permission-checked.
    raadsrollen_volgen(user=user, raadsrollen=nieuw & RAADSROLLEN, door=door)
    if (huidig & RAADSROLLEN) - nieuw:
        # Now, not on commit: a rollback at worst costs a fresh login, never keeps access.
        user_sessions_end(user=user)
    # Object grants follow the roles at once, not only in the nightly task: a dismissed member
    # loses the advice requests and meeting documents today; a new member gets them today.
    from .advies.services.toegang import toegang_alle_open_bijwerken
    from .vergaderingen.services.stukken import toegang_van_gebruiker_bijwerken

    if (huidig ^ nieuw) & RAADSROLLEN:
        toegang_alle_open_bijwerken()
    toegang_van_gebruiker_bijwerken(gebruiker=user)
    _audit(door, f"rollen_bijwerken:{','.join(sorted(nieuw)) or 'geen'}", lid, "ok")
    return nieuw


def rollen_bijwerken_alle(*, op: date | None = None) -> int:
    """Recompute the council roles of everyone (daily task): terms end and start by date."""
    op = op or vandaag()
    gewijzigd = 0
    leden = Lid.objects.select_related("user").prefetch_related("user__groups")
    for lid in leden:
        voor = {g.name for g in lid.user.groups.all()}
        if rollen_bijwerken(lid=lid, op=op) != voor:
            gewijzigd += 1
    return gewijzigd


# --- Zittingstermijn -----------------------------------------------------------------------------
@transaction.atomic
def termijn_aanmaken(*, lid: Lid, door: Any, soort: str = TermijnSoort.LID) -> Zittingstermijn:
    """Register a candidacy (status kandidaat)."""
    _eis_perm(termijn_policy, door, "add", "termijn_aanmaken")
    _eis_niet_zelf(door, lid.user_id, "termijn_aanmaken", lid)
    termijn = Zittingstermijn(lid=lid, soort=soort, status=TermijnStatus.KANDIDAAT)
    _opslaan(termijn, door=door, reden="Kandidaat voor een zittingstermijn")
    _audit(door, "termijn_aanmaken", termijn, "ok")
    return termijn


def _eerdere_termijnen(termijn: Zittingstermijn) -> list[Zittingstermijn]:
    return list(
        termijn.lid.termijnen.benoemd_ooit()
        .filter(soort=termijn.soort)
        .exclude(pk=termijn.pk)
        .order_by("begindatum")
    )


def _toets_max_termijnen(termijn: Zittingstermijn, op: date) -> None:
    regel = regels.max_termijnen(op)
    eerder = len(_eerdere_termijnen(termijn))
    if eerder >= regel.waarde:
        raise ValidationError(
            _(
                "%(naam)s had al %(eerder)s zittingstermijn(en). Een %(soort)s heeft hoogstens "
                "%(max)s zittingstermijnen, %(regel)s. Een nieuwe termijn kan daarom niet."
            )
            % {
                "naam": termijn.lid.naam,
                "eerder": eerder,
                "soort": termijn.get_soort_display(),
                "max": regel.waarde,
                "regel": regel.citeer(),
            },
            code="max_termijnen",
        )


def _toets_woonplaats(termijn: Zittingstermijn, op: date) -> None:
    if not regels.woont_in_hengelo(termijn.lid.postcode, op):
        regel = regels.woonplaatsregel(op)
        raise ValidationError(
            _(
                "%(naam)s woont volgens de postcode %(postcode)s niet in de gemeente Hengelo. "
                "Leden en de vaste voorzitter wonen in Hengelo, %(regel)s."
            )
            % {
                "naam": termijn.lid.naam,
                "postcode": termijn.lid.postcode or _("(leeg)"),
                "regel": regel.citeer(),
            },
            code="woonplaats",
        )


def _toets_verklaring(termijn: Zittingstermijn, op: date) -> None:
    laatste = termijn.lid.verklaringen.order_by("-ingediend_op", "-pk").first()
    if laatste is None:
        raise ValidationError(
            _(
                "%(naam)s heeft nog geen verklaring over nevenfuncties ingediend. Die is nodig bij "
                "de benoeming, %(regel)s."
            )
            % {"naam": termijn.lid.naam, "regel": regels.citeer_onverenigbare_functies(op)},
            code="geen_verklaring",
        )
    if laatste.onopgelost:
        raise ValidationError(
            _(
                "De verklaring over nevenfuncties van %(datum)s heeft een bevinding die niet is "
                "opgelost (%(beoordeling)s). De voorzitter legt eerst een afspraak vast of stelt "
                "vast dat er geen strijdigheid is, %(regel)s."
            )
            % {
                "datum": _datum(laatste.ingediend_op),
                "beoordeling": laatste.get_beoordeling_display(),
                "regel": regels.citeer_onverenigbare_functies(op),
            },
            code="onopgeloste_bevinding",
        )


def _toets_herbenoeming(termijn: Zittingstermijn) -> Herbenoemingsevaluatie | None:
    eerder = _eerdere_termijnen(termijn)
    if not eerder:
        return None
    vorige = eerder[-1]
    evaluatie = termijn.herbenoemingsevaluatie
    if evaluatie is None or evaluatie.termijn_id != vorige.pk:
        raise ValidationError(
            _(
                "Een herbenoeming kan pas na een evaluatie van het functioneren in de vorige "
                "termijn (§4.2.3). Leg die evaluatie eerst vast."
            ),
            code="evaluatie_ontbreekt",
        )
    if evaluatie.conclusie != Conclusie.AANBEVOLEN:
        raise ValidationError(
            _("De evaluatie van %(datum)s raadt herbenoeming niet aan.")
            % {"datum": _datum(evaluatie.datum)},
            code="evaluatie_negatief",
        )
    return evaluatie


def _piekbezetting(*, begindatum: date, einddatum: date, zonder: int | None) -> int:
    """The highest number of member seats taken on any day in [begindatum, einddatum]."""
    termijnen = list(
        Zittingstermijn.objects.filter(
            soort=TermijnSoort.LID, status__in=[TermijnStatus.BENOEMD, TermijnStatus.BEEINDIGD]
        )
        .exclude(pk=zonder)
        .filter(begindatum__lte=einddatum)
        .filter(
            Q(status=TermijnStatus.BENOEMD, einddatum__gte=begindatum)
            | Q(status=TermijnStatus.BEEINDIGD, beeindigd_op__gte=begindatum)
        )
        .values_list("begindatum", "einddatum", "beeindigd_op")
    )
    # The peak lies on the first day or on a day another term starts.
    momenten = {begindatum} | {b for b, _e, _x in termijnen if b > begindatum}
    return max(
        (sum(1 for b, e, x in termijnen if b <= moment <= (x or e)) for moment in momenten),
        default=0,
    )


def _toets_omvang(
    termijn: Zittingstermijn, *, besluitdatum: date, begindatum: date, einddatum: date
) -> None:
    if termijn.soort != TermijnSoort.LID:
        return  # the chair is not counted (§4.2.3: "exclusief de voorzitter")
    regel = regels.max_leden(besluitdatum)
    bezet = _piekbezetting(begindatum=begindatum, einddatum=einddatum, zonder=termijn.pk)
    if bezet + 1 > regel.waarde:
        raise ValidationError(
            _(
                "De adviesraad heeft in deze periode al %(bezet)s leden. Het maximum is %(max)s "
                "leden (de voorzitter niet meegeteld), %(regel)s."
            )
            % {"bezet": bezet, "max": regel.waarde, "regel": regel.citeer()},
            code="max_leden",
        )


def _toets_geen_overlap(termijn: Zittingstermijn, begindatum: date, einddatum: date) -> None:
    for ander in (
        termijn.lid.termijnen.benoemd_ooit().filter(soort=termijn.soort).exclude(pk=termijn.pk)
    ):
        if ander.begindatum <= einddatum and begindatum <= (ander.laatste_dag or einddatum):
            raise ValidationError(
                {"begindatum": _("Deze termijn overlapt met een andere termijn van dit lid.")}
            )


def _toets_persoon(termijn: Zittingstermijn, op: date) -> None:
    """The checks that hold for nomination as well as appointment."""
    _toets_max_termijnen(termijn, op)
    _toets_woonplaats(termijn, op)
    _toets_verklaring(termijn, op)
    _toets_herbenoeming(termijn)


@transaction.atomic
def termijn_voordragen(
    *,
    termijn: Zittingstermijn,
    voorgedragen_op: date,
    door: Any,
    herbenoemingsevaluatie: Herbenoemingsevaluatie | None = None,
) -> Zittingstermijn:
    """The council nominates the candidate to the College (voordracht)."""
    _eis_perm(termijn_policy, door, "change", "termijn_voordragen", termijn)
    _eis_niet_zelf(door, termijn.lid.user_id, "termijn_voordragen", termijn)
    termijn = Zittingstermijn.objects.select_for_update().get(pk=termijn.pk)
    if termijn.status != TermijnStatus.KANDIDAAT:
        raise ValidationError(_("Alleen een kandidaat kan worden voorgedragen."))
    termijn.herbenoemingsevaluatie = herbenoemingsevaluatie
    _toets_persoon(termijn, voorgedragen_op)
    termijn.status = TermijnStatus.VOORGEDRAGEN
    termijn.voorgedragen_op = voorgedragen_op
    _opslaan(termijn, door=door, reden=f"Voorgedragen op {voorgedragen_op:%d-%m-%Y}")
    _audit(door, "termijn_voordragen", termijn, "ok")
    return termijn


@transaction.atomic
def termijn_benoemen(
    *,
    termijn: Zittingstermijn,
    besluitdatum: date,
    besluit_kenmerk: str,
    door: Any,
    begindatum: date | None = None,
) -> Zittingstermijn:
    """The College appoints. The end date follows the term-length rule as of the decision date."""
    _eis_perm(termijn_policy, door, "change", "termijn_benoemen", termijn)
    _eis_niet_zelf(door, termijn.lid.user_id, "termijn_benoemen", termijn)
    termijn = Zittingstermijn.objects.select_for_update().get(pk=termijn.pk)
    if termijn.status != TermijnStatus.VOORGEDRAGEN:
        raise ValidationError(
            _("Het college benoemt alleen wie door de adviesraad is voorgedragen.")
        )
    if not besluit_kenmerk:
        raise ValidationError({"besluit_kenmerk": _("Vul het kenmerk van het collegebesluit in.")})
    begindatum = begindatum or besluitdatum
    duur = regels.termijn_duur(besluitdatum)
    einddatum = duur.waarde.na(begindatum) - timedelta(days=1)
    _toets_persoon(termijn, besluitdatum)
    _toets_geen_overlap(termijn, begindatum, einddatum)
    _toets_omvang(termijn, besluitdatum=besluitdatum, begindatum=begindatum, einddatum=einddatum)
    termijn.status = TermijnStatus.BENOEMD
    termijn.besluitdatum = besluitdatum
    termijn.besluit_kenmerk = besluit_kenmerk
    termijn.begindatum = begindatum
    termijn.einddatum = einddatum
    termijn.einddatum_bron = f"{duur.weergave}, {duur.citeer()}"[:300]
    _opslaan(termijn, door=door, reden=f"Benoemd bij besluit {besluit_kenmerk}")
    rollen_bijwerken(lid=termijn.lid, door=door)
    _audit(door, "termijn_benoemen", termijn, "ok")
    return termijn


@transaction.atomic
def evaluatie_vastleggen(
    *,
    termijn: Zittingstermijn,
    datum: date,
    conclusie: str,
    door: Any,
    verslag: str = "",
) -> Herbenoemingsevaluatie:
    """Record the evaluation of a member's functioning that precedes re-appointment."""
    _eis_perm(evaluatie_policy, door, "add", "evaluatie_vastleggen")
    if termijn.status not in (TermijnStatus.BENOEMD, TermijnStatus.BEEINDIGD):
        raise ValidationError(
            _("Alleen een termijn waarin iemand benoemd was, kan worden geëvalueerd.")
        )
    evaluatie = Herbenoemingsevaluatie(
        termijn=termijn, datum=datum, conclusie=conclusie, verslag=verslag, vastgelegd_door=door
    )
    _opslaan(evaluatie, door=door, reden="Evaluatie voor herbenoeming vastgelegd")
    _audit(door, "evaluatie_vastleggen", evaluatie, "ok")
    return evaluatie


@transaction.atomic
def termijn_herbenoemen(
    *,
    vorige: Zittingstermijn,
    evaluatie: Herbenoemingsevaluatie,
    voorgedragen_op: date,
    besluitdatum: date,
    besluit_kenmerk: str,
    door: Any,
) -> Zittingstermijn:
    """Re-appointment: a new term right after ``vorige``, after a recorded evaluation."""
    _eis_perm(termijn_policy, door, "add", "termijn_herbenoemen")
    vorige = Zittingstermijn.objects.get(pk=vorige.pk)
    if vorige.laatste_dag is None:
        raise ValidationError(_("De vorige termijn heeft geen einddatum."))
    nieuw = termijn_aanmaken(lid=vorige.lid, soort=vorige.soort, door=door)
    nieuw = termijn_voordragen(
        termijn=nieuw, voorgedragen_op=voorgedragen_op, door=door, herbenoemingsevaluatie=evaluatie
    )
    return termijn_benoemen(
        termijn=nieuw,
        besluitdatum=besluitdatum,
        besluit_kenmerk=besluit_kenmerk,
        begindatum=vorige.laatste_dag + timedelta(days=1),
        door=door,
    )


@transaction.atomic
def termijn_beeindigen(
    *,
    termijn: Zittingstermijn,
    reden: str,
    laatste_dag: date,
    door: Any,
    toelichting: str = "",
    besluitdatum: date | None = None,
    besluit_kenmerk: str = "",
) -> Zittingstermijn:
    """End a term: regular end, resignation or dismissal (ontheffing, by College decision).

    A candidacy or nomination that does not lead to appointment ends with reason ``niet_benoemd``.
    Functions and portfolios tied to the term end on the same day; the roles follow.
    """
    _eis_perm(termijn_policy, door, "change", "termijn_beeindigen", termijn)
    termijn = Zittingstermijn.objects.select_for_update().get(pk=termijn.pk)
    if reden not in EindeReden.values:
        raise ValidationError({"einde_reden": _("Kies een reden.")})
    if termijn.status == TermijnStatus.BEEINDIGD:
        raise ValidationError(_("Deze termijn is al beëindigd."))
    if termijn.status in (TermijnStatus.KANDIDAAT, TermijnStatus.VOORGEDRAGEN):
        if reden != EindeReden.NIET_BENOEMD:
            raise ValidationError({"einde_reden": _("Een kandidaat eindigt als ‘niet benoemd’.")})
    else:
        if reden == EindeReden.NIET_BENOEMD:
            raise ValidationError({"einde_reden": _("Deze persoon is al benoemd.")})
        if reden == EindeReden.ONTHEFFING and not (
            besluitdatum and besluit_kenmerk and toelichting
        ):
            raise ValidationError(
                _(
                    "Een ontheffing vraagt een reden, de datum en het kenmerk van het "
                    "collegebesluit."
                )
            )
        if not termijn.begindatum <= laatste_dag <= termijn.einddatum:
            raise ValidationError({"beeindigd_op": _("De laatste dag valt binnen de termijn.")})
    termijn.status = TermijnStatus.BEEINDIGD
    termijn.einde_reden = reden
    termijn.beeindigd_op = laatste_dag if termijn.begindatum else None
    termijn.einde_toelichting = toelichting
    termijn.einde_besluitdatum = besluitdatum
    termijn.einde_besluit_kenmerk = besluit_kenmerk
    _opslaan(termijn, door=door, reden=f"Termijn beëindigd: {termijn.get_einde_reden_display()}")
    if termijn.begindatum:
        _afhankelijk_beeindigen(termijn, laatste_dag)
        rollen_bijwerken(lid=termijn.lid, door=door)
    _audit(door, f"termijn_beeindigen:{reden}", termijn, "ok")
    return termijn


def _afhankelijk_beeindigen(termijn: Zittingstermijn, laatste_dag: date) -> None:
    """End the functions and portfolios that depend on a term that just ended."""
    if termijn.soort == TermijnSoort.LID:
        functies = termijn.lid.functies.filter(soort=FunctieSoort.VICEVOORZITTER)
        houders = list(
            termijn.lid.portefeuilles.filter(Q(tot__isnull=True) | Q(tot__gt=laatste_dag))
        )
        for houder in houders:
            houder.tot = max(laatste_dag, houder.van)
            _opslaan(houder, door=None, reden="Einde zittingstermijn")
    else:
        functies = termijn.lid.functies.filter(termijn=termijn)
    for functie in functies.filter(Q(tot__isnull=True) | Q(tot__gt=laatste_dag)):
        functie.tot = max(laatste_dag, functie.van)
        _opslaan(functie, door=None, reden="Einde zittingstermijn")


def termijnen_afsluiten(*, op: date | None = None) -> int:
    """Mark appointed terms whose end date has passed as ended (regular end). Idempotent."""
    op = op or vandaag()
    afgelopen = list(
        Zittingstermijn.objects.filter(
            status=TermijnStatus.BENOEMD, einddatum__lt=op
        ).select_related("lid__user")
    )
    for termijn in afgelopen:
        termijn_beeindigen(
            termijn=termijn, reden=EindeReden.REGULIER, laatste_dag=termijn.einddatum, door=None
        )
    return len(afgelopen)


# --- Functies ----------------------------------------------------------------------------------
def _overlapt(qs: Any, van: date, tot: date | None) -> Any:
    qs = qs.filter(Q(tot__isnull=True) | Q(tot__gte=van))
    return qs if tot is None else qs.filter(van__lte=tot)


@transaction.atomic
def functie_toewijzen(
    *,
    lid: Lid,
    soort: str,
    van: date,
    door: Any,
    tot: date | None = None,
    uurtarief: Decimal | None = None,
    besluit_kenmerk: str = "",
    toelichting: str = "",
) -> Functie:
    """Give a person a function: chair (ad interim or fixed) or vice-chair.

    * ad interim: not a member, an hourly rate is recorded;
    * fixed chair: needs a running chair's term (same term rules as members), ends with it;
    * vice-chair: elected from the members, so needs a running member's term.
    There is one chair and one vice-chair at a time.
    """
    _eis_perm(functie_policy, door, "add", "functie_toewijzen")
    _eis_niet_zelf(door, lid.user_id, "functie_toewijzen", lid)
    termijnen = lid.termijnen.actief_op(van)
    termijn = None
    if soort == FunctieSoort.VOORZITTER_AD_INTERIM:
        if uurtarief is None:
            raise ValidationError(
                {"uurtarief": _("Vul het uurtarief van de voorzitter ad interim in.")}
            )
        if termijnen.filter(soort=TermijnSoort.LID).exists():
            raise ValidationError(_("De voorzitter ad interim is geen lid van de adviesraad."))
    elif soort == FunctieSoort.VOORZITTER_VAST:
        termijn = termijnen.filter(soort=TermijnSoort.VOORZITTER).first()
        if termijn is None:
            raise ValidationError(
                _(
                    "Een vaste voorzitter heeft een zittingstermijn als voorzitter, net als een "
                    "lid (bijlage 7). Benoem eerst de termijn."
                )
            )
        tot = min(tot or termijn.einddatum, termijn.einddatum)
        uurtarief = None
    elif soort == FunctieSoort.VICEVOORZITTER:
        lid_termijn = termijnen.filter(soort=TermijnSoort.LID).first()
        if lid_termijn is None:
            raise ValidationError(_("De vicevoorzitter wordt gekozen uit de leden (bijlage 7)."))
        uurtarief = None
    else:
        raise ValidationError({"soort": _("Kies een functie.")})
    soorten = VOORZITTER_SOORTEN if soort in VOORZITTER_SOORTEN else (FunctieSoort.VICEVOORZITTER,)
    bezet = _overlapt(Functie.objects.filter(soort__in=soorten), van, tot).first()
    if bezet is not None:
        raise ValidationError(
            _(
                "Deze functie is in die periode al vervuld door %(naam)s. Beëindig die functie "
                "eerst."
            )
            % {"naam": bezet.lid.naam}
        )
    functie = Functie(
        lid=lid,
        soort=soort,
        van=van,
        tot=tot,
        uurtarief=uurtarief,
        termijn=termijn,
        besluit_kenmerk=besluit_kenmerk,
        toelichting=toelichting,
    )
    _opslaan(functie, door=door, reden=f"{functie.get_soort_display()} vanaf {van:%d-%m-%Y}")
    rollen_bijwerken(lid=lid, door=door)
    _audit(door, f"functie_toewijzen:{soort}", functie, "ok")
    return functie


@transaction.atomic
def functie_beeindigen(*, functie: Functie, tot: date, door: Any) -> Functie:
    _eis_perm(functie_policy, door, "change", "functie_beeindigen", functie)
    if tot < functie.van:
        raise ValidationError({"tot": _("De laatste dag ligt niet voor de eerste dag.")})
    functie.tot = tot
    _opslaan(functie, door=door, reden=f"Functie beëindigd per {tot:%d-%m-%Y}")
    rollen_bijwerken(lid=functie.lid, door=door)
    _audit(door, "functie_beeindigen", functie, "ok")
    return functie


# --- Portefeuilles -----------------------------------------------------------------------------
@transaction.atomic
def portefeuille_aanmaken(
    *,
    naam: str,
    kernwetten: Iterable[Kernwet],
    van: date,
    door: Any,
    omschrijving: str = "",
    tot: date | None = None,
) -> Portefeuille:
    _eis_perm(portefeuille_policy, door, "add", "portefeuille_aanmaken")
    kernwetten = list(kernwetten)
    if not kernwetten:
        raise ValidationError({"kernwetten": _("Kies ten minste één wet uit het kerndomein.")})
    portefeuille = Portefeuille(naam=naam, omschrijving=omschrijving, van=van, tot=tot)
    _opslaan(portefeuille, door=door, reden="Portefeuille aangemaakt")
    portefeuille.kernwetten.set(kernwetten)
    _audit(door, "portefeuille_aanmaken", portefeuille, "ok")
    return portefeuille


@transaction.atomic
def portefeuille_bijwerken(
    *, portefeuille: Portefeuille, door: Any, **gegevens: Any
) -> Portefeuille:
    _eis_perm(portefeuille_policy, door, "change", "portefeuille_bijwerken", portefeuille)
    kernwetten = gegevens.pop("kernwetten", None)
    for veld in set(gegevens) - {"naam", "omschrijving", "van", "tot"}:
        raise ValidationError(_("Onbekend veld: %(veld)s.") % {"veld": veld})
    for veld, waarde in gegevens.items():
        setattr(portefeuille, veld, waarde)
    _opslaan(portefeuille, door=door, reden="Portefeuille gewijzigd")
    if kernwetten is not None:
        portefeuille.kernwetten.set(kernwetten)
    return portefeuille


@transaction.atomic
def portefeuillehouder_toewijzen(
    *, portefeuille: Portefeuille, lid: Lid, van: date, door: Any, tot: date | None = None
) -> Portefeuillehouder:
    """Add a member to a portfolio's pair. A pair has two members; a third is refused."""
    _eis_perm(houder_policy, door, "add", "portefeuillehouder_toewijzen")
    Portefeuille.objects.select_for_update().filter(pk=portefeuille.pk).first()
    if not lid.termijnen.actief_op(van).filter(soort=TermijnSoort.LID).exists():
        raise ValidationError(
            _("Alleen een lid met een lopende zittingstermijn houdt een portefeuille.")
        )
    if not portefeuille.is_actief_op(van):
        raise ValidationError(_("De portefeuille bestaat op die datum niet."))
    huidig = _overlapt(portefeuille.houders.all(), van, tot)
    if huidig.filter(lid=lid).exists():
        raise ValidationError(_("%(naam)s houdt deze portefeuille al.") % {"naam": lid.naam})
    if huidig.count() >= DUO:
        raise ValidationError(
            _("Een portefeuille is voor een duo: er zijn in die periode al %(aantal)s houders.")
            % {"aantal": DUO}
        )
    houder = Portefeuillehouder(portefeuille=portefeuille, lid=lid, van=van, tot=tot)
    _opslaan(houder, door=door, reden="Houder toegevoegd")
    _audit(door, "portefeuillehouder_toewijzen", houder, "ok")
    return houder


@transaction.atomic
def portefeuillehouder_beeindigen(
    *, houder: Portefeuillehouder, tot: date, door: Any
) -> Portefeuillehouder:
    _eis_perm(houder_policy, door, "change", "portefeuillehouder_beeindigen", houder)
    if tot < houder.van:
        raise ValidationError({"tot": _("De laatste dag ligt niet voor de eerste dag.")})
    houder.tot = tot
    _opslaan(houder, door=door, reden=f"Houder gestopt per {tot:%d-%m-%Y}")
    return houder


# --- Nevenfunctieverklaring --------------------------------------------------------------------
@transaction.atomic
def verklaring_indienen(
    *,
    lid: Lid,
    aanleiding: str,
    door: Any,
    ingediend_op: date | None = None,
    overige_toelichting: str = "",
    **antwoorden: Any,
) -> Nevenfunctieverklaring:
    """A member declares their other roles (Bijlage 6): their own, or the supporter records it.

    ``antwoorden``: for each category a bool (``politieke_functie=True``) and optionally its
    explanation (``politieke_functie_toelichting="..."``). A "yes" needs an explanation.
    """
    eigen = door is not None and door.pk == lid.user_id
    if door is not None and not eigen:
        _eis(
            bool(door.is_active and door.has_perm("adviesraad.add_nevenfunctieverklaring")),
            door,
            "verklaring_indienen",
        )
    toegestaan = set(CATEGORIEEN) | {f"{c}_toelichting" for c in CATEGORIEEN}
    if set(antwoorden) - toegestaan:
        raise ValidationError(_("Onbekende vraag in de verklaring."))
    verklaring = Nevenfunctieverklaring(
        lid=lid,
        aanleiding=aanleiding,
        ingediend_op=ingediend_op or vandaag(),
        overige_toelichting=overige_toelichting,
        **antwoorden,
    )
    fouten = {
        f"{c}_toelichting": _("Licht uw ‘ja’ kort toe.")
        for c in CATEGORIEEN
        if getattr(verklaring, c) and not getattr(verklaring, f"{c}_toelichting").strip()
    }
    if fouten:
        raise ValidationError(fouten)
    if not verklaring.heeft_bevinding:
        # Nothing for the chair to weigh: no finding. The chair can still add an agreement.
        verklaring.beoordeling = Beoordeling.OPEN
    _opslaan(verklaring, door=door, reden="Verklaring ingediend")
    for perm in VERKLARING_EIGEN_PERMS:
        assign_perm(perm, lid.user, verklaring)
    _audit(door, "verklaring_indienen", verklaring, "ok")
    return verklaring


@transaction.atomic
def verklaring_beoordelen(
    *,
    verklaring: Nevenfunctieverklaring,
    beoordeling: str,
    door: Any,
    afspraak: str = "",
    op: date | None = None,
) -> Nevenfunctieverklaring:
    """The chair assesses a declaration and records the agreement (Bijlage 6, item 5)."""
    _eis(
        door is not None and door.is_active and door.has_perm(BEOORDELEN_PERM),
        door,
        "verklaring_beoordelen",
        verklaring,
    )
    if door.pk == verklaring.lid.user_id:
        _eis(False, door, "verklaring_beoordelen_eigen", verklaring)
    if beoordeling not in Beoordeling.values or beoordeling == Beoordeling.OPEN:
        raise ValidationError({"beoordeling": _("Kies een uitkomst.")})
    if beoordeling == Beoordeling.AFSPRAAK and not afspraak.strip():
        raise ValidationError({"afspraak": _("Schrijf de afspraak op die u samen heeft gemaakt.")})
    verklaring.beoordeling = beoordeling
    verklaring.afspraak = afspraak
    verklaring.beoordeeld_door = door
    verklaring.beoordeeld_op = op or vandaag()
    _opslaan(verklaring, door=door, reden=f"Beoordeeld: {verklaring.get_beoordeling_display()}")
    _audit(door, f"verklaring_beoordelen:{beoordeling}", verklaring, "ok")
    return verklaring


# --- Werving -----------------------------------------------------------------------------------
@transaction.atomic
def vacature_aanmaken(
    *,
    titel: str,
    profiel: str,
    door: Any,
    soort: str = TermijnSoort.LID,
    ad_interim: bool = False,
    aantal_plaatsen: int = 1,
    sluit_op: date | None = None,
) -> Vacature:
    _eis_perm(vacature_policy, door, "add", "vacature_aanmaken")
    vacature = Vacature(
        titel=titel,
        profiel=profiel,
        soort=soort,
        ad_interim=ad_interim and soort == TermijnSoort.VOORZITTER,
        aantal_plaatsen=aantal_plaatsen,
        sluit_op=sluit_op,
    )
    _opslaan(vacature, door=door, reden="Vacature aangemaakt")
    return vacature


@transaction.atomic
def vacature_publiceren(*, vacature: Vacature, op: date, door: Any) -> Vacature:
    """Step 1 of recruitment (Bijlage 7): publication."""
    _eis_perm(vacature_policy, door, "change", "vacature_publiceren", vacature)
    if vacature.status != VacatureStatus.CONCEPT:
        raise ValidationError(_("Alleen een concept kan worden gepubliceerd."))
    vacature.status = VacatureStatus.GEPUBLICEERD
    vacature.gepubliceerd_op = op
    _opslaan(vacature, door=door, reden="Gepubliceerd")
    return vacature


@transaction.atomic
def vacature_sluiten(*, vacature: Vacature, op: date, door: Any) -> Vacature:
    """Close recruitment. The retention period for candidate data starts on this date."""
    _eis_perm(vacature_policy, door, "change", "vacature_sluiten", vacature)
    if vacature.status == VacatureStatus.GESLOTEN:
        raise ValidationError(_("Deze vacature is al gesloten."))
    vacature.status = VacatureStatus.GESLOTEN
    vacature.gesloten_op = op
    _opslaan(vacature, door=door, reden="Gesloten")
    return vacature


@transaction.atomic
def kandidaat_aanmelden(
    *,
    vacature: Vacature,
    naam: str,
    email: str,
    postcode: str,
    door: Any,
    telefoon: str = "",
    motivatie: str = "",
    aangemeld_op: date | None = None,
) -> Kandidaat:
    _eis_perm(kandidaat_policy, door, "add", "kandidaat_aanmelden")
    if vacature.status != VacatureStatus.GEPUBLICEERD:
        raise ValidationError(_("Aanmelden kan alleen bij een gepubliceerde vacature."))
    kandidaat = Kandidaat(
        vacature=vacature,
        naam=naam,
        email=email,
        postcode=_normaliseer_postcode(postcode),
        telefoon=telefoon,
        motivatie=motivatie,
        aangemeld_op=aangemeld_op or vandaag(),
    )
    _opslaan(kandidaat, door=door, reden="Aangemeld")
    _audit(door, "kandidaat_aanmelden", kandidaat, "ok")
    return kandidaat


@transaction.atomic
def kandidaat_fase_wijzigen(
    *, kandidaat: Kandidaat, fase: str, door: Any, notitie: str = ""
) -> Kandidaat:
    """Move a candidate one stage on (or out). The allowed moves are ``FASE_OVERGANGEN``."""
    _eis_perm(kandidaat_policy, door, "change", "kandidaat_fase_wijzigen", kandidaat)
    kandidaat = Kandidaat.objects.select_for_update().get(pk=kandidaat.pk)
    if fase not in FASE_OVERGANGEN.get(kandidaat.fase, frozenset()):
        raise ValidationError(
            _("Van ‘%(van)s’ kan een kandidaat niet naar ‘%(naar)s’.")
            % {
                "van": kandidaat.get_fase_display(),
                "naar": KandidaatFase(fase).label if fase in KandidaatFase.values else fase,
            }
        )
    kandidaat.fase = fase
    if notitie:
        kandidaat.notities = f"{kandidaat.notities}\n{notitie}".strip()
    _opslaan(kandidaat, door=door, reden=f"Fase: {kandidaat.get_fase_display()}")
    _audit(door, f"kandidaat_fase:{fase}", kandidaat, "ok")
    return kandidaat


# The retention purge lives in its own module; re-exported so callers have one place.
from .opschonen import (  # noqa: E402
    OpschoonResultaat,
    persoonsgegevens_opschonen,
)

__all__ = [
    "OpschoonResultaat",
    "evaluatie_vastleggen",
    "functie_beeindigen",
    "functie_toewijzen",
    "inwerken_afvinken",
    "kandidaat_aanmelden",
    "kandidaat_fase_wijzigen",
    "lid_aanmaken",
    "lid_bijwerken",
    "lid_foto_opslaan",
    "persoonsgegevens_opschonen",
    "portefeuille_aanmaken",
    "portefeuille_bijwerken",
    "portefeuillehouder_beeindigen",
    "portefeuillehouder_toewijzen",
    "rollen_bijwerken",
    "rollen_bijwerken_alle",
    "termijn_aanmaken",
    "termijn_beeindigen",
    "termijn_benoemen",
    "termijn_herbenoemen",
    "termijn_voordragen",
    "termijnen_afsluiten",
    "vacature_aanmaken",
    "vacature_publiceren",
    "vacature_sluiten",
    "verklaring_beoordelen",
    "verklaring_indienen",
]
