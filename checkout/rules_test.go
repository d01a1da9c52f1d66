package checkout

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"antom-checkout/antom"
	"antom-checkout/db"
)

// The rule tables are walked cell by cell against a real database: each
// cell's record is made in its state, the news is applied the way it
// arrives, and the verdict and the new state must be the cell's. Every
// combination a table lacks must be quarantined and change nothing.

// attemptStates are every state the payment tables know.
var attemptStates = []string{stateProcessing, stateSuccess, stateFail, stateCancelled, stateFailOurs, stateCancelledOurs, stateCancelledPaid}

// oddStatuses are statuses Antom does not define, tried in every state.
var oddStatuses = []string{"U", "", "s", "f", "SUCCESS", "PENDING", "X"}

// missingCells lists the (state, status) pairs a table lacks among
// states × (its own statuses and oddStatuses).
func missingCells(t table, states []string) []cell {
	statuses := slices.Clone(oddStatuses)
	for c := range t.cells {
		if !slices.Contains(statuses, c.status) {
			statuses = append(statuses, c.status)
		}
	}
	var out []cell
	for _, st := range states {
		for _, status := range statuses {
			if _, ok := t.cells[cell{st, status}]; !ok {
				out = append(out, cell{st, status})
			}
		}
	}
	return out
}

// want returns the state a cell leaves the record in.
func (r rule) want(from string) string {
	if r.to == "" {
		return from
	}
	return r.to
}

// attemptIn makes an order whose only attempt is in a table state,
// without Antom: PROCESSING, or settled as Antom or we would.
func (e *env) attemptIn(b Buyer, state, method, mode string) db.Attempt {
	e.t.Helper()
	o := e.order(b, "coffee", 1)
	row, err := e.db.OrderByRef(e.ctx, o.Ref)
	check(e.t, err)
	a, l, err := e.svc.openAttempt(e.ctx, row, db.Attempt{Method: method, CaptureMode: mode}, time.Hour, EventBuyer, func(db.Attempt) string { return "pay" })
	check(e.t, err)
	check(e.t, e.db.ReleaseLease(e.ctx, l.work, l.holder)) // no pay call follows
	now := e.svc.now()
	check(e.t, e.db.SetAttemptPaymentID(e.ctx, a.ID, "PAY-"+a.PaymentRequestID, now))
	if state == stateSuccessCancelInDoubt || state == stateCancelledPaid {
		// A cancel of ours was under way when it succeeded.
		_, err := e.db.RequestCancel(e.ctx, a.ID, "", now)
		check(e.t, err)
	}
	if state != stateProcessing {
		status, ours := strings.CutSuffix(state, " (ours)")
		if state == stateSuccessCancelInDoubt || state == stateCancelledPaid {
			status = db.AttemptSuccess
		}
		set := db.Settlement{Status: status, Code: "FIXTURE", Source: db.SourceAntom}
		if ours {
			set.Source, set.NextCheckAt = db.SourceOurs, now.Add(time.Hour)
		}
		orderTo := db.OrderOpen
		if status == db.AttemptSuccess {
			set.PaidAt, orderTo = now, db.OrderPaid
			if mode == antom.CaptureManual {
				orderTo = db.OrderAuthorized
			}
		}
		ok, err := e.db.SettleAttempt(e.ctx, a.ID, db.AttemptProcessing, "", set, now)
		check(e.t, err)
		assertEqual(e.t, ok, true, "fixture settled")
		_, err = e.db.SetOrderStatus(e.ctx, row.ID, db.OrderProcessing, orderTo, now)
		check(e.t, err)
	}
	if state == stateCancelledPaid {
		ok, err := e.db.CancelPaidAttempt(e.ctx, a.ID, now)
		check(e.t, err)
		assertEqual(e.t, ok, true, "fixture cancelled after payment")
		_, err = e.db.SetOrderStatus(e.ctx, row.ID, db.OrderPaid, db.OrderOpen, now)
		check(e.t, err)
	}
	got, err := e.db.AttemptByID(e.ctx, a.ID)
	check(e.t, err)
	assertEqual(e.t, inquiryState(got), state, "fixture state")
	return got
}

