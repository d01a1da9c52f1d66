package handlers

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"antom-checkout/checkout"
	"antom-checkout/db"
)

// flashOf opens the page at path and returns its notice (data-testid
// flash): its tone, its words and its data-* attributes by name.
func flashOf(t *testing.T, b *browserClient, path string) (tone, words string, data map[string]string) {
	t.Helper()
	s := html(t, b.get(path).body).Find(`[data-testid="flash"]`)
	if s.Length() != 1 {
		t.Fatalf("%s: %d notices", path, s.Length())
	}
	data = map[string]string{}
	for _, a := range s.Nodes[0].Attr {
		if name, ok := strings.CutPrefix(a.Key, "data-"); ok {
			data[name] = a.Val
		}
	}
	return data["tone"], strings.Join(strings.Fields(s.Text()), " "), data
}

// A second tab tries a failed refund again after the first tab's retry
// was sent: refused, "… which Antom is still processing". Once Antom has
// made that retry (or failed it) before the page shows the refusal, the
// refusal says so — never "still processing" beside a summary showing
// the retry made — and while it processes, the page carries the words
// its live redraw says then (trial F4).
func TestAdminRetryRefusedSaysWhatTheRetryIsNow(t *testing.T) {
	for _, c := range []struct {
		to, want string
	}{
		{db.RefundSuccess, ", which is done: nothing is owed of it."},
		{db.RefundFail, ", which failed too: what was owed passed to that refund"},
	} {
		t.Run(c.to, func(t *testing.T) {
			pay := newClosedRefundPayment(t, "retry-now-"+strings.ToLower(c.to)+"@example.com")
			ref, f := pay.ref, pay.f
			pay.settle(f.ID, db.RefundFail, db.SourceOurs, db.RefundFail, db.SourceAntom) // Antom's own failure: no lookup needed
			retry := pay.insert("R", f.Amount, f.ID)
			b := pay.ta.client(t)
			b.staffSignIn()
			key, err := checkout.NewRefundKey()
			if err != nil {
				t.Fatal(err)
			}
			action := fmt.Sprintf("/admin/orders/%s/refunds/%d/retry", ref, f.ID)
			lead := "Refund RF-" + ref + "-" + strconv.FormatInt(f.Amount, 10) + " was already tried again, as refund RF-" + ref + "-R"

			// Still processing when shown: said so, neutral, with what the
			// live redraw says once Antom answers.
			shown := noticed(t, b.post(action, shownBefore(t, pay.ta, b, action, url.Values{"key": {key}})), "/admin/orders/"+ref)
			tone, words, data := flashOf(t, b, shown)
			assertEqual(t, tone+": "+words, "pending: "+lead+", which Antom is still processing: wait for its outcome.", "the refusal while the retry processes")
			assertEqual(t, data["refund"], strconv.FormatInt(retry, 10), "the refund it speaks of")
			assertEqual(t, data["refund-done"], lead+", which is done: nothing is owed of it.", "its words once the retry is made")
			if !strings.HasPrefix(data["refund-failed"], lead+", which failed too:") {
				t.Errorf("its words once the retry failed: %q", data["refund-failed"])
			}

			// Antom answers before the page is shown: it says what is true now.
			shown = noticed(t, b.post(action, shownBefore(t, pay.ta, b, action, url.Values{"key": {key}})), "/admin/orders/"+ref)
			pay.settle(retry, db.RefundProcessing, "", c.to, db.SourceAntom)
			tone, words, data = flashOf(t, b, shown)
			if tone != "note" || !strings.HasPrefix(words, lead+c.want) || strings.Contains(words, "still processing") || data["refund"] != "" {
				t.Errorf("the refusal once the retry is %s: %s: %q (refund %q)", c.to, tone, words, data["refund"])
			}
		})
	}
}

// A failed refund that a refund still processing covers part of is
// refused "handled another way" until Antom has answered for that refund
// (coveredPendingRefusal): the note staff typed is not thrown away — the
// refusal quotes it, and the page carries it to put back in the form —
// and, once Antom has answered before the page is shown, the refusal says
// what is true then, the note still quoted (trial F2).
func TestAdminCoveredRefusalKeepsTheNoteAndSaysWhatIsNow(t *testing.T) {
	for _, c := range []struct {
		to, want string
	}{
		{db.RefundSuccess, "Antom has made refund RF-%[1]s-N, which covered part of the failed refund RF-%[1]s-100: its line below says what it still owes and what can be done now. Nothing was marked."},
		{db.RefundFail, "Refund RF-%[1]s-N failed, so it no longer covers part of the failed refund RF-%[1]s-100: its line below says what it owes now and what can be done. Nothing was marked."},
	} {
		t.Run(c.to, func(t *testing.T) {
			pay := newClosedRefundPayment(t, "covered-note-"+strings.ToLower(c.to)+"@example.com")
			ref, f := pay.ref, pay.f
			pay.settle(f.ID, db.RefundFail, db.SourceOurs, db.RefundFail, db.SourceAntom)
			n := pay.insert("N", 40, 0)
			b := pay.ta.client(t)
			b.staffSignIn()
			action := fmt.Sprintf("/admin/orders/%s/refunds/%d/handled", ref, f.ID)
			const note = "bank transfer 42"
			kept := " Your note was not saved: “" + note + "”."

			shown := noticed(t, b.post(action, url.Values{"note": {note}}), "/admin/orders/"+ref)
			tone, words, data := flashOf(t, b, shown)
			if tone != "pending" || !strings.HasPrefix(words, "Refund RF-"+ref+"-N, still processing at Antom, covers part of the failed refund") ||
				!strings.HasSuffix(words, "Nothing was marked."+kept) {
				t.Errorf("the refusal: %s: %q", tone, words)
			}
			assertEqual(t, data["kept"], note, "the note kept")
			assertEqual(t, data["kept-for"], strconv.FormatInt(f.ID, 10), "the failure whose form it is for")
			assertEqual(t, data["refund"], strconv.FormatInt(n, 10), "the refund it waits for")
			said := map[string]string{db.RefundSuccess: data["refund-done"], db.RefundFail: data["refund-failed"]}[c.to]
			assertEqual(t, said, fmt.Sprintf(c.want, ref)+kept, "its words for the live redraw once the refund is "+c.to)

			shown = noticed(t, b.post(action, url.Values{"note": {note}}), "/admin/orders/"+ref)
			pay.settle(n, db.RefundProcessing, "", c.to, db.SourceAntom)
			tone, words, data = flashOf(t, b, shown)
			assertEqual(t, tone+": "+words, "note: "+fmt.Sprintf(c.want, ref)+kept, "the refusal once Antom has answered")
			assertEqual(t, data["kept"], note, "the note kept, for its form")
			assertEqual(t, data["kept-said"], "Your note was not saved: “"+note+"”.", "the sentence that quotes it")
			assertEqual(t, data["kept-back"], "Your note, “"+note+"”, is back in its form below, not saved yet.", "what says it once back in its form")
		})
	}
}
