"""The invitation: agenda and documents to every participant, and the rule for when the
documents must go out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from hengelo_participatie.core import audit
from hengelo_participatie.core.audit import Actie
from hengelo_participatie.core.schrijven import opslaan, vandaag, vergrendeld
from hengelo_participatie.notifications.services import herinnering_plannen
from verordening.rules import RegelOntbreekt, RegelWaarde, Sleutel, rule

from ..deadlines import vergadering_label
from ..models import Status, Vergadering
from ..policies import vergadering_policy
from .basis import eis_beheer
from .stukken import toegang_bijwerken

if TYPE_CHECKING:
    from hengelo_participatie.accounts.models import User

#: The kind of notice in the outbox (registered in ``apps.py``; mandatory: an invitation is not a
#: reminder one can switch off).
UITNODIGING = "vergadering_uitnodiging"


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
    *, vergadering: Vergadering, door: User | None, op: date | None = None
) -> Uitnodiging:
    """Put the invitation (agenda and documents, through the portal link) in the outbox for every
    participant, in this transaction; never waits on the broker. Sets ``uitnodiging_verzonden_op``
    and reports when that is later than the rule ``stukken_voor_vergadering`` allows.

    Sending again reaches only participants who did not have it yet for this date (the outbox is
    unique per person, meeting, date and kind); a moved meeting gets a new invitation.
    """
    eis_beheer(door, Actie.UITNODIGING_VERSTUREN, vergadering)
    origineel, vergadering = vergadering, vergrendeld(vergadering)
    if vergadering.status != Status.GEPLAND:
        raise ValidationError(_("Alleen een geplande vergadering krijgt een uitnodiging."))
    op = op or vandaag()
    # Only participants who may still see meetings (not a member whose term has ended).
    deelnames = list(
        vergadering.deelnames.filter(
            gebruiker__in=vergadering_policy.gebruikers_met_toegang().values("pk")
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
    opslaan(vergadering, door=door, reden="uitnodiging verstuurd")
    toegang_bijwerken(vergadering=vergadering)
    termijn = stukkentermijn(vergadering)
    te_laat = termijn.te_laat_op(op)
    audit.vastleggen(door, Actie.UITNODIGING_VERSTUREN, vergadering, "te_laat" if te_laat else "ok")
    origineel.refresh_from_db()
    return Uitnodiging(
        vergadering=vergadering,
        ontvangers=ontvangers,
        te_laat=te_laat,
        waarschuwing=termijn.waarschuwing(op),
    )