func (e *env) reattempt(a db.Attempt) db.Attempt {
	e.t.Helper()
	got, err := e.db.AttemptByID(e.ctx, a.ID)
	check(e.t, err)
	return got
}

func (e *env) receive(body []byte) (string, string) {
	e.t.Helper()
	v, err := e.svc.ReceiveNotification(e.ctx, Inbound{Body: body})
	check(e.t, err)
	rows, err := e.db.RecentNotifications(e.ctx, 1)
	check(e.t, err)
	return v, rows[0].Detail
}

// checkPaymentCell applies a payment notification to a fresh attempt in
// state and checks the verdict and the state it leaves.
func checkPaymentCell(t *testing.T, e *env, b Buyer, kind string, c cell, r rule) {
	t.Helper()
	a := e.attemptIn(b, c.state, db.MethodWallet, "")
	body := paymentBody(a, c.status, a.Amount)
	if kind == antom.NotifyPaymentPending {
		body = []byte(strings.Replace(string(body), antom.NotifyPaymentResult, antom.NotifyPaymentPending, 1))
	}
	v, detail := e.receive(body)
	got := e.reattempt(a)
	name := fmt.Sprintf("%s %s × %q", kind, c.state, c.status)
	assertEqual(t, v, r.verdict, name+": verdict")
	assertEqual(t, attemptState(got), r.want(c.state), name+": state")
	if r.reason != "" && !strings.Contains(detail, r.reason) {
		t.Fatalf("%s: inbox detail %q lacks %q", name, detail, r.reason)
	}
	if (r.ask || r.verdict == VerdictQuarantined) && got.NextCheckAt.After(e.svc.now()) && a.NextCheckAt.After(e.svc.now()) {
		t.Fatalf("%s: next inquiry %v, want now", name, got.NextCheckAt)
	}
	o, err := e.db.OrderByID(e.ctx, a.OrderID)
	check(t, err)
	switch r.to {
	case stateSuccess:
		assertEqual(t, o.Status, db.OrderPaid, name+": order")
	case stateCancelledPaid:
		assertEqual(t, o.Status, db.OrderOpen, name+": order (the money went back)")
	}
}

func TestPaymentResultRulesEveryCell(t *testing.T) {
	e := newEnv(t, Options{})
	b := e.buyer("cells@example.com")
	for c, r := range paymentResultRules.cells {
		checkPaymentCell(t, e, b, antom.NotifyPaymentResult, c, r)
	}
	for _, c := range missingCells(paymentResultRules, attemptStates) {
		checkPaymentCell(t, e, b, antom.NotifyPaymentResult, c, rule{verdict: VerdictQuarantined})
	}
}

func TestPaymentPendingRulesEveryCell(t *testing.T) {
	e := newEnv(t, Options{})
	b := e.buyer("pending@example.com")
	for c, r := range paymentPendingRules.cells {
		checkPaymentCell(t, e, b, antom.NotifyPaymentPending, c, r)
	}
	for _, c := range missingCells(paymentPendingRules, attemptStates) {
		checkPaymentCell(t, e, b, antom.NotifyPaymentPending, c, rule{verdict: VerdictQuarantined})
	}
}

