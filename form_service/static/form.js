// Progressive enhancement only: the form works fully without this file.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    // Move focus to the error summary (or the notice) so screen readers announce it first.
    var target = document.getElementById("error-summary") || document.getElementById("form-notice");
    if (target) {
      target.focus();
    }
    // Clicking a link in the error summary focuses the field, not just scrolls to it.
    var summary = document.getElementById("error-summary");
    if (summary) {
      summary.addEventListener("click", function (event) {
        var link = event.target.closest("a[href^='#']");
        if (!link) return;
        var field = document.getElementById(link.getAttribute("href").slice(1));
        if (field) {
          event.preventDefault();
          field.scrollIntoView({block: "center"});
          field.focus();
        }
      });
    }
    // Send the form once: a double tap on a slow network would otherwise send it twice. The
    // server answers a resend with the same receipt anyway; this only saves the second request.
    // The button comes back after a while (a request that hangs can be sent again) and when the
    // page is shown again from the back/forward cache.
    var forms = document.querySelectorAll("form.form");
    for (var f = 0; f < forms.length; f++) {
      forms[f].addEventListener("submit", function (event) {
        var button = event.target.querySelector("button[type='submit']");
        if (!button) return;
        if (button.disabled) {
          event.preventDefault();
          return;
        }
        var label = button.textContent;
        button.disabled = true;  // does not cancel the submission under way
        button.textContent = "Sedang mengirim\u2026";
        var release = function () {
          button.disabled = false;
          button.textContent = label;
        };
        window.setTimeout(release, 15000);
        window.addEventListener("pageshow", function (shown) {
          if (shown.persisted) release();
        }, {once: true});
      });
    }
    // A print button on the receipt (hidden when JavaScript is off: the browser menu prints too).
    var buttons = document.querySelectorAll(".print-button");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].hidden = false;
      buttons[i].addEventListener("click", function () { window.print(); });
    }
  });
})();
