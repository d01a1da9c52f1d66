// Result page: while anything the card shows may still change (the card's
// data-live: the payment, a refund, staff's capture or void, an
// authorization's expiry), wait for news by long-polling our own server (never Antom) and put the result
// card it renders again in place. A notice about the buyer's last action
// ("We checked a moment ago…") is part of the card: the server sends it
// again only while it is still true of the card (its key says which
// notice the page shows), so it goes, or changes, with it. A page that
// waits for Antom's card page is sent there once it is ready (the
// answer's go). A signed-in buyer's page whose buyer signs out stops
// there and says so (app.js: the signed-out bar, its forms disabled); a
// guest's page has no bar and goes on as ever. Without this file the
// page still works: a refresh shows the news.
(function () {
  "use strict";
  var live = document.querySelector("[data-testid=result-live]");
  if (!live) return;

  function signedOutBar() {
    return document.querySelector("[data-testid=signed-out]");
  }

  function card() {
    return live.querySelector("[data-testid=result]");
  }

  // say tells a screen reader what the new card says in short: its
  // headline (unless the focus went to it, which reads it already) and
  // its detail, not the whole card with its facts and buttons. A headline
  // without a full stop gets the page language's, so that the two are
  // read as two sentences (Thai marks none: a space).
  var said = document.querySelector("[data-testid=result-said]");
  var stop = /^zh/.test(document.documentElement.lang) ? "\u3002" : /^th/.test(document.documentElement.lang) ? "" : ".";
  function sentence(el) {
    var text = el.textContent.replace(/\s+/g, " ").trim();
    return /[.!?\u3002\uff01\uff1f]$/.test(text) ? text : text + stop;
  }
  function say(headline) {
    if (!said) return;
    var parts = [];
    if (headline) parts.push(live.querySelector("[data-testid=result-headline-text]"));
    parts.push(live.querySelector("[data-testid=result-detail]"));
    said.textContent = parts.filter(Boolean).map(sentence).join(" ");
  }

  var polling = window.livePoll(poll); // none from a hidden tab (app.js)

  function poll() {
    var root = card();
    if (!root || root.dataset.live !== "true" || polling.held()) return;
    var seen = root.dataset.key;
    var url = root.dataset.statusUrl;
    polling.fetch(url + (url.indexOf("?") < 0 ? "?" : "&") + "seen=" + encodeURIComponent(seen))
      .then(function (r) {
        // A signed-in buyer's page (it has the signed-out bar) whose buyer
        // signed out meanwhile — in another tab: the poll answers 401 at
        // once — will hear no more news: say so rather than go stale.
        if (r.status === 401 && signedOutBar()) { polling.stop(); document.dispatchEvent(new CustomEvent("buyer:signedout", { detail: { url: url } })); return null; }
        if (!r.ok) throw new Error("status " + r.status);
        return r.json();
      })
      .then(function (s) {
        if (!s) return;
        // The card page this page waited for is ready: on to it, in this
        // page's place, so that Back from it is Back from the card page
        // (the order's page), not this page sending the buyer there again.
        if (s.go) { location.replace(s.go); return; }
        if (s.key !== seen) {
          // A keyboard user on the card (its Check again) would lose the
          // focus with it, to the top of the page: it goes to the new
          // card's heading instead, where the news begins.
          var hadFocus = live.contains(document.activeElement);
          live.innerHTML = s.html;
          var title = hadFocus && live.querySelector("#result-title");
          if (title) { title.setAttribute("tabindex", "-1"); title.focus(); }
          say(!title);
          var flash = document.querySelector("[data-testid=flash]");
          if (flash) flash.remove();
        }
        poll();
      })
      .catch(function () { setTimeout(poll, 2000); });
  }

  poll();
})();
