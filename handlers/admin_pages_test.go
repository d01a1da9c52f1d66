package handlers

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"antom-checkout/checkout"
	"antom-checkout/db"
	"antom-checkout/views"
)

func TestAdminOrderPageAndRefundFieldErrors(t *testing.T) {
	ta := newAdminApp(t)
	ref, _ := ta.paidOrder(t, "payer@example.com")
	b := ta.client(t)
	b.staffSignIn()

	p := b.get("/admin/orders/" + ref)
	assertEqual(t, p.status, http.StatusOK, "order page")
	assertContains(t, p.body, `data-testid="order-status" data-status="paid"`, "Single-origin coffee beans",
		"PR-"+ref+"-TEST", "PAY-"+ref, `data-testid="refund-form"`, "Up to $37.00.", wholeEmail("payer@example.com"),
		`data-testid="timeline"`, "order created")
	key := refundFormKey(t, p.body)

	over := b.post("/admin/orders/"+ref+"/refunds", url.Values{"amount": {"37.01"}, "reason": {"broken"}, "key": {key}})
	assertEqual(t, over.status, http.StatusUnprocessableEntity, "refund over the paid amount")
	assertContains(t, over.body, `data-testid="amount-error"`, "At most $37.00 can be refunded.", `value="37.01"`,
		`value="broken"`, `name="key" value="`+key+`"`)
	bad := b.post("/admin/orders/"+ref+"/refunds", url.Values{"amount": {"ten"}, "key": {key}})
	assertContains(t, bad.body, "Enter a number, like 12.50.")
	// "4." may be "4.5" cut short: refused, even confirmed, not read as 4.
	for _, typed := range []string{"4.", "4.5.", "4,00", "+4", "1e2"} {
		cut := b.post("/admin/orders/"+ref+"/refunds", shownBefore(t, ta, b, "/admin/orders/"+ref+"/refunds", url.Values{"amount": {typed}, "key": {key}}))
		assertEqual(t, cut.status, http.StatusUnprocessableEntity, "refund of "+typed)
		assertContains(t, cut.body, "Enter a number, like 12.50.", `value="`+typed+`"`)
	}
	assertEqual(t, ta.count(t, "SELECT COUNT(*) FROM refunds"), 0, "refunds stored")

	// Antom cannot be reached here: the refund is stored, PROCESSING, on
	// the timeline with who asked.
	// Its confirmations, each in a tab of its own: of $5, of $7.50 and of
	// $5.00 (the same form, its amount written otherwise).
	tab := b.confirmation("/admin/orders/"+ref+"/refunds", url.Values{"amount": {"5"}, "key": {key}})
	otherTab := b.confirmation("/admin/orders/"+ref+"/refunds", url.Values{"amount": {"7.50"}, "key": {key}})
	sameTab := b.confirmation("/admin/orders/"+ref+"/refunds", url.Values{"amount": {"5.00"}, "key": {key}})
	ok := b.post("/admin/orders/"+ref+"/refunds", tab)
	assertEqual(t, ok.status, http.StatusSeeOther, "refund")
	again := b.post("/admin/orders/"+ref+"/refunds", tab)
	assertEqual(t, again.status, http.StatusSeeOther, "the same form again")
	assertEqual(t, ta.count(t, "SELECT COUNT(*) FROM refunds"), 1, "refunds stored")
	page := b.get(noticed(t, again, "/admin/orders/"+ref))
	assertContains(t, page.body, "This refund form was already submitted. Antom has not confirmed the refund of $5.00 yet", `data-testid="refund-status" data-status="PROCESSING"`,
		`data-testid="order-refunding">$5.00<`, `data-testid="order-refundable">$32.00<`, `data-testid="event-actor">by `+wholeEmail(staffEmail)+`<`)

	// The same form with another amount still makes no second refund, and
	// says the amounts differ, showing both: on the confirmation step
	// (422, nothing sent) and when confirmed (the refund the form made,
	// as it stands).
	other := b.post("/admin/orders/"+ref+"/refunds", url.Values{"amount": {"7.50"}, "key": {key}})
	assertEqual(t, other.status, http.StatusUnprocessableEntity, "the same form, another amount, to confirm")
	assertContains(t, other.body, "This refund form was already submitted for a refund of $5.00; this time it asked for $7.50, which was not sent: one form makes one refund.")
	other = b.post("/admin/orders/"+ref+"/refunds", otherTab)
	assertEqual(t, ta.count(t, "SELECT COUNT(*) FROM refunds"), 1, "refunds stored")
	page = b.get(noticed(t, other, "/admin/orders/"+ref))
	assertContains(t, page.body, "This refund form was already submitted for a refund of $5.00; this time it asked for $7.50, which was not sent: one form makes one refund.",
		"Antom has not confirmed the refund of $5.00 yet; we keep asking.", `data-tone="pending"`, `data-testid="order-refunding">$5.00<`)
	if strings.Contains(page.body, "This refund form was already submitted.") {
		t.Fatal("the notice reads as the same refund sent again")
	}
	// The same amount written otherwise is the same refund.
	same := b.post("/admin/orders/"+ref+"/refunds", sameTab)
	assertContains(t, b.get(noticed(t, same, "/admin/orders/"+ref)).body, "This refund form was already submitted. Antom has not confirmed the refund of $5.00 yet")

	assertEqual(t, b.get("/admin/orders/ORD-NOPE").status, http.StatusNotFound, "unknown order")
}

