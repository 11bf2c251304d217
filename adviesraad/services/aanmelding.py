"""The public application form (issue 15 §8): a resident applies for a vacancy without an account.

The application enters the existing recruitment pipeline as a :class:`Kandidaat` in the first
stage (letter selection), so the selection committee works with it in the admin as with any
other candidate. Nothing is stored without explicit consent: the consent text names the
retention rule (``bewaartermijn_kandidaten``), and the purge (``adviesraad/opschonen.py``)
removes the data after it. The channel the applicant names is also counted in a
:class:`Kanaaltelling` without personal data, so the counts outlive the purge.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from hengelo_participatie.core import audit
from hengelo_participatie.core.audit import Actie
from hengelo_participatie.core.schrijven import opslaan, vandaag

from .. import regels
from ..models import Kanaal, Kanaaltelling, Kandidaat, Kernwet, Vacature, VacatureStatus
from .gedeeld import postcode_opmaken

logger = logging.getLogger("hengelo_participatie.audit")

#: The longest motivation accepted (characters); the form says the same.
MOTIVATIE_MAX = 4000


def _weiger(vacature: Vacature, fouten: dict[str, str]) -> ValidationError:
    audit.vastleggen(None, Actie.AANMELDING_GEWEIGERD, vacature, audit.GEWEIGERD)
    return ValidationError(fouten)


def _stuur_bevestiging(kandidaat_pk: int, adres: str, onderwerp: str, tekst: str) -> None:
    try:
        send_mail(onderwerp, tekst, None, [adres], fail_silently=False)
    except Exception:  # noqa: BLE001 - the application stands; the failure is logged
        logger.exception(
            "melding=aanmelding_ontvangen object=kandidaat:%s result=mislukt", kandidaat_pk
        )
    else:
        logger.info(
            "melding=aanmelding_ontvangen object=kandidaat:%s result=verzonden", kandidaat_pk
        )


@transaction.atomic
def aanmelding_indienen(
    *,
    vacature: Vacature,
    naam: str,
    email: str,
    postcode: str,
    motivatie: str,
    toestemming: bool,
    telefoon: str = "",
    themas: Iterable[Kernwet] = (),
    kanaal: str = "",
) -> Kandidaat:
    """Register a public application. The applicant has no account: the actor is the system."""
    vandaag_ = vandaag()
    if not toestemming:
        # Checked first: without consent not even a refusal keeps anything of the applicant.
        raise _weiger(
            vacature,
            {
                "toestemming": _(
                    "Wij kunnen uw aanmelding alleen bewaren als u daarvoor toestemming geeft."
                )
            },
        )
    vacature = Vacature.objects.select_for_update().get(pk=vacature.pk)
    if vacature.status != VacatureStatus.GEPUBLICEERD or (
        vacature.sluit_op is not None and vacature.sluit_op < vandaag_
    ):
        raise _weiger(vacature, {"__all__": _("Op deze vacature kunt u niet meer reageren.")})
    fouten: dict[str, str] = {}
    if len(motivatie or "") > MOTIVATIE_MAX:
        fouten["motivatie"] = _("Uw motivatie is te lang: gebruik ten hoogste %(max)s tekens.") % {
            "max": MOTIVATIE_MAX
        }
    woonplaats = regels.woonplaatsregel(vandaag_)
    if not regels.woont_in_hengelo(postcode, on=vandaag_):
        fouten["postcode"] = _(
            "Leden van de adviesraad wonen in Hengelo. Vul een postcode in Hengelo in (%(bron)s)."
        ) % {"bron": woonplaats.citeer()}
    if kanaal and kanaal not in Kanaal.values:
        fouten["kanaal"] = _("Kies een van de mogelijkheden.")
    if fouten:
        raise _weiger(vacature, fouten)

    kandidaat = Kandidaat(
        vacature=vacature,
        naam=naam.strip(),
        email=email.strip().lower(),
        postcode=postcode_opmaken(postcode),
        telefoon=telefoon.strip(),
        motivatie=motivatie.strip(),
        kanaal=kanaal,
        aangemeld_op=vandaag_,
        toestemming_op=timezone.now(),
    )
    opslaan(kandidaat, door=None, reden="Aangemeld via het aanmeldformulier")
    kandidaat.themas.set(list(themas))
    telling, _nieuw = Kanaaltelling.objects.get_or_create(
        vacature=vacature, kanaal=kanaal or Kanaal.ANDERS
    )
    Kanaaltelling.objects.filter(pk=telling.pk).update(aantal=F("aantal") + 1)
    audit.vastleggen(None, Actie.AANMELDING_INDIENEN, kandidaat)

    bewaar = regels.bewaartermijn_kandidaten(vandaag_)
    context = {
        "kandidaat": kandidaat,
        "vacature": vacature,
        "bewaartermijn": bewaar,
        "site_url": settings.SITE_URL,
    }
    onderwerp = render_to_string("adviesraad/email/aanmelding_onderwerp.txt", context).strip()
    tekst = render_to_string("adviesraad/email/aanmelding.txt", context)
    transaction.on_commit(
        partial(_stuur_bevestiging, kandidaat.pk, kandidaat.email, onderwerp, tekst)
    )
    return kandidaat
