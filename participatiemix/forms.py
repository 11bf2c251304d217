"""Forms of the portal and the admin. They validate input; services do the writing."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from hengelo_participatie.core.formulieren import PortaalFormulier

from . import rules
from .models import Activiteit, Domein, Instrument, Onderzoek, Opbrengst, OpbrengstSoort, Thema

NL_DS_KLASSEN = {
    forms.Textarea: "utrecht-textarea utrecht-textarea--html-textarea",
    forms.Select: "utrecht-select utrecht-select--html-select",
    forms.NumberInput: "utrecht-textbox utrecht-textbox--html-input",
    forms.TextInput: "utrecht-textbox utrecht-textbox--html-input",
    forms.DateInput: "utrecht-textbox utrecht-textbox--html-input",
    forms.ClearableFileInput: "utrecht-textbox utrecht-textbox--html-input",
    forms.FileInput: "utrecht-textbox utrecht-textbox--html-input",
}


class NLDesignForm(PortaalFormulier, forms.Form):
    """Adds the NL Design System (Utrecht) classes to the widgets."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _klassen(self)


def _klassen(form: forms.BaseForm) -> None:
    for field in form.fields.values():
        for widget_type, klassen in NL_DS_KLASSEN.items():
            if type(field.widget) is widget_type:
                field.widget.attrs.setdefault("class", klassen)


class VerslagForm(NLDesignForm):
    verslag = forms.FileField(
        label=_("Verslag"),
        help_text=_("Een PDF-, Word- of OpenDocument-bestand van maximaal %(mb)s MB.")
        % {"mb": settings.UPLOAD_MAX_BYTES // (1024 * 1024)},
    )


class OpbrengstForm(PortaalFormulier, forms.ModelForm):
    class Meta:
        model = Opbrengst
        fields = ("soort", "thema", "domein", "omschrijving", "citaat", "frequentie")
        widgets = {
            "omschrijving": forms.Textarea(attrs={"rows": 4}),
            "citaat": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["thema"].queryset = Thema.objects.filter(actief=True)
        self.fields["domein"].queryset = Domein.objects.filter(actief=True)
        self.fields["frequentie"].widget.attrs["min"] = 1
        _klassen(self)


class EnqueteImportForm(forms.Form):
    bestand = forms.FileField(
        label=_("CSV-bestand"),
        help_text=_(
            "Kolommen: onderzoek; wet; indicator_code; indicator_tekst; jaar; percentage_positief; "
            "n; bron; publicatiedatum. Bij een fout wordt niets ingelezen."
        ),
    )


#: The two views of a list page for a portfolio holder (see ``relevantie.py``).
WEERGAVE_PORTEFEUILLE = "portefeuille"
WEERGAVE_ALLES = "alles"


class PortefeuilleFilterForm(NLDesignForm):
    """A filter of a list page; for a portfolio holder also "Voor mijn portefeuille" (default)
    or "Toon alles"."""

    def __init__(self, *args: Any, portefeuillehouder: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if portefeuillehouder:
            self.fields["weergave"] = forms.ChoiceField(
                label=_("Weergave"),
                required=False,
                choices=[
                    (WEERGAVE_PORTEFEUILLE, _("Voor mijn portefeuille")),
                    (WEERGAVE_ALLES, _("Toon alles")),
                ],
            )
            self.order_fields(["weergave"])
            _klassen(self)

    def alleen_portefeuille(self) -> bool:
        """Narrow to the portfolio? Yes for a holder, unless they chose "Toon alles"."""
        if "weergave" not in self.fields:
            return False
        if not self.is_bound:
            return True
        self.is_valid()
        return self.cleaned_data.get("weergave") != WEERGAVE_ALLES


class ActiviteitFilterForm(PortefeuilleFilterForm):
    jaar = forms.TypedChoiceField(label=_("Jaar"), required=False, coerce=int, empty_value=None)
    instrument = forms.ModelChoiceField(
        label=_("Instrument"),
        queryset=Instrument.objects.all(),
        required=False,
        empty_label=_("Alle instrumenten"),
    )

    def __init__(self, *args: Any, jaren: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["jaar"].choices = [("", _("Alle jaren"))] + [(j, str(j)) for j in jaren]


class OpbrengstFilterForm(PortefeuilleFilterForm):
    soort = forms.ChoiceField(
        label=_("Soort"), required=False, choices=[("", _("Alle soorten")), *OpbrengstSoort.choices]
    )
    thema = forms.ModelChoiceField(
        label=_("Thema"),
        queryset=Thema.objects.all(),
        required=False,
        empty_label=_("Alle thema's"),
    )


class JaarForm(NLDesignForm):
    jaar = forms.TypedChoiceField(label=_("Jaar"), coerce=int)

    def __init__(self, *args: Any, jaren: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["jaar"].choices = [(j, str(j)) for j in jaren]


class OnderzoekFilterForm(NLDesignForm):
    onderzoek = forms.ChoiceField(
        label=_("Onderzoek"),
        required=False,
        choices=[("", _("Alle onderzoeken")), *Onderzoek.choices],
    )


class ActiviteitAdminForm(forms.ModelForm):
    """The admin's activity form: also checks that the feedback rule applies on the date."""

    class Meta:
        model = Activiteit
        fields = (
            "instrument",
            "titel",
            "omschrijving",
            "startdatum",
            "einddatum",
            "themas",
            "domeinen",
            "doelgroepen",
            "organisaties",
            "verantwoordelijke",
            "gespreksleider",
            "gespreksleider_organisatie",
            "luisterdelegatie",
            "werving",
            "aantal_deelnemers",
            "beslisruimte",
            "verwachtingen",
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        datum = cleaned.get("einddatum") or cleaned.get("startdatum")
        if datum:
            try:
                rules.terugkoppeling_uiterste_datum(datum)
            except forms.ValidationError as exc:
                self.add_error("startdatum", exc)
        return cleaned
