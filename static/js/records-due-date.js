/* Records request form: shows the due date (45 days after the date received) as the date is changed.
   Without JavaScript the page shows the due date for the date it was opened with. No inline script (CSP). */
(function () {
  "use strict";

  function update(input, preview, target) {
    var parts = (input.value || "").split("-");
    if (parts.length !== 3) {
      return;
    }
    var days = parseInt(preview.getAttribute("data-days"), 10);
    var due = new Date(Date.UTC(+parts[0], +parts[1] - 1, +parts[2] + days));
    if (isNaN(due.getTime())) {
      return;
    }
    target.textContent = due.toLocaleDateString(document.documentElement.lang || undefined, {
      year: "numeric", month: "short", day: "numeric", timeZone: "UTC"
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var preview = document.querySelector("[data-due-preview]");
    var input = document.getElementById("id_received_on");
    if (!preview || !input) {
      return;
    }
    var target = preview.querySelector("[data-due-date]");
    input.addEventListener("change", function () { update(input, preview, target); });
    input.addEventListener("input", function () { update(input, preview, target); });
  });
})();
