// Progressive enhancements. Every page works without this file.
(function () {
  "use strict";
  // Controls that need this file show only with it (see .js-only).
  document.documentElement.classList.add("js");
  // A page an action's redirect led to names that action's notice in its
  // address (?notice=, shown once: the server has taken it). The address
  // drops it, the rest of the query as written, so that Reload, a
  // bookmark or a copied link is the page itself (as the server's
  // withNotice does for the language switcher and the sign-in's next).
  if (/[?&]notice=/.test(location.search) && history.replaceState) {
    var kept = location.search.slice(1).split("&").filter(function (p) {
      return p !== "" && p !== "notice" && p.indexOf("notice=") !== 0;
    });
    history.replaceState(history.state, "", location.pathname + (kept.length ? "?" + kept.join("&") : "") + location.hash);
  }
  // A notice said once in the box it is about (checkout's boxes keep
  // their order whatever it says, so it may stand below the first box)
  // is brought on screen when it is not: the buyer sees why what they
  // pressed was not done.
  var notice = document.querySelector("[data-bring-into-view]");
  if (notice) {
    var at = notice.getBoundingClientRect();
    if (at.top < 0 || at.bottom > window.innerHeight) notice.scrollIntoView({ block: "center" });
  }
  // livePoll keeps a page's long-poll (order.js, checkout.js, link.js,
  // admin_order.js) to tabs on screen: a browser keeps at most 6
  // connections to one host over HTTP/1.1, and each waiting poll holds one
  // for up to 25 s, so with six tabs of the shop polling a seventh would
  // not load. In a hidden tab the poll in flight is cut and none is sent;
  // shown again, poll runs at once and the page catches up. It returns
  // held (true while hidden, while a poll is in flight, or once stopped:
  // poll sends nothing then), fetch (the poll's request, cut when
  // hidden) and stop (the page will hear no more: signed out, or kept as
  // it is for a form being filled in; showing the tab again does not
  // start it).
  window.livePoll = function (poll) {
    var inFlight = null, stopped = false;
    document.addEventListener("visibilitychange", function () {
      if (document.hidden) { if (inFlight) inFlight.abort(); } else if (!inFlight && !stopped) poll();
    });
    return {
      held: function () { return stopped || document.hidden || inFlight !== null; },
      stop: function () { stopped = true; },
      fetch: function (url) {
        var mine = inFlight = new AbortController();
        return fetch(url, { headers: { Accept: "application/json" }, cache: "no-store", signal: mine.signal })
          .finally(function () { if (inFlight === mine) inFlight = null; });
      }
    };
  };
  // A table wider than its page (staff's tables at 200 % zoom, a narrow
  // window) scrolls sideways in its box (.table-scroll). While it does,
  // the box is a region named by its data-scroll-label and takes the
  // keyboard's focus, so that arrow keys scroll it and a screen reader
  // says what it holds; a box that fits is neither (no empty tab stop).
  // Called on load, on resize, and by admin_order.js after it redraws.
  window.nameScrollers = function () {
    document.querySelectorAll("[data-scroll-label]").forEach(function (box) {
      if (box.scrollWidth > box.clientWidth + 1) {
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", box.dataset.scrollLabel);
        box.tabIndex = 0;
      } else {
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
        box.removeAttribute("tabindex");
      }
    });
  };
  window.nameScrollers();
  var resizing = null;
  window.addEventListener("resize", function () {
    clearTimeout(resizing);
    resizing = setTimeout(window.nameScrollers, 100);
  });
  // Print buttons print the page (a receipt, by app.css's print rules).
  document.addEventListener("click", function (ev) {
    var b = ev.target.closest("[data-print]");
    if (b) window.print();
  });
  // A page whose long-poll hears that the buyer has signed out (order.js
  // and link.js send "buyer:signedout") says so in its signed-out bar,
  // no longer names the buyer in the header, and disables its forms:
  // each would be refused (the sign-in page says what was not done), so
  // none looks pressable. The language switcher stays. Signed in again,
  // the page comes back (recover).
  // What the page showed stays, dimmed and without its spinner: the bar
  // says it no longer updates, whatever its words said of updating.
  // The page's poll names its status URL (the event's detail.url): it
  // is asked again every few seconds, and once it answers 200 — the same
  // buyer signed in again, in another tab (another buyer is not shown
  // this page's order: 404) — the page is loaded again, as it stands,
  // bar gone and forms enabled; a 401, or no answer, asks again later.
  var recovering = false;
  var recoverEvery = 3000; // ms between looks while signed out
  function recover(url) {
    setTimeout(function () {
      fetch(url, { headers: { Accept: "application/json" }, cache: "no-store" })
        .then(function (r) { if (r.ok) location.reload(); else recover(url); })
        .catch(function () { recover(url); });
    }, recoverEvery);
  }
  document.addEventListener("buyer:signedout", function (ev) {
    if (ev.detail && ev.detail.url && !recovering) {
      recovering = true;
      recover(ev.detail.url);
    }
    document.documentElement.classList.add("signed-out");
    var bar = document.querySelector("[data-testid=signed-out]");
    if (bar) bar.hidden = false;
    document.querySelectorAll(".buyer-menu").forEach(function (el) { el.hidden = true; });
    document.querySelectorAll("form").forEach(function (f) {
      if (new URL(f.action, location.href).pathname === "/lang") return;
      f.dataset.signedOut = "1";
      for (var i = 0; i < f.elements.length; i++) f.elements[i].disabled = true;
    });
  });
  // A page the browser brings back from its back/forward cache (Back,
  // Forward) is fetched again: it would show what stood when it was left
  // — a checkout for an order paid since, buttons its forms disabled when
  // sent — and no page of ours is worth showing stale. Only pages got by
  // GET are kept in that cache, so this never sends a form again.
  window.addEventListener("pageshow", function (ev) {
    if (ev.persisted) location.reload();
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
