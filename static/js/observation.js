/* Observation by interval recording, on a phone. No inline script (CSP); everything the page needs is in data-
   attributes.

   - The recording page (#observation): cues each interval (a big visual cue, an optional Web Audio beep, a vibration
     where the phone has one) from a shared clock: the interval is computed as now - start, so a locked screen or a
     sleeping tab catches up instead of drifting. The first observer's Start sets the start (sent to the server at
     once when online); a second observer follows the start the server gave the page. A Screen Wake Lock is asked
     for where the browser has one.
   - Every answer is saved at once in localStorage (key "pp-observation:<client id>"). The observation is sent as
     JSON to its intervals URL (CSRF token from the page, same origin) when it is finished or stopped, and on each
     new interval while online; what could not be sent is kept and sent when the "online" event fires or on the
     next load of any observation page. The server stores intervals by number, so sending twice stores once.
   - Every observation page (#observation-outbox) lists what is still waiting to send: the signed-in person's
     observations only (each entry keeps its observer's id). */
(function () {
  "use strict";

  var PREFIX = "pp-observation:";
  var sending = {};

  function storage() {
    try {
      return window.localStorage;
    } catch (e) {
      return null;
    }
  }

  function load(clientId) {
    var store = storage();
    if (!store) { return null; }
    try {
      return JSON.parse(store.getItem(PREFIX + clientId) || "null");
    } catch (e) {
      return null;
    }
  }

  function save(entry) {
    var store = storage();
    if (store) {
      store.setItem(PREFIX + entry.clientId, JSON.stringify(entry));
    }
  }

  function forget(entry) {
    var store = storage();
    if (store) {
      store.removeItem(PREFIX + entry.clientId);
    }
  }

  function currentUser() {
    var outbox = document.getElementById("observation-outbox");
    return outbox ? outbox.getAttribute("data-user") : "";
  }

  function allEntries() {
    // Only the signed-in person's: a phone shared by two adults never shows or sends the other one's.
    var user = currentUser();
    var store = storage();
    var entries = [];
    if (!store) { return entries; }
    for (var i = 0; i < store.length; i++) {
      var key = store.key(i);
      if (key && key.indexOf(PREFIX) === 0) {
        try {
          var entry = JSON.parse(store.getItem(key));
          if (entry && entry.clientId && entry.user === user) { entries.push(entry); }
        } catch (e) { /* not ours */ }
      }
    }
    return entries;
  }

  function changed(entry) {
    entry.version = (entry.version || 0) + 1;
    entry.dirty = true;
    save(entry);
  }

  // --- Sending ------------------------------------------------------------------------------------------------------

  function csrfToken() {
    var outbox = document.getElementById("observation-outbox");
    return outbox ? outbox.getAttribute("data-csrf") : "";
  }

  function payload(entry) {
    var intervals = [];
    Object.keys(entry.intervals || {}).forEach(function (key) {
      intervals.push(entry.intervals[key]);
    });
    intervals.sort(function (a, b) { return a.number - b.number; });
    var body = { client_id: entry.clientId, finished: !!entry.finished, intervals: intervals };
    if (entry.startedAt && !entry.second) {
      body.started_at = entry.startedAt;
    }
    return body;
  }

  function send(entry, done) {
    if (!window.fetch || sending[entry.clientId] || !entry.dirty) {
      return;
    }
    sending[entry.clientId] = true;
    var version = entry.version;
    fetch(entry.syncUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken(), "X-Requested-With": "fetch" },
      body: JSON.stringify(payload(entry))
    }).then(function (response) {
      return response.json().then(function (answer) { return { status: response.status, answer: answer }; },
        function () { return { status: response.status, answer: {} }; });
    }).then(function (result) {
      sending[entry.clientId] = false;
      var current = load(entry.clientId) || entry;
      if (result.status === 200 && result.answer.ok) {
        if (current.version === version) {
          current.dirty = false;
          current.error = "";
          if (current.finished) {
            forget(current);
          } else {
            save(current);
          }
        }
        if (done) { done(true, current); }
      } else if (result.status >= 400 && result.status < 500) {
        // Refused (forged, another observer's, signed out): kept, with the reason, never sent again by itself.
        current.error = result.answer.error || String(result.status);
        save(current);
        if (done) { done(false, current); }
      } else if (done) {
        done(false, current);
      }
      showOutbox();
    }).catch(function () {
      sending[entry.clientId] = false;
      if (done) { done(false, entry); }
      showOutbox();
    });
  }

  function flush() {
    allEntries().forEach(function (entry) {
      if (entry.dirty && !entry.error && (entry.finished || entry.clientId !== runningId())) {
        send(entry);
      }
    });
  }

  // --- What is waiting ----------------------------------------------------------------------------------------------

  function waiting() {
    return allEntries().filter(function (entry) {
      return entry.dirty && (entry.finished || entry.clientId !== runningId());
    });
  }

  function showOutbox() {
    var outbox = document.getElementById("observation-outbox");
    if (!outbox) { return; }
    var list = document.getElementById("observation-outbox-list");
    var entries = waiting();
    list.textContent = "";
    entries.forEach(function (entry) {
      var item = document.createElement("li");
      var count = Object.keys(entry.intervals || {}).length;
      item.textContent = entry.title + " · " + count + " " + (outbox.getAttribute("data-intervals") || "intervals") +
        " · " + (entry.finished ? outbox.getAttribute("data-finished") : outbox.getAttribute("data-partial"));
      if (entry.error) {
        item.textContent += " · " + outbox.getAttribute("data-refused") + " " + entry.error;
      }
      list.appendChild(item);
    });
    outbox.hidden = entries.length === 0;
  }

  // --- The recording page -------------------------------------------------------------------------------------------

  var page = null;

  function runningId() {
    return page && !page.entry.finished ? page.entry.clientId : null;
  }

  function attr(name) {
    return page.root.getAttribute("data-" + name) || "";
  }

  function defaults(number) {
    return { number: number, skipped: false, interaction: "none", engaged: "na", adult_near: false, peers: [] };
  }

  var audio = null;

  function beep(high) {
    if (!document.getElementById("observation-sound").checked) { return; }
    var Context = window.AudioContext || window.webkitAudioContext;
    if (!Context) { return; }
    try {
      audio = audio || new Context();
      var oscillator = audio.createOscillator();
      var gain = audio.createGain();
      oscillator.frequency.value = high ? 880 : 520;
      gain.gain.value = 0.2;
      oscillator.connect(gain);
      gain.connect(audio.destination);
      oscillator.start();
      oscillator.stop(audio.currentTime + 0.18);
    } catch (e) { /* no sound on this phone */ }
  }

  function signal(high) {
    beep(high);
    if (navigator.vibrate) {
      try { navigator.vibrate(high ? [120, 60, 120] : 200); } catch (e) { /* none */ }
    }
  }

  var wakeLock = null;

  function keepAwake() {
    if (!("wakeLock" in navigator) || document.visibilityState !== "visible" || (page && page.entry.finished)) {
      return;
    }
    navigator.wakeLock.request("screen").then(function (lock) { wakeLock = lock; }, function () { wakeLock = null; });
  }

  function releaseWake() {
    if (wakeLock) {
      wakeLock.release().catch(function () { return null; });
      wakeLock = null;
    }
  }

  function setState(text) {
    document.getElementById("observation-sync-state").textContent = text;
  }

  function current() {
    // The record the answers edit: the interval that runs now.
    var number = page.number;
    if (!number) { return null; }
    var record = page.entry.intervals[number];
    if (!record) {
      record = defaults(number);
      page.entry.intervals[number] = record;
    }
    return record;
  }

  function showAnswers() {
    var record = current();
    var form = document.getElementById("observation-answers");
    if (!record) { return; }
    form.querySelector("#interaction-" + record.interaction).checked = true;
    form.querySelector("#engaged-" + record.engaged).checked = true;
    form.querySelector(record.adult_near ? "#adult-yes" : "#adult-no").checked = true;
    form.querySelectorAll(".observation-peer").forEach(function (box) {
      box.checked = record.peers.indexOf(parseInt(box.value, 10)) !== -1;
    });
    document.getElementById("observation-skip").checked = record.skipped;
    document.getElementById("observation-answers-for").textContent =
      attr("label-interval") + " " + record.number;
  }

  function readAnswers() {
    var record = current();
    var form = document.getElementById("observation-answers");
    if (!record) { return; }
    record.interaction = form.querySelector("[name=interaction]:checked").value;
    record.engaged = form.querySelector("[name=engaged]:checked").value;
    record.adult_near = form.querySelector("[name=adult_near]:checked").value === "yes";
    record.peers = [];
    form.querySelectorAll(".observation-peer").forEach(function (box) {
      if (box.checked) { record.peers.push(parseInt(box.value, 10)); }
    });
    record.skipped = document.getElementById("observation-skip").checked;
    changed(page.entry);
    setState(attr("label-saved"));
  }

  function finish() {
    if (page.entry.finished) { return; }
    page.entry.finished = true;
    changed(page.entry);
    clearInterval(page.timer);
    releaseWake();
    document.getElementById("observation-fields").disabled = true;
    document.getElementById("observation-start").hidden = true;
    document.getElementById("observation-phase").textContent = attr("label-done");
    document.getElementById("observation-seconds").textContent = "";
    var cue = document.getElementById("observation-cue");
    cue.classList.remove("bg-primary", "bg-warning", "text-white", "text-dark");
    cue.classList.add("bg-body-secondary");
    sendNow();
  }

  function sendNow() {
    if (!page.entry.dirty) { return; }
    send(page.entry, function (ok, entry) {
      page.entry.dirty = entry.dirty;
      page.entry.error = entry.error;
      if (ok) {
        setState(attr("label-sent"));
      } else {
        setState(entry.error ? entry.error : attr("label-offline"));
      }
    });
    showOutbox();
  }

  function tick() {
    var observe = parseInt(attr("observe"), 10) * 1000;
    var recordMs = parseInt(attr("record"), 10) * 1000;
    var length = observe + recordMs;
    var count = parseInt(attr("count"), 10);
    var elapsed = Date.now() - Date.parse(page.entry.startedAt);
    var phaseText = document.getElementById("observation-phase");
    var seconds = document.getElementById("observation-seconds");
    var cue = document.getElementById("observation-cue");
    if (elapsed < 0) {
      phaseText.textContent = attr("label-wait");
      seconds.textContent = Math.ceil(-elapsed / 1000) + " s";
      return;
    }
    var number = Math.floor(elapsed / length) + 1;
    if (number > count) {
      if (page.number) {
        page.number = count;
      }
      finish();
      return;
    }
    if (number !== page.number) {
      if (page.number) {
        // The intervals jumped over while the screen was off or the tab slept: nothing was recorded in them.
        for (var missed = page.number + 1; missed < number; missed++) {
          if (!page.entry.intervals[missed]) {
            var skipped = defaults(missed);
            skipped.skipped = true;
            page.entry.intervals[missed] = skipped;
          }
        }
      }
      var first = !page.number;
      page.number = number;
      current();
      changed(page.entry);
      showAnswers();
      if (!first && navigator.onLine !== false) {
        sendNow();
      }
      page.phase = null;
    }
    var within = elapsed - (number - 1) * length;
    var phase = within < observe ? "observe" : "record";
    var left = Math.ceil(((phase === "observe" ? observe : length) - within) / 1000);
    if (phase !== page.phase) {
      page.phase = phase;
      signal(phase === "record");
      cue.classList.remove("bg-body-secondary", "bg-primary", "bg-warning", "text-white", "text-dark");
      cue.classList.add(phase === "observe" ? "bg-primary" : "bg-warning", phase === "observe" ? "text-white" : "text-dark");
    }
    if (phase === "observe") {
      phaseText.textContent = attr("momentary") ? attr("label-look") : attr("label-observe");
    } else {
      phaseText.textContent = attr("label-record");
    }
    seconds.textContent = left + " s";
    document.getElementById("observation-number").textContent =
      attr("label-interval") + " " + number + " " + attr("label-of") + " " + count;
    document.getElementById("observation-progress").value = number - 1;
  }

  function run() {
    document.getElementById("observation-start").hidden = true;
    document.getElementById("observation-fields").disabled = false;
    keepAwake();
    tick();
    page.timer = setInterval(tick, 250);
  }

  function start() {
    if (!page.entry.startedAt) {
      page.entry.startedAt = new Date().toISOString();
      changed(page.entry);
      // The start goes to the server at once (a second observer joins on this clock).
      sendNow();
    }
    run();
  }

  function setUpRecording(root) {
    var clientId = root.getAttribute("data-client-id");
    page = { root: root, number: 0, phase: null, timer: null, entry: null };
    var entry = load(clientId);
    if (!entry) {
      entry = {
        clientId: clientId,
        pk: attr("pk"),
        user: currentUser(),
        syncUrl: attr("sync-url"),
        recordUrl: attr("record-url"),
        title: attr("title"),
        second: !!attr("second"),
        startedAt: attr("started-at") || null,
        finished: !!attr("finished"),
        intervals: {},
        version: 0,
        dirty: false
      };
    }
    if (attr("second") && attr("started-at")) {
      entry.startedAt = attr("started-at");  // a second observer's clock is always the first one's
    }
    if (!entry.startedAt && attr("started-at")) {
      entry.startedAt = attr("started-at");
    }
    page.entry = entry;
    if (entry.dirty || entry.startedAt) { save(entry); }

    var startButton = document.getElementById("observation-start");
    var phase = document.getElementById("observation-phase");
    if (entry.finished) {
      phase.textContent = attr("label-done");
      startButton.hidden = true;
    } else {
      phase.textContent = attr("second") ? attr("label-ready-second") : attr("label-ready");
      startButton.addEventListener("click", function () {
        var sound = document.getElementById("observation-sound");
        if (sound.checked) { beep(false); }  // the first sound needs a tap: unlocks audio on phones
        start();
      });
      if (entry.startedAt && !attr("second") && Object.keys(entry.intervals).length) {
        run();  // a reload in the middle: carry on where the clock is now
      }
    }
    document.getElementById("observation-answers").addEventListener("change", readAnswers);
    document.getElementById("observation-finish").addEventListener("click", finish);
    document.getElementById("observation-sound").addEventListener("change", function (event) {
      if (event.target.checked) { beep(false); }
    });
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "visible" && page.timer) {
        keepAwake();
        tick();  // catch up at once
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var root = document.getElementById("observation");
    if (root && storage()) {
      setUpRecording(root);
    }
    showOutbox();
    flush();
    window.addEventListener("online", function () {
      flush();
      if (page && page.entry.dirty && (page.entry.finished || page.entry.startedAt)) {
        sendNow();
      }
    });
  });
})();
