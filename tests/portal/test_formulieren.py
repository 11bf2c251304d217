"""The portal form renderer (issue 15 §5): NL Design System controls, labels next to them, the
given answer checked, errors tied to their field. The admin keeps Django's own widgets."""

from __future__ import annotations

import re

from django import forms

from adviesraad.advies.forms import GoedkeuringForm
from adviesraad.models.advies import Oordeel
from hengelo_participatie.core.formulieren import PortaalFormulier


def _input(html: str, value: str) -> str:
    gevonden = re.search(rf'<input[^>]*value="{value}"[^>]*>', html)
    assert gevonden, html
    return gevonden.group(0)


def test_radio_group_is_a_fieldset_with_utrecht_radios_and_the_given_answer_checked():
    html = str(GoedkeuringForm(initial={"oordeel": Oordeel.AKKOORD}))

    assert '<fieldset class="utrecht-form-fieldset' in html
    assert "utrecht-form-fieldset__legend" in html and "Wat vindt u van het concept?" in html
    akkoord = _input(html, Oordeel.AKKOORD)
    wijziging = _input(html, Oordeel.WIJZIGING)
    assert "utrecht-radio-button--html-input" in akkoord
    assert "checked" in akkoord and "checked" not in wijziging
    # Each option is its own row: the label points at its own input.
    input_id = re.search(r'id="([^"]+)"', akkoord).group(1)
    assert f'for="{input_id}"' in html
    # The textarea gets its Utrecht class too.
    assert "utrecht-textarea--html-textarea" in html


def test_errors_are_tied_to_their_field():
    form = GoedkeuringForm(data={})
    html = str(form)

    assert not form.is_valid()
    assert 'id="id_oordeel_error"' in html
    assert 'aria-describedby="' in html and "id_oordeel_error" in html
    assert "utrecht-form-fieldset--invalid" in html


def test_a_plain_django_form_is_untouched():
    """The admin's forms do not use the portal renderer."""

    class Gewoon(forms.Form):
        keuze = forms.ChoiceField(choices=[("a", "A")], widget=forms.RadioSelect)

    class Portaal(PortaalFormulier, Gewoon):
        pass

    assert "utrecht-radio-button" not in str(Gewoon())
    assert "utrecht-radio-button" in str(Portaal())
