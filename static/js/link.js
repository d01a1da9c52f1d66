// Scan to Link page: count down, copy the code, and wait for the wallet by
// long-polling our own server (never Antom). A page that waited for the
// QR code loads again once it is ready; one whose buyer signs out stops
// and says so (app.js). Without this file the page still works: a
// refresh shows the current state.
(function () {
  "use strict";
  var root = document.querySelector("[data-testid=link]");
  if (!root) return;
  var statusURL = root.dataset.statusUrl;
  // QUIET: the code is still shown (and works if unused), with words
  // that the wallet has not been heard from for a while.
  var waiting = { PREPARING: true, PENDING: true, QUIET: true, AUTHORIZED: true };
  // SUPERSEDED with data-listen-until: the buyer asked for a new code,
  // but agreeing to this one in the wallet still links until then.
  var listenUntil = Number(root.dataset.listenUntil || 0);
  function listening(status) {
    return waiting[status] || (status === "SUPERSEDED" && Date.now() < listenUntil);
  }

  function show(status) {
    root.dataset.status = status;
    root.querySelectorAll("[data-show]").forEach(function (el) {
      el.hidden = el.dataset.show.split(" ").indexOf(status) < 0;
    });
  }

  // Linked: back to where linking started, after a moment to read it;
  // whether the page saw the change or loaded linked. (Without this file
  // the page's Continue link goes there.) A page with something more to
  // read (data-stay: a decline that came too late) stays.
  function goBack(status, returnTo) {
    if (status === "LINKED" && returnTo && !("stay" in root.dataset)) {
      setTimeout(function () { window.location.assign(returnTo); }, 2500);
    }
  }

  function apply(s) {
    listenUntil = s.listenUntil || 0;
    show(s.status);
    whenOver();
    // The server's HTML, as it renders the page: the language's Whole
    // words boxed (set as text, Thai's "อีก|ครั้ง" broke at 390 px), the
    // detail's live sentence ("This page updates by itself") in its own
    // span, which app.css hides once signed out.
    root.querySelector("[data-testid=link-headline]").innerHTML = s.headlineHtml;
    root.querySelector("[data-testid=link-detail]").innerHTML = s.detailHtml;
    goBack(s.status, s.returnTo);
  }

  // A replaced code's page listens until listenUntil, saying an agreement
  // to its code still links. Its status does not change when that time
  // is up, so no poll hears of it: then it asks once (seen= answers at
  // once) and shows what the server says — that the code no longer works
  // — rather than go on promising. Asked early (this clock ahead of the
  // server's), it asks again.
  var overTimer = 0;
  function whenOver() {
    clearTimeout(overTimer);
    if (root.dataset.status !== "SUPERSEDED" || !listenUntil) return;
    overTimer = setTimeout(function () {
      fetch(statusURL + (statusURL.indexOf("?") < 0 ? "?" : "&") + "seen=", { headers: { Accept: "application/json" }, cache: "no-store" })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (s) {
          if (s && (s.status !== root.dataset.status || (s.listenUntil || 0) !== listenUntil)) apply(s);
          else whenOver();
        })
        .catch(whenOver);
    }, Math.max(listenUntil - Date.now() + 1000, 5000));
  }

  var polling = window.livePoll(poll); // none from a hidden tab (app.js)

  function poll() {
    var seen = root.dataset.status;
    if (!listening(seen) || polling.held()) return;
    polling.fetch(statusURL + (statusURL.indexOf("?") < 0 ? "?" : "&") + "seen=" + encodeURIComponent(seen))
      .then(function (r) {
        // Signed out meanwhile (in another tab: the poll answers 401 at
        // once): no news will come; say so rather than go stale (app.js).
        if (r.status === 401) { polling.stop(); document.dispatchEvent(new CustomEvent("buyer:signedout", { detail: { url: statusURL } })); return null; }
        if (!r.ok) throw new Error("status " + r.status);
        return r.json();
      })
      .then(function (s) {
        if (!s) return;
        // The QR code (or the way to open the wallet) is ready: the page
        // as the server renders it shows it.
        if (seen === "PREPARING" && (s.status === "PENDING" || s.status === "QUIET")) { location.reload(); return; }
        if (s.status !== seen || (s.listenUntil || 0) !== listenUntil) apply(s);
        poll();
      })
      .catch(function () { setTimeout(poll, 2000); });
  }

  var countdown = root.querySelector("[data-testid=countdown]");
  if (countdown) {
    var expires = Number(countdown.dataset.expires);
    var tick = function () {
      var left = Math.max(0, Math.round((expires - Date.now()) / 1000));
      // The words come from the page, in its language: "Expires in {left}."
      countdown.textContent = countdown.dataset.expiresIn.replace("{left}", Math.floor(left / 60) + ":" + String(left % 60).padStart(2, "0"));
      if (left > 0 && waiting[root.dataset.status]) setTimeout(tick, 1000);
    };
    tick();
  }

  root.querySelectorAll("[data-copy]").forEach(function (b) {
    if (!navigator.clipboard) return;
    b.hidden = false;
    b.addEventListener("click", function () {
      navigator.clipboard.writeText(b.dataset.copy).then(function () { b.textContent = b.dataset.copied; });
    });
  });

  goBack(root.dataset.status, root.dataset.returnTo);
  whenOver();
  poll();
})();
