/* Roster import progress: polls the import's small JSON endpoint and moves the <progress> bar.
   Without JavaScript the page still works: its Refresh link reloads it. No inline script (CSP). */
(function () {
  "use strict";

  var POLL_MS = 1500;

  function start(section) {
    var url = section.getAttribute("data-progress-url");
    var bar = section.querySelector("progress");
    var text = section.querySelector("[data-progress-text]");
    if (!url || !bar || !window.fetch) {
      return;
    }

    function update(data) {
      if (data.total > 0) {
        bar.max = data.total;
        bar.value = data.processed;
      }
      bar.textContent = data.percent + "%";
      if (text) {
        text.textContent = data.total > 0
          ? data.status_label + ": " + data.processed + " / " + data.total
          : data.status_label;
      }
    }

    function poll() {
      fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (response) {
          if (!response.ok) {
            throw new Error("HTTP " + response.status);
          }
          return response.json();
        })
        .then(function (data) {
          update(data);
          if (data.running) {
            window.setTimeout(poll, POLL_MS);
          } else {
            window.location.assign(data.detail_url);
          }
        })
        .catch(function () {
          // A network blip: try again a little later; the Refresh link is always there.
          window.setTimeout(poll, POLL_MS * 4);
        });
    }

    window.setTimeout(poll, POLL_MS);
  }

  document.addEventListener("DOMContentLoaded", function () {
    var sections = document.querySelectorAll("[data-import-progress]");
    for (var i = 0; i < sections.length; i++) {
      start(sections[i]);
    }
  });
})();
