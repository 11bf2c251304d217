"""Admin forms. Values are typed the Dutch way ("€ 2.100,00", "2/3", "7550-7559") and parsed per
rule type by ``waarden.lees_invoer``; the services do the writing and the final checks."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from verordening import waarden
from verordening.models import Artikel, HuishoudelijkReglement, Regel
from verordening.reglement import controleer_overgang, mogelijke_overgangen
from verordening.waarden import RegelType

WAARDE_HULP = _(
    "Bedragen en getallen zoals 2.100,00; een breuk zoals 2/3; een duur als aantal (de eenheid "
    "volgt uit de soort); postcodegebieden zoals 7550-7559, 7600-7609; rollen zoals betrokkene, "
    "voorzitter, ondersteuner (betrokkene is de persoon om wie het gaat)."
)


def zet_fouten_op_formulier(form: forms.Form, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form: per field where the form has it."""
    if hasattr(exc, "error_dict"):
        for veld, berichten in exc.message_dict.items():
            form.add_error(veld if veld in form.fields else None, berichten)
    else:
        form.add_error(None, exc.messages)


def _artikelen():
    return Artikel.objects.select_related("verordening").order_by("verordening_id", "id")


class _BronVelden(forms.Form):
    bron = forms.ModelChoiceField(
        queryset=Artikel.objects.none(), required=False, label=_("artikel")
    )
    bron_lid = forms.CharField(label=_("lid"), required=False, max_length=10)
    bron_toelichting = forms.CharField(
        label=_("andere bron of toelichting"), required=False, max_length=300
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["bron"].queryset = _artikelen()


class RegelAanmaakForm(_BronVelden):
    """A new rule (a key that has no versions yet)."""

    sleutel = forms.CharField(label=_("sleutel"), max_length=60)
    naam = forms.CharField(label=_("naam"), max_length=200)
    type = forms.ChoiceField(label=_("soort waarde"), choices=RegelType.choices)
    waarde = forms.CharField(label=_("waarde"), help_text=WAARDE_HULP, max_length=2000)
    eenheid = forms.CharField(label=_("eenheid"), required=False, max_length=50)
    geldig_vanaf = forms.DateField(label=_("geldig vanaf"))

    field_order = [
        "sleutel",
        "naam",
        "type",
        "waarde",
        "eenheid",
        "geldig_vanaf",
        "bron",
        "bron_lid",
        "bron_toelichting",
    ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("type") and "waarde" in cleaned:
            try:
                cleaned["waarde"] = waarden.lees_invoer(cleaned["type"], cleaned["waarde"])
            except ValidationError as exc:
                self.add_error("waarde", exc)
        return cleaned


class RegelVersieForm(_BronVelden):
    """A new version of an existing rule, from a date on."""

    waarde = forms.CharField(label=_("nieuwe waarde"), help_text=WAARDE_HULP, max_length=2000)
    geldig_vanaf = forms.DateField(
        label=_("geldig vanaf"),
        help_text=_("Vandaag of later. De huidige versie geldt tot deze datum."),
    )

    field_order = ["waarde", "geldig_vanaf", "bron", "bron_lid", "bron_toelichting"]

    def __init__(self, *args: Any, regel: Regel, **kwargs: Any) -> None:
        self.regel = regel
        kwargs.setdefault(
            "initial",
            {
                "waarde": waarden.als_invoer(regel.type, regel.waarde),
                "bron": regel.bron_id,
                "bron_lid": regel.bron_lid,
                "bron_toelichting": regel.bron_toelichting,
            },
        )
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if "waarde" in cleaned:
            try:
                cleaned["waarde"] = waarden.lees_invoer(self.regel.type, cleaned["waarde"])
            except ValidationError as exc:
                self.add_error("waarde", exc)
        return cleaned


class RegelWijzigForm(forms.ModelForm):
    """Change form of a version that has started: only its name and source can be corrected."""

    class Meta:
        model = Regel
        fields = ["naam", "bron", "bron_lid", "bron_toelichting"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "bron" in self.fields:  # absent for a user who may only view (read-only admin form)
            self.fields["bron"].queryset = _artikelen()


class RegelToekomstForm(RegelWijzigForm):
    """Change form of a version that has not started yet: its value may still change.

    ``waarde`` is typed as text and parsed per type in ``clean()``, so the model's own checks on
    ``waarde`` land on this field too.
    """

    waarde = forms.CharField(label=_("waarde"), help_text=WAARDE_HULP, max_length=2000)

    class Meta(RegelWijzigForm.Meta):
        fields = ["naam", "type", "waarde", "eenheid", "bron", "bron_lid", "bron_toelichting"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["waarde"] = waarden.als_invoer(self.instance.type, self.instance.waarde)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("type") and "waarde" in cleaned:
            try:
                cleaned["waarde"] = waarden.lees_invoer(cleaned["type"], cleaned["waarde"])
            except ValidationError as exc:
                self.add_error("waarde", exc)
        return cleaned


class HuishoudelijkReglementForm(forms.ModelForm):
    """Text and document (while a concept), plus the next step from the transition table."""

    volgende_stap = forms.ChoiceField(label=_("volgende stap"), required=False)
    opmerkingen = forms.CharField(
        label=_("opmerkingen van het college"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=10_000,
        help_text=_("Verplicht als het college het reglement terugstuurt."),
    )

    #: Set by the admin's get_form: the user whose permissions limit the steps offered.
    gebruiker: Any = None

    class Meta:
        model = HuishoudelijkReglement
        fields = ["titel", "tekst", "bestand"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        status = self.instance.status or HuishoudelijkReglement.Status.CONCEPT
        stappen = mogelijke_overgangen(status, self.gebruiker)
        self.fields["volgende_stap"].choices = [("", _("(status niet wijzigen)"))] + [
            (o.naar, _(o.label)) for o in stappen
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        naar = cleaned.get("volgende_stap")
        if naar:
            try:
                controleer_overgang(
                    van=self.instance.status, naar=naar, opmerkingen=cleaned.get("opmerkingen", "")
                )
            except ValidationError as exc:
                zet_fouten_op_formulier(self, exc)
        return cleaned
