package views

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"time"

	"antom-checkout/lang"
)

// AdminPage is what the admin layout needs on every page.
type AdminPage struct {
	Page
	StaffEmail string // the signed-in staff member; "" on the sign-in page
	// OwnPasswordFirst: the staff member signed in with a one-time
	// password and must choose their own before any other page opens
	// (requireOwnPassword): the header offers no menu, only Sign out.
	OwnPasswordFirst bool
	// Problem: why the action just sent was refused, shown above the page
	// (which shows what is true now); "" when there is none.
	Problem string
	// ProblemLast: the problem happened after the one-time notice Flash
	// (both left by actions for this page), so it is shown below it; else
	// it is shown above.
	ProblemLast bool
	// ProblemAlarm: the alarm of the page that says Problem more fully
	// ("capture-failed", "refund-failed", "void-refused"; "" for none): a page showing
	// that alarm leaves Problem out (AdminOrderPage.SaysProblem).
	ProblemAlarm string
	// FlashPending: the one-time notice Flash says something is under way
	// that Antom has not confirmed (neither done nor refused): shown
	// neutral, never as a success.
	FlashPending bool
	// FlashRefund and FlashRefundDone: the refund (AdminRefund.ID) that
	// Flash tells while Antom has not made it, and the words that tell it
	// made. The order page's live redraw says the notice anew by the
	// refund's row (refundNoticeState): made, those words; failed or
	// gone, none (the alarm says a failure). Zero and "" for none.
	FlashRefund     int64
	FlashRefundDone string
	// FlashRefundFailed: Flash is a refusal that speaks of FlashRefund
	// while Antom processes it (checkout.ConflictError.Refund), and these
	// are its words once that refund failed (FlashRefundDone, once made);
	// said anew, a refusal stays neutral (FlashAside), never a success.
	// "" for none: a failed refund's notice goes (the alarm says it).
	FlashRefundFailed string
	// FlashAside: Flash is neutral news that stays true (a refusal said
	// anew as things stand now), shown neutral (tone "note"); the live
	// redraw keeps it.
	FlashAside bool
	// FlashKept and FlashKeptFor: what staff typed in the form of failed
	// refund FlashKeptFor (its "handled another way" note) when it was
	// refused, kept: Flash quotes it, and admin_order.js puts it back in
	// that form once the page offers it, saying so: FlashKeptBack in
	// place of FlashKeptSaid (the sentence of Flash that quotes it).
	// "" and 0 for none.
	FlashKept     string
	FlashKeptFor  int64
	FlashKeptSaid string
	FlashKeptBack string
	// Note: a one-time aside about the action just sent, neither success
	// nor bad news — a repeat of an action already sent, which was not
	// sent again — shown neutral after Flash; "" when there is none.
	Note string
}

// AdminErrorPage is the model of 4xx and 5xx pages under /admin.
type AdminErrorPage struct {
	AdminPage
	Status  int
	Message string
	Link    string // a page the message names, linked below it ("" for none)
	LinkTo  string // the link's words
}

// Option is one choice of a select.
type Option struct {
	Value, Label string
}

// AdminSignIn is the staff sign-in page.
type AdminSignIn struct {
	AdminPage
	Email  string
	Next   string
	Errors map[string]string // "" for the whole form
}

// Error returns the message for a field, if any.
func (f AdminSignIn) Error(field string) string { return f.Errors[field] }

// AdminThrottled says that sign-in is locked for a while.
type AdminThrottled struct {
	AdminPage
	RetryAt    time.Time
	Minutes    int  // until RetryAt, rounded up
	AnyAccount bool // paused for every account from the address, not only this one
}

// AdminPassword is "Change your password".
type AdminPassword struct {
	AdminPage
	MustChange bool // signed in with a one-time password
	// MinLength characters are enough, or MinWide of a large script
	// (Chinese characters, Korean syllables: checkout.MinStaffPasswordWide).
	MinLength, MinWide int
	Errors             map[string]string
}

// Fewest is the fewest characters a password may have (the input's
// minlength): MinWide, where each is of a large script.
func (f AdminPassword) Fewest() int { return min(f.MinLength, f.MinWide) }

// Error returns the message for a field, if any.
func (f AdminPassword) Error(field string) string { return f.Errors[field] }

