package handlers

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"

	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
	"antom-checkout/views"
)

// adminOrder is an order's detail page.
func (a *App) adminOrder(c *gin.Context) {
	a.renderAdminOrder(c, http.StatusOK, c.Param("ref"), orderForms{})
}

// orderForms are forms sent back with their errors (nil: fresh forms),
// or why an action was refused (problem).
type orderForms struct {
	refund  *views.RefundForm
	capture *views.CaptureForm
	handled *views.HandledForm
	resolve *views.ResolveForm
	problem string
}

// renderAdminOrder shows an order as it is now — read after whatever the
// refused action found — with forms sent back where they are still
// offered. A refusal whose form is no longer offered (another request
// captured, voided or refunded meanwhile) is no error of the form: it
// answers 303 to the order, which says it once (problemTo), so that
// Reload shows the order as it is now and sends nothing again. A refusal
// shown in place leaves the session's notice for the next page.
func (a *App) renderAdminOrder(c *gin.Context, status int, ref string, forms orderForms) {
	o, err := a.Checkout.AdminOrderDetail(c.Request.Context(), ref)
	if errors.Is(err, checkout.ErrNotFound) {
		a.adminOrderNotFound(c, ref)
		return
	}
	if err != nil {
		a.serverError(c, err)
		return
	}
	var p views.AdminPage
	if status == http.StatusOK {
		p = withNotices(a.adminPageKeepFlash(c, "Order "+o.Order.Ref, "orders"), refundNoticeNow(a.takeNotices(c), o))
	} else {
		p = a.adminPageKeepFlash(c, "Order "+o.Order.Ref, "orders")
	}
	m, err := adminOrderView(p, o, forms)
	if err != nil {
		a.serverError(c, err)
		return
	}
	switch {
	case forms.problem != "": // else any bad news flashed by the last action (flashProblem)
		m.Problem = forms.problem
	case m.SaysProblem(): // said once, by the alarm that says more
		m.Problem = ""
	}
	if errs, gone := goneForm(o, m, forms); gone {
		a.problemTo(c, "/admin/orders/"+ref, firstError(forms.problem, errs))
		return
	}
	// A form sent back with its error is held: news does not redraw it.
	m.Held = forms.refund != nil || forms.capture != nil || forms.handled != nil || forms.resolve != nil
	a.render(c, status, views.AdminOrderDetail(m))
}

// adminOrderView is the order page of o: its facts, its Key, and its
// forms — fresh ones (new idempotency keys), or those sent back (forms).
func adminOrderView(p views.AdminPage, o checkout.AdminOrder, forms orderForms) (views.AdminOrderPage, error) {
	m := orderPageView(p, o)
	var err error
	if m.Key, err = orderKey(o); err != nil {
		return m, err
	}
	if m.Refund, err = refundFormView(o, forms.refund); err != nil {
		return m, err
	}
	m.Capture = captureFormView(o, forms.capture)
	for i := range m.Refunds {
		if m.Refunds[i].Open && o.CanRefund && !m.Refunds[i].LookFirst { // a retry before the lookup could pay twice
			if m.Refunds[i].RetryKey, err = checkout.NewRefundKey(); err != nil {
				return m, err
			}
		}
	}
	if forms.handled != nil {
		m.Handled = *forms.handled
	}
	if forms.resolve != nil {
		m.Resolve = *forms.resolve
	}
	return m, nil
}

// orderKey names what the order page shows of o — its facts and which
// forms it offers, with what amounts, not the forms' fresh idempotency
// keys nor the page around it (flash, signed-in staff): a digest that
// differs whenever the page would.
func orderKey(o checkout.AdminOrder) (string, error) {
	b, err := json.Marshal(struct {
		Facts   views.AdminOrderPage
		Refund  bool
		Capture views.CaptureForm
	}{orderPageView(views.AdminPage{}, o), o.RefundOffered(), captureFormView(o, nil)})
	if err != nil {
		return "", fmt.Errorf("order page key: %w", err)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:16]), nil
}

// goneForm returns the errors of a form sent back that the order no
// longer offers, and whether there is one.
func goneForm(o checkout.AdminOrder, m views.AdminOrderPage, forms orderForms) (map[string]string, bool) {
	switch {
	case forms.refund != nil && !o.RefundOffered():
		return forms.refund.Errors, true
	case forms.handled != nil && !slices.ContainsFunc(m.OpenFailures(), func(r views.AdminRefund) bool { return r.ID == forms.handled.RefundID }):
		return map[string]string{"": forms.handled.Error}, true
	case forms.capture != nil && !o.CanCapture():
		return forms.capture.Errors, true
	case forms.resolve != nil && !alarmShown(m, *forms.resolve):
		return map[string]string{"": forms.resolve.Error}, true
	}
	return nil, false
}

