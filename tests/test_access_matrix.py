"""Role × URL access matrix (QUALITY.md, first row of the test matrix).

Every URL pattern of the project, the admin included, is enumerated from the resolver and
requested (GET) as every role. The expected status per role lives in ``EXPECTED`` below, written
out by hand. A pattern that is missing from the table fails the test, so a new view cannot ship
without a decision about who may reach it.

Admin models are declared once with ``admin_model(...)``, which expands to the standard admin
pages of that model (changelist, add, history, delete, change and the bare-id redirect).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Model
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_otp.plugins.otp_email.models import EmailDevice
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from guardian.shortcuts import assign_perm

from adviesraad.financien.models import (
    Declaratie,
    Vergoedingsperiode,
    Vergoedingsregel,
    Verzuim,
)
from adviesraad.financien.services.perioden import periode_aanmaken, periode_overgang
from adviesraad.kwartaalagenda.models import Kwartaalagenda
from adviesraad.models import (
    Lid,
    Nevenfunctieverklaring,
    Vacature,
    VerklaringInzage,
    Zittingstermijn,
)
from adviesraad.models.advies import Adviesaanvraag
from adviesraad.models.toezeggingen import Toezegging
from adviesraad.services.termijnen import evaluatie_vastleggen
from adviesraad.vergaderingen.models import Actiepunt, Vergadering
from hengelo_participatie.accounts.models import User
from hengelo_participatie.accounts.roles import Rol
from hengelo_participatie.files.models import Bestand, BestandDownload
from hengelo_participatie.files.services import bestand_opslaan
from hengelo_participatie.notifications.models import Agendatoken, Bericht
from hengelo_participatie.notifications.services import herinnering_plannen
from jaarcyclus.forms import ActieForm, EvaluatieForm
from jaarcyclus.models import Evaluatie, Jaarverslag
from jaarcyclus.services.evaluaties import evaluatie_aanmaken, vervolgactie_toevoegen
from tests import demo as demo_fixtures
from tests.conftest import mfa_verify
from tests.factories import UserFactory
from tests.participatiemix.factories import toegangswereld
from verordening.models import (
    Artikel,
    HuishoudelijkReglement,
    Regel,
    Samenwerkingsafspraken,
    Verordening,
)

ANON = "anoniem"
OUD_LID = "oud_lid"  # a former member: account still active, but no role any more
SUPER = "superuser"
#: Every role of the role table, walked on every URL: a new role is tested from the moment it
#: exists (``only(...)`` pages expect it refused until its row says otherwise).
ROLES = [ANON, OUD_LID, *(rol.value for rol in Rol), SUPER]
ADMIN_USERS = {"ondersteuner", "accounthouder", SUPER}  # roles with is_staff
NON_ADMIN = [r for r in ROLES if r not in ADMIN_USERS]
RAAD = {"lid", "voorzitter", "vicevoorzitter"}
PARTICIPATIE_LEZERS = RAAD | {"ondersteuner", "accounthouder", "beleidsmedewerker", SUPER}
ADVIES_STAF = {"ondersteuner", "accounthouder", SUPER}
TOTP_ROLES = {"ondersteuner", "accounthouder", "beleidsmedewerker", SUPER}
FINANCIEN_ALLES = {"voorzitter", "ondersteuner", "accounthouder", SUPER}
# jaarcyclus: who reads evaluations (evaluatie.inzien) and the annual report (jaarverslag.inzien).
JAARCYCLUS_EVALUATIE = RAAD | {"ondersteuner", "accounthouder", SUPER}
JAARVERSLAG_LEZERS = RAAD | {"ondersteuner", "accounthouder", "beleidsmedewerker", SUPER}

Expectation = dict[str, int]


def everyone(status: int = 200) -> Expectation:
    return dict.fromkeys(ROLES, status)


def signed_in(status: int = 200, *, anonymous: int = 302) -> Expectation:
    result = dict.fromkeys(ROLES, status)
    result[ANON] = anonymous
    return result


def only(allowed: set[str], *, ok: int = 200, denied: int = 404) -> Expectation:
    """Signed-in users in ``allowed`` get ``ok``; other signed-in users ``denied``."""
    result = {role: (ok if role in allowed else denied) for role in ROLES}
    result[ANON] = 302
    return result


#: Not even a superuser: the admin class itself refuses (read-only logs, for example).
NOBODY: frozenset[str] = frozenset({"<niemand>"})


def admin_page(allowed: set[str], *, ok: int = 200, denied: int = 403) -> Expectation:
    """An admin page: non-staff are sent to the admin login, staff without rights get 403.

    Superusers pass unless ``allowed`` is ``NOBODY``.
    """
    result = dict.fromkeys(NON_ADMIN, 302)
    for role in ADMIN_USERS:
        passes = role in allowed or (role == SUPER and allowed is not NOBODY)
        result[role] = ok if passes else denied
    return result


def admin_model(
    label: str,
    *,
    view: set[str] = frozenset(),
    add: set[str] = frozenset(),
    change: set[str] = frozenset(),
    delete: set[str] = frozenset(),
    history: bool = False,
    guarded: bool = False,
) -> dict[str, Expectation]:
    """The standard admin pages of one model.

    ``history``: SimpleHistoryAdmin's page of one historical version (readers).
    ``guarded``: GuardedModelAdmin's object-permission pages (only who may change the object).
    """
    app_label, model_name = label.split(".")
    prefix = f"admin:{app_label}_{model_name}"
    readers = set(view) | set(change)
    pages = {
        f"{prefix}_changelist": admin_page(readers),
        f"{prefix}_add": admin_page(add),
        f"{prefix}_history": admin_page(readers),
        f"{prefix}_delete": admin_page(delete),
        f"{prefix}_change": admin_page(readers),
        # The bare ".../<id>/" pattern redirects to the change page (or, for non-staff, login).
        f"admin/{app_label}/{model_name}/<path:object_id>/": admin_page(set(ADMIN_USERS), ok=302),
    }
    if history:
        pages[f"{prefix}_simple_history"] = admin_page(readers)
    if guarded:
        # Object permissions are granted by services only; the pages are for superusers.
        for suffix in ("permissions", "permissions_manage_user", "permissions_manage_group"):
            pages[f"{prefix}_{suffix}"] = admin_page(set(), denied=302)
    return pages


SUPER_ONLY: set[str] = set()

EXPECTED: dict[str, Expectation] = {
    # Public pages.
    "home": everyone(),
    "toegankelijkheid": everyone(),
    "privacy": everyone(),
    "health": everyone(),
    "set_language": everyone(302),  # a GET changes nothing and redirects back
    # Accounts. Signed-in users are sent on from the login page.
    "accounts:login": {**dict.fromkeys(ROLES, 302), ANON: 200},
    "accounts:logout": everyone(),  # GET asks for confirmation; only POST logs out
    "accounts:mfa_verify": signed_in(302),  # already verified: sent on
    "accounts:mfa_setup": {**signed_in(), **dict.fromkeys(TOTP_ROLES, 302)},
    "accounts:mfa_setup_totp": signed_in(),
    "accounts:mfa_setup_email": {**signed_in(), **dict.fromkeys(TOTP_ROLES, 302)},
    "accounts:sessie_verlengen": everyone(405),  # POST only
    "accounts:password_reset": everyone(),
    "accounts:password_reset_done": everyone(),
    "accounts:password_reset_confirm": everyone(),  # bad token: "deze link werkt niet meer"
    "accounts:password_reset_complete": everyone(),
    "accounts:password_change": signed_in(),
    "accounts:password_change_done": signed_in(),
    # --- mfa: moving the e-mail login code to a new address ---
    # Members may move their e-mail code; roles that must use an app are sent to the app setup.
    "accounts:mfa_email_wijzigen": {**signed_in(), **dict.fromkeys(TOTP_ROLES, 302)},
    # Without a pending new address there is nothing to confirm: back to step 1.
    "accounts:mfa_email_bevestigen": signed_in(302),
    # --- end mfa ---
    # The council: public page, and the membership pages of the portal.
    "adviesraad:openbaar": everyone(),
    "adviesraad:foto": everyone(404),  # the test member gave no photo (or no consent)
    # Public recruitment (issue 15 §8): no account needed; the channel overview for chair and
    # supporter only.
    "adviesraad:vacatures": everyone(),
    "adviesraad:vacature": everyone(),
    "lidmaatschap:werving": only({"voorzitter", "ondersteuner", SUPER}),
    "lidmaatschap:mijn": signed_in(),
    "lidmaatschap:export": signed_in(),
    "lidmaatschap:verklaringen": signed_in(),
    "lidmaatschap:leden": only(RAAD | {"ondersteuner", "accounthouder", SUPER}),
    "lidmaatschap:samenstelling": only(RAAD | {"ondersteuner", "accounthouder", SUPER}),
    "lidmaatschap:verklaring_nieuw": only(set()),  # only for someone with a member record
    # Someone else's declaration: only the chair and the supporter.
    "lidmaatschap:verklaring": only({"voorzitter", "ondersteuner", SUPER}),
    # Advice. The test request is a published, requested advice that the College answered;
    # role users here hold no member record, so only staff (group grants) are related to it.
    "advies:overzicht": signed_in(),
    "advies:nieuw": only({"voorzitter", "vicevoorzitter", "beleidsmedewerker", *ADVIES_STAF}),
    "advies:detail": only(ADVIES_STAF),
    "advies:overgang": signed_in(405),  # POST only
    "advies:publiceren": signed_in(405),  # POST only
    "advies:concept": only(set()),  # only while the report is being written
    "advies:document": only(set()),  # the test request is closed: no more documents
    "advies:goedkeuren": only(set()),  # only during an open approval round
    "advies:belang": only(set()),  # only sitting members, before adoption
    "advies:inbreng": only(set()),  # early-input requests only
    "advies:kortere_termijn": only(set()),  # the chair, before the concept; the test one is closed
    "advies:reactie": only(set()),  # only while waiting for the College
    "advies:beleidsmedewerker": only(set()),  # open requests only; the test one is closed
    # Issue 14: delivery, receipt, the response period, the raadsvoorlegger.
    "advies:opnieuw_bezorgen": signed_in(405),  # POST only
    "advies:raadsvoorlegger_versturen": signed_in(405),  # POST only
    "advies:ontvangst": only(set()),  # only while waiting for the College
    "advies:reactietermijn": only(set()),  # the chair, while waiting for the College
    "adviezen:raadsvoorlegger": everyone(404),  # the demo's voorlegger was not sent
    "advies:toezeggingen": signed_in(),  # each sees the follow-up of requests they may see
    "advies:toezeggingen_csv": signed_in(),
    "advies:toezegging": only(ADVIES_STAF),  # of the test request: staff (group grants)
    "advies:toezegging_stand": signed_in(405),  # POST only
    "advies:raadsvoorlegger": only(ADVIES_STAF),
    "advies:raadsvoorlegger_pdf": only(ADVIES_STAF),
    "adviezen:register": everyone(),
    "adviezen:feed": everyone(),
    "adviezen:detail": everyone(),
    "adviezen:pdf": everyone(),
    "adviezen:document": everyone(404),  # no public document on the test request
    # Participatiemix. The test activity is moderated by another gespreksleider.
    "participatiemix:publiek_overzicht": everyone(),
    "participatiemix:publiek_activiteit": everyone(),  # its feedback is published
    "participatiemix:activiteiten": signed_in(),  # lists show only what the user may see
    "participatiemix:opbrengsten": signed_in(),
    "participatiemix:activiteit": only(PARTICIPATIE_LEZERS),
    "participatiemix:verslag_downloaden": only(PARTICIPATIE_LEZERS),
    "participatiemix:verslag_uploaden": only({"accounthouder", SUPER}),
    "participatiemix:opbrengst_toevoegen": only({"accounthouder", SUPER}),
    "participatiemix:jaarrapportage": only(PARTICIPATIE_LEZERS),
    "participatiemix:indicatoren": only(PARTICIPATIE_LEZERS),
    "participatiemix:jaarrapportage_status": only(PARTICIPATIE_LEZERS),
    "participatiemix:jaarrapportage_downloaden": only(PARTICIPATIE_LEZERS),
    "participatiemix:jaarrapportage_aanvragen": everyone(405),  # POST only
    # Reminders: personal preferences and the personal calendar link.
    "herinneringen:voorkeuren": signed_in(),
    "herinneringen:agenda": signed_in(),
    "agenda:feed": everyone(404),  # the test token is unknown; a valid one works without login
    # Private files: shared with the "lid" group only; everyone else gets the same 404.
    "files:download": only({"lid", SUPER}),
    # --- financien ---
    # Role users hold no member record: nobody has an own statement; a member's statement and
    # everything with every member's amounts is for the chair, the supporter and the account holder.
    "financien:mijn_vergoeding": only(set()),
    "financien:vergoeding_lid": only(FINANCIEN_ALLES),
    "financien:perioden": only(FINANCIEN_ALLES),
    "financien:periode": only(FINANCIEN_ALLES),
    "financien:correctie": signed_in(405),  # POST only
    "financien:export_csv": only(FINANCIEN_ALLES),
    "financien:export_xlsx": only(FINANCIEN_ALLES),
    "financien:begroting_nu": signed_in(302),
    "financien:begroting": only(FINANCIEN_ALLES),
    "financien:begroting_bewerken": only({"voorzitter", "ondersteuner", SUPER}),
    "financien:begroting_pdf": only(FINANCIEN_ALLES),
    # The chair proposes attendance rules as a version of the house rules (issue 12 §1).
    "financien:aanwezigheidsregels": only({"voorzitter", SUPER}),
    # Own declarations for whoever may declare (an empty list), everyone's for FINANCIEN_ALLES.
    "financien:declaraties": only(RAAD | {"ondersteuner", "accounthouder", SUPER}),
    "financien:declaratie": only(FINANCIEN_ALLES),
    "financien:bon": only(FINANCIEN_ALLES),
    **{
        key: value
        for model in ("vergoedingsperiode", "vergoedingsregel", "begroting", "declaratie")
        for key, value in admin_model(
            f"financien.{model}",
            view={"ondersteuner", "accounthouder"},
            add=NOBODY,
            delete=NOBODY,
            history=True,
        ).items()
    },
    **admin_model(
        "financien.verzuim",
        view={"ondersteuner"},
        add={"ondersteuner"},
        delete=NOBODY,
        history=True,
    ),
    # --- end financien ---
    # Portal.
    "portal:home": signed_in(),
    # Admin site pages.
    "admin:index": admin_page(set(ADMIN_USERS)),
    "admin:login": {**dict.fromkeys(NON_ADMIN, 200), **dict.fromkeys(ADMIN_USERS, 302)},
    "admin:logout": admin_page(set(ADMIN_USERS), ok=405),
    "admin:password_change": admin_page(set(ADMIN_USERS)),
    "admin:password_change_done": admin_page(set(ADMIN_USERS)),
    "admin:autocomplete": admin_page(NOBODY),  # 403 without a valid field and term
    "admin:jsi18n": admin_page(set(ADMIN_USERS)),
    "admin:view_on_site": admin_page(set(ADMIN_USERS), ok=404),
    "admin/(?P<url>.*)$": admin_page(set(ADMIN_USERS), ok=404),
    "admin:otp_totp_totpdevice_config": admin_page(SUPER_ONLY),
    "admin:otp_totp_totpdevice_qrcode": admin_page(SUPER_ONLY),
    **admin_model(
        "accounts.user",
        view={"accounthouder", "ondersteuner"},
        add={"accounthouder"},
        change={"accounthouder"},
        history=True,
    ),
    "admin:auth_user_password_change": admin_page({"accounthouder"}),
    **admin_model("files.bestand", view={"accounthouder", "ondersteuner"}, add=ADMIN_USERS),
    # A confidential file without an object grant looks missing in the admin too (redirect).
    "admin:files_bestand_change": admin_page({SUPER}, denied=302),
    "admin:files_bestand_history": admin_page({SUPER}, denied=302),
    **admin_model("files.bestanddownload", add=NOBODY, delete=NOBODY),
    **admin_model("auth.group", view={"accounthouder"}),
    # Membership: the account holder keeps it, the supporter reads it; nothing is deleted.
    **admin_model(
        "adviesraad.kernwet", view={"ondersteuner", "accounthouder"}, add=NOBODY, delete=NOBODY
    ),
    **{
        key: value
        for model in ("lid", "zittingstermijn", "functie", "portefeuille", "portefeuillehouder")
        for key, value in admin_model(
            f"adviesraad.{model}",
            view={"ondersteuner"},
            add={"accounthouder"},
            change={"accounthouder"},
            delete=NOBODY,
            history=True,
            guarded=True,
        ).items()
    },
    **{
        key: value
        for model in ("herbenoemingsevaluatie", "vacature", "kandidaat")
        for key, value in admin_model(
            f"adviesraad.{model}",
            view={"accounthouder"},
            add={"accounthouder"},
            change={"accounthouder"} if model != "herbenoemingsevaluatie" else set(),
            delete=NOBODY,
            history=True,
            guarded=True,
        ).items()
    },
    # Declarations: the supporter keeps them; the account holder has no access at all.
    **admin_model(
        "adviesraad.nevenfunctieverklaring",
        view={"ondersteuner"},
        add={"ondersteuner"},
        delete=NOBODY,
        history=True,
        guarded=True,
    ),
    **admin_model("adviesraad.verklaringinzage", view={"ondersteuner"}, add=NOBODY, delete=NOBODY),
    **admin_model(
        "adviesraad.adviesaanvraag",
        view={"ondersteuner", "accounthouder"},
        add={"ondersteuner", "accounthouder"},
        change={"ondersteuner", "accounthouder"},
        delete=NOBODY,
        history=True,
    ),
    # Issue 14: who receives what the council sends; kept by the account holder, never deleted.
    **admin_model(
        "adviesraad.ontvangers",
        view={"accounthouder"},
        add={"accounthouder"},
        change={"accounthouder"},
        delete=NOBODY,
        history=True,
    ),
    # A workflow step (confirm, then take it). The test object is a finished request: the step
    # "afgerond" is refused with a message and a redirect to the change page, for every role.
    "admin:adviesraad_adviesaanvraag_stap": admin_page({"ondersteuner", "accounthouder"}, ok=302),
    # Reminders: the supporter and the account holder watch deliveries and retry failed ones.
    **admin_model(
        "notifications.bericht",
        view={"ondersteuner", "accounthouder"},
        change={"ondersteuner", "accounthouder"},
        add=NOBODY,
        delete=NOBODY,
    ),
    **admin_model(
        "notifications.herinnering",
        view={"ondersteuner", "accounthouder"},
        add=NOBODY,
        delete=NOBODY,
    ),
    **admin_model("notifications.agendatoken", add=NOBODY, delete=NOBODY),  # superuser only
    # Participatiemix: reference data and the register are kept by the account holder.
    **{
        key: value
        for model in ("instrument", "thema", "domein", "doelgroep", "organisatie")
        for key, value in admin_model(
            f"participatiemix.{model}",
            view={"accounthouder"},
            add={"accounthouder"},
            change={"accounthouder"},
            delete=NOBODY,
            history=model == "instrument",
        ).items()
    },
    **admin_model("participatiemix.spelregel", view={"accounthouder"}, add=NOBODY, delete=NOBODY),
    **{
        key: value
        for model in ("activiteit", "opbrengst", "enqueteresultaat", "jaarplan")
        for key, value in admin_model(
            f"participatiemix.{model}",
            view={"accounthouder", "ondersteuner"},
            add={"accounthouder"},
            change={"accounthouder"},
            delete={"accounthouder"},
            history=True,
        ).items()
    },
    **admin_model(
        "participatiemix.terugkoppeling",
        view={"accounthouder", "ondersteuner"},
        change={"accounthouder"},
        add=NOBODY,
        delete=NOBODY,
        history=True,
    ),
    "admin:participatiemix_enqueteresultaat_importeren": admin_page({"accounthouder"}),
    # The regulation: everyone in the admin reads it; the account holder keeps it.
    **admin_model(
        "verordening.verordening",
        view={"ondersteuner"},
        add={"accounthouder"},
        change={"accounthouder"},
        history=True,
    ),
    **admin_model(
        "verordening.artikel",
        view={"ondersteuner"},
        add={"accounthouder"},
        change={"accounthouder"},
        delete={"accounthouder"},
        history=True,
    ),
    **admin_model(
        "verordening.regel",
        view={"ondersteuner"},
        add={"accounthouder"},
        change={"accounthouder"},
        history=True,
        delete=NOBODY,  # the test object is a version that has started: never deleted
    ),
    "admin:verordening_regel_nieuwe_versie": admin_page({"accounthouder"}),
    **admin_model(
        "verordening.samenwerkingsafspraken",
        view={"ondersteuner"},
        add={"accounthouder"},
        change={"accounthouder"},
        delete={"accounthouder"},
        history=True,
    ),
    **admin_model(
        "verordening.huishoudelijkreglement",
        add={"accounthouder", "ondersteuner"},
        change={"accounthouder", "ondersteuner"},
        delete={"accounthouder"},
        history=True,
    ),
    **admin_model(
        "axes.accessattempt", view={"accounthouder"}, delete={"accounthouder"}, add=NOBODY
    ),
    **admin_model("axes.accesslog", add=NOBODY),
    **admin_model("axes.accessfailurelog", add=NOBODY),
    # --- kwartaalagenda (adviesraad/kwartaalagenda) ---
    # Readers (council, supporter) see the latest published version; the keepers (account holder,
    # policy staff) also edit the draft and publish. The test agenda is the demo's current
    # quarter (two versions and a draft); GET on publiceren/verwijderen only asks to confirm.
    **{
        f"kwartaalagenda:{name}": only(
            RAAD | {"ondersteuner", "accounthouder", "beleidsmedewerker", SUPER}
        )
        for name in ("overzicht", "detail", "afdrukken", "pdf")
    },
    **{
        f"kwartaalagenda:{name}": only({"accounthouder", "beleidsmedewerker", SUPER})
        for name in (
            "nieuw",
            "publiceren",
            "punt_nieuw",
            "punt_wijzigen",
            "punt_verwijderen",
            "punt_koppelen",
        )
    },
    # Admin: only the account holder (the supporter never sees the draft there); nothing
    # published is changed or deleted.
    **admin_model(
        "kwartaalagenda.kwartaalagenda",
        view={"accounthouder"},
        add={"accounthouder"},
        change={"accounthouder"},
        delete=NOBODY,
        history=True,
    ),
    **admin_model(
        "kwartaalagenda.agendapunt",
        view={"accounthouder"},
        add={"accounthouder"},
        change={"accounthouder"},
        delete={"accounthouder"},
        history=True,
    ),
    **admin_model("kwartaalagenda.versie", view={"accounthouder"}, add=NOBODY, delete=NOBODY),
    # --- end kwartaalagenda ---
    # --- vergaderingen (adviesraad/vergaderingen) ---
    # The test meeting is the demo's upcoming December meeting, without minutes yet. Role users
    # here take part in no meeting: members see lists only; the keepers see and keep every one.
    "vergaderingen:overzicht": signed_in(),
    "vergaderingen:aanwezigheid_overzicht": signed_in(),
    "vergaderingen:nieuw": only(ADVIES_STAF),
    "vergaderingen:detail": only(ADVIES_STAF),
    "vergaderingen:aanmelden": only(set()),  # only participants give their RSVP
    "vergaderingen:deelnemers": only(ADVIES_STAF),
    "vergaderingen:agenda": only(ADVIES_STAF),
    "vergaderingen:stuk": only(ADVIES_STAF),
    "vergaderingen:uitnodigen": only(ADVIES_STAF),
    "vergaderingen:aanwezigheid": only(ADVIES_STAF),
    "vergaderingen:notulen": only(ADVIES_STAF),
    "vergaderingen:vaststellen": only(set()),  # no minutes to approve yet
    "vergaderingen:acties": only(ADVIES_STAF),
    "vergaderingen:besluiten": only(ADVIES_STAF),
    "vergaderingen:deelname_verwijderen": only(ADVIES_STAF),  # confirmation page
    "vergaderingen:agendapunt_verwijderen": only(ADVIES_STAF),  # confirmation page
    **admin_model(
        "vergaderingen.vergadering",
        view={"ondersteuner", "accounthouder"},
        add={"ondersteuner", "accounthouder"},
        change={"ondersteuner", "accounthouder"},
        delete=NOBODY,
        history=True,
    ),
    **admin_model(
        "vergaderingen.actiepunt",
        view={"ondersteuner", "accounthouder"},
        change={"ondersteuner", "accounthouder"},
        add=NOBODY,
        delete=NOBODY,
        history=True,
    ),
    # --- end vergaderingen ---
    **admin_model("otp_totp.totpdevice"),
    **admin_model("otp_email.emaildevice"),
    **admin_model("otp_static.staticdevice"),
    # --- rollen: roles (groups) and their permissions are declared in roles.py; the
    # admin shows them read-only, to superusers too (this replaces the auth.group row above).
    **admin_model("auth.group", view={"accounthouder"}, add=NOBODY, delete=NOBODY),
    # --- end rollen ---
    # --- jaarcyclus: evaluations, questionnaires, the annual report and the presentation pack.
    # The test evaluation is the demo self-evaluation; role users here are not its participants.
    "jaarcyclus:evaluaties": signed_in(),  # lists only what the user may see or answer
    "jaarcyclus:nieuw": only({"voorzitter", "ondersteuner", "accounthouder", SUPER}),
    "jaarcyclus:evaluatie": only(JAARCYCLUS_EVALUATIE),
    "jaarcyclus:invullen": only(set()),  # participants only, once
    "jaarcyclus:vragen": everyone(405),  # POST only
    "jaarcyclus:afronden": everyone(405),  # POST only
    "jaarcyclus:conclusie": everyone(405),  # POST only
    "jaarcyclus:actie_nieuw": everyone(405),  # POST only
    "jaarcyclus:actie_status": everyone(405),  # POST only
    "jaarcyclus:jaarverslag": only(JAARVERSLAG_LEZERS),
    "jaarcyclus:presentatie": only(JAARVERSLAG_LEZERS),
    "jaarcyclus:pdf_aanvragen": everyone(405),  # POST only
    "jaarcyclus:pdf_status": only(JAARVERSLAG_LEZERS),
    "jaarcyclus:pdf_downloaden": only(JAARVERSLAG_LEZERS),
    # --- end jaarcyclus ---
}

#: admin:app_list per app label: which staff roles see the app.
APP_LIST: dict[str, set[str]] = {
    "accounts": {"accounthouder", "ondersteuner"},
    "files": {"accounthouder", "ondersteuner"},
    "verordening": {"accounthouder", "ondersteuner"},
    "adviesraad": {"accounthouder", "ondersteuner"},
    "participatiemix": {"accounthouder", "ondersteuner"},
    "notifications": {"accounthouder", "ondersteuner"},
    "auth": {"accounthouder"},
    "axes": {"accounthouder"},
    # --- kwartaalagenda ---
    "kwartaalagenda": {"accounthouder"},
    # --- vergaderingen ---
    "vergaderingen": {"accounthouder", "ondersteuner"},
    # --- financien ---
    "financien": {"accounthouder", "ondersteuner"},
    "otp_totp": SUPER_ONLY,
    "otp_email": SUPER_ONLY,
    "otp_static": SUPER_ONLY,
}


# --- Enumerating the resolver -------------------------------------------------------------------
@dataclass(frozen=True)
class Route:
    key: str  # "namespace:name", or the full route when a pattern has no name
    route: str
    pattern: URLPattern


def _walk(patterns: list[Any], prefix: str = "", ns: str | None = None) -> Iterator[Route]:
    for p in patterns:
        if isinstance(p, URLResolver):
            child_ns = ns
            if p.namespace:
                child_ns = f"{ns}:{p.namespace}" if ns else p.namespace
            yield from _walk(p.url_patterns, prefix + str(p.pattern), child_ns)
        else:
            route = prefix + str(p.pattern)
            name = f"{ns}:{p.name}" if ns and p.name else p.name
            yield Route(key=name or route, route=route, pattern=p)


def all_routes() -> list[Route]:
    return list(_walk(get_resolver().url_patterns))


# --- Objects to put in URLs ---------------------------------------------------------------------
#: How to make one instance of each admin-registered model. A model registered in the admin
#: without an entry here fails the test.
INSTANCE_MAKERS: dict[str, Callable[[], Model]] = {
    "auth.group": lambda: Group.objects.get(name="lid"),
    "accounts.user": lambda: _owner(),
    "files.bestand": lambda: Bestand.objects.get(oorspronkelijke_naam="toegangstest.pdf"),
    "files.bestanddownload": lambda: BestandDownload.objects.create(
        bestand=INSTANCE_MAKERS["files.bestand"](), user=_owner()
    ),
    "axes.accessattempt": lambda: AccessAttempt.objects.create(
        username="x@example.org",
        ip_address="127.0.0.1",
        user_agent="test",
        http_accept="*/*",
        path_info="/",
        get_data="",
        post_data="",
        failures_since_start=1,
    ),
    "axes.accesslog": lambda: AccessLog.objects.create(
        username="x@example.org",
        ip_address="127.0.0.1",
        user_agent="test",
        http_accept="*/*",
        path_info="/",
    ),
    "axes.accessfailurelog": lambda: AccessFailureLog.objects.create(
        username="x@example.org",
        ip_address="127.0.0.1",
        user_agent="test",
        http_accept="*/*",
        path_info="/",
        locked_out=False,
    ),
    "verordening.verordening": lambda: Verordening.objects.first(),
    "verordening.artikel": lambda: Artikel.objects.first(),
    "verordening.regel": lambda: Regel.objects.get(
        sleutel="max_terms", geldig_vanaf__lte=timezone.localdate(), geldig_tot__isnull=True
    ),
    "verordening.samenwerkingsafspraken": lambda: Samenwerkingsafspraken.objects.create(
        jaar=2026, datum_vastgesteld=date(2026, 1, 15), datum_volgende_evaluatie=date(2027, 1, 15)
    ),
    "verordening.huishoudelijkreglement": lambda: HuishoudelijkReglement.objects.create(
        titel="Huishoudelijk reglement 2026", tekst="Concept."
    ),
    "adviesraad.herbenoemingsevaluatie": lambda: evaluatie_vastleggen(
        termijn=Zittingstermijn.objects.order_by("pk").first(),
        datum=timezone.localdate(),
        conclusie="aanbevolen",
        door=None,
    ),
    "adviesraad.verklaringinzage": lambda: VerklaringInzage.objects.create(
        verklaring=Nevenfunctieverklaring.objects.order_by("pk").first(),
        gelezen_door=_owner(),
        via="test",
    ),
    "notifications.bericht": lambda: Bericht.objects.create(
        ontvanger=_owner(), dag=date(2026, 1, 5), status="mislukt", laatste_fout="test"
    ),
    "notifications.herinnering": lambda: herinnering_plannen(
        ontvanger=_owner(),
        onderwerp=_owner(),
        deadline=date(2026, 1, 5),
        soort="agendalink_nieuw",
        tekst="t",
        link="/",
    ),
    "notifications.agendatoken": lambda: Agendatoken.objects.create(
        gebruiker=_owner(), sleutel_hash="0" * 64
    ),
    # --- kwartaalagenda ---
    # The demo's current quarter: published twice, with a draft on top.
    "kwartaalagenda.kwartaalagenda": lambda: (
        Kwartaalagenda.objects.filter(versies__nummer=2).order_by("pk").first()
    ),
    "kwartaalagenda.agendapunt": lambda: (
        INSTANCE_MAKERS["kwartaalagenda.kwartaalagenda"]().punten.order_by("pk").first()
    ),
    "kwartaalagenda.versie": lambda: (
        INSTANCE_MAKERS["kwartaalagenda.kwartaalagenda"]().versies.order_by("nummer").first()
    ),
    # --- end kwartaalagenda ---
    # --- vergaderingen ---
    # The demo's next council meeting.
    "vergaderingen.vergadering": lambda: Vergadering.objects.get(
        titel="Demo: Volgende vergadering adviesraad"
    ),
    "vergaderingen.actiepunt": lambda: Actiepunt.objects.order_by("pk").first(),
    # --- end vergaderingen ---
    # --- financien ---
    "financien.verzuim": lambda: Verzuim.objects.create(
        lid=Lid.objects.order_by("pk").first(), soort="ziekte", van=date(2026, 2, 1)
    ),
    "financien.vergoedingsperiode": lambda: _goedgekeurde_periode(),
    "financien.vergoedingsregel": lambda: Vergoedingsregel.objects.order_by("pk").first(),
    # --- end financien ---
    "otp_totp.totpdevice": lambda: TOTPDevice.objects.create(user=_owner(), name="app"),
    "otp_email.emaildevice": lambda: EmailDevice.objects.create(user=_owner(), name="mail"),
    "otp_static.staticdevice": lambda: StaticDevice.objects.create(user=_owner(), name="codes"),
}


def _owner() -> User:
    return User.objects.get(email=OWNER_EMAIL)


def _goedgekeurde_periode() -> Vergoedingsperiode:
    """An approved (locked) allowance period, whatever day the demo was loaded."""
    periode = Vergoedingsperiode.objects.filter(status="goedgekeurd").order_by("pk").first()
    if periode is None:
        periode = periode_aanmaken(dag=date(2025, 12, 31), door=None)
        for naar in ("voorbereid", "gecontroleerd", "goedgekeurd"):
            periode = periode_overgang(periode=periode, naar=naar, door=None)
    return periode


#: Objects for non-admin URLs with a ``pk``.
URL_OBJECTS: dict[str, Callable[[], Model]] = {
    "files:download": INSTANCE_MAKERS["files.bestand"],
    "adviesraad:foto": lambda: Lid.objects.filter(foto__isnull=True).order_by("pk").first(),
    "adviesraad:vacature": lambda: (
        Vacature.objects.filter(status="gepubliceerd").order_by("pk").first()
    ),
    "lidmaatschap:verklaring": lambda: Nevenfunctieverklaring.objects.order_by("pk").first(),
    **dict.fromkeys(
        [
            f"advies:{name}"
            for name in (
                "detail",
                "overgang",
                "concept",
                "document",
                "goedkeuren",
                "belang",
                "inbreng",
                "kortere_termijn",
                "reactie",
                "publiceren",
                "raadsvoorlegger",
                "raadsvoorlegger_pdf",
                # Issue 14.
                "beleidsmedewerker",
                "opnieuw_bezorgen",
                "ontvangst",
                "reactietermijn",
                "raadsvoorlegger_versturen",
            )
        ],
        lambda: (
            Adviesaanvraag.objects.filter(
                soort="gevraagd",
                gepubliceerd_op__isnull=False,
                status="afgerond",
            )
            .order_by("pk")
            .first()
        ),
    ),
    "adviezen:document": lambda: Bestand.objects.get(oorspronkelijke_naam="toegangstest.pdf"),
    # Issue 14: a follow-up record of the test request (the demo's response adopted points).
    **dict.fromkeys(
        ["advies:toezegging", "advies:toezegging_stand"],
        lambda: (
            Toezegging.objects.filter(
                aanvraag__soort="gevraagd",
                aanvraag__gepubliceerd_op__isnull=False,
                aanvraag__status="afgerond",
            )
            .order_by("aanvraag", "pk")
            .first()
        ),
    ),
    # --- kwartaalagenda ---
    **dict.fromkeys(
        [
            f"kwartaalagenda:{name}"
            for name in ("detail", "afdrukken", "pdf", "publiceren", "punt_nieuw")
        ],
        INSTANCE_MAKERS["kwartaalagenda.kwartaalagenda"],
    ),
    **dict.fromkeys(
        [
            f"kwartaalagenda:{name}"
            for name in ("punt_wijzigen", "punt_verwijderen", "punt_koppelen")
        ],
        INSTANCE_MAKERS["kwartaalagenda.agendapunt"],
    ),
    # --- end kwartaalagenda ---
    # --- vergaderingen ---
    **dict.fromkeys(
        [
            f"vergaderingen:{name}"
            for name in (
                "detail",
                "aanmelden",
                "deelnemers",
                "agenda",
                "stuk",
                "uitnodigen",
                "aanwezigheid",
                "notulen",
                "vaststellen",
                "acties",
                "besluiten",
            )
        ],
        INSTANCE_MAKERS["vergaderingen.vergadering"],
    ),
    # A participant and an agenda item of that meeting (the URL takes their own pk).
    "vergaderingen:deelname_verwijderen": lambda: (
        INSTANCE_MAKERS["vergaderingen.vergadering"]().deelnames.order_by("pk").first()
    ),
    "vergaderingen:agendapunt_verwijderen": lambda: (
        INSTANCE_MAKERS["vergaderingen.vergadering"]().agendapunten.order_by("pk").first()
    ),
    # --- end vergaderingen ---
    # --- financien ---
    "financien:vergoeding_lid": lambda: Lid.objects.order_by("pk").first(),
    **dict.fromkeys(
        [f"financien:{name}" for name in ("periode", "correctie", "export_csv", "export_xlsx")],
        INSTANCE_MAKERS["financien.vergoedingsperiode"],
    ),
    **dict.fromkeys(
        ["financien:declaratie", "financien:bon"],
        lambda: Declaratie.objects.order_by("pk").first(),
    ),
    # --- end financien ---
}


_made: dict[str, Model] = {}


def _instance_for(model: type[Model]) -> Model:
    label = model._meta.label_lower
    if label in INSTANCE_MAKERS:
        if label not in _made:
            _made[label] = INSTANCE_MAKERS[label]()
        return _made[label]
    existing = model._default_manager.order_by("pk").first()  # from the demo data
    if existing is not None:
        return existing
    raise AssertionError(f"Geen testobject voor {label}: voeg het toe aan INSTANCE_MAKERS.")


def _admin_model_for(route: str) -> type[Model] | None:
    for model in admin.site._registry:
        if route.startswith(f"admin/{model._meta.app_label}/{model._meta.model_name}/"):
            return model
    return None


def urls_for(route: Route, context: dict[str, Any]) -> list[tuple[str, str]]:
    """Concrete (label, url) pairs for a route, with real objects filled in."""
    if route.key == "admin:app_list":
        return [(f"admin:app_list[{label}]", f"/admin/{label}/") for label in APP_LIST]
    model = _admin_model_for(route.route)
    values: dict[str, str] = dict(context)
    if model is not None:
        obj = _instance_for(model)
        values["object_id"] = values["object_pk"] = values["pk"] = values["id"] = str(obj.pk)
        history = getattr(obj, "history", None)
        if history is not None:
            if not history.exists():  # reference data loaded by a migration has no history yet
                obj.save()
            values["history_id"] = str(history.order_by("history_id").first().history_id)
    elif route.key in URL_OBJECTS:
        values["pk"] = str(URL_OBJECTS[route.key]().pk)

    regex = route.pattern.pattern.regex
    if route.key != route.route:  # a named pattern: let Django build the URL
        names = list(regex.groupindex)
        if names:
            return [(route.key, reverse(route.key, kwargs={n: values[n] for n in names}))]
        positional = ["object_id", "history_id"][: regex.groups]
        return [(route.key, reverse(route.key, args=[values[n] for n in positional]))]
    path = route.route.replace("(?P<url>.*)$", "bestaat-niet/")
    path = path.replace("<path:object_id>", values.get("object_id", "1"))
    assert "<" not in path, f"Vul de URL-parameters in voor {route.key}"
    return [(route.key, "/" + path)]


OWNER_EMAIL = "eigenaar@example.org"


# The demo data, built once per session (tests/demo.py).
demo_momentopname = demo_fixtures.demo_momentopname


@pytest.fixture
def context(
    db: None, private_media: Any, pdf_bytes: bytes, demo_momentopname: Any
) -> dict[str, Any]:
    _made.clear()
    # Every app's demo data gives each admin model an object to open (seed_demo, once per
    # session, loaded here and rolled back with the test).
    demo_fixtures.demo_laden(demo_momentopname, private_media)
    owner = UserFactory(email=OWNER_EMAIL)
    # A confidential file, uploaded by someone else and shared with the "lid" group only.
    bestand = bestand_opslaan(upload=SimpleUploadedFile("toegangstest.pdf", pdf_bytes), door=owner)
    assign_perm("files.view_bestand", Group.objects.get(name="lid"), bestand)
    participatie = toegangswereld()
    advies = (
        Adviesaanvraag.objects.filter(soort="gevraagd", gepubliceerd_op__isnull=False)
        .filter(status="afgerond")
        .order_by("pk")
        .first()
    )
    assert advies is not None, "de demo heeft een gepubliceerd, beantwoord advies nodig"
    return {
        "kenmerk": advies.kenmerk,
        "bezorging": "1",
        "naar": "afgerond",
        "activiteit_id": str(participatie["a"]),
        "rapportage_id": str(participatie["r"]),
        # --- jaarcyclus: the demo self-evaluation, one of its actions, the demo annual report.
        **_jaarcyclus_context(),
        "user_id": str(owner.pk),
        "group_id": str(Group.objects.get(name="lid").pk),
        "content_type_id": "1",
        "object_id": "1",
        "uidb64": urlsafe_base64_encode(force_bytes(owner.pk)),
        "token": "set-password",
        "jaar": str(timezone.localdate().year),
    }


def _jaarcyclus_context() -> dict[str, str]:
    evaluatie = Evaluatie.objects.get(soort="zelfevaluatie", titel__startswith="Demo")
    return {
        "evaluatie_id": str(evaluatie.pk),
        "actie_id": str(evaluatie.acties.order_by("pk").first().pk),
        "verslag_id": str(Jaarverslag.objects.order_by("pk").first().pk),
    }


def _client_for(role: str) -> Client:
    client = Client()
    if role == ANON:
        return client
    if role == SUPER:
        user = UserFactory(is_superuser=True, is_staff=True)
    elif role == OUD_LID:
        user = UserFactory(roles=[])
    else:
        user = UserFactory(roles=[role])
    mfa_verify(client, user)
    return client


def test_every_url_pattern_has_an_expectation():
    keys = {route.key for route in all_routes()}
    missing = sorted(keys - EXPECTED.keys() - {"admin:app_list"})
    assert not missing, f"Deze URL's staan niet in de toegangstabel: {missing}"
    app_labels = {model._meta.app_label for model in admin.site._registry}
    assert app_labels <= APP_LIST.keys(), f"Zet in APP_LIST: {sorted(app_labels - APP_LIST.keys())}"
    stale = sorted(EXPECTED.keys() - keys)
    assert not stale, f"Deze regels in de toegangstabel horen bij geen URL meer: {stale}"


def test_every_expectation_names_every_role():
    for key, expectation in EXPECTED.items():
        assert set(expectation) == set(ROLES), key


def test_every_role_gets_the_expected_status_on_every_url(context: dict[str, Any]) -> None:
    """One test over all roles, so the demo data is built once (it renders PDFs)."""
    mismatches = []
    for role in ROLES:
        client = _client_for(role)
        for route in all_routes():
            if route.key not in EXPECTED and route.key != "admin:app_list":
                continue  # reported by test_every_url_pattern_has_an_expectation
            for label, url in urls_for(route, context):
                if label.startswith("admin:app_list["):
                    app_label = label.split("[")[1].rstrip("]")
                    expected = admin_page(APP_LIST[app_label], denied=404)[role]
                else:
                    expected = EXPECTED[route.key][role]
                status = client.get(url).status_code
                if status != expected:
                    mismatches.append(f"{role}: {label} {url}: kreeg {status}, verwacht {expected}")
    assert not mismatches, "\n".join(mismatches)


# --- toewijzing: assignment fields accept only the matching role -------------------
# Every field that makes a person a participant of a (confidential) object, against the role of
# the person chosen: may they be chosen (offered by the form) and assigned (by the service)? Where
# the role is the keeper's own (accounthouder, ondersteuner) the keeper tries to assign itself.
# The real admin and portal forms, with hand-made POSTs and the exploit, are tested in
# tests/adviesraad/advies/test_toewijzing.py, tests/participatiemix/test_toewijzing.py,
# tests/adviesraad/vergaderingen/test_toewijzing.py and tests/adviesraad/kwartaalagenda/test_toewijzing.py.
TOEWIJZING_RAAD_EN_STAF = RAAD | {"ondersteuner", "accounthouder", "beleidsmedewerker"}
TOEWIJZING: dict[str, set[str]] = {
    "adviesaanvraag.beleidsmedewerker": {"beleidsmedewerker"},
    "agendapunt.beleidsmedewerker": {"beleidsmedewerker"},
    "activiteit.gespreksleider": {"gespreksleider"},
    "activiteit.verantwoordelijke": {"beleidsmedewerker", "accounthouder"},
    "activiteit.luisterdelegatie": TOEWIJZING_RAAD_EN_STAF,
    # Meetings: whoever may see meetings (a superuser too); a leftover participant row of a
    # former member or a moderator does not make them an action owner.
    "vergadering.deelnemer": TOEWIJZING_RAAD_EN_STAF | {SUPER},
    "actiepunt.eigenaar": TOEWIJZING_RAAD_EN_STAF | {SUPER},
    # jaarcyclus: participants of an evaluation and owners of its follow-up actions; the
    # follow-up of policy staff's reflection belongs to the account holder (§4.2).
    "evaluatie.deelnemer": TOEWIJZING_RAAD_EN_STAF,
    "vervolgactie.eigenaar": TOEWIJZING_RAAD_EN_STAF,
    "reflectie.eigenaar": {"accounthouder"},
}


def _toewijzing_pogingen(doel: Any, accounthouder: Any, ondersteuner: Any) -> dict[str, Any]:
    """Per field: (offered by the form?, a callable that assigns ``doel`` through the service)."""
    from datetime import timedelta

    from adviesraad.advies.services.aanvraag import aanvraag_aanmaken, planning_wijzigen
    from adviesraad.advies.services.toegang import BELEIDSMEDEWERKER
    from adviesraad.kwartaalagenda import services as kwartaal
    from adviesraad.kwartaalagenda.forms import PuntForm
    from adviesraad.vergaderingen.forms import ActiepuntForm
    from adviesraad.vergaderingen.models import Deelname
    from adviesraad.vergaderingen.policies import vergadering_policy
    from adviesraad.vergaderingen.services import besluiten as besluiten_services
    from adviesraad.vergaderingen.services import deelnemers as deelnemers_services
    from adviesraad.vergaderingen.services import vergadering as vergadering_services
    from hengelo_participatie.accounts.toewijzing import houders_van
    from participatiemix.services import activiteiten as activiteiten_services
    from participatiemix.services import toewijzing as toewijzing_services
    from tests.participatiemix.factories import instrument, thema

    aanvraag = aanvraag_aanmaken(soort="gevraagd", titel="Geheim", door=ondersteuner)
    agenda = kwartaal.agenda_aanmaken(jaar=2031, kwartaal=1, door=accounthouder)
    vergadering = vergadering_services.vergadering_aanmaken(
        soort="raadsvergadering",
        titel="Vergadering",
        begin=timezone.now() + timedelta(days=14),
        door=ondersteuner,
    )
    # For the action owner: a participant row that stayed after the role went (or never fit).
    Deelname.objects.get_or_create(vergadering=vergadering, gebruiker=doel)
    # For inviting: a meeting without such a row.
    lege_vergadering = vergadering_services.vergadering_aanmaken(
        soort="agendaoverleg",
        titel="Agendaoverleg",
        begin=timezone.now() + timedelta(days=21),
        door=ondersteuner,
    )

    def activiteit(**velden: Any) -> Any:
        return activiteiten_services.activiteit_aanmaken(
            door=accounthouder,
            instrument=instrument(2),
            startdatum=date(2026, 3, 2),
            titel="Gesprek",
            themas=[thema()],
            **velden,
        )

    def aangeboden(queryset: Any) -> bool:
        return queryset.filter(pk=doel.pk).exists()

    return {
        "adviesaanvraag.beleidsmedewerker": (
            aangeboden(houders_van(BELEIDSMEDEWERKER)),
            lambda: planning_wijzigen(
                aanvraag=aanvraag, door=accounthouder, beleidsmedewerker=doel
            ),
        ),
        "agendapunt.beleidsmedewerker": (
            aangeboden(PuntForm().fields["beleidsmedewerker"].queryset),  # type: ignore[attr-defined]
            lambda: kwartaal.punt_toevoegen(
                agenda=agenda, door=accounthouder, titel="Punt", beleidsmedewerker=doel
            ),
        ),
        "activiteit.gespreksleider": (
            aangeboden(toewijzing_services.gespreksleider_keuzes()),
            lambda: activiteit(gespreksleider=doel),
        ),
        "activiteit.verantwoordelijke": (
            aangeboden(toewijzing_services.verantwoordelijke_keuzes()),
            lambda: activiteit(verantwoordelijke=doel),
        ),
        "activiteit.luisterdelegatie": (
            aangeboden(toewijzing_services.luisterdelegatie_keuzes()),
            lambda: activiteit(luisterdelegatie=[doel]),
        ),
        "vergadering.deelnemer": (
            aangeboden(vergadering_policy.gebruikers_met_toegang()),
            lambda: deelnemers_services.deelnemers_uitnodigen(
                vergadering=lege_vergadering, gebruikers=[doel], door=ondersteuner
            ),
        ),
        "actiepunt.eigenaar": (
            aangeboden(ActiepuntForm(vergadering=vergadering).fields["eigenaar"].queryset),  # type: ignore[attr-defined]
            lambda: besluiten_services.actiepunt_toevoegen(
                vergadering=vergadering, omschrijving="Actie", eigenaar=doel, door=ondersteuner
            ),
        ),
        **_jaarcyclus_pogingen(doel, ondersteuner, aangeboden),
    }


def _jaarcyclus_pogingen(doel: Any, ondersteuner: Any, aangeboden: Any) -> dict[str, Any]:
    zelf = evaluatie_aanmaken(soort="zelfevaluatie", jaar=2026, door=ondersteuner)
    reflectie = evaluatie_aanmaken(soort="reflectie", jaar=2026, door=ondersteuner)

    def actie(evaluatie: Any) -> Any:
        return vervolgactie_toevoegen(
            evaluatie=evaluatie,
            omschrijving="Actie",
            eigenaar=doel,
            uiterlijk=date(2027, 1, 1),
            door=ondersteuner,
        )

    return {
        "evaluatie.deelnemer": (
            aangeboden(EvaluatieForm().fields["deelnemers"].queryset),  # type: ignore[attr-defined]
            lambda: evaluatie_aanmaken(
                soort="zelfevaluatie", jaar=2026, deelnemers=[doel], door=ondersteuner
            ),
        ),
        "vervolgactie.eigenaar": (
            aangeboden(ActieForm().fields["eigenaar"].queryset),  # type: ignore[attr-defined]
            lambda: actie(zelf),
        ),
        # The portal offers the same people for every action; the service narrows it.
        "reflectie.eigenaar": (
            doel.groups.filter(name="accounthouder").exists(),
            lambda: actie(reflectie),
        ),
    }


@pytest.mark.django_db
@pytest.mark.parametrize("role", [r for r in ROLES if r != ANON])
def test_assignment_fields_accept_only_the_matching_role(role: str, private_media: Any) -> None:
    from django.core.exceptions import ValidationError
    from django.db import transaction

    accounthouder = UserFactory(roles=["accounthouder"])
    ondersteuner = UserFactory(roles=["ondersteuner"])
    if role == "accounthouder":
        doel = accounthouder  # assigns itself
    elif role == "ondersteuner":
        doel = ondersteuner
    elif role == SUPER:
        doel = UserFactory(is_superuser=True, is_staff=True)
    else:
        doel = UserFactory(roles=[] if role == OUD_LID else [role])
    mismatches = []
    for veld, (aangeboden, toewijzen) in _toewijzing_pogingen(
        doel, accounthouder, ondersteuner
    ).items():
        verwacht = role in TOEWIJZING[veld]
        try:
            with transaction.atomic():
                toewijzen()
            gelukt = True
        except ValidationError:
            gelukt = False
        if (aangeboden, gelukt) != (verwacht, verwacht):
            mismatches.append(
                f"{role} als {veld}: aangeboden={aangeboden}, toegewezen={gelukt}, "
                f"verwacht={verwacht}"
            )
    assert not mismatches, "\n".join(mismatches)


# --- end of toewijzing ----------------------------------------------------------------


# --- rolbeheer: who may grant which role, through the real admin change form -------
# Per acting role: for every role, try to give it to another (role-less) account and to one's own
# account with a hand-made POST. Only what ``beheert`` in roles.py allows lands; the rest is a form
# error (status 200 on the form), and non-staff never reach the form (302 to the admin login).
# The details (history, e-mail, kept roles) are in tests/accounts/test_rolbeheer.py.
ROLBEHEER: dict[str, set[str]] = {
    "accounthouder": {"beleidsmedewerker", "gespreksleider"},
    SUPER: {"ondersteuner", "accounthouder", "beleidsmedewerker", "gespreksleider"},
}


def _rol_geven(client: Client, doel: User, groep: Group) -> int:
    data: dict[str, Any] = {
        "email": doel.email,
        "voornaam": doel.voornaam,
        "achternaam": doel.achternaam,
        "is_active": "on",
        "groups": [g.pk for g in doel.groups.all()] + [groep.pk],
    }
    url = reverse("admin:accounts_user_change", args=[doel.pk])
    return client.post(url, data).status_code


@pytest.mark.django_db
@pytest.mark.parametrize("role", [r for r in ROLES if r != ANON])
def test_role_management_grants_only_what_the_role_table_allows(role: str) -> None:
    if role == SUPER:
        ik = UserFactory(is_superuser=True, is_staff=True)
    else:
        ik = UserFactory(roles=[] if role == OUD_LID else [role])
    client = Client()
    mfa_verify(client, ik)
    toegestaan = ROLBEHEER.get(role, set())
    mismatches = []
    for groep in Group.objects.order_by("name"):
        for doel in (UserFactory(), User.objects.get(pk=ik.pk)):
            voor = set(doel.groups.values_list("name", flat=True))
            status = _rol_geven(client, doel, groep)
            na = set(User.objects.get(pk=doel.pk).groups.values_list("name", flat=True))
            verwacht = doel.pk != ik.pk and groep.name in toegestaan
            if (na == voor | {groep.name}) != verwacht and groep.name not in voor:
                mismatches.append(
                    f"{role} -> {groep.name} op {'zichzelf' if doel == ik else 'ander'}: {status}"
                )
            nieuw = groep.name not in voor
            # Who may edit accounts gets a form error; the supporter only reads them (403).
            weigering = 403 if role == "ondersteuner" else 200
            if role in ADMIN_USERS and nieuw and not verwacht and status != weigering:
                mismatches.append(f"{role} -> {groep.name}: status {status}, verwacht {weigering}")
            if role not in ADMIN_USERS and status != 302:
                mismatches.append(f"{role} bereikt het beheer: {status}")
    assert not mismatches, "\n".join(mismatches)


# --- end of rolbeheer -------------------------------------------------------------------
