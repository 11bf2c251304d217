from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from hengelo_participatie.core.formulieren import PortaalFormulier

from . import registry


class VoorkeurenForm(PortaalFormulier, forms.Form):
    """Which non-mandatory kinds of reminder the person wants. Mandatory kinds are not offered:
    a value for one of them is an invalid choice, and nothing is saved."""

    aan = forms.MultipleChoiceField(
        label=_("Welke herinneringen wilt u krijgen?"),
        help_text=_("Zet een vinkje bij de herinneringen die u wilt krijgen."),
        required=False,
        widget=forms.CheckboxSelectMultiple(
            attrs={"class": "utrecht-checkbox utrecht-checkbox--html-input"}
        ),
        error_messages={
            "invalid_choice": _("Deze keuze bestaat niet of kunt u niet uitzetten: %(value)s."),
            "invalid_list": _("Kies een of meer herinneringen uit de lijst."),
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["aan"].choices = [
            # Labels are marked with gettext_noop where they are declared (deadlines.py).
            (p.kind, gettext(p.label))
            for p in sorted(registry.providers(), key=lambda p: gettext(p.label))
            if not p.mandatory
        ]