// firstError is problem, else the form-wide error, else any field's.
func firstError(problem string, errs map[string]string) string {
	if problem != "" {
		return problem
	}
	if msg := errs[""]; msg != "" {
		return msg
	}
	for _, msg := range errs {
		return msg
	}
	return ""
}

func orderPageView(p views.AdminPage, o checkout.AdminOrder) views.AdminOrderPage {
	m := views.AdminOrderPage{AdminPage: p, Ref: o.Order.Ref, State: o.State, Pending: o.Pending, RestSettled: o.RestSettled(), Buyer: buyerLabel(o.BuyerEmail),
		Created: o.Order.CreatedAt, PaidAt: o.Order.PaidAt, Total: o.Order.Total.String()}
	for _, it := range o.Items {
		m.Items = append(m.Items, views.AdminItem{Name: it.Name, Quantity: it.Quantity, UnitPrice: it.UnitPrice.String(), Total: it.Total.String()})
	}
	for _, at := range o.Attempts {
		m.Attempts = append(m.Attempts, views.AdminAttempt{RequestID: at.PaymentRequestID, Status: at.Status, Code: at.ResultCode,
			PaymentID: at.PaymentID, Method: at.Method, Instrument: views.WalletNamed{Name: at.Instrument, Account: at.InstrumentAccount}, Capture: at.CaptureMode, Created: at.CreatedAt,
			Returned: at.CancelledAfterPayment, Released: at.Released, Left: at.Left, CardPage: at.CardPage, Cancelling: at.Cancelling, CancelBy: at.CancelBy, CancelHeld: at.CancelHeld, CancelHeldResolved: at.CancelHeldResolved, Surplus: at.Surplus,
			Unconfirmed: at.Unconfirmed, WatchEnds: at.WatchEnds, WatchOver: at.WatchOver})
	}
	for _, r := range o.Refunds {
		v := refundView(r)
		v.RetryAfterLookup = r.LookFirst && r.OpenFailure && o.CanRefund // as adminOrderView offers the retry
		m.Refunds = append(m.Refunds, v)
	}
	for _, cp := range o.Captures {
		m.Captures = append(m.Captures, views.AdminCapture{RequestID: cp.CaptureRequestID, CaptureID: cp.CaptureID,
			Amount: cp.Amount.String(), Status: cp.Status, Code: cp.ResultCode, By: cp.CreatedBy, Outside: cp.Outside, Created: cp.CreatedAt})
	}
	for _, e := range o.Timeline {
		m.Timeline = append(m.Timeline, views.AdminEvent{At: e.At, Kind: e.Kind, Detail: e.Detail, Actor: e.Actor, RequestID: e.HTTPRequestID})
	}
	if o.CancelInDoubt {
		m.CancelInDoubt, m.CancelReleases = views.CancelAskedWords(o.CancelInDoubtBy), o.Authorized.Minor > 0
	}
	if o.Authorization.Minor > 0 {
		m.Authorization, m.Captured = o.Authorization.String(), o.Captured.String()
		switch {
		case o.Capturing.Minor > 0:
			m.Captured = o.Capturing.String() + " being captured"
		case o.Captured.Minor == 0 && o.Voiding:
			m.Captured = "nothing (being voided)"
		case o.Captured.Minor == 0:
			m.Captured = "nothing yet"
			if o.State == checkout.ResultVoided {
				m.Captured = "nothing (voided)"
			}
		}
		// Past its expiry with nothing under way, an authorization still
		// AUTHORIZED is EXPIRED once the reconciler has asked Antom that
		// nothing was captured outside this app (or once a buyer's cancel
		// in doubt is settled, which takes nothing either): until then
		// the page does not say nothing was charged (ExpiredOpen). One a
		// capture refusal ended (EndedAs) is EXPIRED or VOIDED:
		// the page says so already, in its badge too, and offers no capture
		// (CanCapture, captureFormView). The orders list shows it by the
		// same rule (checkout's AuthorizationShown).
		m.CanCloseAsksStopped = o.State == checkout.ResultAuthorized && !o.EndChecksStoppedAt.IsZero()
		switch shown := o.Shown(); {
		case shown.CancelledAtAntom:
			m.Captured = "nothing (Antom reported the authorization cancelled: the hold is released)"
			m.State, m.CancelledAtAntom = shown.State, true
		case shown.Expired:
			m.Captured, m.Expired = "nothing (the authorization expired)", o.AuthExpiresAt
			m.State, m.ExpiredOpen = shown.State, o.State == checkout.ResultAuthorized
			if m.ExpiredOpen {
				m.ExpiredAsksStopped = o.EndChecksStoppedAt
			}
		case shown.CaptureBy:
			m.CaptureBy, m.CaptureByUnknown = o.AuthExpiresAt, o.AuthExpiresAt.IsZero()
			m.CaptureByUnknownEnd, m.CaptureByUnknownStopped = o.AuthExpiryLookEnd, o.AuthExpiryLooksStoppedAt
		}
	}
	if f := o.CaptureFailed; f != nil {
		m.CaptureFailed = &views.AdminCaptureFailure{RequestID: f.CaptureRequestID, Amount: f.Amount.String(), By: f.By,
			SentAt: f.SentAt, FailedAt: f.FailedAt, Code: f.Code, Message: f.Message, Held: o.Authorized.String(), Expires: f.AuthExpiresAt,
			Stopped: o.AuthExpiryLooksStoppedAt}
	}
	for _, t := range o.MadeLateTwice {
		m.MadeLateTwice = append(m.MadeLateTwice, views.AdminMadeLateTwice{Got: t.Got.String(), May: t.May.String(),
			GotAny: t.Got.Minor > 0, More: t.May.Minor > t.Got.Minor, Owed: t.Owed.String(), OwedAny: t.Owed.Minor > 0,
			IfFound: t.IfFound.String(), IfFoundAny: t.IfFound.Minor > 0, Late: t.Late, Found: t.Found})
	}
	for _, c := range o.PaymentIDConflicts {
		m.PaymentIDConflicts = append(m.PaymentIDConflicts, views.AdminPaymentIDConflict{RequestID: c.PaymentRequestID,
			OnRecord: c.OnRecord, Status: c.Status, Others: c.Others, ClosedByUs: c.ClosedByUs})
	}
	for _, c := range o.AutoCapturesFailed {
		m.AutoCapturesFailed = append(m.AutoCapturesFailed, views.AdminAutoCaptureFailed{RequestID: c.PaymentRequestID,
			PaymentID: c.PaymentID, CaptureID: c.CaptureID, Amount: c.Amount.String(), At: c.CapturedAt})
	}
	if v := o.VoidRefused; v != nil {
		m.VoidRefused = &views.AdminVoidRefusal{RefusedAt: v.RefusedAt, Code: v.Code, Message: v.Message,
			Held: o.Authorized.String(), Expires: v.AuthExpiresAt, Stopped: o.AuthExpiryLooksStoppedAt}
	}
	if o.Paid.Currency != "" {
		m.Paid, m.Refunded, m.Refundable = o.Paid.String(), o.Refunded.String(), o.Refundable.String()
		if o.CancelInDoubt {
			m.Refundable += " once the cancel above is known" // refunds wait for it
		}
		if o.Refunding.Minor > 0 {
			m.Refunding = o.Refunding.String()
		}
		if o.CanRefund && !o.RefundOffered() {
			m.RefundWaitsFor = o.NewRefundWaitsFor
			m.Refundable += ", but new refunds wait for the lookup of the refund we closed" // the lookup may yet find it made
		}
		if o.Handled.Minor > 0 {
			m.Settled = o.Handled.String()
		}
		if o.RefundFailed.Minor > 0 {
			m.RefundFailed = o.RefundFailed.String()
		}
	}
	return m
}

