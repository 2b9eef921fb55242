// The journal works without this file. With it, a draft is kept on the server a few seconds
// after the client stops typing, so closing the tab or losing the connection loses nothing.
(function () {
  "use strict";
  var form = document.querySelector("form[data-journal]");
  if (!form) return;
  var status = form.querySelector("[data-journal-status]");
  var timer = null;

  function save() {
    var data = new FormData(form);
    data.set("action", "autosave");
    fetch(form.getAttribute("action"), { method: "POST", body: data, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (result) {
        if (!result || !result.saved) return;
        if (result.url && form.getAttribute("action") !== result.url) {
          // The first save made the entry: later saves update it rather than make another.
          form.setAttribute("action", result.url);
          window.history.replaceState(null, "", result.url);
        }
        if (status) status.textContent = status.dataset.savedText;
      })
      .catch(function () { /* Save still works; nothing on the page is lost */ });
  }

  var dirty = false;
  form.addEventListener("input", function () {
    dirty = true;
    window.clearTimeout(timer);
    timer = window.setTimeout(function () { dirty = false; save(); }, 2000);
  });
  form.addEventListener("submit", function () { dirty = false; window.clearTimeout(timer); });
  // Leaving the page with words not yet kept: send them on the way out.
  window.addEventListener("pagehide", function () {
    if (!dirty || !navigator.sendBeacon) return;
    var data = new FormData(form);
    data.set("action", "autosave");
    navigator.sendBeacon(form.getAttribute("action"), data);
  });
})();
