"""Forms of the quarterly agenda. They only parse input; the services decide."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from adviesraad.models.advies import Adviesaanvraag
from hengelo_participatie.accounts.models import User
from hengelo_participatie.accounts.toewijzing import houders_van
from hengelo_participatie.core.formulieren import PortaalFormulier

from .models import KWARTALEN
from .policies import ONDERWERP_HOUDEN

DATUM = forms.DateInput(attrs={"type": "date", "class": "utrecht-textbox"}, format="%Y-%m-%d")
TEKST = {"class": "utrecht-textbox utrecht-textbox--html-input"}
VAK = {"class": "utrecht-textarea utrecht-textarea--html-textarea", "rows": 4}
KEUZE = {"class": "utrecht-select utrecht-select--html-select"}
DATUM_FOUT = {"invalid": _("Vul een geldige datum in, bijvoorbeeld 15-03-2026.")}


class AgendaForm(PortaalFormulier, forms.Form):
    jaar = forms.IntegerField(
        label=_("Jaar"),
        min_value=2020,
        max_value=2100,
        widget=forms.NumberInput({**TEKST, "inputmode": "numeric"}),
        error_messages={
            "required": _("Vul het jaar in."),
            "invalid": _("Vul het jaar in met vier cijfers, bijvoorbeeld 2026."),
            "min_value": _("Vul een jaar in vanaf 2020."),
            "max_value": _("Vul een jaar in tot en met 2100."),
        },
    )
    kwartaal = forms.TypedChoiceField(
        label=_("Kwartaal"),
        choices=KWARTALEN,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies een kwartaal."),
            "invalid_choice": _("Kies een kwartaal uit de lijst."),
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        vandaag = timezone.localdate()
        self.fields["jaar"].initial = vandaag.year
        self.fields["kwartaal"].initial = (vandaag.month - 1) // 3 + 1


def _datumveld(label: Any) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        widget=DATUM,
        error_messages=DATUM_FOUT,
        help_text=_("Laat leeg als de datum nog niet bekend is."),
    )


class PuntForm(PortaalFormulier, forms.Form):
    titel = forms.CharField(
        label=_("Onderwerp"),
        max_length=200,
        widget=forms.TextInput(TEKST),
        error_messages={
            "required": _("Vul het onderwerp in."),
            "max_length": _("Het onderwerp is te lang: gebruik hoogstens 200 tekens."),
        },
    )
    beleidsmedewerker = forms.ModelChoiceField(
        label=_("Beleidsmedewerker"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("Nog niet bekend"),
        widget=forms.Select(KEUZE),
        error_messages={"invalid_choice": _("Kies een beleidsmedewerker uit de lijst.")},
    )
    meedenken_op = _datumveld(_("Datum meedenken"))
    toelichting_op = _datumveld(_("Datum toelichting"))
    adviesgesprek_op = _datumveld(_("Datum adviesgesprek"))
    collegebesluit_op = _datumveld(_("Datum collegebesluit"))
    raad_op = _datumveld(_("Datum behandeling in de raad"))
    opmerking = forms.CharField(
        label=_("Opmerking"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(VAK),
        error_messages={"max_length": _("De opmerking is te lang: gebruik hoogstens 2000 tekens.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        veld = cast(forms.ModelChoiceField, self.fields["beleidsmedewerker"])  # type: ignore[type-arg]
        veld.queryset = houders_van(ONDERWERP_HOUDEN)


class AanvraagKeuze(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.kenmerk} {obj.titel}"


class KoppelForm(PortaalFormulier, forms.Form):
    adviesaanvraag = AanvraagKeuze(
        label=_("Adviesaanvraag"),
        queryset=Adviesaanvraag.objects.none(),
        required=False,
        empty_label=_("Geen: de adviesaanvraag is er nog niet"),
        widget=forms.Select(KEUZE),
        help_text=_("U ziet alleen adviesaanvragen die u zelf mag inzien."),
        error_messages={"invalid_choice": _("Kies een adviesaanvraag uit de lijst.")},
    )

    def __init__(self, *args: Any, aanvragen: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(AanvraagKeuze, self.fields["adviesaanvraag"]).queryset = aanvragen


class PublicerenForm(PortaalFormulier, forms.Form):
    toelichting = forms.CharField(
        label=_("Wat is er veranderd? (niet verplicht)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(VAK),
        help_text=_("Een korte uitleg voor de leden, bijvoorbeeld waarom een datum is verschoven."),
        error_messages={"max_length": _("De uitleg is te lang: gebruik hoogstens 2000 tekens.")},
    )
