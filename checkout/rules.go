package checkout

import "fmt"

// A rule table says, for one kind of news from Antom, what each status it
// brings does to our record in each state: one cell per (our state,
// Antom's status). The tables are in payment_rules.go, capture_rules.go
// and refund_rules.go; rules_test.go walks every cell, and every cell a
// table lacks.

// cell keys a rule: our record's state and the status Antom reports,
// verbatim.
type cell struct{ state, status string }

// rule is what one cell does.
type rule struct {
	to      string // the record's new state; "" leaves it as it is
	verdict string // what the inbox says of a notification ("" for inquiries)
	reason  string // why, for the inbox detail and the timeline
	ask     bool   // bring the next inquiryPayment forward: it decides
	cancel  bool   // ask Antom to cancel the payment: it must not complete
}

// table is one kind of news: field names the status Antom sends
// (resultStatus, refundStatus, paymentStatus).
type table struct {
	field string
	cells map[cell]rule
}

// lookup returns the rule of a cell. A cell the table does not hold — a
// status that is not exactly one Antom defines (lower-case, empty,
// missing) or a state it does not expect — is quarantined and changes
// nothing.
func (t table) lookup(state, status string) rule {
	if r, ok := t.cells[cell{state, status}]; ok {
		return r
	}
	return rule{verdict: VerdictQuarantined,
		reason: fmt.Sprintf("%s %q has no rule while ours is %s: nothing changed", t.field, status, state)}
}