func TestAdminOrdersListKeepsTheQueryAcrossPages(t *testing.T) {
	ta := newAdminApp(t)
	ref, _ := ta.paidOrder(t, "payer@example.com")
	b := ta.client(t)
	b.staffSignIn()
	p := b.get("/admin/orders?q=" + url.QueryEscape("PAY-"+ref))
	assertContains(t, p.body, `data-testid="order-row"`, ref, wholeEmail("payer@example.com"), "Wallet")
	if strings.Count(p.body, `data-testid="order-row"`) != 1 {
		t.Fatal("the search matched more than the order")
	}
	none := b.get("/admin/orders?q=nobody&status=unpaid")
	assertContains(t, none.body, `data-testid="no-orders"`, `<option value="unpaid" selected>`)

	for i := 0; i < 21; i++ {
		if _, err := ta.Checkout.CreateOrder(t.Context(), checkout.Viewer{GuestKey: "k-guest"}, "mug", "1"); err != nil {
			t.Fatal(err)
		}
	}
	first := b.get("/admin/orders?status=unpaid")
	assertContains(t, first.body, `href="/admin/orders?page=2&amp;status=unpaid"`)
	second := b.get("/admin/orders?page=2&status=unpaid")
	assertContains(t, second.body, `href="/admin/orders?status=unpaid"`, "guest")
}

// A status the filter does not know answers 400, lists nothing and says
// which statuses there are; one typed in another case or with "_" is
// read as the status it names, and pages keep it as the filter writes it.
func TestAdminOrdersStatusFilterIsReadOrRefused(t *testing.T) {
	ta := newAdminApp(t)
	ref, _ := ta.paidOrder(t, "payer@example.com")
	b := ta.client(t)
	b.staffSignIn()
	for _, raw := range []string{"paid", "PAID", "Paid", " paid "} {
		p := b.get("/admin/orders?status=" + url.QueryEscape(raw))
		if p.status != http.StatusOK {
			t.Fatalf("status=%q: %d", raw, p.status)
		}
		assertContains(t, p.body, `<option value="paid" selected>`, ref)
	}
	p := b.get("/admin/orders?status=PARTIALLY_REFUNDED")
	assertContains(t, p.body, `<option value="partially-refunded" selected>`, `data-testid="no-orders"`)

	for _, raw := range []string{"garbage", "OPEN", "paid'--", "<b>x</b>"} {
		p := b.get("/admin/orders?q=payer&status=" + url.QueryEscape(raw))
		if p.status != http.StatusBadRequest {
			t.Fatalf("status=%q: %d, want 400", raw, p.status)
		}
		assertContains(t, p.body, `data-testid="orders-error"`, "There is no order status", `<option value="" selected>`,
			`value="payer"`, `href="/admin/orders?status=card-page"`, "Not finished (left on the card page)")
		if strings.Contains(p.body, `data-testid="order-row"`) || strings.Contains(p.body, "<b>x</b>") {
			t.Fatalf("status=%q lists orders or echoes markup:\n%s", raw, p.body)
		}
	}
}

