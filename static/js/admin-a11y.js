// Accessibility repairs for two Django admin widgets (WCAG 2.1 AA, checked with axe-core):
// 1. SelectFilter (filter_horizontal) adds <span class="help-tooltip" aria-label="..."> without a
//    role; aria-label is not allowed on a bare span (4.1.2). Give it role="img".
// 2. SplitDateTimeWidget renders "Datum: <input> Tijd: <input>" without <label>s (1.3.1, 4.1.2).
//    Name each input after its field and its part ("Vervaldatum, datum").
// 4. TabularInline puts fields in table cells whose column header is not their label (1.3.1).
//    Name each field after its column header and its row.
// 3. Select2 (autocomplete_fields) labels its combobox only by the selected value, which is
//    empty for a new object (4.1.2). Add the field's own <label> to aria-labelledby.
(function () {
  "use strict";
  function fieldName(input) {
    var base = input.id.replace(/_[01]$/, "");
    var label = document.querySelector('label[for="' + base + '"], label[for="' + base + '_0"]');
    if (label) return label.textContent.replace(/:\s*$/, "").trim();
    var legend = input.closest("fieldset") && input.closest("fieldset").querySelector("legend");
    return legend ? legend.textContent.replace(/:\s*$/, "").trim() : "";
  }
  function repair(root) {
    root.querySelectorAll("span.help-tooltip[aria-label]:not([role])").forEach(function (el) {
      el.setAttribute("role", "img");
    });
    root.querySelectorAll("p.datetime input.vDateField, p.datetime input.vTimeField")
      .forEach(function (input) {
        if (input.hasAttribute("aria-label") || input.labels.length) return;
        var part = input.classList.contains("vDateField") ? "datum" : "tijd";
        var name = fieldName(input);
        input.setAttribute("aria-label", name ? name + ", " + part : part);
      });
    root.querySelectorAll(".tabular table tbody tr").forEach(function (row, index) {
      var headers = row.closest("table").querySelectorAll("thead th");
      var original = row.querySelector("td.original p");
      var rowName = original && original.textContent.trim() ? original.textContent.trim()
        : "rij " + (index + 1);
      Array.prototype.forEach.call(row.cells, function (cell, column) {
        cell.querySelectorAll("input:not([type=hidden]), select, textarea").forEach(function (el) {
          if (el.labels.length || el.hasAttribute("aria-label")) return;
          var header = headers[column] ? headers[column].textContent.trim() : "";
          if (header) el.setAttribute("aria-label", header + ", " + rowName);
        });
      });
    });
    root.querySelectorAll(".select2-selection[role=combobox][aria-labelledby]")
      .forEach(function (box) {
        var current = box.getAttribute("aria-labelledby");
        var match = /^select2-(.+)-container$/.exec(current);
        if (!match) return;
        var label = document.querySelector('label[for="' + match[1] + '"]');
        if (!label) return;
        if (!label.id) label.id = match[1] + "-label";
        box.setAttribute("aria-labelledby", label.id + " " + current);
        var rendered = document.getElementById(current);  // role=textbox, empty until chosen
        if (rendered && !rendered.hasAttribute("aria-labelledby")) {
          rendered.setAttribute("aria-labelledby", label.id);
        }
      });
  }
  function start() {
    repair(document);
    new MutationObserver(function () {
      repair(document);
    }).observe(document.body, { childList: true, subtree: true });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