func refundView(r checkout.RefundInfo) views.AdminRefund {
	owed, gave, autoOwed := "", "", ""
	if r.OpenFailure {
		owed = r.Owed.String()
	}
	if r.OutsideGave.Minor > 0 {
		gave, autoOwed = r.OutsideGave.String(), checkout.Money{Currency: r.Amount.Currency, Minor: r.Amount.Minor - r.OutsideGave.Minor}.String()
	}
	return views.AdminRefund{Owed: owed, OutsideGave: gave, AutoOwed: autoOwed, OwedWhy: owedWhy(r), CoveredBy: r.CoveredBy, CapWaitsFor: r.CapWaitsFor, CapWaitsMade: r.CapWaitsMade, RequestID: r.RefundRequestID, RefundID: r.RefundID, Amount: r.Amount.String(),
		Reason: r.Reason, Status: r.Status, Code: r.ResultCode, Words: r.Words, At: r.RefundedAt,
		By: r.CreatedBy, Created: r.CreatedAt, ID: r.ID, Open: r.OpenFailure, OursOnly: r.OursOnly, Automatic: r.Automatic, Outside: r.Outside, OutsideTook: r.OutsideTook,
		LookFirst: r.LookFirst, AbsentLookedAt: r.AbsentLookedAt, AbsentLookedBy: r.AbsentLookedBy, FoundProcessing: foundProcessing(r),
		HandledBy: r.HandledBy, HandledAt: r.HandledAt, HandledNote: r.HandledNote,
		HandledAmount: r.HandledAmount.String(), PaidTwice: r.PaidTwice, TwiceWith: r.TwiceWith, Twice: r.Twice.String(), FoundTwice: r.FoundTwice, RetryOf: r.RetryOf, RetriedBy: r.RetriedBy}
}