func TestAdminDashboardDrawsTheChart(t *testing.T) {
	ta := newAdminApp(t)
	ta.paidOrder(t, "payer@example.com")
	b := ta.client(t)
	b.staffSignIn()
	p := b.get("/admin")
	assertEqual(t, p.status, http.StatusOK, "dashboard")
	assertEqual(t, strings.Count(p.body, `data-testid="chart-bar"`), 24, "bars")
	assertContains(t, p.body, `<svg viewBox="0 0 960 240" role="img"`, `data-count="1"`,
		ta.now.UTC().Truncate(time.Hour).Format("15:04")+"–", "1 payment</title>",
		`data-testid="today-USD"`, "$37.00", "100%", `href="/admin/notifications?verdict=quarantined"`,
		`data-testid="problem-auto-refunds"`, "automatic refunds of orders paid twice",
		`href="/admin/notifications?verdict=forged&amp;within=24h" data-testid="problem-forged"`, "refused (forged) notifications in the last 24 hours")
	if strings.Contains(p.body, "<script>") || strings.Contains(p.body, "style=") {
		t.Fatal("the chart needs no script and no inline style (CSP)")
	}
}

func TestAdminInboxRedactsAndReplays(t *testing.T) {
	ta := newAdminApp(t)
	ref, _ := ta.paidOrder(t, "payer@example.com")
	body := fmt.Sprintf(`{"notifyType":"PAYMENT_RESULT","result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"},"paymentRequestId":"PR-%s-TEST","paymentId":"PAY-%s","paymentAmount":{"currency":"USD","value":"3700"},"paymentResultInfo":{"cardToken":"SECRET-CARD-TOKEN"}}`, ref, ref)
	rec := ta.do(ta.notification(t, testClientID, "/antom/notify", ta.now.Format(time.RFC3339), []byte(body)))
	assertEqual(t, rec.Code, http.StatusOK, "notification")
	ta.do(ta.notification(t, "SANDBOX_OTHER", "/antom/notify", ta.now.Format(time.RFC3339), []byte(body)))

	b := ta.client(t)
	b.staffSignIn()
	p := b.get("/admin/notifications")
	assertContains(t, p.body, `data-verdict="duplicate"`, `data-verdict="forged"`, "[redacted]", "Refused on arrival",
		"told us nothing new: what it says was stored already — from Antom's answer to our call")
	if strings.Contains(p.body, "SECRET-CARD-TOKEN") {
		t.Fatal("the inbox shows a card token")
	}
	assertEqual(t, strings.Count(p.body, `data-testid="replay"`), 1, "replay buttons")
	// The notification that reached the order links to it; the refused one
	// reached nothing.
	assertContains(t, p.body, `href="/admin/orders/`+ref+`" data-testid="inbox-order"`)
	assertEqual(t, strings.Count(p.body, `data-testid="inbox-order"`), 1, "order links")
	id := regexp.MustCompile(`/admin/notifications/(\d+)/replay`).FindStringSubmatch(p.body)[1]
	r := b.post("/admin/notifications/"+id+"/replay", nil)
	assertEqual(t, r.status, http.StatusSeeOther, "replay")
	assertContains(t, b.get(noticed(t, r, "/admin/notifications")).body, "Replayed notification #"+id+": duplicate.")
	after := b.get("/admin/notifications?verdict=duplicate")
	assertContains(t, after.body, `replay of <a class="mono" href="/admin/notifications/`+id+`" data-testid="replay-of-link">#`+id+`</a> by admin@shop.test`)
	// Once replayed, the row links its replay instead of offering the
	// button again; asking anyway answers 409 with the admin's time format.
	all := b.get("/admin/notifications")
	replayID := regexp.MustCompile(`data-id="(\d+)" data-verdict="duplicate"`).FindStringSubmatch(all.body)[1]
	assertContains(t, all.body, `data-testid="replayed-as">Replayed as <a class="mono" href="/admin/notifications/`+replayID+`" data-testid="replayed-as-link">#`+replayID+`</a> (duplicate).`,
		`id="n`+replayID+`"`)
	// The link lands on the replay's own row, whatever page of the inbox
	// it is on: its own page, that row alone.
	one := b.get("/admin/notifications/" + replayID)
	assertEqual(t, one.status, http.StatusOK, "one notification's page")
	assertContains(t, one.body, "<h1>Notification #"+replayID+"</h1>", `data-id="`+replayID+`" data-verdict="duplicate"`,
		`replay of <a class="mono" href="/admin/notifications/`+id+`" data-testid="replay-of-link">#`+id+`</a> by`)
	assertEqual(t, strings.Count(one.body, `data-testid="inbox-row"`), 1, "rows on one notification's page")
	assertEqual(t, b.get("/admin/notifications/999999").status, http.StatusNotFound, "an unknown notification")
	assertEqual(t, b.get("/admin/notifications/abc").status, http.StatusNotFound, "not an id")
	assertEqual(t, strings.Count(all.body, `data-testid="replay"`), 1, "replay buttons: only the replay's own row")
	if strings.Contains(all.body, "/admin/notifications/"+id+"/replay") {
		t.Fatal("a replayed notification still offers Replay")
	}
	again := b.post("/admin/notifications/"+id+"/replay", nil)
	assertEqual(t, again.status, http.StatusConflict, "second replay")
	assertContains(t, again.body, "at "+views.AdminTime(nil, ta.now), "own row, #"+replayID+" (below).",
		`<a href="/admin/notifications/`+replayID+`" data-testid="error-link">Notification #`+replayID+`, the replay of #`+id+`</a>`)

	forged := regexp.MustCompile(`data-id="(\d+)" data-verdict="forged"`).FindStringSubmatch(p.body)[1]
	assertEqual(t, b.post("/admin/notifications/"+forged+"/replay", nil).status, http.StatusUnprocessableEntity, "replay of a forged one")

	// A verdict in another case is read; one there is not answers 400,
	// lists nothing and links the verdicts there are.
	upper := b.get("/admin/notifications?verdict=FORGED")
	assertEqual(t, upper.status, http.StatusOK, "verdict in capitals")
	assertContains(t, upper.body, `<option value="forged" selected>`, `data-verdict="forged"`)
	if strings.Contains(upper.body, `data-verdict="duplicate"`) {
		t.Fatal("the forged filter lists a duplicate")
	}
	bad := b.get("/admin/notifications?verdict=refused")
	assertEqual(t, bad.status, http.StatusBadRequest, "unknown verdict")
	assertContains(t, bad.body, `data-testid="inbox-error"`, "There is no notification verdict “refused”",
		`href="/admin/notifications?verdict=quarantined"`)
	if strings.Contains(bad.body, "applied — applied") || strings.Contains(bad.body, "duplicate</a> — duplicate") {
		t.Fatal("the valid verdicts are listed twice each: " + bad.body)
	}
	if strings.Contains(bad.body, `data-testid="inbox-row"`) {
		t.Fatal("an unknown verdict lists notifications")
	}
}

