/* "Copy" beside a link shown once (a calendar feed's address): copies the field named by data-copy-target and says
   so in the status line beside it ([data-copy-status]). Without JavaScript, or where the browser refuses the clipboard, the field is
   selected so the person copies it themselves. The button stays hidden until this script runs. No inline script
   (CSP). */
(function () {
  "use strict";

  // The words come from the page (data-copied, data-selected on the status line), so they are translated there.
  function say(button, which) {
    var region = button.closest(".card-body");
    var status = region ? region.querySelector("[data-copy-status]") : null;
    if (status) {
      status.textContent = status.getAttribute(which) || "";
    }
  }

  function selectField(field) {
    field.focus();
    field.select();
    field.setSelectionRange(0, field.value.length);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-copy-target]").forEach(function (button) {
      var field = document.getElementById(button.getAttribute("data-copy-target"));
      if (!field) {
        return;
      }
      button.hidden = false;
      button.addEventListener("click", function () {
        var fallback = function () {
          selectField(field);
          say(button, "data-selected");
        };
        if (!navigator.clipboard || !window.isSecureContext) {
          fallback();
          return;
        }
        navigator.clipboard.writeText(field.value).then(function () {
          say(button, "data-copied");
        }, fallback);
      });
    });
  });
})();