// AdminDashboard is the admin's first page.
type AdminDashboard struct {
	AdminPage
	Day              string       // "Sunday 22 November 2026"
	DayZone          string       // its zone's label: "UTC", "UTC+7" (lang.ZoneLabel)
	Payments         []AdminTotal // money taken today: a MANUAL card payment counts once captured
	Authorizations   []AdminTotal // card authorizations waiting for capture or void
	Refunds          []AdminTotal // refunds that succeeded today
	SuccessRate      string       // "93%", or "—" before any final attempt
	Succeeded, Final int
	// PaymentsUnconfirmed: of Final, payments we closed ourselves that
	// Antom never said failed (checkout's ResultUnconfirmed).
	PaymentsUnconfirmed int
	Quarantined         int
	Forged              int // refused notifications, last 24 hours
	Stuck               int // payments processing for over a minute
	CancelsStuck        int // unfinished card payments cancelling for over a minute
	CardPagesOpen       int // card payments left on the card page for over a minute (no problem)
	RefundsProcessing   int
	RefundsFailed       int // staff refunds that failed and were not followed by another
	// RefundsFailedLookFirst: of those, the ones we closed ourselves that
	// wait for a Refund lookup before they can be made good;
	// RefundsFoundProcessing: of these, the ones Antom was found
	// processing (they wait for Antom's answer too). RefundsLookFirstShown:
	// the oldest of them, a few (the rest are counted: "and 2 more").
	RefundsFailedLookFirst int
	RefundsFoundProcessing int
	RefundsLookFirstShown  []AdminLookFirst
	RefundsPaidTwice       int // refunds the buyer got (or may get) twice: settled another way or tried again, then made by Antom
	RefundsMaybeTwice      int // of those, not made twice yet: retries still processing, or refunds made good already that Antom is found processing
	// PaymentsMadeLateTwice: payments whose buyer got (or may get) money
	// twice through refunds we had closed as failed that Antom made after
	// all, while other refunds had been counted towards them.
	PaymentsMadeLateTwice int
	AutoRefunds           int // automatic refunds of orders paid twice
	AutoRefundsOpen       int // of those, not done yet
	// AutoRefundsPartOutside: of AutoRefundsOpen, the failed ones refunds
	// made outside this app gave part of (the rest still owed).
	AutoRefundsPartOutside int
	Chart                  Chart

	// Authorizations with a capture or a void sent that Antom has not
	// confirmed yet (not among Authorizations), and orders whose newest
	// capture failed while the authorization is still open (a problem).
	AuthorizationsCapturing, AuthorizationsReleasing, CapturesFailed int
	// VoidsRefused: orders whose authorization still holds after Antom
	// refused its newest void, as each order's page says it (a problem).
	VoidsRefused int
	// VoidsRefusedCaptureFailed: of VoidsRefused, the orders also among
	// CapturesFailed (a capture refused, then a void): on both lines.
	VoidsRefusedCaptureFailed int
	// Of those under way, the captures and voids Antom has not confirmed
	// for over UnconfirmedAfter ("5 min"): problems.
	CapturesUnconfirmed, VoidsUnconfirmed int
	UnconfirmedAfter                      string
	// AuthorizationsExpiring: of Authorizations, those expiring within 24
	// hours (links to the orders filter that lists them).
	AuthorizationsExpiring int
	// CancelsInDoubt: payments (paid or authorized) whose cancel of ours
	// is being checked, left out of Payments and Authorizations.
	CancelsInDoubt int
	// PaymentIDConflicts: orders with a payment not settled by Antom
	// whose answers name another paymentId than the one on record (held
	// for staff: never cancelled by the app); AutoCapturesFailed: orders
	// with a card payment Antom captured automatically, then said failed.
	// Problems, each linking to the orders filter that lists them.
	PaymentIDConflicts, AutoCapturesFailed int
	// AsksStopped: orders left authorized once we stopped asking Antom
	// whether their ended authorization was captured: staff decide.
	AsksStopped int
}

// AdminLookFirst is a failed refund waiting for a Refund lookup, as the
// dashboard names it: its refundRequestId, linking its order's page.
type AdminLookFirst struct {
	OrderRef, RefundRequestID string
}

// AdminTotal is a count and a total of payments in one currency.
type AdminTotal struct {
	Currency string
	Count    int
	Total    string
}

// ListPages leads from an admin list's page to the pages beside it, or
// says why the page lists nothing.
type ListPages struct {
	PrevURL string // "" on the first page
	NextURL string // "" on the last page
	// PageError says the page number names no page of the list (it could
	// not be read, or the list ends before it): nothing is listed;
	// FirstURL is the list's first page, keeping its search and filters.
	PageError, FirstURL string
}

// AdminOrders is the orders list.
type AdminOrders struct {
	AdminPage
	Query    string
	Status   string // the filter's value ("" for any)
	Statuses []Option
	Error    string // the filter could not be read: what went wrong (the page lists the statuses)
	// BlankQuery: the search held only spaces, so it was left out (the
	// list is as without a search), which the page says.
	BlankQuery bool
	Rows       []AdminOrderRow
	Page       int
	ListPages
}

// AdminOrderRow is one line of the orders list.
type AdminOrderRow struct {
	Ref              string
	State            string // one of the State* constants: what the buyer's page says
	Total            string
	Paid             string // what the buyer paid when less than Total (a card authorization captured in part); "" otherwise
	Method           string
	Buyer            string // email, or "guest"
	Created          time.Time
	RefundProcessing bool
	RefundFailed     bool   // a staff refund failed and was not followed by another
	RefundMadeTwice  bool   // a refund the buyer got twice: badge "refund made twice"
	RefundMaybeTwice bool   // a retry still processing the buyer gets twice if Antom makes it: badge "refund may be made twice"
	Pending          string // an authorization being released or captured, not confirmed yet (PendingReleasing, PendingCapturing; "" if none)
	CaptureFailed    bool   // Antom refused the newest capture and the authorization is still open
	VoidRefused      bool   // Antom refused the newest void and the authorization still holds (as the order page's alarm)
	// PaymentIDConflict: a payment of the order has an open paymentId
	// conflict; AutoCaptureFailed: Antom captured a payment automatically
	// and then said it failed, not marked resolved — the order page's
	// alarms, as the filters list them.
	PaymentIDConflict, AutoCaptureFailed bool
	// AsksStopped: the authorization ended and we stopped asking Antom
	// whether it was captured: staff decide.
	AsksStopped bool
	// Authorized orders: when the authorization expires (zero: Antom did
	// not say), whether it has (the reconciler closes it next), and
	// whether it does within 24 hours with nothing under way.
	AuthExpiresAt                time.Time
	AuthExpired, AuthExpiresSoon bool
	// CaptureBy: the authorization waits for staff (nothing under way on
	// it, not ended): the row says by when to capture it, as the order
	// page's Capture before does.
	CaptureBy bool
	// AuthExpiryLookEnd (expiry not known): the paymentStatus of the
	// inquiryPayment answer that ended the looks for it, as the order
	// page's CaptureByUnknownEnd; "" while we keep asking.
	AuthExpiryLookEnd string
	// AuthExpiryLooksStopped (expiry not known): we stopped asking Antom
	// for it, as the order page's CaptureByUnknownStopped: most likely
	// ended.
	AuthExpiryLooksStopped bool
	// CancelledAtAntom (StateVoided): Antom reported the authorization
	// cancelled, not a void the shop sent: its badge says so.
	CancelledAtAntom bool
	// RestSettled (StateRefunded): refunded in part, the rest settled
	// another way: its badge says so, as the buyer's says partially
	// refunded.
	RestSettled bool
}

