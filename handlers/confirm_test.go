package handlers

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"antom-checkout/antom"
	"antom-checkout/db"
)

// confirmYes is what a confirmation page's form sends.
var confirmYes = url.Values{"confirm": {"yes"}}

// A buyer's Unlink and Remove first show a confirmation (a plain form, no
// JavaScript needed) and change nothing; only its Unlink or Remove acts.
func TestBuyerConfirmsUnlinkAndRemove(t *testing.T) {
	ta := newAdminApp(t) // its Antom client refuses connections: revoke stays unconfirmed
	_, wallet := ta.paidOrder(t, "keeper@example.com")
	card := ta.keepCard(t, "keeper@example.com")
	b := ta.client(t)
	if p := b.post("/signin", url.Values{"email": {"keeper@example.com"}, "password": {"correct horse battery"}}); p.status != http.StatusSeeOther {
		t.Fatalf("sign in: %d", p.status)
	}
	list := b.get("/wallets")
	assertContains(t, list.body, fmt.Sprintf(`action="/wallets/%d/unlink"`, wallet), fmt.Sprintf(`action="/cards/%d/remove"`, card))

	ask := b.ask(fmt.Sprintf("/wallets/%d/unlink", wallet), nil)
	assertEqual(t, ask.status, http.StatusOK, "unlink asks first")
	assertContains(t, ask.body, "Unlink this wallet?", `data-testid="confirm-subject"><span class="pay-name">GCash</span> <span class="pay-account">0917****kee</span></span>`,
		`name="confirm" value="yes"`, fmt.Sprintf(`action="/wallets/%d/unlink"`, wallet), `href="/wallets" data-testid="confirm-no"`,
		`class="mark mark-gcash"`)
	assertEqual(t, ta.walletStatus(t, wallet), db.WalletActive, "wallet status before confirming")

	done := b.post(fmt.Sprintf("/wallets/%d/unlink", wallet), confirmYes)
	assertEqual(t, done.status, http.StatusSeeOther, "unlink confirmed")
	if ta.walletStatus(t, wallet) == db.WalletActive {
		t.Fatal("the confirmed unlink did nothing")
	}
	// An unlinked wallet has nothing left to confirm: My wallets says so.
	again := b.get(noticed(t, b.post(fmt.Sprintf("/wallets/%d/unlink", wallet), nil), "/wallets"))
	assertEqual(t, textOf(t, html(t, again.body), "note"), "This wallet is no longer linked, so there is nothing to unlink.", "unlink again")

	ask = b.ask(fmt.Sprintf("/cards/%d/remove", card), nil)
	assertEqual(t, ask.status, http.StatusOK, "remove asks first")
	assertContains(t, ask.body, "Remove this card?", `data-testid="confirm-subject"><span class="pay-name">Visa</span> <span class="pay-account">•••• 4242</span></span>`, `class="mark mark-visa"`)
	assertEqual(t, ta.cardStatus(t, card), db.CardActive, "card status before confirming")
	assertEqual(t, b.post(fmt.Sprintf("/cards/%d/remove", card), confirmYes).status, http.StatusSeeOther, "remove confirmed")
	assertEqual(t, ta.cardStatus(t, card), db.CardRemoved, "card status")

	// Someone else's wallet or card: 404, confirmed or not — never "no
	// longer linked"; its confirmation's address, which only the owner's
	// session could have signed, is not theirs either: My wallets says the
	// link came from elsewhere.
	other := ta.client(t)
	other.signUp("nosy@example.com")
	for _, path := range []string{fmt.Sprintf("/wallets/%d/unlink", wallet), fmt.Sprintf("/cards/%d/remove", card)} {
		assertEqual(t, other.post(path, nil).status, http.StatusNotFound, path)
		foreign := other.get(noticed(t, other.get(path+"/confirm"), "/wallets"))
		assertEqual(t, textOf(t, html(t, foreign.body), "note"), "That confirmation link has expired or came from elsewhere, so nothing was done. To go on, press the button again.", path+"/confirm")
		assertEqual(t, other.post(path, confirmYes).status, http.StatusNotFound, path+" confirmed")
	}
}