// The inquiry table is applied as the reconciler applies it. A cell that
// cancels leaves a cancel waiting for Antom (the sandbox has no such
// payment, so it is not confirmed).
func TestPaymentInquiryRulesEveryCell(t *testing.T) {
	e := newEnv(t, Options{})
	b := e.buyer("inquiry@example.com")
	walk := func(c cell, r rule) {
		t.Helper()
		a := e.attemptIn(b, c.state, db.MethodWallet, "")
		resp := &antom.InquiryPaymentResponse{PaymentStatus: c.status, PaymentID: a.PaymentID,
			PaymentAmount: antom.MinorAmount(a.Currency, a.Amount), PaymentResultCode: "SOME_CODE"}
		decided := e.svc.applyInquiry(e.ctx, a, resp, "test")
		got := e.reattempt(a)
		name := fmt.Sprintf("inquiry %s × %q", c.state, c.status)
		assertEqual(t, decided, r.to != "" || r.cancel, name+": decided")
		assertEqual(t, inquiryState(got), r.want(c.state), name+": state")
		wantCancel := a.CancelStatus
		switch {
		case r.cancel:
			wantCancel = db.CancelProcessing
		case r.to == stateCancelledPaid:
			wantCancel = db.CancelSuccess
		}
		assertEqual(t, got.CancelStatus, wantCancel, name+": cancel")
		o, err := e.db.OrderByID(e.ctx, a.OrderID)
		check(t, err)
		switch r.want(c.state) {
		case stateSuccess:
			assertEqual(t, o.Status, db.OrderPaid, name+": order")
		case stateCancelledPaid:
			assertEqual(t, o.Status, db.OrderOpen, name+": order (the money went back)")
		}
	}
	for c, r := range paymentInquiryRules.cells {
		walk(c, r)
	}
	for _, c := range missingCells(paymentInquiryRules, append(attemptStates, stateSuccessCancelInDoubt)) {
		walk(c, rule{verdict: VerdictQuarantined})
	}
}

// captureIn makes an authorized order with one capture in state.
func (e *env) captureIn(b Buyer, state string) (db.Attempt, db.Capture) {
	e.t.Helper()
	a := e.attemptIn(b, stateSuccess, db.MethodCard, antom.CaptureManual)
	now := e.svc.now()
	c := db.Capture{OrderID: a.OrderID, AttemptID: a.ID, CaptureRequestID: "CAP-" + a.PaymentRequestID,
		Currency: a.Currency, Amount: a.Amount, Status: db.CaptureProcessing, CreatedAt: now}
	var err error
	c.ID, err = e.db.InsertCapture(e.ctx, c)
	check(e.t, err)
	if state != db.CaptureProcessing {
		ok, err := e.db.SettleCapture(e.ctx, c.ID, state, "FIXTURE", "", "", now)
		check(e.t, err)
		assertEqual(e.t, ok, true, "fixture capture settled")
	}
	c.Status = state
	return a, c
}

func TestCaptureResultRulesEveryCell(t *testing.T) {
	e := newEnv(t, Options{CaptureMode: antom.CaptureManual})
	b := e.buyer("capcells@example.com")
	walk := func(c cell, r rule) {
		t.Helper()
		a, cp := e.captureIn(b, c.state)
		v, _ := e.receive(captureBody(cp, a.PaymentID, c.status, "CODE"))
		got := e.lastCaptureOf(a.OrderID)
		name := fmt.Sprintf("capture %s × %q", c.state, c.status)
		assertEqual(t, v, r.verdict, name+": verdict")
		assertEqual(t, got.Status, r.want(c.state), name+": state")
	}
	for c, r := range captureResultRules.cells {
		walk(c, r)
	}
	states := []string{db.CaptureProcessing, db.CaptureSuccess, db.CaptureFail}
	for _, c := range missingCells(captureResultRules, states) {
		walk(c, rule{verdict: VerdictQuarantined})
	}
}

func (e *env) lastCaptureOf(orderID int64) db.Capture {
	e.t.Helper()
	cs, err := e.db.OrderCaptures(e.ctx, orderID)
	check(e.t, err)
	return cs[len(cs)-1]
}