// AdminOrderPage is an order's detail page.
type AdminOrderPage struct {
	AdminPage
	Ref     string
	State   string // one of the State* constants: what the buyer's page says
	Pending string // PendingReleasing, PendingCapturing, PendingCancelChecking or "": what is under way on an authorization (or a paid order's cancel)
	// CancelledAtAntom (StateVoided): Antom reported the authorization
	// cancelled, not a void the shop sent: its badge says so.
	CancelledAtAntom bool
	// RestSettled (StateRefunded): refunded in part, the rest settled
	// another way: its badge says so, as the buyer's says partially
	// refunded.
	RestSettled bool
	// CancelInDoubt: whose cancel of the payment Antom has not confirmed,
	// and why (CancelAskedWords: "the buyer chose to pay another way",
	// or ours, with its reason); "" when none is in doubt. Capture, void and refunds wait.
	CancelInDoubt string
	// CancelReleases: that cancel, if it took effect, released an
	// authorization (else it gave paid money back).
	CancelReleases bool
	Buyer          string
	Created        time.Time
	PaidAt         time.Time
	Total          string
	Items          []AdminItem
	Attempts       []AdminAttempt
	Refunds        []AdminRefund
	Captures       []AdminCapture
	Timeline       []AdminEvent
	Paid           string // "" when the order is not paid
	// A MANUAL card payment's authorization and what was captured of it
	// ("" for other payments).
	Authorization string
	Captured      string
	// CaptureBy is when a waiting authorization expires, Expired when
	// one expired uncaptured (zero otherwise).
	CaptureBy, Expired time.Time
	// ExpiredOpen (Expired): the order is not closed yet — the reconciler
	// asks Antom whether it was captured outside this app before it says
	// nothing was charged — so the page does not say it either.
	ExpiredOpen bool
	// ExpiredAsksStopped (ExpiredOpen): when the reconciler stopped asking
	// Antom so (Antom never answered, for as long as an authorization can
	// be held): the order stays open for staff to decide; zero while it
	// asks.
	ExpiredAsksStopped time.Time
	// CanCloseAsksStopped: the order is still authorized, its
	// authorization ended uncaptured and we stopped asking Antom whether
	// it was captured: staff may close it (closeAsksStoppedForm).
	CanCloseAsksStopped bool
	// CaptureByUnknown: a waiting authorization whose expiry no answer of
	// Antom's gave yet (the reconciler asks for it, unless
	// CaptureByUnknownEnd).
	CaptureByUnknown bool
	// CaptureByUnknownStopped: when we stopped asking Antom for that
	// expiry (it never gave it, for as long as a card authorization can
	// be held: checkout's authExpiryLookFor): the authorization has most
	// likely ended, and the page says to look the payment up at Antom
	// before capturing; zero while we ask.
	CaptureByUnknownStopped time.Time

	// CaptureByUnknownEnd: the paymentStatus of the inquiryPayment answer
	// that ended the reconciler's looks for that expiry (FAIL, CANCELLED);
	// "" while they go on.
	CaptureByUnknownEnd string
	Refunded            string
	Refunding           string
	Settled             string // failed refunds settled another way ("" if none)
	RefundFailed        string // failed staff refunds not followed by another ("" if none)
	Refundable          string
	Refund              RefundForm
	// RefundWaitsFor: the refundRequestIds of the failed refunds we closed
	// ourselves that new refunds wait for a Refund lookup of, each (the
	// Refund form is not offered: a new refund could count towards making
	// them good, and Antom may yet make them); nil if none, or if the
	// order could not be refunded after the lookups either (the form
	// would not come back).
	RefundWaitsFor []string
	Capture        CaptureForm
	Handled        HandledForm // a "handled another way" form sent back with its error
	Resolve        ResolveForm // a "Mark resolved" form of an alarm sent back with its error
	// CaptureFailed: a capture Antom refused while the authorization is
	// still open (nil if none): shown as an alarm above the page.
	CaptureFailed *AdminCaptureFailure
	// VoidRefused: a void Antom refused while the authorization still
	// holds and nothing settled it since (nil if none): shown as an alarm
	// above the page.
	VoidRefused *AdminVoidRefusal
	// MadeLateTwice: payments whose buyer got (or may get) money twice
	// through refunds we had closed as failed that Antom made after all;
	// shown as alarms.
	MadeLateTwice []AdminMadeLateTwice
	// PaymentIDConflicts: payments whose answers from Antom name another
	// paymentId than the one on record, not settled by Antom: held for
	// staff (checkout's PaymentIDConflict). AutoCapturesFailed: automatic
	// captures of a payment Antom said failed since.
	PaymentIDConflicts []AdminPaymentIDConflict
	AutoCapturesFailed []AdminAutoCaptureFailed
	// Key names what the page shows of the order (not its forms' fresh
	// idempotency keys): the status long-poll answers once the order's
	// differs.
	Key string
	// Held: the page shows a form sent back with its error (422); news
	// of the order does not redraw it, which would take the error and
	// what was typed away, but says the order changed (admin_order.js).
	Held bool
}

// AdminCaptureFailure is a capture Antom refused on an authorization that
// is still open: the money was not taken.
type AdminCaptureFailure struct {
	RequestID string
	Amount    string
	By        string
	SentAt    time.Time
	FailedAt  time.Time
	Code      string
	Message   string    // Antom's resultMessage ("" when it gave none)
	Held      string    // the authorization still held on the card
	Expires   time.Time // the authorization's expiry; zero when not known
	// Stopped (Expires zero): when we stopped asking Antom for that
	// expiry (CaptureByUnknownStopped): the authorization may no longer
	// be open; zero while we ask.
	Stopped time.Time
}

