// Result page: while a payment is being confirmed, wait for its outcome by
// long-polling our own server (never Antom) and update the page in place.
// Without this file the page still works: a refresh shows the current state.
(function () {
  "use strict";
  var root = document.querySelector("[data-testid=result]");
  if (!root) return;
  var statusURL = root.dataset.statusUrl;

  function find(testid) {
    return root.querySelector("[data-testid=" + testid + "]");
  }

  function setText(testid, text) {
    var el = find(testid);
    if (el) el.textContent = text || "";
  }

  function apply(s) {
    root.dataset.status = s.status;
    var badge = find("result-status");
    badge.dataset.status = s.status;
    badge.textContent = s.status;
    setText("result-headline-text", s.headline);
    setText("result-detail", s.detail);
    setText("payment-id", s.paymentId);
    setText("paid-at", s.paidAtText);
    var paidAt = find("paid-at");
    if (paidAt && s.paidAt) paidAt.setAttribute("datetime", s.paidAt);
    root.querySelectorAll("[data-show]").forEach(function (el) {
      var on = el.dataset.show.split(" ").indexOf(s.status) >= 0;
      if (el.hasAttribute("data-relink")) on = on && !!s.relink;
      el.hidden = !on;
    });
  }

  function poll() {
    var seen = root.dataset.status;
    if (seen !== "processing") return;
    fetch(statusURL + "?seen=" + encodeURIComponent(seen), { headers: { Accept: "application/json" }, cache: "no-store" })
      .then(function (r) { if (!r.ok) throw new Error("status " + r.status); return r.json(); })
      .then(function (s) { if (s.status !== seen) apply(s); poll(); })
      .catch(function () { setTimeout(poll, 2000); });
  }

  poll();
})();
