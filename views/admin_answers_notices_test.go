package views

import (
	"context"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/a-h/templ"
)

// renderDoc renders c and parses it for data-testid queries.
func renderDoc(t *testing.T, c templ.Component) *goquery.Document {
	t.Helper()
	var b strings.Builder
	if err := c.Render(context.Background(), &b); err != nil {
		t.Fatal(err)
	}
	d, err := goquery.NewDocumentFromReader(strings.NewReader(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func textOf(s *goquery.Selection) string { return strings.Join(strings.Fields(s.Text()), " ") }

// The order page tells staff, in red, of a payment whose answers conflict
// on paymentId (naming both ids, that the app cancels nothing, what to
// do) and of an automatic capture of a payment Antom said failed since
// (the capture, its amount, what to do).
func TestOrderPageTellsAnswersThatNeedStaff(t *testing.T) {
	m := AdminOrderPage{Ref: "ORD-1",
		PaymentIDConflicts: []AdminPaymentIDConflict{{RequestID: "PR-1", OnRecord: "PAY-A", Status: "PROCESSING", Others: []string{"PAY-B", "PAY-C"}}},
		AutoCapturesFailed: []AdminAutoCaptureFailed{{RequestID: "PR-2", PaymentID: "PAY-D", CaptureID: "CAP-1", Amount: "$6.00"}},
	}
	d := renderDoc(t, AdminOrderBody(m))
	conflict := textOf(d.Find(`[data-testid="paymentid-conflict"]`))
	for _, want := range []string{"Antom's answers about payment PR-1 name another paymentId, PAY-B, PAY-C, than the one on record, PAY-A,",
		"The payment stays processing.", "The app does not cancel it nor move money on it by itself",
		"What to do: look up PR-1 in Antom Dashboard"} {
		if !strings.Contains(conflict, want) {
			t.Errorf("the conflict notice %q does not say %q", conflict, want)
		}
	}
	failed := textOf(d.Find(`[data-testid="auto-capture-failed"]`))
	for _, want := range []string{"Antom captured $6.00 of payment PR-2 automatically (capture CAP-1,", "then said the payment failed",
		"What to do: check the payment (PAY-D) with Antom", "refund it there — or void the capture"} {
		if !strings.Contains(failed, want) {
			t.Errorf("the capture notice %q does not say %q", failed, want)
		}
	}
}

// The dashboard counts both among its open problems, each linking the
// orders filter that lists them.
func TestDashboardCountsAnswersThatNeedStaff(t *testing.T) {
	d := renderDoc(t, AdminDashboardPage(AdminDashboard{PaymentIDConflicts: 1, AutoCapturesFailed: 2}))
	for id, want := range map[string]string{
		"problem-paymentid-conflicts":  "/admin/orders?status=paymentid-conflict|1 order whose payment Antom names by another paymentId than ours",
		"problem-auto-captures-failed": "/admin/orders?status=auto-capture-failed|2 orders whose payment Antom captured automatically, then said failed",
	} {
		a := d.Find(`[data-testid="` + id + `"]`)
		href, _ := a.Attr("href")
		if got := href + "|" + textOf(a); !strings.HasPrefix(got, want) {
			t.Errorf("%s: %q, want %q…", id, got, want)
		}
		if cls, _ := a.Find("span").First().Attr("class"); !strings.Contains(cls, "bad") && !strings.Contains(cls, "warn") && !strings.Contains(cls, "problem") {
			t.Errorf("%s: count class %q", id, cls)
		}
	}
}

// Each notice carries its "Mark resolved" form: to its alarm's action,
// naming the payment, a required note of at most 200 characters; the
// form sent back (Resolve) keeps its note and error in that notice only.
func TestAnswerNoticesOfferMarkResolved(t *testing.T) {
	m := AdminOrderPage{Ref: "ORD-1",
		PaymentIDConflicts: []AdminPaymentIDConflict{{RequestID: "PR-1", OnRecord: "PAY-A", Status: "PROCESSING", Others: []string{"PAY-B"}}},
		AutoCapturesFailed: []AdminAutoCaptureFailed{{RequestID: "PR-2", PaymentID: "PAY-D", CaptureID: "CAP-1", Amount: "$6.00"}},
		Resolve:            ResolveForm{Alarm: "auto-capture-failed", RequestID: "PR-2", Note: "x", Error: "At most 200 characters."},
	}
	d := renderDoc(t, AdminOrderBody(m))
	for notice, want := range map[string]string{
		"paymentid-conflict":  "/admin/orders/ORD-1/alarms/paymentid-conflict/resolve|PR-1|||",
		"auto-capture-failed": "/admin/orders/ORD-1/alarms/auto-capture-failed/resolve|PR-2|x|true|At most 200 characters.",
	} {
		f := d.Find(`[data-testid="` + notice + `"] form[data-testid="` + notice + `-resolve-form"]`)
		action, _ := f.Attr("action")
		payment, _ := f.Find(`input[name="payment"]`).Attr("value")
		note := f.Find(`input[name="note"]`)
		value, _ := note.Attr("value")
		invalid, _ := note.Attr("aria-invalid")
		if got := action + "|" + payment + "|" + value + "|" + invalid + "|" + textOf(f.Find(`[data-testid="resolve-error"]`)); got != want {
			t.Errorf("%s's form: %q, want %q", notice, got, want)
		}
		// No maxlength: the browser would cut a longer note without a
		// word; the server refuses it, the whole note kept.
		if maxLen, has := note.Attr("maxlength"); has || note.AttrOr("required", "no") == "no" {
			t.Errorf("%s's note: maxlength %q, required %v", notice, maxLen, note.AttrOr("required", "no") != "no")
		}
		if textOf(f.Find(`[data-testid="resolve-submit"]`)) != "Mark resolved" {
			t.Errorf("%s's button: %q", notice, textOf(f.Find(`[data-testid="resolve-submit"]`)))
		}
	}
}

// A payment whose stored cancel is held for a paymentId conflict is not
// "cancel not confirmed yet" on the order page: its row says the cancel
// is held and not sent again — pointing at the notice while it is open,
// saying the app still sends nothing once staff marked it resolved.
func TestOrderPageTellsAHeldCancel(t *testing.T) {
	for _, tc := range []struct {
		resolved bool
		want     string
	}{{false, "held, not sent again — see the paymentId conflict notice"},
		{true, "held, not sent again; the paymentId conflict was marked resolved, so the app still sends nothing"}} {
		m := AdminOrderPage{Ref: "ORD-1", Attempts: []AdminAttempt{{RequestID: "PR-1", Status: "PROCESSING", PaymentID: "PAY-A",
			CancelHeld: true, CancelHeldResolved: tc.resolved}}}
		d := renderDoc(t, AdminOrderBody(m))
		if got := textOf(d.Find(`[data-testid="attempt-cancel-held"]`)); !strings.Contains(got, tc.want) {
			t.Errorf("resolved %v: the row says %q, want %q", tc.resolved, got, tc.want)
		}
		if d.Find(`[data-testid="attempt-cancelling"]`).Length() != 0 {
			t.Errorf("resolved %v: the row says the cancel is under way", tc.resolved)
		}
	}
}