// AdminVoidRefusal is a void Antom refused on an authorization that
// still holds: nothing was released.
type AdminVoidRefusal struct {
	RefusedAt time.Time
	Code      string
	Message   string    // Antom's resultMessage ("" when it gave none)
	Held      string    // the authorization still held on the card
	Expires   time.Time // the authorization's expiry; zero when not known
	// Stopped (Expires zero): when we stopped asking Antom for that
	// expiry (CaptureByUnknownStopped): the authorization may no longer
	// hold; zero while we ask.
	Stopped time.Time
}

// LookupURL is the refund lookup of r, filled in with its refundRequestId.
func (r AdminRefund) LookupURL() string { return RefundLookupURL(r.RequestID) }

// RefundLookupURL is the refund lookup filled in with refundRequestId id.
func RefundLookupURL(id string) string {
	return "/admin/refunds/lookup?" + url.Values{"id": {id}}.Encode()
}

// OursOnlyOpen reports whether an open failed refund of the order is one
// we closed ourselves (OursOnly): the buyer may get its money after all.
func (m AdminOrderPage) OursOnlyOpen() bool {
	for _, r := range m.OpenFailures() {
		if r.OursOnly {
			return true
		}
	}
	return false
}

// AutomaticRefunds are the order's automatic refunds: of a second
// payment that went through after another had paid the order, given
// back whole, outside the Refunded and Refundable of the payment above.
func (m AdminOrderPage) AutomaticRefunds() []AdminRefund {
	return m.refundsWhere(func(r AdminRefund) bool { return r.Automatic })
}

// refundsWhere are the order's refunds that keep says.
func (m AdminOrderPage) refundsWhere(keep func(AdminRefund) bool) []AdminRefund {
	var out []AdminRefund
	for _, r := range m.Refunds {
		if keep(r) {
			out = append(out, r)
		}
	}
	return out
}

// OpenFailures are the order's failed staff refunds still open.
func (m AdminOrderPage) OpenFailures() []AdminRefund {
	return m.refundsWhere(func(r AdminRefund) bool { return r.Open })
}

// AdminItem is one line of an order.
type AdminItem struct {
	Name      string
	Quantity  int
	UnitPrice string
	Total     string
}

// AdminAttempt is one payment attempt.
type AdminAttempt struct {
	RequestID string
	Status    string
	Code      string
	PaymentID string
	Method    string
	// Instrument: the wallet or card paid with, its name and its account,
	// each kept whole on a line; zero for none.
	Instrument WalletNamed
	Capture    string // MANUAL or AUTOMATIC for cards
	Created    time.Time
	// Returned: paid, then cancelled at the shop's request; the cancel
	// gave the money back.
	Returned bool
	// Released: authorized, then cancelled by a cancel sent while the
	// payment was open (the buyer left it): the hold was released and
	// nothing was taken.
	Released bool
	// Left: cancelled because the buyer chose to pay another way (as
	// opposed to a card page that expired, or a wallet's cancel).
	Left bool
	// Why a PROCESSING card attempt waits: the buyer has not finished
	// Antom's card page (CardPage), or left it and its cancel is not
	// confirmed yet (Cancelling).
	CardPage, Cancelling bool
	// CancelBy: who asked for its cancel, and why (checkout's
	// CancelAskedBy, one of the CancelBy* values): the row words it
	// (CancelAskedWords) — never "left by the buyer" of the app's own.
	CancelBy string
	// CancelHeld: the cancel the app had stored is held for a paymentId
	// conflict (not sent again; see the order's notice), and
	// CancelHeldResolved: staff marked that conflict resolved.
	CancelHeld, CancelHeldResolved bool
	// Surplus: it went through after another attempt had paid the order
	// (a late success) and is given back automatically; Capture says how
	// (MANUAL: its authorization is voided, else it is refunded).
	Surplus bool
	// Unconfirmed: a FAIL of ours, not Antom's word: Antom had no such
	// payment past its expiry (checkout's ResultUnconfirmed).
	Unconfirmed bool
	// WatchEnds, of an Unconfirmed attempt: when we stop asking Antom for
	// a late success; WatchOver: that day is over and none came — the page
	// then says so in the past, not that a late success still pays.
	WatchEnds time.Time
	WatchOver bool
}

