"""A person on the council: their details, photo and onboarding."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hengelo_participatie.core import audit
from hengelo_participatie.core.audit import Actie
from hengelo_participatie.core.schrijven import eis_perm, opslaan
from hengelo_participatie.files.services import bestand_opslaan, bestand_verwijderen

from ..models import Lid
from ..policies import lid_policy
from .gedeeld import eis_niet_zelf, postcode_opmaken

if TYPE_CHECKING:
    from hengelo_participatie.accounts.models import User


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


def _lid_velden_zetten(lid: Lid, gegevens: dict[str, Any]) -> None:
    onbekend = set(gegevens) - LID_VELDEN - {"themas"}
    if onbekend:
        raise ValidationError(
            _("Onbekende velden: %(velden)s.") % {"velden": ", ".join(sorted(onbekend))}
        )
    for veld, waarde in gegevens.items():
        if veld != "themas":
            setattr(lid, veld, waarde)
    lid.postcode = postcode_opmaken(lid.postcode)
    if not lid.diversiteit_toestemming:
        # Data minimisation: without consent, no diversity answers are kept.
        for veld in DIVERSITEIT_VELDEN:
            setattr(lid, veld, "")


@transaction.atomic
def lid_aanmaken(*, user: Any, postcode: str, door: User | None, **gegevens: Any) -> Lid:
    """Register a person on the council (a candidate member, or the ad-interim chair)."""
    eis_perm(lid_policy, door, "add", Actie.LID_AANMAKEN)
    eis_niet_zelf(door, getattr(user, "pk", None), Actie.LID_AANMAKEN)
    if Lid.objects.filter(user=user).exists():
        raise ValidationError({"user": _("Voor dit account bestaat al een lid.")})
    lid = Lid(user=user)
    _lid_velden_zetten(lid, {**gegevens, "postcode": postcode})
    opslaan(lid, door=door, reden="Lid aangemaakt")
    if "themas" in gegevens:
        lid.themas.set(gegevens["themas"])
    audit.vastleggen(door, Actie.LID_AANMAKEN, lid)
    return lid


@transaction.atomic
def lid_bijwerken(*, lid: Lid, door: User | None, **gegevens: Any) -> Lid:
    """Change a person's details. The person themselves may change their own."""
    if door is not None and door.pk != lid.user_id:
        eis_perm(lid_policy, door, "change", Actie.LID_BIJWERKEN, lid)
    _lid_velden_zetten(lid, gegevens)
    if not lid.foto_toestemming and lid.foto_id:
        # Consent withdrawn: the photo goes.
        _foto_verwijderen(lid)
    opslaan(lid, door=door, reden="Gegevens van het lid gewijzigd")
    if "themas" in gegevens:
        lid.themas.set(gegevens["themas"])
    audit.vastleggen(door, Actie.LID_BIJWERKEN, lid)
    return lid


def _foto_verwijderen(lid: Lid) -> None:
    foto = lid.foto
    lid.foto = None
    if foto is not None:
        Lid.objects.filter(pk=lid.pk).update(foto=None)
        bestand_verwijderen(bestand=foto, door=None)


@transaction.atomic
def lid_foto_opslaan(*, lid: Lid, upload: Any, door: User | None) -> Lid:
    """Store a photo for the public page; only with the person's recorded consent."""
    if door is None or door.pk != lid.user_id:
        eis_perm(lid_policy, door, "change", Actie.LID_FOTO_OPSLAAN, lid)
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
    opslaan(lid, door=door, reden="Foto toegevoegd")
    audit.vastleggen(door, Actie.LID_FOTO_OPSLAAN, lid)
    if oud is not None:
        bestand_verwijderen(bestand=oud, door=None)
    return lid


@transaction.atomic
def inwerken_afvinken(*, lid: Lid, onderdeel: str, op: date, door: User | None) -> Lid:
    """Tick an onboarding item (organisatie, sociaal_domein, regio) on a date."""
    veld = f"inwerken_{onderdeel}_op"
    if veld not in LID_VELDEN:
        raise ValidationError(_("Onbekend onderdeel van het inwerken."))
    return lid_bijwerken(lid=lid, door=door, **{veld: op})
