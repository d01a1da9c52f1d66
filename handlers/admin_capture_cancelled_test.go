package handlers

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"antom-checkout/db"
	"antom-checkout/lang"
	"antom-checkout/lang/langtest"
)

// A capture Antom refuses with AUTH_CANCELLED or ORDER_IS_CANCELED — the
// authorization was cancelled at Antom — closes the order as voided:
// staff's notice says Antom cancelled it and nothing was charged, the
// order's page says what was captured is nothing because Antom reported
// it cancelled, no alarm says the money is still held or counts a failed
// capture, a void afterwards is refused without a call to Antom, and the
// buyer's page says, in each language, that the hold is released and
// nothing was charged — never that the shop cancelled the order.
func TestCaptureRefusedAuthCancelledVoidsTheOrder(t *testing.T) {
	for _, code := range []string{"AUTH_CANCELLED", "ORDER_IS_CANCELED"} {
		t.Run(code, func(t *testing.T) {
			ta, f := newFakeAntomApp(t)
			antomSaid := "the authorization was cancelled"
			f.answer = map[string]string{"capture": `{"result":{"resultCode":"` + code + `","resultStatus":"F","resultMessage":"` + antomSaid + `"}}`}
			b := ta.client(t)
			b.staffSignIn()
			email := strings.ToLower(strings.ReplaceAll(code, "_", "-")) + "@example.com"
			ref := ta.authorizedOrder(t, email)

			voidTab := b.confirmation("/admin/orders/"+ref+"/void", nil) // shown before the capture
			p := b.confirm("/admin/orders/"+ref+"/capture", url.Values{"amount": {"37.00"}})
			if p.status != http.StatusSeeOther || !namesNotice(p.location, "/admin/orders/"+ref) {
				t.Fatalf("capture answered %d %q:\n%s", p.status, p.location, p.body)
			}
			assertEqual(t, ta.order(t, ref).Status, db.OrderVoided, "the order's status")
			page := b.get(p.location)
			d := html(t, page.body)
			cancelled := "The authorization was cancelled at Antom before it was captured: nothing was charged, " +
				"the hold on the buyer's card is released, and it can no longer be captured or voided."
			assertEqual(t, textOf(t, d, "problem"), "Antom refused the capture ("+code+": "+antomSaid+"). "+cancelled, "staff's notice")
			assertEqual(t, textOf(t, d, "order-captured"), "nothing (Antom reported the authorization cancelled: the hold is released)", "what was captured")
			assertEqual(t, testid(d, "order-status").AttrOr("data-status", ""), "voided", "the order's badge")
			if !strings.Contains(d.Text(), "Antom reported the authorization cancelled (Antom refused capture CAP-") {
				t.Errorf("no timeline line of the cancellation:\n%s", page.body)
			}
			assertNoOpenCaptureFailure(t, b, page.body, `data-testid="capture-failed"`, "still open", "The money was not taken", `data-testid="capture-form"`, `data-testid="void-form"`)

			p = b.post("/admin/orders/"+ref+"/void", voidTab)
			d = html(t, b.get(noticed(t, p, "/admin/orders/"+ref)).body)
			assertEqual(t, textOf(t, d, "problem"), cancelled, "the void's refusal")
			assertEqual(t, [2]int{f.count("cancel"), f.count("capture")}, [2]int{0, 1}, "voids and captures sent")
			assertEqual(t, ta.order(t, ref).Status, db.OrderVoided, "the order's status after the void")

			buyer := ta.client(t)
			buyer.post("/signin", url.Values{"email": {email}, "password": {"correct horse battery"}})
			for _, l := range lang.Languages {
				buyer.post("/lang", url.Values{"lang": {l.Code}, "next": {"/orders/" + ref}})
				page := buyer.get("/orders/" + ref)
				d := html(t, page.body)
				assertEqual(t, testid(d, "result").AttrOr("data-status", ""), "voided", l.Code+": the buyer's state")
				say := lang.For(l)
				assertEqual(t, textOf(t, d, "result-headline-text"), say.T("result.head_voided"), l.Code+": headline")
				detail := textOf(t, d, "result-detail")
				for _, part := range strings.Split(say.T("result.detail_voided_at_antom", lang.Args{"Authorized": "\x00"}), "\x00") {
					if !strings.Contains(detail, part) {
						t.Errorf("%s: the detail %q lacks %q", l.Code, detail, part)
					}
				}
				if strings.Contains(detail, say.T("result.detail_voided")) {
					t.Errorf("%s: the buyer is told the shop cancelled the order: %q", l.Code, detail)
				}
				t.Run(l.Code, func(t *testing.T) { langtest.Check(t, page.body, l.Code, ta.Merchant, email) })
			}
		})
	}
}