// AdminRefund is one refund.
type AdminRefund struct {
	// CoveredBy: the refundRequestId of a refund still processing that
	// covers part of this open failure: it waits, neither tried again nor
	// settled another way, until Antom answers for that refund.
	CoveredBy string
	// CapWaitsFor: the refundRequestId of a retry still processing, whose
	// retry chain Antom made after all (CapWaitsMade: the refund of it
	// made), that takes what the payment's cap would leave this open
	// failure: it waits likewise until Antom answers for that retry.
	CapWaitsFor, CapWaitsMade string

	ID        int64
	RequestID string
	RefundID  string
	Amount    string
	Reason    string
	Status    string
	Code      string
	Words     string
	At        time.Time // refunded at
	By        string
	Created   time.Time
	// Automatic: the checkout's own refund of a payment the order did not
	// need; staff can neither try it again nor mark it handled.
	Automatic bool
	// Outside: a refund made outside this app (in Antom Dashboard, by
	// another system) that Antom listed and the books took in; made by
	// nobody here.
	Outside bool
	// OutsideTook: refused because refunds made outside this app had
	// already given the buyer what it asked (nothing of it owed; an
	// automatic one is no longer to be returned another way).
	OutsideTook bool
	// OutsideGave (Automatic, FAIL, not OutsideTook): what refunds made
	// outside this app gave the buyer of it, and AutoOwed the rest, to
	// return another way ("" when they gave none of it).
	OutsideGave, AutoOwed string
	// Open: a staff refund that failed and is still an open problem; staff
	// may mark it handled another way (HandledForm). Owed is what is
	// still owed of it: its amount, or less when a refund made after it
	// made part of it good or the payment has less left to refund ("" when
	// not open); OwedWhy says why it is less, in words ("" when not).
	Open    bool
	Owed    string
	OwedWhy string
	// OursOnly: a failure we closed ourselves (Antom had no such refund
	// when asked; it never said FAIL): Antom may yet make it — its Words
	// say whether we still ask Antom about it or since when we stopped —
	// so the page links its lookup (LookupURL).
	OursOnly bool
	// LookFirst (OursOnly, Open): no Refund lookup since we closed it has
	// said Antom has no such refund: a retry could pay the buyer twice, so
	// it is not offered yet (the page says why and links the lookup).
	// RetryAfterLookup (LookFirst): the lookup would bring back "Try this
	// refund again" too, not only "Mark handled another way" (the order
	// can be refunded now: CanRefund). AbsentLookedAt and AbsentLookedBy:
	// when and by whom a lookup did (zero and "" if none).
	LookFirst        bool
	RetryAfterLookup bool
	AbsentLookedAt   time.Time
	AbsentLookedBy   string
	// FoundProcessing (OursOnly): that Antom is processing it, by whom
	// and when it was found (checkout.FoundProcessingWords, a clause);
	// "" when it was not, or a Refund lookup since found none.
	FoundProcessing string
	HandledBy       string    // who marked it handled another way ("" if nobody)
	HandledAt       time.Time // when
	HandledNote     string    // how, in their words
	// HandledAmount: how much was settled another way (what was still
	// owed of it then).
	HandledAmount string
	// PaidTwice: the buyer got this refund twice — settled another way,
	// then made by Antom after all (TwiceWith ""); or it tries again a
	// failed refund Antom made after all (TwiceWith: that refund's
	// refundRequestId) and it is made too, or still processing (Status
	// PROCESSING: the buyer may get it twice), or it failed and was
	// settled another way (HandledBy set: the buyer got HandledAmount
	// more than was meant).
	PaidTwice bool
	TwiceWith string
	// Twice (PaidTwice): what the buyer got (or gets, if Antom makes it)
	// more than was meant through it — Amount, HandledAmount for a retry
	// settled another way, or less where the payment's cap took part of
	// it off another failure's debt.
	Twice string
	// FoundTwice: the buyer may get this refund twice — Antom was found
	// processing it after it was settled another way (TwiceWith ""), or
	// the failed refund this tries again (TwiceWith) while this one is
	// made, processing, or failed and settled another way. Not with
	// PaidTwice.
	FoundTwice bool
	// RetryOf: the refundRequestId of the failed refund this one tries
	// again ("" if none). RetriedBy: the refundRequestId of the refund
	// that tried this failed one again ("" if none). RetryKey: the
	// idempotency key of this open failure's "Try this refund again"
	// form ("" when not open).
	RetryOf, RetriedBy, RetryKey string
}

// ResolveForm is the "Mark resolved" form of an alarm on a payment
// (Alarm: "paymentid-conflict" or "auto-capture-failed"; RequestID:
// the payment's paymentRequestId), sent back with its note and error
// (Alarm "": none sent).
type ResolveForm struct {
	Alarm, RequestID string
	Note, Error      string
}

// Sent reports whether f is the form sent back of alarm on payment
// requestID.
func (f ResolveForm) Sent(alarm, requestID string) bool {
	return f.Alarm == alarm && f.RequestID == requestID
}

// HandledForm is the form that marks an open failed refund handled
// another way, sent back with its note and error (RefundID 0: none sent).
type HandledForm struct {
	RefundID int64
	Note     string
	Error    string
}

// AdminCapture is one capture.
type AdminCapture struct {
	RequestID string
	CaptureID string
	Amount    string
	Status    string
	Code      string
	By        string
	Outside   bool // made outside this app (in Antom), By no staff member
	Created   time.Time
}

// AdminEvent is one line of a timeline.
type AdminEvent struct {
	At        time.Time
	Kind      string
	Detail    string
	Actor     string
	RequestID string // X-Request-Id of the request that caused it; finds its log lines
}

// RefundForm is the refund form of a paid order. Key is the idempotency
// key the form carries.
type RefundForm struct {
	Show     bool
	Amount   string
	Reason   string
	Key      string
	Currency string
	Errors   map[string]string
}

// Error returns the message for a field, if any.
func (f RefundForm) Error(field string) string { return f.Errors[field] }

// CaptureForm holds the capture and void forms of an authorized card
// payment.
type CaptureForm struct {
	Show     bool
	Amount   string // pre-filled with the authorized amount
	Max      string
	Currency string
	Errors   map[string]string
	// Voiding: a void was sent and Antom has not answered yet; it is sent
	// again until Antom does.
	Voiding bool
	// Capturing: the amount of a capture sent and not confirmed yet ("" if
	// none).
	Capturing string
	// CancelInDoubt: a cancel of ours may still release the authorization:
	// capture and void wait for it (not offered).
	CancelInDoubt bool
	// Offer: the capture and void forms are offered (neither a capture
	// nor a void is under way).
	Offer bool
}

// Error returns the message for a field, if any.
func (f CaptureForm) Error(field string) string { return f.Errors[field] }

// AdminWallets finds a buyer and lists their wallets and kept cards.
type AdminWallets struct {
	AdminPage
	Email    string
	Searched bool
	Blank    bool // a search whose email was empty or only spaces: said so, nothing looked up
	Found    bool
	Buyer    string
	Wallets  []AdminWallet
	Cards    []AdminCard
}

