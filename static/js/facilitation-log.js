// The facilitation log's +/- buttons next to the interaction counts (shown only when this script runs).
(function () {
  "use strict";
  var form = document.getElementById("facilitation-form");
  if (!form) return;
  form.querySelectorAll("button[data-step]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var input = document.getElementById(button.dataset.target);
      if (!input) return;
      var value = parseInt(input.value, 10);
      if (isNaN(value)) value = 0;
      var max = parseInt(input.max, 10) || 200;
      value = Math.min(max, Math.max(0, value + parseInt(button.dataset.step, 10)));
      input.value = String(value);
    });
  });
})();
