/* Phone attendance: each tap (a status, the minutes missed, a note) is saved at once, so a list left half-way is
   kept. Posts one person's mark to the page's mark URL with the form's CSRF token. Without JavaScript the page's
   "Save attendance" button saves the whole list. No inline script (CSP). */
(function () {
  "use strict";

  function field(fieldset, prefix) {
    return fieldset.querySelector("[name='" + prefix + "-" + fieldset.getAttribute("data-student") + "']" +
      (prefix === "status" ? ":checked" : ""));
  }

  function say(fieldset, text, isError) {
    var state = fieldset.querySelector(".attendance-state");
    state.textContent = text;
    state.classList.toggle("text-danger", !!isError);
    state.classList.toggle("text-body-secondary", !isError);
  }

  function save(form, fieldset) {
    var status = field(fieldset, "status");
    var missed = field(fieldset, "missed");
    var note = field(fieldset, "note");
    var lateOrEarly = status && (status.value === "late" || status.value === "left_early");
    if (lateOrEarly && !(parseInt(missed.value, 10) > 0)) {
      say(fieldset, form.getAttribute("data-ask-minutes") || "How many minutes did they miss?", false);
      missed.focus();
      return;
    }
    var data = new FormData();
    data.append("csrfmiddlewaretoken", form.querySelector("[name=csrfmiddlewaretoken]").value);
    data.append("student", fieldset.getAttribute("data-student"));
    data.append("status", status ? status.value : "present");
    data.append("minutes_missed", lateOrEarly ? missed.value : "0");
    data.append("note", note.value);
    var reason = form.querySelector("[name=reason]");
    if (reason) {
      data.append("reason", reason.value);
    }
    say(fieldset, form.getAttribute("data-saving") || "Saving…", false);
    fetch(form.getAttribute("data-mark-url"), {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" }
    }).then(function (response) {
      return response.json().then(function (answer) { return { ok: response.ok, answer: answer }; });
    }).then(function (result) {
      if (result.ok && result.answer.ok) {
        say(fieldset, result.answer.message + " " + result.answer.minutes + " min", false);
        fieldset.setAttribute("data-saved", "1");
      } else {
        say(fieldset, result.answer.error || "Not saved.", true);
      }
    }).catch(function () {
      say(fieldset, form.getAttribute("data-offline") || "Not saved: no connection. Use Save attendance.", true);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("attendance-form");
    if (!form || !window.fetch || !window.FormData) {
      return;
    }
    form.querySelectorAll("fieldset.attendance-person").forEach(function (fieldset) {
      fieldset.addEventListener("change", function () { save(form, fieldset); });
    });
  });
})();
