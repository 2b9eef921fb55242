// Check-ins work without this file. With it: the progress count follows each answer, and each
// answer is saved as a draft straight away, so closing the tab loses nothing.
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosave]");
  if (!form) return;
  var bar = document.querySelector("[data-progress]");
  var label = document.querySelector("[data-progress-label]");
  var status = form.querySelector("[data-autosave-status]");

  function answered() {
    var names = {};
    form.querySelectorAll("input[type=radio]:checked").forEach(function (input) {
      names[input.name] = true;
    });
    return Object.keys(names).length;
  }

  function save() {
    var data = new FormData(form);
    data.set("action", "autosave");
    fetch(form.getAttribute("action"), { method: "POST", body: data, credentials: "same-origin" })
      .then(function (response) {
        if (status) status.textContent = response.ok ? form.dataset.savedText || "Saved." : "";
      })
      .catch(function () { /* the buttons still save; nothing is lost on the page */ });
  }

  form.addEventListener("change", function () {
    if (bar && label) {
      var count = answered();
      bar.value = count;
      label.textContent = label.dataset.template
        .replace("%(answered)s", count).replace("%(total)s", bar.max);
    }
    save();
  });
})();