// Staff refunds are typed (never prefilled) and confirmed: the
// confirmation repeats the form, a bad amount is refused before it, and
// nothing is stored until the refund is confirmed.
func TestStaffConfirmsRefund(t *testing.T) {
	ta := newAdminApp(t)
	ref, _ := ta.paidOrder(t, "payer@example.com")
	b := ta.client(t)
	b.staffSignIn()
	page := b.get("/admin/orders/" + ref)
	if strings.Contains(page.body, `value="37.00"`) {
		t.Fatal("the refund amount is prefilled")
	}
	key := refundFormKey(t, page.body)

	form := url.Values{"amount": {"12.5"}, "reason": {"a <cracked> mug"}, "key": {key}}
	ask := b.ask("/admin/orders/"+ref+"/refunds", form)
	assertEqual(t, ask.status, http.StatusOK, "refund asks first")
	assertContains(t, ask.body, "Refund $12.50 of order "+confirmRef(ref, "?"), ">Refund $12.50</button>",
		`name="amount" value="12.5"`, `name="reason" value="a &lt;cracked&gt; mug"`, `name="key" value="`+key+`"`,
		`name="confirm" value="yes"`, `href="/admin/orders/`+ref+`" data-testid="confirm-no"`)
	assertEqual(t, ta.count(t, "SELECT COUNT(*) FROM refunds"), 0, "refunds stored before confirming")

	over := b.post("/admin/orders/"+ref+"/refunds", url.Values{"amount": {"40"}, "key": {key}})
	assertEqual(t, over.status, http.StatusUnprocessableEntity, "too much is refused before the confirmation")
	assertContains(t, over.body, "At most $37.00 can be refunded.")

	form = confirmForm(t, ask.body)
	assertEqual(t, b.post("/admin/orders/"+ref+"/refunds", form).status, http.StatusSeeOther, "refund confirmed")
	assertEqual(t, ta.count(t, "SELECT COUNT(*) FROM refunds WHERE amount = 1250"), 1, "refunds stored")
	// The same form confirmed again is the same refund.
	assertEqual(t, b.post("/admin/orders/"+ref+"/refunds", form).status, http.StatusSeeOther, "confirmed twice")
	assertEqual(t, ta.count(t, "SELECT COUNT(*) FROM refunds"), 1, "refunds stored")
}

// Staff confirm a void, and unlinking or removing a buyer's wallet or
// card; nothing happens before.
func TestStaffConfirmsVoidUnlinkAndRemove(t *testing.T) {
	ta := newAdminApp(t)
	ref := ta.authorizedOrder(t, "holder@example.com")
	card := ta.keepCard(t, "holder@example.com")
	b := ta.client(t)
	b.staffSignIn()

	ask := b.ask("/admin/orders/"+ref+"/void", nil)
	assertEqual(t, ask.status, http.StatusOK, "void asks first")
	assertContains(t, ask.body, "Void the authorization of $37.00 on order "+confirmRef(ref, "?"), ">Void $37.00</button>",
		`action="/admin/orders/`+ref+`/void"`, wholeEmail("holder@example.com"))
	staffActs := "SELECT COUNT(*) FROM events WHERE subject = ? AND kind = 'staff' AND actor = ?"
	assertEqual(t, ta.count(t, staffActs, "order:"+ref, staffEmail), 0, "staff actions before confirming")
	b.confirm("/admin/orders/"+ref+"/void", nil)
	assertEqual(t, ta.count(t, staffActs, "order:"+ref, staffEmail), 1, "staff actions once confirmed (the void)")

	wallet := ta.insertWallet(t, ta.buyerID(t, "holder@example.com"), "0917****777")
	ask = b.ask(fmt.Sprintf("/admin/wallets/%d/unlink", wallet), nil)
	assertEqual(t, ask.status, http.StatusOK, "unlink asks first")
	assertContains(t, ask.body, "Unlink GCash 0917****777?", wholeEmail("holder@example.com"), `href="/admin/wallets?email=holder%40example.com"`)
	assertEqual(t, ta.walletStatus(t, wallet), db.WalletActive, "wallet status before confirming")

	ask = b.ask(fmt.Sprintf("/admin/cards/%d/remove", card), nil)
	assertEqual(t, ask.status, http.StatusOK, "remove asks first")
	assertContains(t, ask.body, "Remove Visa •••• 4242?")
	assertEqual(t, ta.cardStatus(t, card), db.CardActive, "card status before confirming")
}

// authorizedOrder creates an order whose MANUAL card payment is
// authorized and waits for capture or void; it returns the order's ref.
func (ta *testApp) authorizedOrder(t *testing.T, email string) string {
	t.Helper()
	ctx := context.Background()
	_, o := ta.buyerOrder(t, email, "coffee", "2")
	row := ta.order(t, o.Ref)
	id, err := ta.DB.InsertAttempt(ctx, db.Attempt{OrderID: row.ID, PaymentRequestID: "PR-" + o.Ref + "-CARD", Method: db.MethodCard,
		Currency: row.Currency, Amount: row.Amount, Status: db.AttemptProcessing, CaptureMode: antom.CaptureManual,
		ExpiresAt: ta.now.Add(10 * time.Minute), NextCheckAt: ta.now.Add(time.Hour), CreatedAt: ta.now})
	if err != nil {
		t.Fatal(err)
	}
	set := db.Settlement{Status: db.AttemptSuccess, Code: "SUCCESS", PaymentID: "PAY-" + o.Ref, PaidAt: ta.now, Source: db.SourceAntom}
	if ok, err := ta.DB.SettleAttempt(ctx, id, db.AttemptProcessing, "", set, ta.now); err != nil || !ok {
		t.Fatalf("settle: %v %v", ok, err)
	}
	if ok, err := ta.DB.SetOrderStatus(ctx, row.ID, db.OrderOpen, db.OrderAuthorized, ta.now); err != nil || !ok {
		t.Fatalf("order to AUTHORIZED: %v %v", ok, err)
	}
	return o.Ref
}

func (ta *testApp) walletStatus(t *testing.T, id int64) string {
	t.Helper()
	w, err := ta.DB.WalletByID(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return w.Status
}

func (ta *testApp) cardStatus(t *testing.T, id int64) string {
	t.Helper()
	c, err := ta.DB.CardByID(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return c.Status
}
