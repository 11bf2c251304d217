"""The audit trail (BIO 8.15): who did what, on which object, with which result, and when.

One event type (:class:`Actie`) and one function (:func:`vastleggen`), as Zulip's
``RealmAuditLog`` and Open Forms' ``logevent``: every service in every app writes its lines here,
so the trail has one format and one logger (``hengelo_participatie.audit``) whatever the app.
A line never holds names, e-mail addresses or the content of a declaration: only ids.

The format is stable, because log processing reads it::

    actor=<user id|systeem> action=<actie> object=<model>:<pk> result=<resultaat> time=<iso>

Refusals are written too (``resultaat="geweigerd"``, or ``"geweigerd:<why>"``): a refusal is as
interesting to the security officer as a success.
"""

from __future__ import annotations

import logging
from enum import StrEnum
from typing import TYPE_CHECKING

from django.db.models import Model
from django.utils import timezone

if TYPE_CHECKING:
    from hengelo_participatie.accounts.models import User

logger = logging.getLogger("hengelo_participatie.audit")

OK = "ok"
GEWEIGERD = "geweigerd"


class Actie(StrEnum):
    """Every audited action. Grouped per app; a new service adds its action here."""

    # --- accounts ---------------------------------------------------------------------------
    USER_CHANGE_EMAIL = "user_change_email"
    USER_CONFIRM_CODE_ADDRESS = "user_confirm_code_address"
    USER_DEACTIVATE = "user_deactivate"
    USER_RESET_SECOND_FACTOR = "user_reset_second_factor"
    USER_SET_ROLES = "user_set_roles"

    # --- files ------------------------------------------------------------------------------
    BESTAND_DELETE = "delete"
    BESTAND_DOWNLOAD = "download"
    BESTAND_UPLOAD = "upload"

    # --- notifications ----------------------------------------------------------------------
    AGENDATOKEN_INTREKKEN = "agendatoken-intrekken"
    AGENDATOKEN_MAKEN = "agendatoken-maken"
    BERICHT_OPNIEUW = "bericht-opnieuw"
    HERINNERING_PLANNEN = "herinnering-plannen"
    HERINNERING_VERZENDEN = "herinnering-verzenden"
    HERINNERINGEN_PLANNEN = "herinneringen-plannen"
    HERINNERINGSVOORKEUREN_OPSLAAN = "herinneringsvoorkeuren-opslaan"

    # --- verordening ------------------------------------------------------------------------
    ARTIKEL_AANMAKEN = "artikel-aanmaken"
    ARTIKEL_BIJWERKEN = "artikel-bijwerken"
    ARTIKEL_VERWIJDEREN = "artikel-verwijderen"
    REGEL_AANMAKEN = "regel-aanmaken"
    REGEL_VERSIE_BIJWERKEN = "regel-versie-bijwerken"
    REGEL_VERSIE_INTREKKEN = "regel-versie-intrekken"
    REGEL_WIJZIGEN = "regel-wijzigen"
    REGLEMENT_AANMAKEN = "reglement-aanmaken"
    REGLEMENT_BIJWERKEN = "reglement-bijwerken"
    REGLEMENT_OVERGANG = "reglement-overgang"
    REGLEMENT_VERWIJDEREN = "reglement-verwijderen"
    SAMENWERKINGSAFSPRAKEN_AANMAKEN = "samenwerkingsafspraken-aanmaken"
    SAMENWERKINGSAFSPRAKEN_BIJWERKEN = "samenwerkingsafspraken-bijwerken"
    SAMENWERKINGSAFSPRAKEN_VERWIJDEREN = "samenwerkingsafspraken-verwijderen"
    VERORDENING_AANMAKEN = "verordening-aanmaken"
    VERORDENING_BIJWERKEN = "verordening-bijwerken"
    VERORDENING_VERWIJDEREN = "verordening-verwijderen"

    # --- adviesraad: membership -------------------------------------------------------------
    EVALUATIE_VASTLEGGEN = "evaluatie_vastleggen"
    FUNCTIE_BEEINDIGEN = "functie_beeindigen"
    FUNCTIE_TOEWIJZEN = "functie_toewijzen"
    INWERKEN_AFVINKEN = "inwerken_afvinken"
    KANDIDAAT_AANMELDEN = "kandidaat_aanmelden"
    KANDIDAAT_FASE = "kandidaat_fase"
    KANDIDAAT_FASE_WIJZIGEN = "kandidaat_fase_wijzigen"
    LID_AANMAKEN = "lid_aanmaken"
    LID_BIJWERKEN = "lid_bijwerken"
    LID_FOTO_OPSLAAN = "lid_foto_opslaan"
    OUD_LID_OPSCHONEN = "oud_lid_opschonen"
    PERSOONSGEGEVENS_OPSCHONEN = "persoonsgegevens_opschonen"
    PORTEFEUILLE_AANMAKEN = "portefeuille_aanmaken"
    PORTEFEUILLE_BIJWERKEN = "portefeuille_bijwerken"
    PORTEFEUILLEHOUDER_BEEINDIGEN = "portefeuillehouder_beeindigen"
    PORTEFEUILLEHOUDER_TOEWIJZEN = "portefeuillehouder_toewijzen"
    ROLLEN_BIJWERKEN = "rollen_bijwerken"
    TERMIJN_AANMAKEN = "termijn_aanmaken"
    TERMIJN_BEEINDIGEN = "termijn_beeindigen"
    TERMIJN_BENOEMEN = "termijn_benoemen"
    TERMIJN_HERBENOEMEN = "termijn_herbenoemen"
    TERMIJN_VOORDRAGEN = "termijn_voordragen"
    VACATURE_AANMAKEN = "vacature_aanmaken"
    VACATURE_PUBLICEREN = "vacature_publiceren"
    VACATURE_SLUITEN = "vacature_sluiten"
    VERKLARING_BEOORDELEN = "verklaring_beoordelen"
    VERKLARING_BEOORDELEN_EIGEN = "verklaring_beoordelen_eigen"
    VERKLARING_INDIENEN = "verklaring_indienen"
    VERKLARING_LEZEN = "verklaring_lezen"

    # --- adviesraad: advice -----------------------------------------------------------------
    ADVIES_AANVRAAG_AANMAKEN = "aanvraag_aanmaken"
    ADVIES_BELANG_MELDEN = "belang_melden"
    ADVIES_COLLEGEREACTIE = "collegereactie"
    ADVIES_CONCEPT_OPSLAAN = "concept_opslaan"
    ADVIES_DOCUMENT_TOEVOEGEN = "document_toevoegen"
    ADVIES_GOEDKEUREN = "goedkeuren"
    ADVIES_KORTERE_TERMIJN = "kortere_termijn"
    ADVIES_MEEDENKEN_VASTLEGGEN = "meedenken_vastleggen"
    ADVIES_OVERGANG = "overgang"
    ADVIES_PLANNING = "planning"
    ADVIES_PUBLICATIE_INTREKKEN = "publicatie_intrekken"
    ADVIES_PUBLICEREN = "publiceren"
    ADVIES_UITGESLOTEN = "uitgesloten"

    # --- adviesraad: meetings and the quarterly agenda -------------------------------------
    AANMELDEN = "aanmelden"
    AANWEZIGHEID_VASTLEGGEN = "aanwezigheid_vastleggen"
    ACTIEPUNT_BIJWERKEN = "actiepunt_bijwerken"
    ACTIEPUNT_TOEVOEGEN = "actiepunt_toevoegen"
    AGENDAPUNT_KOPPELEN = "agendapunt_koppelen"
    AGENDAPUNT_OPSLAAN = "agendapunt_opslaan"
    AGENDAPUNT_TOEVOEGEN = "agendapunt_toevoegen"
    AGENDAPUNT_VERWIJDEREN = "agendapunt_verwijderen"
    AGENDAPUNT_WIJZIGEN = "agendapunt_wijzigen"
    BESLUIT_VASTLEGGEN = "besluit_vastleggen"
    DEELNAME_VERWIJDEREN = "deelname_verwijderen"
    DEELNEMERS_UITNODIGEN = "deelnemers_uitnodigen"
    KWARTAALAGENDA_AANMAKEN = "kwartaalagenda_aanmaken"
    KWARTAALAGENDA_PUBLICEREN = "kwartaalagenda_publiceren"
    NOTULEN_OPSLAAN = "notulen_opslaan"
    NOTULEN_VASTSTELLEN = "notulen_vaststellen"
    STUK_TOEVOEGEN = "stuk_toevoegen"
    UITNODIGING_VERSTUREN = "uitnodiging_versturen"
    VERGADERING_AANMAKEN = "vergadering_aanmaken"
    VERGADERING_WIJZIGEN = "vergadering_wijzigen"
    VERSCHONING_VASTLEGGEN = "verschoning_vastleggen"

    # --- participatiemix --------------------------------------------------------------------
    ACTIVITEIT_OPSLAAN = "activiteit_opslaan"
    ACTIVITEIT_OVERGANG = "activiteit_overgang"
    ACTIVITEIT_VERSLAG_UPLOADEN = "verslag_uploaden"
    BENUTTING_VASTLEGGEN = "benutting_vastleggen"
    BENUTTING_VERWIJDEREN = "benutting_verwijderen"
    BENUTTING_WIJZIGEN = "benutting_wijzigen"
    ENQUETERESULTATEN_IMPORTEREN = "enqueteresultaten_importeren"
    GEPLANDE_INZET_OPSLAAN = "geplande_inzet_opslaan"
    GEPLANDE_INZET_VERWIJDEREN = "geplande_inzet_verwijderen"
    JAARPLAN_OPSLAAN = "jaarplan_opslaan"
    JAARRAPPORTAGE_AANVRAGEN = "jaarrapportage_aanvragen"
    JAARRAPPORTAGE_GENEREREN = "jaarrapportage_genereren"
    LUISTERDELEGATIE_ZETTEN = "luisterdelegatie_zetten"
    MEELUISTERVERGADERING_OPSLAAN = "meeluistervergadering_opslaan"
    OPBRENGST_TOEVOEGEN = "opbrengst_toevoegen"
    OPBRENGST_WIJZIGEN = "opbrengst_wijzigen"
    REFERENTIE_OPSLAAN = "referentie_opslaan"
    SPELREGEL_BEANTWOORDEN = "spelregel_beantwoorden"
    TERUGKOPPELING_VASTLEGGEN = "terugkoppeling_vastleggen"
    # --- jaarcyclus (issue 13): evaluations, questionnaires, the annual report ---
    EVALUATIE_AANMAKEN = "evaluatie_aanmaken"
    EVALUATIE_VRAGEN_TOEVOEGEN = "evaluatie_vragen_toevoegen"
    EVALUATIE_BEANTWOORDEN = "evaluatie_beantwoorden"
    EVALUATIE_AFRONDEN = "evaluatie_afronden"
    EVALUATIE_CONCLUSIE = "evaluatie_conclusie"
    VERVOLGACTIE_TOEVOEGEN = "vervolgactie_toevoegen"
    VERVOLGACTIE_BIJWERKEN = "vervolgactie_bijwerken"
    JAARVERSLAG_AANVRAGEN = "jaarverslag_aanvragen"
    JAARVERSLAG_GENEREREN = "jaarverslag_genereren"

    # --- financien (issue 12: allowance, budget, declarations) ---------------------------------
    VERGOEDING_INZIEN = "vergoeding_inzien"
    VERGOEDINGSPERIODE_AANMAKEN = "vergoedingsperiode_aanmaken"
    VERGOEDINGSPERIODE_OVERGANG = "vergoedingsperiode_overgang"
    VERGOEDINGSPERIODE_EXPORTEREN = "vergoedingsperiode_exporteren"
    VERGOEDING_CORRIGEREN = "vergoeding_corrigeren"
    VERZUIM_VASTLEGGEN = "verzuim_vastleggen"
    BEGROTING_OPSLAAN = "begroting_opslaan"
    BEGROTING_OVERGANG = "begroting_overgang"
    DECLARATIE_INDIENEN = "declaratie_indienen"
    DECLARATIE_OVERGANG = "declaratie_overgang"
    DECLARATIE_BON_DOWNLOAD = "declaratie_bon_download"
    FINANCIEN_OPSCHONEN = "financien_opschonen"

    # --- adviesraad.advies: delivery to the College and the raad, follow-up (issue 14) -----------
    ONTVANGERS_VASTLEGGEN = "ontvangers_vastleggen"
    BEZORGING_AANMAKEN = "bezorging_aanmaken"
    BEZORGING_VERSTUREN = "bezorging_versturen"
    BEZORGING_OPNIEUW = "bezorging_opnieuw"
    ONTVANGST_BEVESTIGEN = "ontvangst_bevestigen"
    REACTIETERMIJN_VERLENGEN = "reactietermijn_verlengen"
    RAADSVOORLEGGER_VERSTUREN = "raadsvoorlegger_versturen"
    TOEZEGGING_BIJWERKEN = "toezegging_bijwerken"
    TOEZEGGING_STAND_VRAGEN = "toezegging_stand_vragen"

    # --- adviesraad: public application form (werving, issue 15 §8) --------------------------
    AANMELDING_INDIENEN = "aanmelding_indienen"
    AANMELDING_GEWEIGERD = "aanmelding_geweigerd"
    SELECTIECOMMISSIE_ZETTEN = "selectiecommissie_zetten"

    # --- financien: attendance rules through the house rules (issue 12 §1) -------------------
    AANWEZIGHEIDSREGELS_VOORSTELLEN = "aanwezigheidsregels_voorstellen"
    AANWEZIGHEIDSREGELS_VASTLEGGEN = "aanwezigheidsregels_vastleggen"


def objectnaam(obj: object) -> str:
    """``<model>:<pk>`` for a model instance, ``-`` for anything else."""
    return f"{obj._meta.model_name}:{obj.pk}" if isinstance(obj, Model) else "-"


def vastleggen(
    door: User | None, actie: Actie | str, obj: object = None, resultaat: str = OK
) -> None:
    """Write one audit line. ``door is None`` is the system itself (a task, the demo seed).

    ``actie`` is an :class:`Actie`; a composed action (``overgang:<status>``) starts with one.
    """
    logger.info(
        "actor=%s action=%s object=%s result=%s time=%s",
        getattr(door, "pk", None) or "systeem",
        str(actie),
        objectnaam(obj),
        resultaat,
        timezone.now().isoformat(),
    )
