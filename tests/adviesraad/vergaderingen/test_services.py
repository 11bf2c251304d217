"""Services of meetings: invitations through the outbox, the rule on documents, attendance,
minutes, recusal, grants on documents, and history."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from adviesraad.advies.services.aanvraag import aanvraag_aanmaken
from adviesraad.models.advies import Belangmelding
from adviesraad.models.advies import Soort as AdviesSoort
from adviesraad.vergaderingen import selectors
from adviesraad.vergaderingen.models import (
    Aanmelding,
    Aanwezigheid,
    Deelname,
    NotulenStatus,
    Status,
    Vergadering,
    Verschoning,
)
from adviesraad.vergaderingen.models import Soort as VergaderSoort
from adviesraad.vergaderingen.services import agenda as agenda_services
from adviesraad.vergaderingen.services import besluiten as besluiten_services
from adviesraad.vergaderingen.services import deelnemers as deelnemers_services
from adviesraad.vergaderingen.services import notulen as notulen_services
from adviesraad.vergaderingen.services import stukken as stukken_services
from adviesraad.vergaderingen.services import uitnodiging as uitnodiging_services
from adviesraad.vergaderingen.services import vergadering as vergadering_services
from hengelo_participatie.files.policy import bestand_policy
from hengelo_participatie.notifications.models import Herinnering
from tests.adviesraad.factories import LidFactory
from tests.adviesraad.vergaderingen.conftest import gehouden, moment
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_new_meeting_invites_the_current_council_and_chosen_others(
    raad: dict[str, Any], maak_vergadering: Callable[..., Vergadering]
) -> None:
    # A chosen other must be someone who may see meetings (a role): see test_beveiliging.py.
    gast = UserFactory(email="gast@example.org", roles=["beleidsmedewerker"])
    oud = UserFactory(email="oud@example.org", roles=["lid"], is_active=False)
    v = maak_vergadering(extra_deelnemers=[gast])
    ids = set(v.deelnames.values_list("gebruiker_id", flat=True))
    assert ids == {u.pk for u in raad["leden"]} | {raad["voorzitter"].pk, gast.pk}
    assert oud.pk not in ids
    assert raad["ondersteuner"].pk not in ids


def test_only_keepers_plan_meetings(
    raad: dict[str, Any], maak_vergadering: Callable[..., Vergadering]
) -> None:
    with pytest.raises(PermissionDenied):
        maak_vergadering(door=raad["leden"][0])
    with pytest.raises(PermissionDenied):
        maak_vergadering(door=raad["beleidsmedewerker"])
    assert not Vergadering.objects.exists()
    assert maak_vergadering(door=raad["accounthouder"]).pk


def test_end_before_begin_and_activity_on_wrong_type_are_refused(
    raad: dict[str, Any], maak_vergadering: Callable[..., Vergadering]
) -> None:
    with pytest.raises(ValidationError) as exc:
        maak_vergadering(einde=moment(13))
    assert "einde" in exc.value.message_dict
    assert not Vergadering.objects.exists()


def test_invitation_goes_to_the_outbox_for_every_participant(
    raad: dict[str, Any], maak_vergadering: Callable[..., Vergadering]
) -> None:
    v = maak_vergadering(dagen=30)
    uitnodiging = uitnodiging_services.uitnodiging_versturen(
        vergadering=v, door=raad["ondersteuner"]
    )
    v.refresh_from_db()
    assert v.uitnodiging_verzonden_op is not None
    assert uitnodiging.ontvangers == 4
    assert not uitnodiging.te_laat and uitnodiging.waarschuwing == ""
    rijen = Herinnering.objects.filter(soort=uitnodiging_services.UITNODIGING)
    assert set(rijen.values_list("ontvanger_id", flat=True)) == set(
        v.deelnames.values_list("gebruiker_id", flat=True)
    )
    assert all(r.link == f"/portaal/vergaderingen/{v.pk}/" for r in rijen)
    assert all(r.verplicht for r in rijen)
    # Sending again does not duplicate.
    uitnodiging_services.uitnodiging_versturen(vergadering=v, door=raad["ondersteuner"])
    assert rijen.count() == 4


def test_late_invitation_warns_with_the_rule(
    raad: dict[str, Any], maak_vergadering: Callable[..., Vergadering]
) -> None:
    v = maak_vergadering(dagen=3)  # the rule asks for 7 days
    uitnodiging = uitnodiging_services.uitnodiging_versturen(
        vergadering=v, door=raad["ondersteuner"]
    )
    assert uitnodiging.te_laat
    assert "later" in uitnodiging.waarschuwing and "7 dagen" in uitnodiging.waarschuwing
    assert Herinnering.objects.filter(soort=uitnodiging_services.UITNODIGING).count() == 4


def test_invitation_refused_for_members(
    raad: dict[str, Any], maak_vergadering: Callable[..., Vergadering]
) -> None:
    v = maak_vergadering()
    with pytest.raises(PermissionDenied):
        uitnodiging_services.uitnodiging_versturen(vergadering=v, door=raad["leden"][0])
    v.refresh_from_db()
    assert v.uitnodiging_verzonden_op is None
    assert not Herinnering.objects.exists()


def test_rsvp_by_participant_only_before_the_meeting(
    raad: dict[str, Any], maak_vergadering: Callable[..., Vergadering]
) -> None:
    v = maak_vergadering()
    lid = raad["leden"][0]
    d = deelnemers_services.aanmelden(
        vergadering=v, door=lid, aanmelding=Aanmelding.KOMT_NIET, toelichting=" Ziek "
    )
    assert (d.aanmelding, d.aanmelding_toelichting) == ("komt_niet", "Ziek")
    with pytest.raises(PermissionDenied):
        deelnemers_services.aanmelden(
            vergadering=v, door=raad["beleidsmedewerker"], aanmelding="komt"
        )
    with pytest.raises(ValidationError):
        deelnemers_services.aanmelden(vergadering=v, door=lid, aanmelding="misschien")
    verleden = maak_vergadering(dagen=-2)
    with pytest.raises(ValidationError):
        deelnemers_services.aanmelden(vergadering=verleden, door=lid, aanmelding="komt")


def test_attendance_recorded_after_the_meeting_marks_it_held(
    raad: dict[str, Any], maak_vergadering: Callable[..., Vergadering]
) -> None:
    toekomst = maak_vergadering()
    with pytest.raises(ValidationError):
        deelnemers_services.aanwezigheid_vastleggen(
            vergadering=toekomst, door=raad["ondersteuner"], per_deelname={}
        )
    v = maak_vergadering(dagen=-1)
    d1, d2 = list(v.deelnames.order_by("pk"))[:2]
    with pytest.raises(ValidationError):
        deelnemers_services.aanwezigheid_vastleggen(
            vergadering=v, door=raad["ondersteuner"], per_deelname={d1.pk: "feest"}
        )
    andere = maak_vergadering(dagen=-3).deelnames.first()
    with pytest.raises(ValidationError):
        deelnemers_services.aanwezigheid_vastleggen(
            vergadering=v, door=raad["ondersteuner"], per_deelname={andere.pk: "aanwezig"}
        )
    deelnemers_services.aanwezigheid_vastleggen(
        vergadering=v,
        door=raad["ondersteuner"],
        per_deelname={d1.pk: Aanwezigheid.AANWEZIG, d2.pk: Aanwezigheid.AFGEMELD},
    )
    d1.refresh_from_db()
    v.refresh_from_db()
    assert d1.aanwezigheid == "aanwezig" and v.status == Status.GEHOUDEN
    laatste = d1.history.first()
    assert laatste.history_user == raad["ondersteuner"]
    assert laatste.history_change_reason == "aanwezigheid"


def test_minutes_are_sanitised_and_approved_in_a_later_meeting(
    raad: dict[str, Any], maak_vergadering: Callable[..., Vergadering]
) -> None:
    v = maak_vergadering(dagen=-20)
    later = gehouden(maak_vergadering(dagen=-1), raad["ondersteuner"])
    eerder = gehouden(maak_vergadering(dagen=-30), raad["ondersteuner"])
    n = notulen_services.notulen_opslaan(
        vergadering=v,
        tekst='<p onclick="x()">Goed <script>alert(1)</script><a href="file:///etc/passwd">x</a></p>',
        door=raad["ondersteuner"],
    )
    assert "script" not in n.tekst and "onclick" not in n.tekst and "href" not in n.tekst
    with pytest.raises(ValidationError):
        notulen_services.notulen_vaststellen(
            vergadering=v, in_vergadering=eerder, door=raad["ondersteuner"]
        )
    with pytest.raises(PermissionDenied):
        notulen_services.notulen_vaststellen(
            vergadering=v, in_vergadering=later, door=raad["leden"][0]
        )
    n = notulen_services.notulen_vaststellen(
        vergadering=v, in_vergadering=later, door=raad["ondersteuner"]
    )
    assert n.status == NotulenStatus.VASTGESTELD and n.vastgesteld_in == later
    assert n.vastgesteld_op == timezone.localdate(later.begin)
    with pytest.raises(ValidationError):
        notulen_services.notulen_opslaan(
            vergadering=v, tekst="<p>anders</p>", door=raad["ondersteuner"]
        )
    assert [h.status for h in n.history.order_by("history_id")] == ["concept", "vastgesteld"]


def test_minutes_are_approved_only_in_a_held_council_meeting(
    raad: dict[str, Any], maak_vergadering: Callable[..., Vergadering]
) -> None:
    """Issue 14 point 5: not in a meeting that has not happened, not in a listening delegation
    or a politieke markt; the approval page offers only held council meetings."""
    v = maak_vergadering(dagen=-20)
    notulen_services.notulen_opslaan(vergadering=v, tekst="<p>Kort.</p>", door=raad["ondersteuner"])
    toekomst = maak_vergadering(dagen=5)
    niet_gehouden = maak_vergadering(dagen=-2)
    delegatie = gehouden(
        maak_vergadering(dagen=-3, soort=VergaderSoort.LUISTERDELEGATIE), raad["ondersteuner"]
    )
    markt = gehouden(
        maak_vergadering(dagen=-4, soort=VergaderSoort.POLITIEKE_MARKT), raad["ondersteuner"]
    )
    for ongeschikt in (toekomst, niet_gehouden, delegatie, markt):
        with pytest.raises(ValidationError) as fout:
            notulen_services.notulen_vaststellen(
                vergadering=v, in_vergadering=ongeschikt, door=raad["ondersteuner"]
            )
        assert "in_vergadering" in fout.value.message_dict
    goed = gehouden(maak_vergadering(dagen=-1), raad["ondersteuner"])
    assert list(selectors.latere_vergaderingen(v)) == [goed]
    n = notulen_services.notulen_vaststellen(
        vergadering=v, in_vergadering=goed, door=raad["ondersteuner"]
    )
    assert n.vastgesteld_in == goed


def test_recusal_from_a_declared_conflict_on_the_agenda_items_request(
    raad: dict[str, Any], maak_vergadering: Callable[..., Vergadering]
) -> None:
    lid_user = raad["leden"][0]
    lid = LidFactory(user=lid_user)
    aanvraag = aanvraag_aanmaken(soort=AdviesSoort.ONGEVRAAGD, titel="Mantelzorg", door=None)
    Belangmelding.objects.create(aanvraag=aanvraag, lid=lid, toelichting="Mijn werkgever")
    v = maak_vergadering()
    punt = agenda_services.agendapunt_opslaan(
        vergadering=v, titel="Advies mantelzorg", adviesaanvraag=aanvraag, door=raad["ondersteuner"]
    )
    verschoning = Verschoning.objects.get()
    assert (verschoning.agendapunt, verschoning.gebruiker) == (punt, lid_user)
    assert aanvraag.kenmerk in verschoning.reden
    assert "werkgever" not in verschoning.reden  # the declaration's text stays private
    agenda_services.verschoningen_bijwerken(vergadering=v)
    assert Verschoning.objects.count() == 1
    detail = selectors.vergadering_detail(raad["ondersteuner"], v.pk)
    assert [r.gebruiker for r in detail.verschoningen] == [lid_user]


def test_documents_reach_participants_and_confidential_ones_not_the_account_holder(
    raad: dict[str, Any], maak_vergadering: Callable[..., Vergadering], pdf_bytes: bytes
) -> None:
    v = maak_vergadering()
    geheim = stukken_services.stuk_toevoegen(
        vergadering=v,
        upload=SimpleUploadedFile("geheim.pdf", pdf_bytes),
        titel="Concept",
        vertrouwelijk=True,
        door=raad["ondersteuner"],
    )
    openbaar = stukken_services.stuk_toevoegen(
        vergadering=v,
        upload=SimpleUploadedFile("agenda.pdf", pdf_bytes),
        titel="Agenda",
        vertrouwelijk=False,
        door=raad["ondersteuner"],
    )
    lid, ah = raad["leden"][0], raad["accounthouder"]
    assert bestand_policy.user_has_perm_for_object(lid, "view", geheim.bestand)
    assert not bestand_policy.user_has_perm_for_object(ah, "view", geheim.bestand)
    assert bestand_policy.user_has_perm_for_object(ah, "view", openbaar.bestand)
    buiten = UserFactory(email="buiten@example.org", roles=["gespreksleider"])
    assert not bestand_policy.user_has_perm_for_object(buiten, "view", geheim.bestand)
    # A participant added later gets the documents too.
    gast = UserFactory(email="gast@example.org", roles=["beleidsmedewerker"])
    deelnemers_services.deelnemers_uitnodigen(
        vergadering=v, gebruikers=[gast], door=raad["ondersteuner"]
    )
    assert bestand_policy.user_has_perm_for_object(gast, "view", geheim.bestand)


def test_bad_upload_is_refused_without_rows(
    raad: dict[str, Any], maak_vergadering: Callable[..., Vergadering]
) -> None:
    v = maak_vergadering()
    with pytest.raises(ValidationError):
        stukken_services.stuk_toevoegen(
            vergadering=v,
            upload=SimpleUploadedFile("x.pdf", b"<html><script>1</script></html>"),
            titel="Nep",
            door=raad["ondersteuner"],
        )
    assert not v.stukken.exists()


def test_actions_and_decisions(
    raad: dict[str, Any], maak_vergadering: Callable[..., Vergadering]
) -> None:
    v = maak_vergadering(dagen=-1)
    with pytest.raises(ValidationError):
        besluiten_services.actiepunt_toevoegen(
            vergadering=v,
            omschrijving="x",
            eigenaar=raad["beleidsmedewerker"],
            door=raad["ondersteuner"],
        )
    a = besluiten_services.actiepunt_toevoegen(
        vergadering=v,
        omschrijving="Brief sturen",
        eigenaar=raad["leden"][1],
        door=raad["ondersteuner"],
    )
    a = besluiten_services.actiepunt_bijwerken(
        actiepunt=a, door=raad["ondersteuner"], afgerond=True
    )
    assert a.afgerond and a.afgerond_op == timezone.localdate()
    b = besluiten_services.besluit_vastleggen(
        vergadering=v, tekst="Akkoord", door=raad["ondersteuner"]
    )
    assert b.history.first().history_user == raad["ondersteuner"]


def test_volgende_vergaderingen_for_the_dashboard(
    raad: dict[str, Any],
    maak_vergadering: Callable[..., Vergadering],
    django_assert_max_num_queries: Any,
) -> None:
    lid = raad["leden"][0]
    for dagen in (30, 5, 10, -3, 20, 40, 50):
        maak_vergadering(dagen=dagen)
    geannuleerd = maak_vergadering(dagen=1)
    vergadering_services.vergadering_wijzigen(
        vergadering=geannuleerd, status=Status.GEANNULEERD, door=raad["ondersteuner"]
    )
    zonder_mij = maak_vergadering(dagen=2, raad_uitnodigen=False)
    eerste = Vergadering.objects.get(begin=moment(5))
    deelnemers_services.aanmelden(vergadering=eerste, door=lid, aanmelding=Aanmelding.KOMT)
    lid = type(lid).objects.get(pk=lid.pk)
    with django_assert_max_num_queries(3):
        lijst = selectors.volgende_vergaderingen(lid, aantal=5)
    assert [v.vergadering.begin for v in lijst] == [moment(d) for d in (5, 10, 20, 30, 40)]
    assert lijst[0].aanmelding == "komt" and lijst[1].aanmelding == "onbekend"
    assert zonder_mij.pk not in {v.vergadering.pk for v in lijst}
    assert selectors.volgende_vergaderingen(raad["beleidsmedewerker"]) == []


def test_visibility_rule(
    raad: dict[str, Any], maak_vergadering: Callable[..., Vergadering]
) -> None:
    from adviesraad.vergaderingen.policies import vergadering_policy

    v = maak_vergadering()
    alleen_gast = maak_vergadering(
        raad_uitnodigen=False, extra_deelnemers=[raad["beleidsmedewerker"]]
    )
    oud = UserFactory(email="oudlid@example.org")
    Deelname.objects.create(vergadering=v, gebruiker=oud)  # participated, then lost the role
    assert set(vergadering_policy.instances_user_has_perm_for(raad["leden"][0])) == {v}
    assert set(vergadering_policy.instances_user_has_perm_for(raad["beleidsmedewerker"])) == {
        alleen_gast
    }
    assert set(vergadering_policy.instances_user_has_perm_for(raad["accounthouder"])) == {
        v,
        alleen_gast,
    }
    assert not vergadering_policy.instances_user_has_perm_for(oud).exists()


def test_meeting_name_uses_the_local_day():
    from datetime import UTC, datetime

    from adviesraad.vergaderingen.models import Vergadering

    # 23:30 UTC on 31 March is 01:30 on 1 April in Amsterdam (summer time).
    v = Vergadering(titel="Nachtoverleg", begin=datetime(2026, 3, 31, 23, 30, tzinfo=UTC))
    assert str(v) == "Nachtoverleg (01-04-2026)"
