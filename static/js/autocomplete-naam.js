/*
 * Part of the project's autocomplete widget (core/admin_keuzes.py, BenoemdeAutocompleteSelect),
 * loaded only where that widget is on the page, after Django's admin/js/autocomplete.js.
 *
 * Select2 builds its combobox with script and names it, and the read-only textbox inside it,
 * only after the chosen value. Here both are also named by the field's own <label>, so an empty
 * field is announced as "Account" instead of nothing. Without JavaScript there is no Select2:
 * the plain <select> keeps its <label>.
 */
"use strict";
{
  const $ = django.jQuery;

  function benoem(select) {
    const label = document.querySelector('label[for="' + select.id + '"]');
    const weergave = document.getElementById("select2-" + select.id + "-container");
    if (!label || !weergave) {
      return;
    }
    if (!label.id) {
      label.id = select.id + "-label";
    }
    weergave.setAttribute("aria-labelledby", label.id);
    const combobox = weergave.closest("[role=combobox]");
    if (combobox) {
      combobox.setAttribute("aria-labelledby", label.id + " " + weergave.id);
    }
  }

  $(function () {
    $(".admin-autocomplete").not("[name*=__prefix__]").each(function () {
      benoem(this);
    });
  });

  document.addEventListener("formset:added", (event) => {
    $(event.target).find(".admin-autocomplete").each(function () {
      benoem(this);
    });
  });
}
