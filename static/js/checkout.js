// Checkout page of a signed-in buyer: say so when the buyer signs out
// (in another tab) or the session ends, as the result and link pages do
// (app.js: the signed-out bar, the forms disabled), rather than let the
// buyer press Pay and be sent to sign in. It long-polls the order's
// status on our own server (never Antom), which answers 401 at once when
// the buyer signs out and, by the session's end at the latest, its next
// look finds it ended. What the answers say of the order is not used
// here: its result page shows that. Signed in again (in another tab),
// the page comes back by itself (app.js). Without this file the page still
// works: pressing Pay signed out leads to sign in.
(function () {
  "use strict";
  var root = document.querySelector("[data-testid=checkout-session]");
  if (!root || !document.querySelector("[data-testid=signed-out]")) return;
  var url = root.dataset.statusUrl;
  var seen = "";

  var polling = window.livePoll(poll); // none from a hidden tab (app.js)

  function poll() {
    if (polling.held()) return;
    polling.fetch(url + (url.indexOf("?") < 0 ? "?" : "&") + "seen=" + encodeURIComponent(seen))
      .then(function (r) {
        if (r.status === 401) { polling.stop(); document.dispatchEvent(new CustomEvent("buyer:signedout", { detail: { url: url } })); return null; }
        if (!r.ok) throw new Error("status " + r.status);
        return r.json();
      })
      .then(function (s) {
        if (!s) return;
        seen = s.key;
        poll();
      })
      .catch(function () { setTimeout(poll, 2000); });
  }

  poll();
})();