// owedWhy says why an open failed refund is owed less than it asked (""
// when it is not, or not open): refunds made after it made part good (or
// one still processing covers it: CoveredBy), and/or the rest is more than the payment has left to refund (failures
// are owed no more than that, oldest first; while a retry still processing takes it: CapWaitsFor).
func owedWhy(r checkout.RefundInfo) string {
	madeGood, capped := r.Unmet.Minor < r.Amount.Minor, r.Owed.Minor < r.Unmet.Minor
	switch {
	case !r.OpenFailure:
		return ""
	case madeGood && r.CoveredBy != "" && capped:
		return "refund " + r.CoveredBy + ", still processing, covers part until Antom answers for it; the rest is more than the payment has left to refund"
	case madeGood && r.CoveredBy != "":
		return "refund " + r.CoveredBy + ", still processing, covers the rest until Antom answers for it"
	case madeGood && capped:
		return "a later refund made part good; the rest is more than the payment has left to refund" + capWhile(r)
	case madeGood:
		return "a later refund made the rest good"
	case capped:
		return "the rest is more than the payment has left to refund" + capWhile(r)
	}
	return ""
}

// capWhile is what owedWhy adds when a retry still processing takes
// what the payment's cap would leave the failure (CapWaitsFor): while
// it processes; "" when none does.
func capWhile(r checkout.RefundInfo) string {
	if r.CapWaitsFor == "" {
		return ""
	}
	return " while refund " + r.CapWaitsFor + " processes"
}

// refundFormView is a fresh refund form (no amount: staff type it, so a
// full refund is never one click away; a new idempotency key), or the one
// sent back with its errors.
func refundFormView(o checkout.AdminOrder, sent *views.RefundForm) (views.RefundForm, error) {
	if !o.RefundOffered() { // nothing to refund now, or it waits for a lookup (RefundWaitsFor says)
		return views.RefundForm{}, nil
	}
	if sent != nil {
		f := *sent
		f.Show, f.Currency = true, o.Order.Total.Currency
		return f, nil
	}
	key, err := checkout.NewRefundKey()
	if err != nil {
		return views.RefundForm{}, err
	}
	return views.RefundForm{Show: true, Key: key, Currency: o.Refundable.Currency}, nil
}

// captureFormView shows an authorization while it waits: capture and void
// offered, or what is under way on it (a capture or a void not confirmed
// yet). Its amount is the authorization's, or after a capture Antom
// refused the amount that capture tried (one press must not take more).
func captureFormView(o checkout.AdminOrder, sent *views.CaptureForm) views.CaptureForm {
	if o.Authorized.Minor == 0 || o.AuthExpired && o.Capturing.Minor == 0 && !o.Voiding {
		return views.CaptureForm{} // none, or expired: the summary says so
	}
	f := views.CaptureForm{Show: true, Currency: o.Authorized.Currency, Voiding: o.Voiding, CancelInDoubt: o.CancelInDoubt}
	if o.Capturing.Minor > 0 {
		f.Capturing = o.Capturing.String()
	}
	if !o.CanCapture() {
		return f
	}
	f.Offer, f.Max = true, o.Authorized.String()
	f.Amount = checkout.FormatMajor(o.Authorized.Currency, o.Authorized.Minor)
	if failed := o.CaptureFailed; failed != nil { // the amount last tried, as the alarm names it: never more than staff asked for
		f.Amount = checkout.FormatMajor(failed.Amount.Currency, failed.Amount.Minor)
	}
	if sent != nil {
		f.Amount, f.Errors = sent.Amount, sent.Errors
	}
	return f
}

// foundProcessing is the words of refund r's finding that Antom is
// processing it (checkout.FoundProcessingWords), "" when it has none.
func foundProcessing(r checkout.RefundInfo) string {
	if r.FoundProcessingAt.IsZero() {
		return ""
	}
	return checkout.FoundProcessingWords(r.FoundProcessingBy, r.FoundProcessingAt, r.Zone)
}

// alarmShown reports whether order page m shows the alarm whose
// "Mark resolved" form f is.
func alarmShown(m views.AdminOrderPage, f views.ResolveForm) bool {
	switch f.Alarm {
	case checkout.FilterPaymentIDConflict:
		return slices.ContainsFunc(m.PaymentIDConflicts, func(c views.AdminPaymentIDConflict) bool { return c.RequestID == f.RequestID })
	case checkout.FilterAutoCaptureFailed:
		return slices.ContainsFunc(m.AutoCapturesFailed, func(c views.AdminAutoCaptureFailed) bool { return c.RequestID == f.RequestID })
	}
	return false
}
