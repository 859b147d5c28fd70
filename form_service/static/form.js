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
    // A print button on the receipt (hidden when JavaScript is off: the browser menu prints too).
    var buttons = document.querySelectorAll(".print-button");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].hidden = false;
      buttons[i].addEventListener("click", function () { window.print(); });
    }
  });
})();
