// Django's SelectFilter widget (filter_horizontal) adds <span class="help-tooltip"
// aria-label="..."> without a role. aria-label is not allowed on a span without a role
// (WCAG 4.1.2, axe "aria-prohibited-attr"), so screen readers may ignore it. Give these spans
// role="img" so the label is announced, for spans present now and added later by the widget.
(function () {
  "use strict";
  function repair(root) {
    root.querySelectorAll("span.help-tooltip[aria-label]:not([role])").forEach(function (el) {
      el.setAttribute("role", "img");
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
