/* Activity form: shows the fields of the chosen kind (type of event; season and coach for unified sports) and the
   days for a weekly activity. Without JavaScript every field is shown and the server ignores those that do not apply.
   No inline script (CSP). */
(function () {
  "use strict";

  var BY_KIND = {
    event_type: ["inclusive_event"],
    season: ["unified_sports"],
    coach_name: ["unified_sports"],
    coach_trained_on: ["unified_sports"]
  };

  function wrapper(name) {
    return document.getElementById("div_id_" + name);
  }

  function update(form) {
    var kind = form.querySelector("#id_kind");
    var repeats = form.querySelector("#id_repeats");
    Object.keys(BY_KIND).forEach(function (name) {
      var box = wrapper(name);
      if (box && kind) {
        box.hidden = BY_KIND[name].indexOf(kind.value) === -1;
      }
    });
    var days = wrapper("weekdays");
    if (days && repeats) {
      days.hidden = repeats.value !== "weekly";
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector("[data-activity-form]");
    if (!form) {
      return;
    }
    form.addEventListener("change", function () { update(form); });
    update(form);
  });
})();