func TestAdminWalletsFindUnlinkAndRemove(t *testing.T) {
	ta := newAdminApp(t)
	_, wallet := ta.paidOrder(t, "payer@example.com")
	card := ta.keepCard(t, "payer@example.com")
	b := ta.client(t)
	b.staffSignIn()

	assertContains(t, b.get("/admin/wallets?email=nobody%40example.com").body, `data-testid="no-buyer"`)
	p := b.get("/admin/wallets?email=PAYER%40example.com")
	assertContains(t, p.body, `data-testid="buyer-email">`+wholeEmail("payer@example.com")+`<`, "GCash", `data-status="ACTIVE"`,
		fmt.Sprintf(`data-testid="admin-unlink-%d"`, wallet), "Visa •••• 4242", fmt.Sprintf(`data-testid="admin-remove-card-%d"`, card))

	u := b.confirm(fmt.Sprintf("/admin/wallets/%d/unlink", wallet), nil)
	assertEqual(t, u.status, http.StatusSeeOther, "unlink")
	after := b.get(u.location)
	assertContains(t, after.body, "Wallet unlinked", `data-testid="admin-wallet-status" data-status="REVOKED"`)
	if strings.Contains(after.body, fmt.Sprintf(`admin-unlink-%d`, wallet)) {
		t.Fatal("an ended wallet still offers Unlink")
	}
	rm := b.confirm(fmt.Sprintf("/admin/cards/%d/remove", card), nil)
	assertContains(t, b.get(rm.location).body, "Card removed.", `data-status="REMOVED"`)
	assertEqual(t, b.post("/admin/wallets/999/unlink", nil).status, http.StatusNotFound, "unknown wallet")
	assertEqual(t, b.post("/admin/wallets/999/unlink", shownBefore(t, ta, b, "/admin/wallets/999/unlink", nil)).status, http.StatusNotFound, "unknown wallet, confirmed")
}

