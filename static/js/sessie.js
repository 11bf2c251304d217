/*
 * Warning before the idle session timeout (WCAG 2.2.1 Timing Adjustable, ASVS 7.3.1).
 *
 * The partial templates/accounts/_sessie_waarschuwing.html holds a closed <dialog> with every
 * setting in data attributes (no inline script: CSP script-src 'self'). SESSION_WARNING_BEFORE
 * seconds before the idle timeout, the dialog opens as a modal alert dialog and focus moves to
 * "Blijf ingelogd". That button POSTs to the keep-alive URL; the answer says how many seconds
 * are left and the timers start again. When the time is up, the browser goes to the login page.
 * Escape (the dialog's "cancel") does the same as "Blijf ingelogd": closing the warning must not
 * leave the session to run out unannounced.
 */
(function () {
  "use strict";

  var dialog = document.getElementById("sessie-waarschuwing");
  if (!dialog) {
    return;
  }

  var idleTimeout = parseInt(dialog.dataset.idleTimeout, 10) || 1800;
  var warningBefore = parseInt(dialog.dataset.warningBefore, 10) || 300;
  var keepAliveUrl = dialog.dataset.verlengenUrl;
  var loginUrl = dialog.dataset.loginUrl;
  var csrfToken = dialog.dataset.csrfToken;
  var timeEl = dialog.querySelector("[data-sessie-tijd]");
  var statusEl = dialog.querySelector("[data-sessie-status]");
  var extendButton = dialog.querySelector("[data-sessie-verlengen]");

  var warningTimer = null;
  var expiryTimer = null;
  var countdownTimer = null;
  var expiresAt = 0;
  var previousFocus = null;

  function secondsLeft() {
    return Math.max(0, Math.round((expiresAt - Date.now()) / 1000));
  }

  function updateMinutes() {
    if (!timeEl) {
      return;
    }
    var minutes = Math.max(1, Math.ceil(secondsLeft() / 60));
    timeEl.textContent =
      minutes === 1
        ? dialog.dataset.tekstMinuut
        : dialog.dataset.tekstMinuten.replace("{n}", String(minutes));
  }

  function goToLogin() {
    var next = window.location.pathname + window.location.search;
    window.location.assign(
      loginUrl + "?sessie=verlopen&next=" + encodeURIComponent(next)
    );
  }

  function isOpen() {
    return dialog.hasAttribute("open");
  }

  function openDialog() {
    if (isOpen()) {
      return;
    }
    previousFocus = document.activeElement;
    if (statusEl) {
      statusEl.textContent = "";
    }
    updateMinutes();
    if (typeof dialog.showModal === "function") {
      dialog.showModal();
    } else {
      dialog.setAttribute("open", "");
    }
    if (extendButton) {
      extendButton.focus();
    }
    countdownTimer = window.setInterval(updateMinutes, 15000);
  }

  function closeDialog() {
    window.clearInterval(countdownTimer);
    if (!isOpen()) {
      return;
    }
    if (typeof dialog.close === "function") {
      dialog.close();
    } else {
      dialog.removeAttribute("open");
    }
    if (previousFocus && typeof previousFocus.focus === "function") {
      previousFocus.focus();
    }
  }

  function schedule(seconds) {
    window.clearTimeout(warningTimer);
    window.clearTimeout(expiryTimer);
    expiresAt = Date.now() + seconds * 1000;
    warningTimer = window.setTimeout(openDialog, Math.max(0, seconds - warningBefore) * 1000);
    // A little later than the server, so the session is really gone when we arrive.
    expiryTimer = window.setTimeout(goToLogin, (seconds + 2) * 1000);
  }

  function extend() {
    if (extendButton) {
      extendButton.disabled = true;
    }
    window
      .fetch(keepAliveUrl, {
        method: "POST",
        credentials: "same-origin",
        headers: { "X-CSRFToken": csrfToken, Accept: "application/json" },
      })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("status " + response.status);
        }
        return response.json();
      })
      .then(function (data) {
        if (!data.ingelogd || !(data.seconds_left > 0)) {
          goToLogin();
          return;
        }
        closeDialog();
        schedule(data.seconds_left);
      })
      .catch(function () {
        if (statusEl) {
          statusEl.textContent = dialog.dataset.fout || "";
        }
      })
      .then(function () {
        if (extendButton) {
          extendButton.disabled = false;
        }
      });
  }

  if (extendButton) {
    extendButton.addEventListener("click", extend);
  }
  dialog.addEventListener("cancel", function (event) {
    // Keep the dialog open until the server has answered; extend() closes it.
    event.preventDefault();
    extend();
  });
  dialog.addEventListener("close", function () {
    window.clearInterval(countdownTimer);
  });

  // Requests made without a page load (htmx) also renew the session on the server.
  document.addEventListener("htmx:afterRequest", function () {
    if (!isOpen()) {
      schedule(idleTimeout);
    }
  });

  schedule(idleTimeout);
})();
