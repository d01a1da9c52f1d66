// Staff order page: wait for news of the order by long-polling our own
// server (never Antom). When it changes — a notification settled the
// payment, another staff member captured, voided or refunded — a page
// nobody is filling in a form on takes the order's body as it is now.
// A page with a form being filled in (a field changed, focus in a field,
// a form on its way) or sent back with its error is left as it is, so
// nothing typed and no error is lost, and the order-changed bar says to
// reload before relying on what it shows; the server checks the order
// again whatever is sent. Once the staff session
// has ended, the signed-out bar says so (and how to sign in again), the
// page's admin forms are disabled and it stops looking for news. Without
// this file the page still works: a reload shows the news, and a form
// sent signed out is refused.
(function () {
  "use strict";
  var live = document.querySelector("[data-testid=order-live]");
  var bar = document.querySelector("[data-testid=order-changed]");
  if (!live || !bar) return;
  var url = live.dataset.statusUrl;

  // busy: someone is filling in a form of the page, or it shows a form
  // sent back with its error (data-held), which a redraw would take away.
  function busy() {
    if (live.dataset.held === "1") return true;
    if (live.querySelector("form[data-sent='1']")) return true;
    var a = document.activeElement;
    if (a && live.contains(a) && a.matches("input, textarea, select, button")) return true;
    var fields = live.querySelectorAll("input, textarea, select");
    for (var i = 0; i < fields.length; i++) {
      var f = fields[i];
      if (f.type === "hidden") continue;
      if (f.tagName === "SELECT") {
        for (var j = 0; j < f.options.length; j++) {
          if (f.options[j].selected !== f.options[j].defaultSelected) return true;
        }
      } else if (f.type === "checkbox" || f.type === "radio") {
        if (f.checked !== f.defaultChecked) return true;
      } else if (f.value !== f.defaultValue) {
        return true;
      }
    }
    return false;
  }

  // Signed out, every admin form of the page would be refused (the sign-in
  // page says what was not done): they are disabled, so that none looks
  // pressable beside the bar, and the header no longer names the staff
  // member as signed in.
  function signedOut() {
    // app.css: under .signed-out the sentences saying this page updates by
    // itself (.live-words) are hidden — it no longer does.
    document.documentElement.classList.add("signed-out");
    var note = document.querySelector("[data-testid=signed-out]");
    if (note) note.hidden = false;
    var menu = document.querySelector(".staff-menu");
    if (menu) menu.hidden = true;
    var forms = document.querySelectorAll("form");
    for (var i = 0; i < forms.length; i++) {
      var f = forms[i];
      if (new URL(f.action, location.href).pathname.indexOf("/admin/") !== 0) continue;
      f.dataset.signedOut = "1";
      for (var j = 0; j < f.elements.length; j++) f.elements[j].disabled = true;
    }
  }

  // sayAnew says the page's notice (flash) as it stands once the order's
  // body was redrawn. A refund's notice (data-refund: the refund Antom
  // had not made when it was worded, pending or "still processing")
  // becomes what the refund is now, by its row: made, the words of a
  // made refund (data-refund-done: "Refunded $5.00."), as a page shown
  // now says; failed or gone, none (the order's alarm says a failure);
  // still processing, it stays. A refusal that speaks of such a refund
  // (data-refund-failed: "… once Antom has answered for RF-…") is never
  // dropped unread: made or failed, it becomes what is true then, in
  // neutral words that stay. Any other notice that something is not
  // confirmed yet spoke of the page before, and goes; one of what this
  // staff member's action did (done, or refused) stays true of it, and
  // stays.
  function sayAnew(flash) {
    var id = flash.dataset.refund;
    if (!id) {
      if (flash.dataset.tone === "pending") flash.remove();
      return;
    }
    var row = live.querySelector("[data-testid=refund-row][data-refund='" + id + "']");
    var state = row ? row.dataset.refundState : "";
    if (state === "processing") return;
    var refusal = flash.dataset.refundFailed !== undefined;
    var words = state === "made" ? flash.dataset.refundDone : (state === "failed" && refusal ? flash.dataset.refundFailed : "");
    if (!words) { flash.remove(); return; }
    flash.textContent = words;
    flash.className = refusal ? "notice" : "notice notice-ok";
    flash.dataset.tone = refusal ? "note" : "ok";
    delete flash.dataset.refund;
  }

  // putBack puts a note staff typed in a refused "handled another way"
  // form (data-kept, of the failed refund data-kept-for) back in that
  // form once the page offers it, empty, and says so (data-kept-back in
  // place of data-kept-said, the notice's sentence that quotes it).
  // Typed there, it holds the page until sent (busy): no later redraw
  // takes it.
  function putBack(flash) {
    if (!flash || flash.dataset.kept === undefined) return;
    var field = live.querySelector("#handled-note-" + flash.dataset.keptFor);
    if (!field || field.value) return;
    field.value = flash.dataset.kept;
    flash.textContent = flash.textContent.replace(flash.dataset.keptSaid, flash.dataset.keptBack);
    delete flash.dataset.kept;
  }

  // focusedIn: what names the element with the keyboard's focus inside
  // the order's body (a link, a disclosure's summary: a field or a button
  // holds the page, busy), so that refocus finds it in the body that
  // replaces it; null when the focus is elsewhere.
  function focusedIn() {
    var a = document.activeElement;
    if (!a || a === live || !live.contains(a)) return null;
    return { tag: a.tagName, id: a.id, testid: a.dataset.testid || "", href: a.getAttribute("href") || "", text: a.textContent };
  }

  // refocus puts the focus back on the element f names in the new body —
  // the same id, testid, or link and words — or, gone, on the order's
  // heading, so that a keyboard or screen-reader user is not thrown to
  // the top of the page by a redraw.
  function refocus(f) {
    var found = null;
    var all = live.getElementsByTagName(f.tag);
    for (var i = 0; i < all.length && !found; i++) {
      var e = all[i];
      if (f.id ? e.id === f.id : f.testid ? e.dataset.testid === f.testid : (e.getAttribute("href") || "") === f.href && e.textContent === f.text) found = e;
    }
    if (!found) {
      found = live.querySelector("h1");
      if (found) found.setAttribute("tabindex", "-1");
    }
    if (found) found.focus();
  }

  var polling = window.livePoll(function () { poll(live.dataset.key); }); // none from a hidden tab (app.js)

  function poll(seen) {
    if (polling.held()) return;
    polling.fetch(url + "?seen=" + encodeURIComponent(seen))
      .then(function (r) {
        // Signed out meanwhile — the poll answers 401 as soon as the session
        // ends (signed out in another tab, the account removed), and the
        // status address sends a next poll to the sign-in page: no news
        // will come; say so rather than go stale in silence.
        if (r.redirected || r.status === 401) { polling.stop(); signedOut(); return null; }
        if (!r.ok) throw new Error("status " + r.status);
        return r.json();
      })
      .then(function (s) {
        if (!s) return;
        if (s.key === seen) { poll(seen); return; }
        if (busy()) { polling.stop(); bar.hidden = false; return; } // stays as it is until reloaded
        var focused = focusedIn();
        live.innerHTML = s.html;
        live.dataset.key = s.key;
        window.nameScrollers(); // the redrawn tables (app.js)
        if (focused) refocus(focused);
        var flash = document.querySelector("[data-testid=flash]");
        if (flash) sayAnew(flash);
        putBack(document.querySelector("[data-testid=flash]"));
        poll(s.key);
      })
      .catch(function () { setTimeout(function () { poll(seen); }, 2000); });
  }

  putBack(document.querySelector("[data-testid=flash]"));
  poll(live.dataset.key);
})();
