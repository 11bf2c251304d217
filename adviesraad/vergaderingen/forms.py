"""Forms of the meeting pages. They only parse input; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from adviesraad.models.advies import Adviesaanvraag
from hengelo_participatie.core.formulieren import PortaalFormulier
from verordening.models import Samenwerkingsafspraken

from . import koppelingen
from .models import (
    AFSPRAKEN_SOORTEN,
    Aanmelding,
    Aanwezigheid,
    Agendapunt,
    Deelname,
    Soort,
    Vergadering,
)
from .policies import vergadering_policy

DATUM = forms.DateInput(attrs={"type": "date", "class": "utrecht-textbox"}, format="%Y-%m-%d")
MOMENT = forms.DateTimeInput(
    attrs={"type": "datetime-local", "class": "utrecht-textbox"}, format="%Y-%m-%dT%H:%M"
)
TEKST = {"class": "utrecht-textbox utrecht-textbox--html-input"}
VAK = {"class": "utrecht-textarea utrecht-textarea--html-textarea", "rows": 4}
KEUZE = {"class": "utrecht-select utrecht-select--html-select"}


class GebruikerKeuze(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.get_full_name() or obj.email


class GebruikersKeuze(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.get_full_name() or obj.email


class VergaderingForm(PortaalFormulier, forms.Form):
    soort = forms.ChoiceField(
        label=_("Soort vergadering"), choices=Soort.choices, widget=forms.Select(KEUZE)
    )
    titel = forms.CharField(label=_("Titel"), max_length=200, widget=forms.TextInput(TEKST))
    begin = forms.DateTimeField(label=_("Begin"), widget=MOMENT)
    einde = forms.DateTimeField(label=_("Einde"), required=False, widget=MOMENT)
    locatie = forms.CharField(
        label=_("Plaats"), max_length=200, required=False, widget=forms.TextInput(TEKST)
    )
    online_link = forms.URLField(
        label=_("Link voor online deelnemen"),
        required=False,
        assume_scheme="https",
        widget=forms.URLInput(TEKST),
    )
    vertrouwelijk = forms.TypedChoiceField(
        label=_("Is deze vergadering vertrouwelijk?"),
        help_text=_(
            "Bij een vertrouwelijke vergadering staat de titel niet in e-mails en agenda-apps. "
            "Deelnemers zien de titel wel in het portaal."
        ),
        choices=[
            (
                "",
                _("Hangt af van de soort: ja bij een meedenksessie, toelichting of adviesgesprek"),
            ),
            ("ja", _("Ja, vertrouwelijk")),
            ("nee", _("Nee, niet vertrouwelijk")),
        ],
        coerce=lambda waarde: waarde == "ja",
        empty_value=None,
        required=False,
        initial="",
        widget=forms.RadioSelect,
    )
    extra_deelnemers = GebruikersKeuze(
        label=_("Andere deelnemers"),
        help_text=_("De leden van de adviesraad worden altijd uitgenodigd."),
        # Only people who may see meetings: not a former member or someone without a role.
        queryset=vergadering_policy.gebruikers_met_toegang().order_by("achternaam", "voornaam"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A record of a higher layer linked to the meeting (``koppelingen``: a listening
        # delegation's activity), right after the place; its choices come from its own model.
        for koppeling in koppelingen.alle():
            self.fields[koppeling.naam] = koppeling.veld.formfield(
                label=koppeling.label, required=False, widget=forms.Select(KEUZE)
            )
        self.order_fields(koppelingen.in_volgorde(self.fields, na="online_link"))


class DeelnemersForm(PortaalFormulier, forms.Form):
    gebruikers = GebruikersKeuze(
        label=_("Wie nodigt u nog meer uit?"),
        queryset=get_user_model().objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, vergadering: Vergadering, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["gebruikers"].queryset = (
            vergadering_policy.gebruikers_met_toegang()
            .exclude(deelnames__vergadering=vergadering)
            .order_by("achternaam", "voornaam")
        )


class AanmeldForm(PortaalFormulier, forms.Form):
    aanmelding = forms.ChoiceField(
        label=_("Komt u naar deze vergadering?"),
        choices=[(Aanmelding.KOMT, _("Ja, ik kom")), (Aanmelding.KOMT_NIET, _("Nee, ik kom niet"))],
        widget=forms.RadioSelect,
    )
    toelichting = forms.CharField(
        label=_("Toelichting (niet verplicht)"),
        max_length=300,
        required=False,
        widget=forms.TextInput(TEKST),
    )


class AgendapuntForm(PortaalFormulier, forms.Form):
    volgorde = forms.IntegerField(
        label=_("Nummer"),
        min_value=1,
        max_value=999,
        required=False,
        widget=forms.NumberInput(TEKST),
    )
    titel = forms.CharField(label=_("Titel"), max_length=200, widget=forms.TextInput(TEKST))
    toelichting = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(VAK)
    )
    adviesaanvraag = forms.ModelChoiceField(
        label=_("Over welke adviesaanvraag?"),
        queryset=Adviesaanvraag.objects.none(),
        required=False,
        widget=forms.Select(KEUZE),
    )

    def __init__(self, *args: Any, aanvragen: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["adviesaanvraag"].queryset = aanvragen


class StukForm(PortaalFormulier, forms.Form):
    titel = forms.CharField(label=_("Titel"), max_length=200, widget=forms.TextInput(TEKST))
    upload = forms.FileField(
        label=_("Bestand"), help_text=_("Een PDF, Word-, Excel- of OpenDocument-bestand.")
    )
    agendapunt = forms.ModelChoiceField(
        label=_("Bij agendapunt"),
        queryset=Agendapunt.objects.none(),
        required=False,
        widget=forms.Select(KEUZE),
    )
    vertrouwelijk = forms.BooleanField(
        label=_("Vertrouwelijk: alleen voor de deelnemers en de ondersteuner"),
        required=False,
        initial=True,
    )

    def __init__(self, *args: Any, vergadering: Vergadering, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agendapunt"].queryset = vergadering.agendapunten.all()


class AanwezigheidForm(PortaalFormulier, forms.Form):
    """One choice per participant: field ``deelname_<id>``."""

    def __init__(self, *args: Any, deelnames: list[Deelname], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.deelnames = deelnames
        keuzes = [c for c in Aanwezigheid.choices if c[0]]
        for d in deelnames:
            self.fields[f"deelname_{d.pk}"] = forms.ChoiceField(
                label=d.gebruiker.get_full_name() or d.gebruiker.email,
                choices=keuzes,
                widget=forms.RadioSelect,
                initial=d.aanwezigheid or None,
                help_text=(
                    _("Vooraf: %(a)s") % {"a": d.get_aanmelding_display()}
                    + (f" ({d.aanmelding_toelichting})" if d.aanmelding_toelichting else "")
                ),
            )

    def per_deelname(self) -> dict[int, str]:
        return {d.pk: self.cleaned_data[f"deelname_{d.pk}"] for d in self.deelnames}


class NotulenForm(PortaalFormulier, forms.Form):
    tekst = forms.CharField(
        label=_("Notulen"),
        widget=forms.Textarea({**VAK, "rows": 16}),
        help_text=_("U mag <strong>, <em>, <ul>, <ol>, <li> en <p> gebruiken."),
    )


class VaststellenForm(PortaalFormulier, forms.Form):
    in_vergadering = forms.ModelChoiceField(
        label=_("In welke vergadering zijn de notulen vastgesteld?"),
        queryset=Vergadering.objects.none(),
        widget=forms.Select(KEUZE),
    )

    def __init__(self, *args: Any, keuzes: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["in_vergadering"].queryset = keuzes


class ActiepuntForm(PortaalFormulier, forms.Form):
    omschrijving = forms.CharField(
        label=_("Wat moet er gebeuren?"), max_length=500, widget=forms.TextInput(TEKST)
    )
    eigenaar = GebruikerKeuze(
        label=_("Wie pakt het op?"),
        queryset=get_user_model().objects.none(),
        required=False,
        widget=forms.Select(KEUZE),
    )
    uiterlijk = forms.DateField(label=_("Klaar op"), required=False, widget=DATUM)

    def __init__(self, *args: Any, vergadering: Vergadering, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The service's rule: a participant who still holds a role that sees meetings.
        self.fields["eigenaar"].queryset = vergadering_policy.actiehouder_keuzes(
            vergadering
        ).order_by("achternaam", "voornaam")


class BesluitForm(PortaalFormulier, forms.Form):
    tekst = forms.CharField(label=_("Besluit"), widget=forms.Textarea(VAK))
    agendapunt = forms.ModelChoiceField(
        label=_("Bij agendapunt"),
        queryset=Agendapunt.objects.none(),
        required=False,
        widget=forms.Select(KEUZE),
    )
    samenwerkingsafspraken = forms.ModelChoiceField(
        label=_("Wijzigt de samenwerkingsafspraken"),
        queryset=Samenwerkingsafspraken.objects.order_by("-jaar"),
        required=False,
        widget=forms.Select(KEUZE),
        help_text=_("Alleen bij een afspraak die de samenwerkingsafspraken verandert."),
    )

    def __init__(self, *args: Any, vergadering: Vergadering, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agendapunt"].queryset = vergadering.agendapunten.all()
        if vergadering.soort not in AFSPRAKEN_SOORTEN:
            del self.fields["samenwerkingsafspraken"]
