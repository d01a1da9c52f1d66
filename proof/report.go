package proof

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"sort"
	"strings"

	"antom-checkout/antom/sandbox"
	"antom-checkout/checkout"
	"antom-checkout/db"
)

// report is what a report file tells: the run, then every order (or
// subject) with a finding: what was found, what the proof did and saw,
// the checkout's timeline and rows, and Antom's ledger for it.
type report struct {
	title    string   // the final line
	header   []string // how the run was made: options, seed, …
	findings []Finding
	books    db.Books
	ledger   sandbox.Ledger
	story    *story
	database *db.DB // for the timelines
}

// write writes the report to path.
func (r report) write(ctx context.Context, path string) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("report: %w", err)
	}
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, r.title)
	for _, h := range r.header {
		fmt.Fprintln(w, h)
	}
	fmt.Fprintln(w)
	for _, line := range r.story.of("run") {
		fmt.Fprintln(w, line)
	}
	for _, key := range r.keys() {
		fmt.Fprintf(w, "\n== %s\n", key)
		for _, f := range r.findings {
			if f.key() == key {
				fmt.Fprintf(w, "%s: %s\n", strings.ToUpper(string(f.Category)), strings.TrimSpace(f.Subject+" "+f.Detail))
			}
		}
		if ref, ok := strings.CutPrefix(key, "order "); ok {
			r.order(ctx, w, ref)
		}
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return fmt.Errorf("report: %w", err)
	}
	return f.Close()
}

// keys lists the findings' orders and subjects, each once, in order.
func (r report) keys() []string {
	seen := map[string]bool{}
	var out []string
	for _, f := range r.findings {
		if !seen[f.key()] {
			seen[f.key()] = true
			out = append(out, f.key())
		}
	}
	sort.Strings(out)
	return out
}

// order writes one order's story, timeline, rows and ledger.
func (r report) order(ctx context.Context, w *bufio.Writer, ref string) {
	fmt.Fprintln(w, "-- what the proof did and saw")
	for _, line := range r.story.of(ref) {
		fmt.Fprintln(w, "  "+line)
	}
	fmt.Fprintln(w, "-- the checkout's timeline")
	events, err := r.database.Events(ctx, checkout.OrderSubject(ref))
	if err != nil {
		fmt.Fprintf(w, "  (could not read it: %v)\n", err)
	}
	for _, e := range events {
		fmt.Fprintf(w, "  %s  %-12s %s %s\n", e.At.UTC().Format("15:04:05.000"), e.Kind, e.Actor, e.Detail)
	}
	fmt.Fprintln(w, "-- the checkout's rows")
	var orderID int64
	for _, o := range r.books.Orders {
		if o.Ref == ref {
			orderID = o.ID
			fmt.Fprintf(w, "  order %s %s %d %s\n", o.Ref, o.Currency, o.Amount, o.Status)
		}
	}
	for _, a := range r.books.Attempts {
		if a.OrderID == orderID {
			fmt.Fprintf(w, "  attempt %s %s %s %s paymentId=%s checks=%d capture=%s calls=%s\n", a.PaymentRequestID, a.Method, a.Status,
				a.ResultCode, a.PaymentID, a.Checks, a.CaptureMode, calls(r.ledger.Calls[a.PaymentRequestID]))
		}
	}
	for _, f := range r.books.Refunds {
		if f.OrderID == orderID {
			fmt.Fprintf(w, "  refund %s %d %s %s calls=%s\n", f.RefundRequestID, f.Amount, f.Status, f.ResultCode, calls(r.ledger.Calls[f.RefundRequestID]))
		}
	}
	for _, k := range r.books.Captures {
		if k.OrderID == orderID {
			fmt.Fprintf(w, "  capture %s %d %s %s calls=%s\n", k.CaptureRequestID, k.Amount, k.Status, k.ResultCode, calls(r.ledger.Calls[k.CaptureRequestID]))
		}
	}
	fmt.Fprintln(w, "-- Antom's ledger")
	ids := map[string]bool{}
	for _, p := range r.ledger.Payments {
		if p.ReferenceOrderID == ref {
			ids[p.PaymentID] = true
			fmt.Fprintf(w, "  payment %s %s %s %s %d debited=%d refunded=%d authorized=%d captured=%d voided=%v calls=%s\n",
				p.PaymentRequestID, p.PaymentID, p.Status, p.ResultCode, p.Amount, p.Debited, p.Refunded, p.Authorized, p.Captured, p.Voided,
				calls(r.ledger.Calls[p.PaymentRequestID]))
		}
	}
	for _, f := range r.ledger.Refunds {
		if ids[f.PaymentID] {
			fmt.Fprintf(w, "  refund %s %s %d calls=%s\n", f.RefundRequestID, f.Status, f.Amount, calls(r.ledger.Calls[f.RefundRequestID]))
		}
	}
	for _, k := range r.ledger.Captures {
		if ids[k.PaymentID] {
			fmt.Fprintf(w, "  capture %s %s %d calls=%s\n", k.CaptureRequestID, k.Status, k.Amount, calls(r.ledger.Calls[k.CaptureRequestID]))
		}
	}
}

// calls words one request id's calls: "pay×3 inquiryPayment×2".
func calls(byAPI map[string]sandbox.CallCount) string {
	var parts []string
	for api, c := range byAPI {
		s := fmt.Sprintf("%s×%d", api[strings.LastIndex(api, "/")+1:], c.Calls)
		if c.MaxConcurrent > 1 {
			s += fmt.Sprintf("(%d at once)", c.MaxConcurrent)
		}
		parts = append(parts, s)
	}
	sort.Strings(parts)
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, " ")
}