func TestAdminLookupFieldError(t *testing.T) {
	ta := newAdminApp(t)
	b := ta.client(t)
	b.staffSignIn()
	assertContains(t, b.get("/admin/refunds/lookup").body, `data-testid="lookup-form"`)
	p := b.lookup("  ")
	assertEqual(t, p.status, http.StatusUnprocessableEntity, "empty id")
	assertContains(t, p.body, `data-testid="id-error"`)
	p = b.lookup("RF-1\tX")
	assertEqual(t, textOf(t, html(t, p.body), "id-error"), "No tabs, please: the id holds a tab (text pasted from a spreadsheet often does) — take it out.",
		"a tab in an id: not to be made a space, which is refused next")
	for _, id := range []string{"hello world", "RF-1 RF-2", "ＲＦ－１　２"} { // no id has spaces: Antom is not asked
		p = b.lookup(id)
		assertEqual(t, p.status, http.StatusUnprocessableEntity, "an id with a space: "+id)
		assertEqual(t, textOf(t, html(t, p.body), "id-error"), "An id has no spaces: paste the refundRequestId or the refundId alone.", "its error")
	}
	down := b.lookup("RF-1")
	assertContains(t, down.body, `data-testid="lookup-error"`, "Antom did not answer")
}

// In MANUAL capture mode the dashboard counts money taken: authorize →
// partial capture counts what was captured, a voided authorization
// nothing; open authorizations are shown apart, refunds as refunds. The
// order page shows what was authorized and captured.
func TestAdminDashboardMoneyInManualMode(t *testing.T) {
	ta := newAdminApp(t)
	authorize := func(slug string) (string, int64) {
		o, err := ta.Checkout.CreateOrder(t.Context(), checkout.Viewer{GuestKey: "k-guest"}, slug, "1")
		if err != nil {
			t.Fatal(err)
		}
		id := ta.cardAttempt(t, o.Ref, "MANUAL", 14*time.Minute)
		ta.authorizeCard(t, o.Ref, id)
		return o.Ref, id
	}
	captured, attempt := authorize("teapot") // ¥5,800
	ta.capture(t, captured, attempt, 5000)
	ta.refund(t, captured, attempt, 1200, db.RefundSuccess)
	voided, _ := authorize("matcha") // ¥2,400
	if ok, err := ta.DB.SetOrderStatus(t.Context(), ta.order(t, voided).ID, db.OrderAuthorized, db.OrderVoided, ta.now); err != nil || !ok {
		t.Fatalf("void: %v %v", ok, err)
	}
	open, _ := authorize("furoshiki")              // ¥3,600
	expired, expiredAttempt := authorize("teapot") // ¥5,800, never captured
	lapsed := ta.now.Add(-time.Hour)               // its authorization's expiry, passed
	if err := ta.DB.SetAttemptCard(t.Context(), expiredAttempt, "VISA", "4242", lapsed, ta.now); err != nil {
		t.Fatal(err)
	}
	if ok, err := ta.DB.EndAuthorization(t.Context(), ta.order(t, expired).ID, db.OrderExpired, ta.now); err != nil || !ok {
		t.Fatalf("expire: %v %v", ok, err)
	}

	b := ta.client(t)
	b.staffSignIn()
	d := html(t, b.get("/admin").body)
	assertEqual(t, textOf(t, d, "today-JPY"), "¥5,000 1 payment", "payments today")
	assertEqual(t, textOf(t, d, "authorized-JPY"), "¥3,600 1 authorization", "open authorizations")
	assertEqual(t, textOf(t, d, "refunded-JPY"), "¥1,200 1 refund", "refunds today")
	bars := 0
	testid(d, "chart-bar").Each(func(_ int, s *goquery.Selection) {
		n, _ := strconv.Atoi(s.AttrOr("data-count", ""))
		bars += n
	})
	assertEqual(t, bars, 1, "payments on the chart")

	for ref, want := range map[string][2]string{
		captured: {"¥5,800", "¥5,000"}, voided: {"¥2,400", "nothing (voided)"}, open: {"¥3,600", "nothing yet"},
		expired: {"¥5,800", "nothing (the authorization expired)"},
	} {
		d := html(t, b.get("/admin/orders/"+ref).body)
		assertEqual(t, textOf(t, d, "order-authorized"), want[0], ref+" authorized")
		assertEqual(t, textOf(t, d, "order-captured"), want[1], ref+" captured")
		by, lapsed := testid(d, "order-capture-by"), testid(d, "order-auth-expired")
		assertEqual(t, [2]int{by.Length(), lapsed.Length()}, [2]int{one(ref == open), one(ref == expired)}, ref+": capture by, expired")
		assertEqual(t, testid(d, "capture-form").Length(), one(ref == open), ref+": a capture form")
	}
	d = html(t, b.get("/admin/orders/"+expired).body)
	assertEqual(t, textOf(t, d, "order-auth-expired"), asRead(views.AdminTime(nil, lapsed))+" (never captured: nothing was charged)", "when it expired")
	assertEqual(t, textOf(t, d, "order-status"), "authorization expired", "its badge")

	// Past its expiry but not closed yet (the reconciler asks Antom
	// first whether it was captured outside this app): the page does not
	// say nothing was charged.
	waiting, waitingAttempt := authorize("teapot")
	if err := ta.DB.SetAttemptCard(t.Context(), waitingAttempt, "VISA", "4242", lapsed, ta.now); err != nil {
		t.Fatal(err)
	}
	d = html(t, b.get("/admin/orders/"+waiting).body)
	assertEqual(t, textOf(t, d, "order-auth-expired"), asRead(views.AdminTime(nil, lapsed))+
		" (never captured here; the order is closed once Antom confirms nothing was captured outside this app: see the timeline)", "expired, not closed yet")

	// The reconciler stopped asking (Antom never answered, 30 days after
	// the authorization): left open for staff, still not "nothing was
	// charged".
	if changed, err := ta.DB.StopEndChecks(t.Context(), waitingAttempt, 0, ta.now); err != nil || !changed {
		t.Fatalf("stop end checks: %v %v", changed, err)
	}
	d = html(t, b.get("/admin/orders/"+waiting).body)
	assertEqual(t, textOf(t, d, "order-auth-expired"), asRead(views.AdminTime(nil, lapsed))+
		" (never captured here; Antom never confirmed whether it was captured outside this app, and we stopped asking on "+asRead(views.AdminTime(nil, ta.now))+
		": the order stays open for you to decide — look the payment up in Antom Dashboard (its paymentId is under Payment attempts) before telling the buyer whether they were charged; see the timeline)",
		"expired, asks stopped")
	assertEqual(t, testid(d, "order-auth-expired").AttrOr("data-stopped", ""), "true", "marked stopped")
}