// AdminWallet is one linked wallet, in any status.
type AdminWallet struct {
	ID        int64
	Name      string
	Login     string
	Status    string
	Linked    time.Time
	Ended     time.Time
	EndReason string
	CanUnlink bool
}

// AdminCard is one kept card.
type AdminCard struct {
	ID        int64
	Label     string
	Expiry    string
	Status    string
	EndReason string // who removed it: "removed by the buyer", "removed by <staff email>" ("" if not known)
	Kept      time.Time
	Removed   time.Time // when it was removed; zero while active, or if not recorded
	CanRemove bool
}

// RemovedUnrecorded reports whether the card was removed at a time that
// was not recorded (before removal times were kept).
func (c AdminCard) RemovedUnrecorded() bool { return c.Status == "REMOVED" && c.Removed.IsZero() }

// AdminLookup is the refund status lookup.
type AdminLookup struct {
	AdminPage
	ID     string
	Errors map[string]string
	// NotKept: the answer's address was opened and this session keeps no
	// answer for the id; Antom was not asked, the form is filled in.
	NotKept         bool
	Done            bool      // Antom answered
	AskedAt         time.Time // when (Done)
	Found           bool
	Status          string
	RefundID        string
	RefundRequestID string
	Amount          string
	At              time.Time
	OrderRef        string
	Updated         bool
	// Processing: what our record of a refund we closed ourselves says
	// now that Antom answered PROCESSING (checkout.FoundProcessingWords;
	// "" otherwise); Recorded: this lookup recorded it.
	Processing string
	Recorded   bool
	// Offered: Antom has none of our refund we had closed as failed
	// ourselves, still owed, so its order now offers Try again, Mark
	// handled another way and new refunds (checkout.RefundLookup.Offered);
	// OfferedNow: this lookup did it, else an earlier one had.
	Offered, OfferedNow bool
}

// Error returns the message for a field, if any.
func (f AdminLookup) Error(field string) string { return f.Errors[field] }

// AdminInbox is the notification inbox.
type AdminInbox struct {
	AdminPage
	Verdict  string
	Verdicts []Option
	Error    string   // the filter could not be read: what went wrong (the page lists the verdicts)
	Within   string   // the time filter ("24h"), "" for any time
	Windows  []Option // the time filters there are
	// WindowError says the time filter could not be read (the page lists
	// the time filters there are).
	WindowError string
	// Single is one notification's own page (/admin/notifications/:id):
	// Rows holds it alone, without filter or pages.
	Single bool
	Rows   []AdminNotification
	Page   int
	ListPages
	// Here is this page's own address (the list's page and filters, or
	// the notification's page): where a replay returns staff.
	Here string
	// Review is a Mark reviewed form sent back with its error (422).
	Review ReviewForm
}

// AdminNotification is one received notification.
type AdminNotification struct {
	ID            int64
	Received      time.Time
	Kind          string
	Verdict       string
	Detail        string
	Body          string // redacted
	Replayable    bool
	Replayed      bool   // it has a replay, running or finished
	Replaying     bool   // a replay of it is running
	ReplayedAs    int64  // its replay's own inbox row, once replayed (0 if none)
	ReplayVerdict string // its replay's verdict, once replayed
	OrderRef      string // the order it was about, if any
	ReplayOf      int64  // the notification it is the replay of; 0 if none
	SettledBy     int64  // a deferred or quarantined row dealt with since: the row whose application did; 0 if none
	// SettledVerdict is SettledBy's verdict: Verdict again when a
	// quarantined row's replay was quarantined again (still open, there).
	SettledVerdict string
	// ReplaySettledBy and ReplaySettledVerdict: when its replay
	// (ReplayedAs) was deferred or quarantined and has been dealt with
	// since, the row that did and that row's verdict; 0 and "" otherwise.
	ReplaySettledBy      int64
	ReplaySettledVerdict string
	// ReapplyFailures: of a deferred row, how often its re-application
	// failed; SetAside: so often that it is not tried by itself any more.
	ReapplyFailures int
	SetAside        bool
	// FailedSince: for Antom's automatic capture applied here, the
	// paymentRequestId of its payment when Antom has said since that the
	// payment failed (money captured on a failed payment); "" otherwise.
	FailedSince string
	// Reviewable: a quarantined row still waiting for staff, which they
	// may mark reviewed. Review: staff's "Mark reviewed" of it (zero At:
	// none); SettledReview: the same of the row that took its problem
	// over (SettledBy), quarantined there.
	Reviewable            bool
	Review, SettledReview AdminReview
}

// AdminReview is a quarantined notification marked reviewed: when, by
// whom and their note ("" for none). At is zero when it was not.
type AdminReview struct {
	At       time.Time
	By, Note string
}

// Done tells whether the row was marked reviewed.
func (r AdminReview) Done() bool { return !r.At.IsZero() }

// NoteQuoted is `: “note”`, or "" for no note.
func (r AdminReview) NoteQuoted() string {
	if r.Note == "" {
		return ""
	}
	return ": “" + r.Note + "”"
}

// ReviewForm is the "Mark reviewed" form of inbox row ID sent back with
// its note and error (ID 0: none sent).
type ReviewForm struct {
	ID          int64
	Note, Error string
}

// OpenElsewhere tells whether the row's problem is still open in the row
// that took it over: SettledBy with the same verdict (a quarantined row
// whose replay was quarantined again) or quarantined (a deferred row
// whose re-application was quarantined) — held for staff there, not
// dealt with.
func (n AdminNotification) OpenElsewhere() bool {
	return n.SettledBy != 0 && (n.SettledVerdict == n.Verdict || n.SettledVerdict == "quarantined")
}

