// "Read aloud" on the accessible survey: the browser's own speech (window.speechSynthesis) reads the question and
// its answers. The button stays hidden where the browser cannot speak, and it never plays on its own.
(function () {
  "use strict";
  if (!("speechSynthesis" in window) || typeof window.SpeechSynthesisUtterance !== "function") {
    return;
  }
  document.querySelectorAll("[data-read-aloud]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var parts = [];
      document.querySelectorAll("[data-speak]").forEach(function (element) {
        var text = element.textContent.replace(/\s+/g, " ").trim();
        if (text && parts.indexOf(text) === -1) {
          parts.push(text);
        }
      });
      window.speechSynthesis.cancel();
      window.speechSynthesis.speak(new window.SpeechSynthesisUtterance(parts.join(". ")));
    });
  });
})();