// A page number that is not a whole number from 1 to the limit answers
// 400 in the staff layout, says so, lists nothing and links the list's
// first page with its filters; the pages that exist still list, and one
// past the list's end says so (404), not that nothing matches.
func TestAdminListsRefuseBadPageNumbers(t *testing.T) {
	ta := newAdminApp(t)
	ref, _ := ta.paidOrder(t, "payer@example.com")
	b := ta.client(t)
	b.staffSignIn()
	for _, list := range []struct{ path, row, first string }{
		{"/admin/orders?status=paid&page=", `data-testid="order-row"`, `href="/admin/orders?status=paid"`},
		{"/admin/notifications?verdict=applied&page=", `data-testid="inbox-row"`, `href="/admin/notifications?verdict=applied"`},
	} {
		for _, raw := range []string{"abc", "0", "-1", "1.5", "+2", "02", " 1", "1000001", "99999999999999999999999", "<b>x</b>"} {
			p := b.get(list.path + url.QueryEscape(raw))
			if p.status != http.StatusBadRequest {
				t.Fatalf("%s%q: %d, want 400", list.path, raw, p.status)
			}
			assertContains(t, p.body, `<body class="admin">`, `data-testid="nav-dashboard"`, `data-testid="page-error"`,
				"There is no page", "a page is a whole number from 1 to 1000000", list.first)
			if strings.Contains(p.body, list.row) || strings.Contains(p.body, "<b>x</b>") {
				t.Fatalf("%s%q lists rows or echoes markup:\n%s", list.path, raw, p.body)
			}
		}
		for _, raw := range []string{"", "1"} {
			if p := b.get(list.path + raw); p.status != http.StatusOK {
				t.Fatalf("%s%q: %d, want 200", list.path, raw, p.status)
			}
		}
		// Past the list's end: not "nothing matches", but where it ends.
		for _, raw := range []string{"2", "1000000"} {
			p := b.get(list.path + raw)
			if p.status != http.StatusNotFound {
				t.Fatalf("%s%q: %d, want 404", list.path, raw, p.status)
			}
			assertContains(t, p.body, `data-testid="page-error"`, "Page "+raw+" is past the last page", list.first)
			if strings.Contains(p.body, list.row) || strings.Contains(p.body, "No orders match") || strings.Contains(p.body, "No notifications") {
				t.Fatalf("%s%q says nothing matches or lists rows:\n%s", list.path, raw, p.body)
			}
		}
	}
	assertContains(t, b.get("/admin/orders?status=paid&page=1").body, ref)
}