// EndedStale tells whether the row, deferred or quarantined, waits no
// longer because the row that took it over was stale: nothing was
// applied (a deferred capture of a payment we do not know). Not good
// news, and not "dealt with" as an applied one is.
func (n AdminNotification) EndedStale() bool {
	return n.SettledBy != 0 && n.SettledVerdict == "stale"
}

// Again is " again" when the row that took the problem over has the
// row's own verdict (quarantined again), else "".
func (n AdminNotification) Again() string {
	if n.SettledVerdict == n.Verdict {
		return " again"
	}
	return ""
}

// ReplayOfDetail splits Detail around the "#id" of a replay's "replay of
// #id by …" (ok false if Detail does not name ReplayOf so), which the
// inbox shows as a link to that notification.
func (n AdminNotification) ReplayOfDetail() (before, after string, ok bool) {
	if n.ReplayOf == 0 {
		return "", "", false
	}
	before, after, ok = strings.Cut(n.Detail, fmt.Sprintf("#%d", n.ReplayOf))
	return before, after, ok && strings.HasPrefix(after, " ")
}

// statusClass colours a status badge: good, waiting or bad.
func statusClass(status string) string {
	switch strings.ToUpper(status) {
	case "PAID", "SUCCESS", "ACTIVE", "APPLIED", "LINKED":
		return "status status-ok"
	case "PROCESSING", "AUTHORIZED", "PARTIALLY_REFUNDED", "REVOKING", "DUPLICATE", "STALE", "OPEN", "UNHANDLED", "DEFERRED":
		return "status status-warn"
	case "FAIL", "FAILED", "CANCELLED", "VOIDED", "QUARANTINED", "FORGED", "REVOKED", "CANCELED", "INVALID", "REMOVED", "REFUNDED":
		return "status status-bad"
	}
	return "status"
}

// kindLabel names a timeline event kind for people.
func kindLabel(kind string) string {
	switch kind {
	case "state":
		return "State"
	case "antom_call":
		return "Antom call"
	case "notification":
		return "Notification"
	case "reconciler":
		return "Reconciler"
	case "staff":
		return "Staff"
	case "buyer":
		return "Buyer"
	}
	return kind
}

// when formats a time for staff, in the shop's zone, which ctx's
// Localizer holds (the handlers put it there for every page); "—" for
// none.
func when(ctx context.Context, t time.Time) string { return AdminTime(Zone(ctx), t) }

// Zone is the shop's time zone (SHOP_TIMEZONE), as ctx's Localizer holds
// it: UTC when ctx has none.
func Zone(ctx context.Context) *time.Location { return lang.From(ctx).Zone() }

// adminClock is a time of day for staff, in the shop's zone: "20:05 UTC",
// "03:05 UTC+7".
func adminClock(ctx context.Context, t time.Time) string { return lang.StaffClock(t, Zone(ctx)) }

// AdminTime formats a time the one way admin pages and messages write
// it, in the shop's zone (nil: UTC) labelled by its offset ("1 Dec 2026
// 11:15:31 UTC", "1 Dec 2026 18:15:31 UTC+7", its date and its time each
// whole: lang.StaffTime); "—" for the zero time.
func AdminTime(zone *time.Location, t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return lang.StaffTime(t, zone)
}

// orDash returns s, or "—" when it is empty.
func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// Who asked for a payment's cancel, and why (checkout's CancelBy*).
const (
	CancelByBuyer     = "buyer"
	CancelByStaff     = "staff"
	CancelBySurplus   = "surplus"
	CancelByOtherPaid = "other-paid"
	CancelByClosed    = "closed"
	CancelByNoPage    = "no-page"
	CancelByExpiry    = "expiry"
)

// CancelAskedWords words, for staff, who asked for a payment's cancel
// and why (a CancelBy* value): the buyer's "pay another way", staff's
// void, or the app's own cancel with its reason; "" for none (or one
// unknown). The order page's attempt row and its cancel-in-doubt notice
// both say it so.
func CancelAskedWords(by string) string {
	switch by {
	case CancelByBuyer:
		return "the buyer chose to pay another way"
	case CancelByStaff:
		return "voided by staff"
	case CancelBySurplus:
		return "ours: it went through after another payment had paid the order"
	case CancelByOtherPaid:
		return "ours: another payment paid the order"
	case CancelByClosed:
		return "ours: we had closed it, and Antom still held it open"
	case CancelByNoPage:
		return "ours: Antom gave no card page we could show"
	case CancelByExpiry:
		return "ours: still unknown when its time ran out (card page expired)"
	}
	return ""
}

// cancellingWords is the attempt row's line for a cancel Antom has not
// confirmed, saying who asked for it (CancelAskedWords).
func cancellingWords(by string) string {
	if w := CancelAskedWords(by); w != "" {
		return "cancel asked — " + w + "; not confirmed yet"
	}
	return "cancel not confirmed yet"
}

// staffStateWords names an order's state for staff: the words of its
// buyer's badge (orders.state_*), with the detail staff need.
func staffStateWords(state string) string {
	switch state {
	case StateCardPage:
		return "not finished (card page)"
	case StateCancelling:
		// The buyer's "pay another way", or the app's own cancel (at its
		// expiry, another payment paid the order): the attempt row says whose.
		return "cancelling (unfinished card payment)"
	case StateCancelled:
		// The order, not its attempt: open again, to be paid (the
		// buyer's "Not paid yet"); the attempt's row says how it ended.
		return "open — awaiting payment (last payment cancelled)"
	case StatePartiallyRefunded:
		return "partially refunded"
	case StatePartlySettled:
		return "partly settled another way"
	case StateSettled:
		return "settled another way"
	case StateExpired:
		return "authorization expired"
	case StateUnconfirmed:
		// Not "failed": Antom never said so (the buyer's "Not confirmed").
		return "not confirmed (closed by us)"
	case "":
		return StateUnpaid
	}
	return state
}

