// Progressive enhancements. Every page works without this file.
(function () {
  "use strict";
  // Controls that need this file show only with it (see .js-only).
  document.documentElement.classList.add("js");
  // Print buttons print the page (a receipt, by app.css's print rules).
  document.addEventListener("click", function (ev) {
    var b = ev.target.closest("[data-print]");
    if (b) window.print();
  });
  // A form marked data-once disables its submit buttons when sent, so a
  // double click cannot send it twice.
  document.addEventListener("submit", function (ev) {
    var form = ev.target;
    if (!form.hasAttribute("data-once")) return;
    if (form.dataset.sent === "1") { ev.preventDefault(); return; }
    form.dataset.sent = "1";
    form.querySelectorAll("button[type=submit], input[type=submit]").forEach(function (b) {
      b.disabled = true;
      b.setAttribute("aria-busy", "true");
    });
  });
})();
