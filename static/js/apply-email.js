/* Application form: a child's own email is asked from a grade up (the grade select's data-own-email-from);
   for a younger grade the email field is hidden and emptied. Without JavaScript the label says who it is for and
   the server drops what a younger child typed. No inline script (CSP). */
(function () {
  "use strict";

  document.addEventListener("DOMContentLoaded", function () {
    var grade = document.querySelector("select[data-own-email-from]");
    var email = document.getElementById("id_email");
    var wrapper = document.getElementById("div_id_email");
    if (!grade || !email || !wrapper) {
      return;
    }
    var from = parseInt(grade.getAttribute("data-own-email-from"), 10);

    function update() {
      var value = parseInt(grade.value, 10);
      var asked = !isNaN(value) && value >= from;
      wrapper.hidden = !asked;
      if (!asked) {
        email.value = "";
      }
    }

    grade.addEventListener("change", update);
    update();
  });
})();