// The summary of an order captured in part says what its money rows add
// up to: what was captured, not the total (the rest of the authorization
// was released); an order paid in full says nothing more, its rows adding
// up to its total.
func TestAdminSummaryOfAPartCaptureAddsUp(t *testing.T) {
	ta := newAdminApp(t)
	o, err := ta.Checkout.CreateOrder(t.Context(), checkout.Viewer{GuestKey: "k-guest"}, "teapot", "1") // ¥5,800
	if err != nil {
		t.Fatal(err)
	}
	attempt := ta.cardAttempt(t, o.Ref, "MANUAL", 14*time.Minute)
	ta.authorizeCard(t, o.Ref, attempt)
	ta.capture(t, o.Ref, attempt, 5000)
	ta.refund(t, o.Ref, attempt, 1200, db.RefundSuccess)
	full, _ := ta.paidOrder(t, "payer@example.com")
	b := ta.client(t)
	b.staffSignIn()

	d := html(t, b.get("/admin/orders/"+o.Ref).body)
	assertEqual(t, textOf(t, d, "order-total"), "¥5,800", "total")
	assertEqual(t, textOf(t, d, "order-refunded"), "¥1,200", "refunded")
	assertEqual(t, textOf(t, d, "order-refundable"), "¥3,800", "refundable")
	assertEqual(t, textOf(t, d, "order-sum"), "Refunded, being refunded, settled another way and refundable add up to the ¥5,000 captured, not to the total: the rest of the ¥5,800 authorized was released.", "what the rows add up to")
	if p := b.get("/admin/orders/" + full); strings.Contains(p.body, `data-testid="order-sum"`) {
		t.Fatal("an order paid in full says its rows add up to something else than its total")
	}
}

// The dashboard's card payments left on the card page stand apart from
// the open problems, and say why they are none only when there are some,
// in one line with their count: one buyer, or their buyers, may still
// finish.
func TestDashboardSaysCardPagesAreNoProblem(t *testing.T) {
	ta := newAdminApp(t)
	b := ta.client(t)
	b.staffSignIn()
	d := html(t, b.get("/admin").body)
	assertEqual(t, testid(d, "card-pages-note").Length(), 0, "notes with no card page open")
	if strings.Contains(d.Text(), "No problem") {
		t.Fatal("the open problems say \"No problem\"")
	}

	o, err := ta.Checkout.CreateOrder(t.Context(), checkout.Viewer{GuestKey: "k-guest"}, "teapot", "1")
	if err != nil {
		t.Fatal(err)
	}
	ta.cardAttemptWith(t, o.Ref, 0, true, false)
	ta.now = ta.now.Add(2 * time.Minute)
	d = html(t, b.get("/admin").body)
	assertEqual(t, strings.Join(strings.Fields(testid(d, "card-pages-open").Parent().Text()), " "),
		"1 card payment left unfinished on the card page for over a minute (nothing to do: the buyer may still finish there, or pay another way)", "the card pages' line")
}

// one is 1 for true, 0 for false: how many of a thing a page shows.
func one(b bool) int {
	if b {
		return 1
	}
	return 0
}
