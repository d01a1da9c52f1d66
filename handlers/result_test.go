package handlers

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"antom-checkout/antom"
	"antom-checkout/checkout"
	"antom-checkout/db"
	"antom-checkout/lang"
)

// html parses a page for queries by data-testid.
func html(t *testing.T, body string) *goquery.Document {
	t.Helper()
	d, err := goquery.NewDocumentFromReader(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// testid selects the elements with a data-testid.
func testid(d *goquery.Document, id string) *goquery.Selection {
	return d.Find(`[data-testid="` + id + `"]`)
}

// textOf returns the trimmed, space-collapsed text of the one element
// with a data-testid as a screen reader reads it (badges beside a name
// are aria-hidden), failing when there is none.
func textOf(t *testing.T, d *goquery.Document, id string) string {
	t.Helper()
	s := testid(d, id)
	if s.Length() != 1 {
		t.Fatalf("%d elements with data-testid %q", s.Length(), id)
	}
	s = s.Clone()
	s.Find(`[aria-hidden="true"]`).Remove()
	return strings.Join(strings.Fields(s.Text()), " ")
}

const cardPage = testGatewayURL + "/ams/hosted/card?paymentId=PAY-CARD-1"

// cardAttempt records a PROCESSING card payment whose hosted page Antom
// gave, as PayByCard does, and returns its id.
func (ta *testApp) cardAttempt(t *testing.T, ref, captureMode string, expires time.Duration) int64 {
	t.Helper()
	ctx := context.Background()
	o := ta.order(t, ref)
	id, err := ta.DB.InsertAttempt(ctx, db.Attempt{
		OrderID: o.ID, PaymentRequestID: "PR-" + ref + "-CARD", Method: db.MethodCard, CaptureMode: captureMode,
		Currency: o.Currency, Amount: o.Amount, Status: db.AttemptProcessing,
		ExpiresAt: ta.now.Add(expires), NextCheckAt: ta.now.Add(time.Hour), CreatedAt: ta.now,
	})
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := ta.DB.SetOrderStatus(ctx, o.ID, db.OrderOpen, db.OrderProcessing, ta.now); err != nil || !ok {
		t.Fatalf("order to PROCESSING: %v %v", ok, err)
	}
	if err := ta.DB.SetAttemptRedirect(ctx, id, cardPage, ta.now); err != nil {
		t.Fatal(err)
	}
	return id
}

// authorizeCard settles a MANUAL card attempt as authorized with a Visa.
func (ta *testApp) authorizeCard(t *testing.T, ref string, attempt int64) {
	t.Helper()
	ctx := context.Background()
	set := db.Settlement{Status: db.AttemptSuccess, Code: "SUCCESS", PaymentID: "PAY-CARD-1", PaidAt: ta.now, Source: db.SourceAntom}
	if ok, err := ta.DB.SettleAttempt(ctx, attempt, db.AttemptProcessing, "", set, ta.now); err != nil || !ok {
		t.Fatalf("settle: %v %v", ok, err)
	}
	if err := ta.DB.SetAttemptCard(ctx, attempt, "VISA", "4242", ta.now.Add(7*24*time.Hour), ta.now); err != nil {
		t.Fatal(err)
	}
	if ok, err := ta.DB.SetOrderStatus(ctx, ta.order(t, ref).ID, db.OrderProcessing, db.OrderAuthorized, ta.now); err != nil || !ok {
		t.Fatalf("order to AUTHORIZED: %v %v", ok, err)
	}
}

// capture records a successful capture of an authorized order.
func (ta *testApp) capture(t *testing.T, ref string, attempt, amount int64) {
	t.Helper()
	ctx := context.Background()
	o := ta.order(t, ref)
	id, err := ta.DB.InsertCapture(ctx, db.Capture{OrderID: o.ID, AttemptID: attempt, CaptureRequestID: "CAP-" + ref,
		Currency: o.Currency, Amount: amount, Status: db.CaptureProcessing, CreatedBy: "staff", CreatedAt: ta.now})
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := ta.DB.SettleCapture(ctx, id, db.CaptureSuccess, "SUCCESS", "", "CAPTURE-1", ta.now); err != nil || !ok {
		t.Fatalf("settle capture: %v %v", ok, err)
	}
	if ok, err := ta.DB.SetOrderStatus(ctx, o.ID, db.OrderAuthorized, db.OrderPaid, ta.now); err != nil || !ok {
		t.Fatalf("order to PAID: %v %v", ok, err)
	}
}

// refundUnconfirmed is refund's status for a refund Antom has not
// answered yet: PROCESSING without a refundId.
const refundUnconfirmed = "UNCONFIRMED"

// refund records a refund of an attempt: settled, still processing
// (accepted by Antom: it has a refundId), or refundUnconfirmed.
func (ta *testApp) refund(t *testing.T, ref string, attempt, amount int64, status string) {
	t.Helper()
	ctx := context.Background()
	o := ta.order(t, ref)
	id, err := ta.DB.InsertRefund(ctx, db.Refund{OrderID: o.ID, AttemptID: attempt, RefundRequestID: "RF-" + ref + "-" + itoa(amount),
		Currency: o.Currency, Amount: amount, Status: db.RefundProcessing, NextCheckAt: ta.now.Add(time.Hour), CreatedBy: "staff", CreatedAt: ta.now})
	if err != nil {
		t.Fatal(err)
	}
	switch status {
	case db.RefundProcessing:
		if err := ta.DB.SetRefundID(ctx, id, "REFUND-"+itoa(amount), ta.now); err != nil {
			t.Fatal(err)
		}
	case db.RefundSuccess:
		if ok, err := ta.DB.SettleRefund(ctx, id, db.RefundProcessing, "", db.RefundSuccess, "SUCCESS", "REFUND-"+itoa(amount), db.SourceAntom, ta.now, ta.now); err != nil || !ok {
			t.Fatalf("settle refund: %v %v", ok, err)
		}
	case db.RefundFail: // as the reconciler closes a refund Antom never created
		if ok, err := ta.DB.SettleRefund(ctx, id, db.RefundProcessing, "", db.RefundFail, "ORDER_NOT_EXIST", "", db.SourceOurs, time.Time{}, ta.now); err != nil || !ok {
			t.Fatalf("settle refund: %v %v", ok, err)
		}
	}
}

// teapotPaidByCard is an order of one teapot that buyer b paid by card,
// authorized and then captured whole: its ref, the card attempt and
// what was charged (minor units, JPY).
func (ta *testApp) teapotPaidByCard(t *testing.T, b *browserClient) (ref string, attempt, total int64) {
	t.Helper()
	ref = b.buy("teapot", "1")
	attempt = ta.cardAttempt(t, ref, antom.CaptureManual, 14*time.Minute)
	ta.authorizeCard(t, ref, attempt)
	total = ta.order(t, ref).Amount
	ta.capture(t, ref, attempt, total)
	return ref, attempt, total
}

// lookedAbsent records, for each of order ref's refunds of amounts (as
// refund names them) closed as failed by us, a staff Refund lookup that
// found Antom has no such refund: a retry of it is offered then.
func (ta *testApp) lookedAbsent(t *testing.T, ref string, amounts ...int64) {
	t.Helper()
	for _, amount := range amounts {
		r, err := ta.DB.RefundByRequestID(context.Background(), "RF-"+ref+"-"+itoa(amount))
		if err != nil {
			t.Fatal(err)
		}
		if ok, err := ta.DB.LookedAbsent(context.Background(), r.ID, "staff", ta.now); err != nil || !ok {
			t.Fatalf("looked absent: %v %v", ok, err)
		}
	}
}

// The result page says what the database holds, in plain words, with
// the ways forward of each state as links and forms.
func TestResultPageStates(t *testing.T) {
	// A check reads the page; REF in what it wants stands for the order's
	// ref, ta0Time for the test app's clock as pages show it.
	type check func(t *testing.T, d *goquery.Document, expand func(string) string)
	has := func(id, want string) check {
		return func(t *testing.T, d *goquery.Document, expand func(string) string) {
			t.Helper()
			if got := textOf(t, d, id); got != expand(want) {
				t.Errorf("%s = %q, want %q", id, got, expand(want))
			}
		}
	}
	attr := func(id, name, want string) check {
		return func(t *testing.T, d *goquery.Document, expand func(string) string) {
			t.Helper()
			if got, _ := testid(d, id).Attr(name); got != expand(want) {
				t.Errorf("%s %s = %q, want %q", id, name, got, expand(want))
			}
		}
	}
	formTo := func(id, action string) check {
		return func(t *testing.T, d *goquery.Document, expand func(string) string) {
			t.Helper()
			form := testid(d, id).Closest("form")
			if got, _ := form.Attr("action"); got != expand(action) || form.AttrOr("method", "") != "post" {
				t.Errorf("%s posts to %q, want %q", id, got, expand(action))
			}
		}
	}
	// badge wants the brand mark of a class inside an element.
	badge := func(id, class string) check {
		return func(t *testing.T, d *goquery.Document, _ func(string) string) {
			t.Helper()
			if testid(d, id).Find(`[data-testid="mark"].`+class).Length() != 1 {
				t.Errorf("%s has no %s badge", id, class)
			}
		}
	}
	absent := func(ids ...string) check {
		return func(t *testing.T, d *goquery.Document, _ func(string) string) {
			t.Helper()
			for _, id := range ids {
				if testid(d, id).Length() != 0 {
					t.Errorf("%s is on the page", id)
				}
			}
		}
	}
	lacks := func(words ...string) check {
		return func(t *testing.T, d *goquery.Document, _ func(string) string) {
			t.Helper()
			text := testid(d, "result-headline").Text() + " " + testid(d, "result-detail").Text() + " " + testid(d, "paid-facts").Text()
			for _, w := range words {
				if strings.Contains(strings.ToLower(text), strings.ToLower(w)) {
					t.Errorf("the result says %q: %s", w, strings.Join(strings.Fields(text), " "))
				}
			}
		}
	}
	const at = ta0Time
	tests := []struct {
		name   string
		setup  func(ta *testApp, ref string, wallet int64)
		status string
		checks []check
	}{
		{"unpaid", func(*testApp, string, int64) {}, "unpaid", []check{
			has("result-headline-text", lang.For(lang.English).T("result.head_unpaid")), attr("go-checkout", "href", "/checkout/REF"), attr("result", "data-waiting", "false")}},
		{"paid by wallet", func(ta *testApp, ref string, w int64) {
			ta.settle(t, ref, ta.openAttempt(t, ref, w), db.AttemptSuccess, "SUCCESS", "202611221940108001001880000001")
		}, "paid", []check{
			has("result-headline-text", "Thank you for your order"), has("result-detail", "Your order is paid: we received ¥2,400."),
			has("payment-id", "202611221940108001001880000001"), has("paid-amount", "¥2,400"), has("paid-at", at),
			has("paid-method", "GCash 0917****123"), badge("paid-method", "mark-gcash"), absent("check-again", "pay-another-way", "authorized-amount", "refunded-amount")}},
		{"wallet balance", func(ta *testApp, ref string, w int64) {
			ta.settle(t, ref, ta.openAttempt(t, ref, w), db.AttemptFail, "USER_BALANCE_NOT_ENOUGH", "")
		}, "failed", []check{
			has("result-detail", "Your wallet balance is not enough for this payment. Nothing was charged."),
			attr("pay-another-way", "href", "/checkout/REF"), has("result-code", "Reason code: USER_BALANCE_NOT_ENOUGH"),
			absent("relink", "check-again", "paid-facts", "pay-again")}},
		{"wallet token", func(ta *testApp, ref string, w int64) {
			ta.settle(t, ref, ta.openAttempt(t, ref, w), db.AttemptFail, "INVALID_ACCESS_TOKEN", "")
		}, "failed", []check{
			has("result-detail", "GCash 0917****123 is no longer linked. Nothing was charged. Link it again to pay with it."),
			attr("relink", "href", "/checkout/REF#link-wallet"), has("relink", "Link the wallet again")}},
		{"card without funds", func(ta *testApp, ref string, _ int64) {
			ta.settle(t, ref, ta.cardAttempt(t, ref, antom.CaptureAutomatic, 14*time.Minute), db.AttemptFail, "USER_BALANCE_NOT_ENOUGH", "")
		}, "failed", []check{
			has("result-detail", "Your card was declined: not enough funds. Nothing was charged. Please use another card or pay another way."),
			lacks("wallet", "balance")}},
		{"card refused", func(ta *testApp, ref string, _ int64) {
			ta.settle(t, ref, ta.cardAttempt(t, ref, antom.CaptureAutomatic, 14*time.Minute), db.AttemptFail, "SOMETHING_NEW", "")
		}, "failed", []check{
			has("result-detail", "Your card was declined. Nothing was charged. Please use another card or pay another way."),
			has("result-code", "Reason code: SOMETHING_NEW")}},
		{"cancelled", func(ta *testApp, ref string, w int64) {
			ta.settle(t, ref, ta.openAttempt(t, ref, w), db.AttemptCancelled, "ORDER_IS_CANCELED", "")
		}, "cancelled", []check{
			has("result-detail", "This payment was cancelled before it completed. You were not charged."),
			has("pay-again", "Pay again"), attr("pay-again", "href", "/checkout/REF"), absent("pay-another-way")}},
		{"wallet processing", func(ta *testApp, ref string, w int64) { ta.openAttempt(t, ref, w) }, "processing", []check{
			has("result-headline-text", "We're confirming your payment with GCash 0917****123."),
			formTo("check-again", "/orders/REF/check"), attr("result", "data-waiting", "true"),
			attr("result", "data-status-url", "/orders/REF/status?lang=en"), absent("leave-card-page", "continue-card-page", "paid-facts")}},
		{"card page left", func(ta *testApp, ref string, _ int64) { ta.cardAttempt(t, ref, antom.CaptureAutomatic, 14*time.Minute) }, "card-page", []check{
			has("result-status", "Not finished"), has("result-headline-text", lang.For(lang.English).T("result.head_card_page")),
			attr("continue-card-page", "href", cardPage), has("continue-card-page", "Continue on the card page"),
			formTo("leave-card-page", "/orders/REF/pay-another-way"), has("leave-card-page", "Pay another way"),
			formTo("check-again", "/orders/REF/check"), attr("result", "data-waiting", "true")}},
		{"back from the card page, result unknown", func(ta *testApp, ref string, _ int64) {
			id := ta.cardAttempt(t, ref, antom.CaptureAutomatic, 14*time.Minute)
			if ok, err := ta.DB.MarkReturned(context.Background(), id, ta.now); err != nil || !ok {
				t.Fatalf("mark returned: %v %v", ok, err)
			}
		}, "processing", []check{
			has("result-headline-text", "We're confirming your card payment…"),
			formTo("check-again", "/orders/REF/check"), attr("result", "data-waiting", "true"),
			absent("leave-card-page", "continue-card-page", "pay-another-way", "paid-facts")}},
		{"card page expired", func(ta *testApp, ref string, _ int64) { ta.cardAttempt(t, ref, antom.CaptureAutomatic, -time.Second) }, "card-page", []check{
			has("result-detail", "The card page has expired. If you finished paying there, this page updates by itself in a moment. If you did not pay there, pay another way."),
			absent("continue-card-page"), formTo("leave-card-page", "/orders/REF/pay-another-way")}},
		{"cancel not confirmed", func(ta *testApp, ref string, _ int64) {
			id := ta.cardAttempt(t, ref, antom.CaptureAutomatic, 14*time.Minute)
			if ok, err := ta.DB.RequestCancel(context.Background(), id, "", ta.now); err != nil || !ok {
				t.Fatalf("ask cancel: %v %v", ok, err)
			}
		}, "cancelling", []check{
			has("result-headline-text", lang.For(lang.English).T("result.head_cancelling")),
			formTo("retry-cancel", "/orders/REF/pay-another-way"), absent("continue-card-page", "leave-card-page"),
			attr("result", "data-waiting", "true")}},
		{"left and cancelled", func(ta *testApp, ref string, _ int64) {
			id := ta.cardAttempt(t, ref, antom.CaptureAutomatic, 14*time.Minute)
			if ok, err := ta.DB.RequestCancel(context.Background(), id, "", ta.now); err != nil || !ok {
				t.Fatalf("ask cancel: %v %v", ok, err)
			}
			ta.settle(t, ref, id, db.AttemptCancelled, "ORDER_IS_CANCELED", "")
		}, "cancelled", []check{
			has("result-detail", "The card payment you left was cancelled. You were not charged."),
			has("pay-another-way", "Pay another way"), attr("pay-another-way", "href", "/checkout/REF"), absent("pay-again")}},
		{"authorized", func(ta *testApp, ref string, _ int64) {
			ta.authorizeCard(t, ref, ta.cardAttempt(t, ref, antom.CaptureManual, 14*time.Minute))
		}, "authorized", []check{
			has("result-headline-text", lang.For(lang.English).T("result.head_authorized")),
			has("result-detail", "Your card authorized ¥2,400. The shop takes the money when it ships your order; until then it is only held."),
			has("authorized-amount", "¥2,400"), has("authorized-at", at), has("paid-method", "Visa •••• 4242"), badge("paid-method", "mark-visa"),
			absent("paid-at", "paid-amount"), lacks("Paid")}},
		{"authorization expired", func(ta *testApp, ref string, _ int64) {
			id := ta.cardAttempt(t, ref, antom.CaptureManual, 14*time.Minute)
			ta.authorizeCard(t, ref, id)
			if err := ta.DB.SetAttemptCard(context.Background(), id, "VISA", "4242", ta.now, ta.now); err != nil { // expires now
				t.Fatal(err)
			}
			if ok, err := ta.DB.EndAuthorization(context.Background(), ta.order(t, ref).ID, db.OrderExpired, ta.now); err != nil || !ok {
				t.Fatalf("expire: %v %v", ok, err)
			}
		}, "expired", []check{
			has("result-headline-text", lang.For(lang.English).T("result.head_expired")),
			has("result-detail", "The shop did not take the ¥2,400 your card authorized before the authorization expired. Your bank releases the hold, if it has not already."),
			has("authorized-amount", "¥2,400"), has("auth-expired-at", at), has("paid-method", "Visa •••• 4242"),
			absent("paid-at", "paid-amount", "print-receipt", "check-again"), attr("result", "data-waiting", "false"), lacks("Paid")}},
		{"partly captured", func(ta *testApp, ref string, _ int64) {
			id := ta.cardAttempt(t, ref, antom.CaptureManual, 14*time.Minute)
			ta.authorizeCard(t, ref, id)
			ta.capture(t, ref, id, 2000)
		}, "paid", []check{
			has("result-detail", "Charged ¥2,000 of the ¥2,400 authorized; the rest was released."),
			has("paid-amount", "¥2,000"), has("authorized-amount", "¥2,400"), has("paid-at", at), has("paid-method", "Visa •••• 4242"),
			lacks("We received ¥2,400")}},
		{"refund on its way", func(ta *testApp, ref string, w int64) {
			id := ta.openAttempt(t, ref, w)
			ta.settle(t, ref, id, db.AttemptSuccess, "SUCCESS", "PAY-1")
			ta.refund(t, ref, id, 1000, db.RefundProcessing)
		}, "paid", []check{
			has("refund-on-its-way", "A refund of ¥1,000 is on its way to you."), has("refunding-amount", "¥1,000"),
			attr("result", "data-waiting", "true"), absent("refunded-amount")}},
		{"refund not confirmed yet", func(ta *testApp, ref string, w int64) {
			id := ta.openAttempt(t, ref, w)
			ta.settle(t, ref, id, db.AttemptSuccess, "SUCCESS", "PAY-1")
			ta.refund(t, ref, id, 400, refundUnconfirmed)
		}, "paid", []check{
			has("refund-being-confirmed", "A refund of ¥400 is being confirmed."),
			absent("refund-on-its-way", "refunding-amount", "refunded-amount"), attr("result", "data-waiting", "true")}},
		{"refund failed", func(ta *testApp, ref string, w int64) {
			id := ta.openAttempt(t, ref, w)
			ta.settle(t, ref, id, db.AttemptSuccess, "SUCCESS", "PAY-1")
			ta.refund(t, ref, id, 1000, db.RefundFail)
		}, "paid", []check{
			has("refund-failed", "A refund has not gone through, so as far as the shop knows ¥1,000 is still owed to you. The shop has been told and will sort it out."),
			absent("refund-on-its-way", "refunding-amount", "refunded-amount"), attr("result", "data-waiting", "false")}},
		{"refund failed, then made again", func(ta *testApp, ref string, w int64) {
			id := ta.openAttempt(t, ref, w)
			ta.settle(t, ref, id, db.AttemptSuccess, "SUCCESS", "PAY-1")
			ta.refund(t, ref, id, 1000, db.RefundFail)
			ta.refund(t, ref, id, 600, db.RefundProcessing)
			ta.refund(t, ref, id, 400, db.RefundProcessing)
		}, "paid", []check{
			has("refund-on-its-way", "2 refunds, ¥1,000 in all, are on their way to you."), absent("refund-failed")}},
		{"refund failed, then a smaller one made", func(ta *testApp, ref string, w int64) {
			id := ta.openAttempt(t, ref, w)
			ta.settle(t, ref, id, db.AttemptSuccess, "SUCCESS", "PAY-1")
			ta.refund(t, ref, id, 1000, db.RefundFail)
			ta.refund(t, ref, id, 900, db.RefundProcessing)
		}, "paid", []check{
			has("refund-on-its-way", "A refund of ¥900 is on its way to you."),
			has("refund-failed", "A refund has not gone through, so as far as the shop knows ¥100 is still owed to you. The shop has been told and will sort it out.")}},
		{"partially refunded", func(ta *testApp, ref string, w int64) {
			id := ta.openAttempt(t, ref, w)
			ta.settle(t, ref, id, db.AttemptSuccess, "SUCCESS", "PAY-1")
			ta.refund(t, ref, id, 400, db.RefundSuccess)
		}, "partially-refunded", []check{
			has("result-status", "Partially refunded"), has("result-headline-text", lang.For(lang.English).T("result.head_partially_refunded")),
			has("result-detail", "¥400 of the ¥2,400 you paid was refunded to you."),
			has("refunded-amount", "¥400"), has("refunded-at", at), attr("result", "data-waiting", "false")}},
		{"refunded", func(ta *testApp, ref string, w int64) {
			id := ta.openAttempt(t, ref, w)
			ta.settle(t, ref, id, db.AttemptSuccess, "SUCCESS", "PAY-1")
			ta.refund(t, ref, id, 400, db.RefundSuccess)
			ta.refund(t, ref, id, 2000, db.RefundSuccess)
		}, "refunded", []check{
			has("result-headline-text", lang.For(lang.English).T("result.head_refunded")), has("result-detail", "The ¥2,400 you paid was refunded to you in full."),
			has("refunded-amount", "¥2,400"), lacks("We received", "Your order is paid")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ta := newTestApp(t)
			b := ta.client(t)
			b.signUp("result@example.com")
			wallet := ta.insertWallet(t, ta.buyerID(t, "result@example.com"), "0917****123")
			ref := b.buy("matcha", "1")
			tt.setup(ta, ref, wallet)

			p := b.get("/orders/" + ref)
			assertEqual(t, p.status, http.StatusOK, "result page")
			d := html(t, p.body)
			if got, _ := testid(d, "result").Attr("data-status"); got != tt.status {
				t.Fatalf("state %q, want %q", got, tt.status)
			}
			expand := strings.NewReplacer("REF", ref, ta0Time, ta.now.UTC().Format("2 Jan 2006, 15:04 UTC")).Replace
			for _, c := range tt.checks {
				c(t, d, expand)
			}
		})
	}
}

// ta0Time stands for the test app's clock, formatted as pages show it.
const ta0Time = "<now>"

// The status long-poll answers at once when the result already differs
// from the key the page shows, and otherwise when it changes, with the
// result card rendered again.
func TestOrderStatusLongPoll(t *testing.T) {
	ta := newTestApp(t)
	b := ta.client(t)
	b.signUp("orderpoll@example.com")
	wallet := ta.insertWallet(t, ta.buyerID(t, "orderpoll@example.com"), "0917****777")
	ref := b.buy("coldbrew", "1")
	attempt := ta.openAttempt(t, ref, wallet)

	poll := func(seen string) orderStatus {
		t.Helper()
		p := b.get("/orders/" + ref + "/status?seen=" + seen)
		assertEqual(t, p.status, http.StatusOK, "status")
		var s orderStatus
		if err := json.Unmarshal([]byte(p.body), &s); err != nil {
			t.Fatal(err)
		}
		return s
	}
	s := poll("unpaid")
	assertEqual(t, s.Status, "processing", "immediate answer")
	d := html(t, s.HTML)
	assertEqual(t, textOf(t, d, "result-headline-text"), "We're confirming your payment with GCash 0917****777.", "headline")
	assertEqual(t, testid(d, "result").AttrOr("data-key", ""), s.Key, "key in the card")

	answered := make(chan orderStatus, 1)
	go func() { answered <- poll(s.Key) }()
	select {
	case s := <-answered:
		t.Fatalf("answered before anything changed: %+v", s)
	case <-time.After(100 * time.Millisecond):
	}
	// Settled behind the app's back (as another instance would): the
	// once-a-second re-check sees it.
	ta.settle(t, ref, attempt, db.AttemptSuccess, "SUCCESS", "PAY-ID-42")
	select {
	case s := <-answered:
		assertEqual(t, s.Status, "paid", "status after settling")
		d := html(t, s.HTML)
		assertEqual(t, textOf(t, d, "payment-id"), "PAY-ID-42", "paymentId")
		assertEqual(t, textOf(t, d, "result-headline-text"), "Thank you for your order", "headline")
		assertEqual(t, testid(d, "result").AttrOr("data-waiting", ""), "false", "waiting")
		if textOf(t, d, "paid-at") == "" {
			t.Fatal("no payment time")
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the long-poll did not answer after the payment settled")
	}

	// Antom's notification settles the payment and wakes the waiter.
	ref = b.buy("coldbrew", "2")
	ta.openAttempt(t, ref, wallet)
	seen := poll("x").Key
	go func() { answered <- poll(seen) }()
	time.Sleep(100 * time.Millisecond)
	notice := []byte(`{"notifyType":"PAYMENT_RESULT","result":{"resultCode":"USER_BALANCE_NOT_ENOUGH","resultStatus":"F","resultMessage":"balance"},` +
		`"paymentRequestId":"PR-` + ref + `-TEST","paymentId":"PAY-ID-43","paymentAmount":{"currency":"USD","value":"2582"}}`)
	rec := ta.do(ta.notification(t, testClientID, "/antom/notify", ta.now.Format(time.RFC3339), notice))
	assertEqual(t, rec.Code, http.StatusOK, "notification")
	select {
	case s := <-answered:
		assertEqual(t, s.Status, "failed", "status after the notification")
		d := html(t, s.HTML)
		assertEqual(t, textOf(t, d, "result-detail"), "Your wallet balance is not enough for this payment. Nothing was charged.", "detail")
		assertEqual(t, testid(d, "paid-facts").Length(), 0, "receipt of a failed payment")
	case <-time.After(5 * time.Second):
		t.Fatal("the long-poll did not answer after the notification")
	}
}

// "Check again" a moment after the last says so — while the payment is
// still awaited; once the page shows a final state the notice is gone.
func TestCheckAgain(t *testing.T) {
	ta := newTestApp(t)
	guest := ta.client(t)
	ref := guest.buy("coffee", "1")

	p := guest.post("/orders/"+ref+"/check", nil)
	assertEqual(t, p.status, http.StatusSeeOther, "check with no open attempt")
	assertEqual(t, resultAt(p.location), "/orders/"+ref, "back to the result page")
	if testid(html(t, guest.get(p.location).body), "result-notice").Length() != 0 {
		t.Fatal("a notice after a check that had nothing to do")
	}

	// A check a moment ago: the buyer is told, Antom is not asked again.
	attempt := ta.openAttempt(t, ref, 0)
	if ok, err := ta.DB.ClaimManualCheck(context.Background(), attempt, ta.now.Add(-time.Minute), ta.now); err != nil || !ok {
		t.Fatalf("claim: %v %v", ok, err)
	}
	p = guest.post("/orders/"+ref+"/check", nil)
	assertEqual(t, p.status, http.StatusSeeOther, "check too soon")
	assertEqual(t, resultAt(p.location), "/orders/"+ref, "back to the result page")
	d := html(t, guest.get(p.location).body)
	assertEqual(t, textOf(t, d, "result-notice"),
		"We checked a moment ago. We keep checking.", "notice")
	if testid(d, "result").Find(`[data-testid="result-notice"]`).Length() != 1 {
		t.Fatal("the notice is not part of the card the long-poll replaces")
	}

	// Asked again too soon, then the payment settles before the page
	// shows: a final page carries no notice.
	guest.post("/orders/"+ref+"/check", nil)
	ta.settle(t, ref, attempt, db.AttemptSuccess, "SUCCESS", "PAY-1")
	d = html(t, guest.get("/orders/"+ref).body)
	assertEqual(t, testid(d, "result").AttrOr("data-status", ""), "paid", "state")
	if testid(d, "result-notice").Length() != 0 || testid(d, "flash").Length() != 0 {
		t.Fatal("a final page still says we checked a moment ago")
	}
}

// A long-poll only reads the session: a guest who orders again while an
// earlier order's page still waits keeps both orders (saving the poll's
// session, loaded before the new order, would forget it).
func TestLongPollLeavesTheSessionAlone(t *testing.T) {
	ta := newTestApp(t)
	ta.Sessions.IdleTimeout = 24 * time.Hour // as the app sets it: scs then saves every request's session
	guest := ta.client(t)
	first := guest.buy("mug", "1")
	attempt := ta.openAttempt(t, first, 0)
	var now orderStatus
	if err := json.Unmarshal([]byte(guest.get("/orders/"+first+"/status?seen=x").body), &now); err != nil {
		t.Fatal(err)
	}
	done := make(chan page, 1)
	go func() { done <- guest.get("/orders/" + first + "/status?seen=" + url.QueryEscape(now.Key)) }()
	// Once it waits for news, the poll has loaded the session.
	waitFor(t, func() bool { return ta.Checkout.Hub().Waiting(checkout.OrderSubject(first)) > 0 })
	second := guest.buy("coffee", "1")
	ta.settle(t, first, attempt, db.AttemptFail, "RISK_REJECT", "")
	select {
	case p := <-done:
		assertEqual(t, p.status, http.StatusOK, "long-poll")
	case <-time.After(5 * time.Second):
		t.Fatal("the long-poll did not answer")
	}
	for _, ref := range []string{first, second} {
		assertEqual(t, guest.get("/orders/"+ref).status, http.StatusOK, "the guest's order "+ref)
	}
}