func TestAutoCaptureRulesEveryCell(t *testing.T) {
	e := newEnv(t, Options{})
	b := e.buyer("autocells@example.com")
	walk := func(c cell, r rule) {
		t.Helper()
		a := e.attemptIn(b, c.state, db.MethodCard, antom.CaptureAutomatic)
		auto := db.Capture{CaptureRequestID: "AUTO_" + a.PaymentID, CaptureID: "CAPID_" + a.PaymentID, Currency: a.Currency, Amount: a.Amount}
		v, _ := e.receive(captureBody(auto, a.PaymentID, c.status, "CODE"))
		got := e.reattempt(a)
		name := fmt.Sprintf("automatic capture %s × %q", c.state, c.status)
		assertEqual(t, v, r.verdict, name+": verdict")
		assertEqual(t, attemptState(got), r.want(c.state), name+": state")
		if r.to == stateCancelledPaid {
			o, err := e.db.OrderByID(e.ctx, a.OrderID)
			check(t, err)
			assertEqual(t, o.Status, db.OrderOpen, name+": order (the money went back)")
		}
		if r.ask && got.NextCheckAt.After(e.svc.now()) {
			t.Fatalf("%s: next inquiry %v, want now", name, got.NextCheckAt)
		}
	}
	for c, r := range autoCaptureRules.cells {
		walk(c, r)
	}
	for _, c := range missingCells(autoCaptureRules, attemptStates) {
		walk(c, rule{verdict: VerdictQuarantined})
	}
}

// refundIn makes a paid order with one refund in a table state.
func (e *env) refundIn(b Buyer, state string) db.Refund {
	e.t.Helper()
	a := e.attemptIn(b, stateSuccess, db.MethodWallet, "")
	now := e.svc.now()
	r := db.Refund{OrderID: a.OrderID, AttemptID: a.ID, RefundRequestID: "RF-" + a.PaymentRequestID,
		Currency: a.Currency, Amount: a.Amount, Status: db.RefundProcessing, CreatedAt: now}
	var err error
	r.ID, err = e.db.InsertRefund(e.ctx, r)
	check(e.t, err)
	if state != db.RefundProcessing {
		source := db.SourceAntom
		if state == stateRefundFailOurs {
			source = db.SourceOurs
		}
		status, _ := strings.CutSuffix(state, " (ours)")
		ok, err := e.db.SettleRefund(e.ctx, r.ID, db.RefundProcessing, "", status, "FIXTURE", "", source, now, now)
		check(e.t, err)
		assertEqual(e.t, ok, true, "fixture refund settled")
	}
	got, err := e.db.RefundByID(e.ctx, r.ID)
	check(e.t, err)
	assertEqual(e.t, refundState(got), state, "fixture refund state")
	return got
}

func TestRefundResultRulesEveryCell(t *testing.T) {
	e := newEnv(t, Options{})
	b := e.buyer("refcells@example.com")
	walk := func(c cell, r rule) {
		t.Helper()
		rf := e.refundIn(b, c.state)
		n := antom.NotifyRefund{NotifyType: antom.NotifyRefundResult, RefundStatus: c.status,
			RefundRequestID: rf.RefundRequestID, RefundAmount: antom.MinorAmount(rf.Currency, rf.Amount),
			Result: antom.Result{ResultCode: "SUCCESS", ResultStatus: "S", ResultMessage: "success"}}
		body, _ := json.Marshal(n)
		v, _ := e.receive(body)
		got, err := e.db.RefundByID(e.ctx, rf.ID)
		check(t, err)
		name := fmt.Sprintf("refund %s × %q", c.state, c.status)
		assertEqual(t, v, r.verdict, name+": verdict")
		assertEqual(t, refundState(got), r.want(c.state), name+": state")
	}
	for c, r := range refundResultRules.cells {
		walk(c, r)
	}
	states := []string{db.RefundProcessing, db.RefundSuccess, db.RefundFail, stateRefundFailOurs}
	for _, c := range missingCells(refundResultRules, states) {
		if c.status == "" {
			continue // no refundStatus: the result's S stands for SUCCESS (walked above)
		}
		walk(c, rule{verdict: VerdictQuarantined})
	}
}