// A capture refused with AUTH_CANCELLED that an earlier version left on
// an order still AUTHORIZED: until the reconciler's next pass, staff's
// page already says the authorization was cancelled at Antom (badge,
// what was captured), offers no capture or void, and neither the
// dashboard nor the filter counts a failed capture; the pass closes the
// order as voided, saying how it learnt it, without a call to Antom.
func TestOlderAuthCancelledRefusalIsClosedByTheReconciler(t *testing.T) {
	ta, f := newFakeAntomApp(t)
	ctx := t.Context()
	b := ta.client(t)
	b.staffSignIn()
	ref := ta.authorizedOrder(t, "older-refusal@example.com")
	o := ta.order(t, ref)
	a, err := ta.DB.SuccessfulAttempt(ctx, o.ID)
	if err != nil {
		t.Fatal(err)
	}
	id, err := ta.DB.InsertCapture(ctx, db.Capture{OrderID: o.ID, AttemptID: a.ID, CaptureRequestID: "CAP-" + ref + "-OLD",
		Currency: a.Currency, Amount: a.Amount, Status: db.CaptureProcessing, CreatedBy: staffEmail, CreatedAt: ta.now})
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := ta.DB.SettleCapture(ctx, id, db.CaptureFail, "AUTH_CANCELLED", "the authorization was cancelled", "", ta.now); err != nil || !ok {
		t.Fatalf("settle: %v %v", ok, err)
	}

	page := b.get("/admin/orders/" + ref)
	d := html(t, page.body)
	assertEqual(t, testid(d, "order-status").AttrOr("data-status", ""), "voided", "the order's badge before the reconciler")
	assertEqual(t, textOf(t, d, "order-captured"), "nothing (Antom reported the authorization cancelled: the hold is released)", "what was captured")
	assertNoOpenCaptureFailure(t, b, page.body, `data-testid="capture-failed"`, `data-testid="capture-form"`, `data-testid="void-form"`)

	if err := ta.Checkout.Reconcile(ctx); err != nil {
		t.Fatal(err)
	}
	assertEqual(t, ta.order(t, ref).Status, db.OrderVoided, "the order after the reconciler")
	if !strings.Contains(html(t, b.get("/admin/orders/"+ref).body).Text(), "Antom reported the authorization cancelled (Antom refused a capture of it: AUTH_CANCELLED)") {
		t.Error("no reconciler's line of the cancellation")
	}
	assertEqual(t, [2]int{f.count("capture"), f.count("cancel")}, [2]int{0, 0}, "captures and voids sent")
}

// assertNoOpenCaptureFailure checks that an order whose authorization a
// capture refusal ended is no failed capture with the authorization
// still open: its page (body) says none of wrong, the dashboard counts
// no failed capture and the "capture failed" filter lists nothing.
func assertNoOpenCaptureFailure(t *testing.T, b *browserClient, body string, wrong ...string) {
	t.Helper()
	for _, w := range wrong {
		if strings.Contains(body, w) {
			t.Errorf("the order's page says %q:\n%s", w, body)
		}
	}
	assertContains(t, b.get("/admin").body, `<span class="count">0</span> failed captures`)
	list := b.get("/admin/orders?" + url.Values{"status": {"capture-failed"}}.Encode())
	assertEqual(t, strings.Count(list.body, `data-testid="order-row"`), 0, "orders listed as capture failed")
}
