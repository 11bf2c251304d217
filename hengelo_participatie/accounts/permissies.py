"""The model-permission sets the role table (``roles.ROLES``) combines into roles.

Each set is one kind of work ("read the regulation", "keep the membership records"); a role is a
union of sets. Only model-wide permissions live here: who reaches which object is decided by the
object grants the services make, and by the capabilities in ``roles.ROLES``.
"""

from __future__ import annotations


def perms(app_label: str, actions: str, *models: str) -> frozenset[str]:
    """``perms("adviesraad", "view add", "lid")`` -> {"adviesraad.view_lid", "adviesraad.add_lid"}."""
    return frozenset(f"{app_label}.{a}_{m}" for a in actions.split() for m in models)


# --- Building blocks of the table --------------------------------------------------------------
VERORDENING = (
    "verordening",
    "artikel",
    "regel",
    "samenwerkingsafspraken",
    "huishoudelijkreglement",
)
VERORDENING_LEZEN = perms("verordening", "view", *VERORDENING)
HR_INDIENEN = frozenset({"verordening.indienen_huishoudelijkreglement"})

#: What every council member reads: members, composition, portfolios.
RAAD_LEZEN = perms("adviesraad", "view", "lid", "samenstelling", "portefeuille")
#: Membership records the account holder keeps (no deletes: terms end, they are not removed).
LIDMAATSCHAP_BEHEER = perms(
    "adviesraad",
    "view add change",
    "lid",
    "zittingstermijn",
    "functie",
    "portefeuille",
    "portefeuillehouder",
    "vacature",
    "kandidaat",
)

#: Advice requests: model-wide permissions only open the door (admin, "may start a request");
#: which request a user reaches is decided by object grants made in the advice services.
ADVIES_LEZEN = perms("adviesraad", "view", "adviesaanvraag")
ADVIES_STARTEN = perms("adviesraad", "view add", "adviesaanvraag")
ADVIES_BEHEER = perms("adviesraad", "view add change", "adviesaanvraag")
ADVIES_PUBLICEREN = frozenset({"adviesraad.publiceren_adviesaanvraag"})

#: Reminders and e-mail: the supporter and the account holder watch deliveries and may retry a
#: failed one (change_bericht is only the retry action; every field is read-only).
HERINNERINGEN_BEWAKEN = perms("notifications", "view", "bericht", "herinnering") | {
    "notifications.change_bericht"
}

#: The participation register: council and staff read it.
PARTICIPATIE_LEZEN = perms(
    "participatiemix",
    "view",
    "activiteit",
    "opbrengst",
    "benutting",
    "terugkoppeling",
    "spelregeltoets",
    "enqueteresultaat",
    "jaarplan",
    "geplandeinzet",
    "jaarrapportage",
)
PARTICIPATIE_RAPPORT = frozenset({"participatiemix.add_jaarrapportage"})
#: The account holder keeps the register and its reference data. Moderators (gespreksleider) get
#: nothing role-wide: services grant view and change on the activities they moderate.
PARTICIPATIE_BEHEER = (
    perms(
        "participatiemix",
        "view add change",
        "instrument",
        "thema",
        "domein",
        "doelgroep",
        "organisatie",
    )
    | perms(
        "participatiemix",
        "add change delete",
        "activiteit",
        "opbrengst",
        "benutting",
        "spelregeltoets",
        "enqueteresultaat",
        "jaarplan",
        "geplandeinzet",
    )
    | {"participatiemix.change_terugkoppeling", "participatiemix.view_spelregel"}
)

#: Planning. Each block belongs to its sub-app and is filled in there:
#: adviesraad/kwartaalagenda (the quarterly agenda) and adviesraad/vergaderingen (meetings,
#: attendance). LEZEN: council and staff read; BEHEER: who keeps the records.
#: Kwartaalagenda: readers see only published versions (adviesraad/kwartaalagenda/policies.py);
#: keepers also edit the draft items, open a quarter and publish a version.
KWARTAALAGENDA_LEZEN: frozenset[str] = perms("kwartaalagenda", "view", "kwartaalagenda", "versie")
KWARTAALAGENDA_BEHEER: frozenset[str] = (
    KWARTAALAGENDA_LEZEN
    | perms("kwartaalagenda", "add change", "kwartaalagenda")
    | perms("kwartaalagenda", "view add change delete", "agendapunt")
    | {"kwartaalagenda.publiceren_kwartaalagenda"}
)
#: Meetings: the model-wide view only opens the door; which meetings a member or policy officer
#: sees is decided in adviesraad/vergaderingen/policies.py (the ones they take part in). The
#: keepers (change_vergadering) see all. Nothing is deleted: a meeting is cancelled.
VERGADERING_LEZEN: frozenset[str] = perms("vergaderingen", "view", "vergadering")
VERGADERING_BEHEER: frozenset[str] = (
    perms("vergaderingen", "view add change", "vergadering")
    | perms(
        "vergaderingen",
        "view",
        "deelname",
        "agendapunt",
        "vergaderstuk",
        "notulen",
        "besluit",
        "verschoning",
    )
    | perms("vergaderingen", "view change", "actiepunt")
)

# --- financien (issue 12): the admin reads what the portal's services wrote ---------------------
FINANCIEN_LEZEN: frozenset[str] = perms(
    "financien",
    "view",
    "vergoedingsperiode",
    "vergoedingsregel",
    "begroting",
    "begrotingspost",
    "declaratie",
)
