package handlers

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"antom-checkout/db"
	"antom-checkout/views"
)

// The page that asks to confirm a refund lists the refunds the order
// already has, as they are now — one a colleague made since the order's
// page was shown included, with who, when and how it stands — and what
// may still be refunded, so that two refunds for one complaint are not
// made by accident. An order with none says so, and what may be
// refunded. A failed refund later ones made good is owed nothing now.
// They are listed under one label, "Refunds so far", each a line that
// reads as a sentence led by how it stands: "Refunded: $10.00 by … on
// …", never a refund that failed as "Refunded". Its heading keeps the
// order's ref and the "?" after it on one line.
func TestRefundConfirmationNamesRefundsMadeMeanwhile(t *testing.T) {
	ta, f := newFakeAntomApp(t)
	ref, _ := ta.paidOrder(t, "confirm-refunds@example.com")
	b := ta.client(t)
	b.staffSignIn()
	at := views.AdminTime(nil, ta.now)

	ask := func(amount, key string) []string {
		t.Helper()
		p := b.ask("/admin/orders/"+ref+"/refunds", url.Values{"amount": {amount}, "key": {key}})
		assertEqual(t, p.status, http.StatusOK, "the confirmation")
		assertContains(t, p.body, "Refund $"+amount+" of order "+confirmRef(ref, "?"))
		var facts []string
		html(t, p.body).Find(`[data-testid="confirm"] dt`).Each(func(_ int, dt *goquery.Selection) {
			items := dt.Next().Find("li")
			if items.Length() == 0 {
				facts = append(facts, dt.Text()+": "+dt.Next().Text())
				return
			}
			items.Each(func(_ int, li *goquery.Selection) {
				facts = append(facts, dt.Text()+" › "+li.Text())
			})
		})
		return facts
	}
	assertFacts := func(got []string, want ...string) {
		t.Helper()
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Fatalf("the confirmation says\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
	assertFacts(ask("12.00", "KEYMINE"), "Amount: $12.00", "Reason: none given", "Refunds so far: none", "Refundable now: $37.00")

	colleague := b.confirm("/admin/orders/"+ref+"/refunds", url.Values{"amount": {"10.00"}, "key": {"KEYCOLLEAGUE"}})
	assertEqual(t, colleague.status, http.StatusSeeOther, "the colleague's refund")
	assertFacts(ask("12.00", "KEYMINE"), "Amount: $12.00", "Reason: none given",
		"Refunds so far › Being refunded: $10.00, sent by "+staffEmail+" on "+at+"; Antom is still processing it", "Refundable now: $27.00")

	made, err := ta.DB.RefundByRequestID(context.Background(), "RF-"+ref+"-KEYCOLLEAGUE")
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := ta.DB.SettleRefund(context.Background(), made.ID, db.RefundProcessing, "", db.RefundSuccess, "SUCCESS", "REFUND-1", db.SourceAntom, ta.now, ta.now); err != nil || !ok {
		t.Fatalf("settle the refund: %v %v", ok, err)
	}
	f.mu.Lock()
	f.answer = map[string]string{"refund": `{"result":{"resultCode":"REFUND_AMOUNT_EXCEED","resultStatus":"F","resultMessage":"refund amount exceed"}}`}
	f.mu.Unlock()
	failed := b.confirm("/admin/orders/"+ref+"/refunds", url.Values{"amount": {"5.00"}, "key": {"KEYFAILS"}})
	assertEqual(t, failed.status, http.StatusSeeOther, "the refund that fails")
	assertFacts(ask("2.00", "KEYMINE"), "Amount: $2.00", "Reason: none given",
		"Refunds so far › Refunded: $10.00 by "+staffEmail+" on "+at,
		"Refunds so far › Failed: $5.00, sent by "+staffEmail+" on "+at+"; $5.00 of it still owed to the buyer", "Refundable now: $27.00")

	// A later refund makes the failed one good: it is owed nothing now.
	f.mu.Lock()
	f.answer = nil
	f.mu.Unlock()
	good := b.confirm("/admin/orders/"+ref+"/refunds", url.Values{"amount": {"5.00"}, "key": {"KEYMAKESGOOD"}})
	assertEqual(t, good.status, http.StatusSeeOther, "the refund that makes it good")
	assertFacts(ask("2.00", "KEYMINE"), "Amount: $2.00", "Reason: none given",
		"Refunds so far › Refunded: $10.00 by "+staffEmail+" on "+at,
		"Refunds so far › Failed: $5.00, sent by "+staffEmail+" on "+at+"; nothing of it owed now",
		"Refunds so far › Being refunded: $5.00, sent by "+staffEmail+" on "+at+"; Antom is still processing it", "Refundable now: $22.00")
}

// A refund we closed as failed ourselves (Antom never showed it) may yet
// be done at Antom: once a lookup found Antom had no such refund (new
// refunds wait for one), the confirmation of a new refund says so on its
// line, and warns, with the refund's lookup and who looked, that money
// sent again for it could reach the buyer twice — as the retry and
// "handled another way" confirmations do. With no such failure there is
// no warning.
func TestRefundConfirmationWarnsOfAFailureOnlyWeDecided(t *testing.T) {
	ta := newAdminApp(t)
	ref, _ := ta.paidOrder(t, "ours-only@example.com")
	a, err := ta.DB.SuccessfulAttempt(context.Background(), ta.order(t, ref).ID)
	if err != nil {
		t.Fatal(err)
	}
	b := ta.client(t)
	b.staffSignIn()
	ask := func() *goquery.Document {
		t.Helper()
		p := b.ask("/admin/orders/"+ref+"/refunds", url.Values{"amount": {"3.00"}, "key": {"KEYNEW"}})
		assertEqual(t, p.status, http.StatusOK, "the confirmation")
		return html(t, p.body)
	}
	assertEqual(t, testid(ask(), "confirm-caution-link").Length(), 0, "a caution with no failed refund")

	ta.refund(t, ref, a.ID, 700, db.RefundFail) // closed as failed by us: Antom never showed it
	ta.lookedAbsent(t, ref, 700)                // new refunds wait for a lookup (TestAdminNothingPaysARefundClosedByUsTwice)
	d := ask()
	assertEqual(t, confirmRefundLine(t, d, "Failed"), "$7.00, sent by staff on "+views.AdminTime(nil, ta.now)+
		"; closed as failed by us, not by Antom; $7.00 of it still owed to the buyer unless Antom makes it. "+
		"A Refund lookup by staff on "+views.AdminTime(nil, ta.now)+" found no such refund at Antom.", "its line")
	assertContains(t, d.Find(`[data-testid="confirm"]`).Text(), "we closed it as failed ourselves; a Refund lookup by staff on "+views.AdminTime(nil, ta.now)+
		" found no such refund at Antom. Should Antom report it done after all, the buyer would get this money twice.")
	assertEqual(t, testid(d, "confirm-caution-link").AttrOr("href", ""), "/admin/refunds/lookup?id=RF-"+ref+"-700", "the lookup")
}

// A refund form already confirmed is no refund to confirm again: its
// confirmation reloaded (Back to it, then Reload: the browser sends the
// form again without "confirm") answers as the confirmed form sent again
// does — nothing new, the order page saying the form was already
// submitted and how its refund stands — never "Refund $5.00 of order …?"
// beside that same refund listed as being refunded.
func TestRefundConfirmationReloadedAfterItsRefundSaysItWasMade(t *testing.T) {
	ta, _ := newFakeAntomApp(t)
	ref, _ := ta.paidOrder(t, "confirm-reloaded@example.com")
	b := ta.client(t)
	b.staffSignIn()
	form := url.Values{"amount": {"5.00"}, "key": {"KEYRELOAD"}}
	first := b.post("/admin/orders/"+ref+"/refunds", form)
	assertEqual(t, first.status, http.StatusSeeOther, "the form, to its confirmation")
	shown := b.get(first.location)
	assertEqual(t, shown.status, http.StatusOK, "the confirmation")
	confirmed := confirmForm(t, shown.body)
	assertEqual(t, b.post("/admin/orders/"+ref+"/refunds", confirmed).status, http.StatusSeeOther, "the refund")

	again := b.post("/admin/orders/"+ref+"/refunds", form)
	if again.status != http.StatusSeeOther {
		t.Fatalf("the confirmation reloaded answered %d, want 303 to the order:\n%s", again.status, again.body)
	}
	page := b.get(noticed(t, again, "/admin/orders/"+ref))
	assertContains(t, page.body, "This refund form was already submitted.")
	if strings.Contains(page.body, "of order "+confirmRef(ref, "?")) {
		t.Fatalf("the order page asks to confirm the refund again:\n%s", page.body)
	}
	// The confirmation's own address (Reload, Back, a bookmark) says
	// the same, and sends nothing.
	reloaded := b.get(first.location)
	assertContains(t, b.get(noticed(t, reloaded, "/admin/orders/"+ref)).body, "This refund form was already submitted.")
	assertEqual(t, ta.count(t, "SELECT COUNT(*) FROM refunds"), 1, "refunds stored")
}

// confirmRefundLine is the words of the one refund a refund's
// confirmation (d) lists under "Refunds so far" led by lead ("Failed"),
// after "lead: ".
func confirmRefundLine(t *testing.T, d *goquery.Document, lead string) string {
	t.Helper()
	label := testid(d, "confirm-refunds-label")
	assertEqual(t, label.Text(), "Refunds so far", "the list's label")
	var lines []string
	testid(d, "confirm-refunds").Find("li").Each(func(_ int, li *goquery.Selection) {
		if li.Find(".fact-lead").Text() == lead {
			lines = append(lines, strings.TrimPrefix(li.Text(), lead+": "))
		}
	})
	if len(lines) != 1 {
		t.Fatalf("%d refunds so far led by %q, want 1:\n%s", len(lines), lead, testid(d, "confirm-refunds").Text())
	}
	return lines[0]
}