// Pending values of an order's authorization (checkout's Pending*).
const (
	PendingReleasing      = "releasing"
	PendingCapturing      = "capturing"
	PendingCancelChecking = "cancel-checking" // a cancel of ours may still take effect on the payment (authorized or paid)
)

// staffBadgeWords is staffStateWords with what is under way on an
// authorization that Antom has not confirmed yet ("authorized —
// releasing"): never plain "authorized" while the money may be moving.
// A voided order whose authorization Antom reported cancelled (atAntom)
// says so: staff did not void it. A refunded one whose refunds gave back
// only part, the rest settled another way (restSettled), says that: its
// buyer's badge says partially refunded.
func staffBadgeWords(state, pending string, atAntom, restSettled bool) string {
	switch {
	case state == StateVoided && atAntom:
		return "cancelled at Antom"
	case state == StateRefunded && restSettled:
		return "partially refunded — rest settled another way"
	case pending == PendingCancelChecking && (state == StateAuthorized || state == StatePaid):
		return staffStateWords(state) + " — cancel being checked (not confirmed)"
	case state != StateAuthorized:
	case pending == PendingReleasing:
		return "authorized — releasing (void not confirmed)"
	case pending == PendingCapturing:
		return "authorized — capturing (not confirmed)"
	}
	return staffStateWords(state)
}

// statusWords turns a status into words ("PARTIALLY_REFUNDED" →
// "partially refunded").
func statusWords(s string) string {
	words := strings.ToLower(strings.ReplaceAll(s, "_", " "))
	if words == "canceled" { // Antom's spelling (a wallet's CANCELED): ours is "cancelled"
		return "cancelled"
	}
	return words
}

// warnClass is a dashboard count that asks for action soon but is no
// problem yet (an authorization expiring): amber when above zero.
func warnClass(n int) string {
	if n > 0 {
		return "count count-warn"
	}
	return "count"
}

// inquirySays words the paymentStatus of the inquiryPayment answer that
// ended the looks for an authorization's expiry (AuthExpiryLookEnd) as
// staff read it: "Antom's inquiry says the payment FAILED", "… was
// CANCELLED", never Antom's bare status.
func inquirySays(status string) string {
	switch status {
	case "FAIL":
		return "Antom's inquiry says the payment FAILED"
	case "CANCELLED":
		return "Antom's inquiry says the payment was CANCELLED"
	}
	return "Antom's inquiry says the payment is " + status
}

// SaysProblem reports whether the order page's own alarm says what its
// Problem notice says, more fully (ProblemAlarm): a capture that failed
// (capture-failed), a refund that failed (refund-failed) or a void Antom
// refused (void-refused) is then said once, by the alarm.
func (m AdminOrderPage) SaysProblem() bool {
	switch m.ProblemAlarm {
	case "capture-failed":
		return m.CaptureFailed != nil
	case "refund-failed":
		return m.RefundFailed != ""
	case "void-refused":
		return m.VoidRefused != nil
	}
	return false
}

// alarmRole is an order alarm's ARIA role: "alert" when it is the news of
// the action just sent (announced at once, as that action's notice would
// be), "status" otherwise.
func alarmRole(news bool) string {
	if news {
		return "alert"
	}
	return "status"
}

// AdminMadeLateTwice is one payment's money paid twice through refunds
// we had closed as failed that Antom made after all, or is found
// processing (checkout's RefundsMadeLateTwice), amounts as "$6.00":
// Got, what the buyer surely got twice (GotAny: more than nothing); May,
// what in all if Antom makes the refunds still processing (More: more
// than Got); Owed, what the books still count owed that those refunds
// paid (OwedAny); IfFound, what more if Antom makes those it was found
// processing (IfFoundAny). Late and Found: their refundRequestIds.
type AdminMadeLateTwice struct {
	Got, May, Owed, IfFound           string
	GotAny, More, OwedAny, IfFoundAny bool
	Late, Found                       []string
}

// foundTwiceAmount is what the buyer gets more than was meant if Antom
// makes the refund it was found processing that r tries again
// (AdminRefund.FoundTwice): what was settled another way of r, if r
// failed and was; else r's amount (r made, or made too).
func foundTwiceAmount(r AdminRefund) string {
	if r.HandledBy != "" {
		return r.HandledAmount
	}
	return r.Amount
}

// flashTone is the data-tone of p's neutral notice: "pending" for news
// not confirmed yet (the live redraw drops it once the order changes,
// unless it names a refund), "note" for one that stays true (FlashAside).
func flashTone(p AdminPage) string {
	if p.FlashAside {
		return "note"
	}
	return "pending"
}

// refundNoticeState is where refund r stands for a notice that tells it
// (AdminPage.FlashRefund): "made", "failed", or "processing".
func refundNoticeState(r AdminRefund) string {
	switch r.Status {
	case "SUCCESS":
		return "made"
	case "FAIL":
		return "failed"
	}
	return "processing"
}

// AdminPaymentIDConflict is a payment Antom has not settled whose
// answers name other paymentIds (Others) than the one on record
// (OnRecord); Status is the payment's here, ClosedByUs when we closed it.
type AdminPaymentIDConflict struct {
	RequestID, OnRecord, Status string
	Others                      []string
	ClosedByUs                  bool
}

// AdminAutoCaptureFailed is an automatic capture Antom applied of a card
// payment it said failed since: Amount as "$6.00", At when its
// CAPTURE_RESULT was applied.
type AdminAutoCaptureFailed struct {
	RequestID, PaymentID, CaptureID, Amount string
	At                                      time.Time
}

// OthersWords is the other paymentIds, joined: "PAY-B, PAY-C".
func (c AdminPaymentIDConflict) OthersWords() string { return strings.Join(c.Others, ", ") }
