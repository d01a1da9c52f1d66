package checkout

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"antom-checkout/antom"
	"antom-checkout/db"
)

// Result states: an order's payment as its buyer sees it.
const (
	ResultUnpaid     = "unpaid"
	ResultProcessing = "processing" // the outcome is being confirmed
	// ResultCardPage: Antom's hosted card page was opened and has no
	// result yet; the buyer may continue there or pay another way. A
	// buyer who came back through our return address is ResultProcessing
	// instead until Antom says the payment is still open (they may have
	// paid: offering another way would invite paying twice).
	ResultCardPage = "card-page"
	// ResultCancelling: the buyer chose to pay another way; Antom has not
	// confirmed yet that the open card payment cannot complete.
	ResultCancelling = "cancelling"
	ResultFailed     = "failed" // Antom said the payment failed
	// ResultUnconfirmed: we closed the payment ourselves because Antom had
	// no such payment past its expiry (FAIL ORDER_NOT_EXIST, FinalSource
	// ours); Antom never said it failed. For the money rules it is failed
	// (the order is open, to be paid again), but no page calls it failed:
	// it is asked about for lateWatch still, and Antom's late SUCCESS
	// counts (a late success: it pays the order, or is given back if
	// another payment paid it — GivenBack). Antom's FAIL then makes it
	// ResultFailed.
	ResultUnconfirmed = "unconfirmed"
	ResultCancelled   = "cancelled"
	ResultAuthorized  = "authorized" // a MANUAL card authorization waiting for capture
	ResultVoided      = "voided"
	// ResultExpired: a MANUAL card authorization neither captured nor
	// voided before its authExpiryTime (the order EXPIRED): nothing was
	// charged, and the card's hold lapses.
	ResultExpired           = "expired"
	ResultPaid              = "paid"
	ResultPartiallyRefunded = "partially-refunded"
	ResultRefunded          = "refunded"
	// ResultPartlySettled: paid, nothing refunded, and part of it settled
	// with the buyer another way (failed refunds staff marked handled).
	ResultPartlySettled = "partly-settled"
	// ResultSettled: paid, nothing refunded, and all of it settled with
	// the buyer another way.
	ResultSettled = "settled"
)

// PaymentView is an order's payment attempt as its buyer sees it: the
// paying attempt of a paid order, else the latest one.
type PaymentView struct {
	Status           string // "", PROCESSING, SUCCESS, FAIL, CANCELLED
	ResultCode       string
	PaymentID        string
	PaymentRequestID string
	PaidAt           time.Time
	Method           string // WALLET or CARD
	WalletName       string // "GCash 0917****123": the brand's name and the masked account
	WalletAccount    string // the masked account alone ("0917****123"), wallet payments
	WalletStatus     string
	CardLabel        string // "Visa •••• 4242", card payments
	CardLast4        string // "4242", card payments whose card is known
	Wallet           string // the wallet's code (GCASH), wallet payments
	CardBrand        string // "Visa", card payments whose brand is known
	CaptureMode      string // MANUAL: SUCCESS means authorized, not captured
	// CardPage: a card payment that sent the buyer to Antom's card page
	// (a new card, or a kept card asked for 3-D Secure there); false for a
	// kept card paid in one click with no page shown, and for a pay call
	// whose answer (and page) never came.
	CardPage bool
	// Checks counts the inquiries about the attempt that ended while it
	// was open (Antom answered without an outcome, or did not answer in
	// time): it grows past CheckNow's checks once the buyer's check is
	// over.
	Checks int
}

// RefundMade is one refund that succeeded: its amount and when Antom
// made it (zero when Antom did not say).
type RefundMade struct {
	Amount Money
	At     time.Time
}

// Result is everything an order's result page says, as facts: the page
// words them. Amounts are zero when they do not apply.
type Result struct {
	Order   Order
	Payment PaymentView
	State   string // Result*
	Decline string // failed or unconfirmed: why, in the buyer's words (DeclineWords)
	Relink  bool   // failed: the wallet must be linked again
	// RelinkWallet (Relink, CheckoutResult only): the wallet refused,
	// its ID, for the checkout page to name it.
	RelinkWallet int64
	// Unpayable: why no other payment of the order may start (Unpayable;
	// "" while one may): the checkout page says it in place of the ways
	// to pay, and the result page offers no other way but says it
	// instead. OrderResult reads it only in the states whose page would
	// offer one (offersAnotherWay) and for an order not paid yet; "" in
	// the others.
	Unpayable Unpayable
	// EarlierMayPay (Unpayable set): a payment of the order we closed
	// ourselves is still watched for a late outcome, and Antom's SUCCESS
	// for it would pay the order (earlierMayPay): the pages say that no
	// new payment can start and that the earlier one may still pay it, not
	// that the order can no longer be paid. The page listens meanwhile
	// (Live): the watch's end, or Antom's word, changes it.
	EarlierMayPay bool
	// Watched: a payment of the order we closed ourselves is still
	// watched for a late outcome (db's closedWatchedO), payable order or
	// not. Its page says we keep checking and listens while it is (Live):
	// Antom's late SUCCESS pays the order, and the watch's end changes
	// the words.
	Watched bool

	Charged      Money     // taken from the buyer: for a MANUAL card payment, what was captured
	ChargedAt    time.Time // zero while nothing is taken (an authorization only holds)
	Authorized   Money     // a MANUAL card authorization's amount
	AuthorizedAt time.Time
	// AuthExpiresAt (ResultExpired): when the authorization expired.
	AuthExpiresAt time.Time
	// HoldEnded (ResultAuthorized): the authorization's known expiry has
	// passed while the order is not closed — the reconciler is asking
	// Antom whether it was captured outside this app, or staff decide
	// once the asks stopped: the hold is no longer "until it ships".
	HoldEnded bool
	// CancelledAtAntom (ResultVoided): the authorization was cancelled at
	// Antom — a capture was refused with AUTH_CANCELLED or
	// ORDER_IS_CANCELED (captureEnds) — not voided by the shop here: the
	// page says the hold is released and nothing was charged, not that
	// the shop cancelled the order.
	CancelledAtAntom bool
	// Releasing (ResultAuthorized): staff voided the authorization and
	// Antom has not confirmed it yet. The void is sent again until Antom
	// answers, and Antom may still refuse it (the hold then stays, for
	// staff to capture or void): nothing is promised either way.
	Releasing bool
	// Capturing (ResultAuthorized): what a capture staff sent and Antom
	// has not confirmed yet would take (zero if none); it may still fail,
	// leaving the authorization as it was.
	Capturing Money
	Refunded  Money // refunds that succeeded
	// Refunds are those refunds one by one, in the order staff made
	// them: a receipt lists each with its own amount and time.
	Refunds   []RefundMade
	Refunding Money // refunds Antom accepted, on their way
	// RefundsOnWay is how many refunds make up Refunding (0 when it is
	// zero): the buyer sees each arrive on its own, so the page says "a
	// refund of" only for one, and how many, "… in all", for several.
	RefundsOnWay int
	// RefundConfirming: refunds Antom has not confirmed yet (no answer,
	// no refundId: RefundInfo.Unconfirmed); not told as on their way.
	RefundConfirming Money
	// RefundsConfirming is how many refunds make up RefundConfirming (0
	// when it is zero), as RefundsOnWay.
	RefundsConfirming int
	// RefundFailed is what staff refunds that failed (less what refunds
	// made after they failed made good) would have given back: money the buyer
	// was told of and will not get from them; the shop sees it among its
	// open problems.
	RefundFailed Money
	// RefundFailures is how many failed refunds owe RefundFailed (0 when
	// it is zero): "a refund" or "refunds" could not be made.
	RefundFailures int
	// RefundHandled is what staff refunds that failed and that staff then
	// settled with the buyer another way (and not followed by another
	// refund) would have given back: the buyer is told the shop says it
	// settled this with them, not that the payment refunded it.
	RefundHandled Money
	// RefundsHandled is how many failed refunds make up RefundHandled (0
	// when it is zero): "a refund of" or "refunds of … in all".
	RefundsHandled int
	// RestSettled (ResultRefunded): the refunds made through the payment
	// gave back only part of Charged, and the shop settled the rest with
	// the buyer another way (RefundHandled): not "refunded in full".
	RestSettled bool

	// CardPageURL is Antom's hosted page (normalUrl) of the open card
	// attempt while it is still valid: "continue on the card page".
	CardPageURL string
	// CardOpening (ResultProcessing): the buyer chose to pay with a new
	// card and our pay call for its page is still out (db.CardPageAsking,
	// for at most the attempt's first lease: an app stopped mid-call
	// leaves the attempt to the reconciler, and the page then says the
	// payment is being confirmed, as for any pay that got no answer). No
	// page has been shown and nothing taken: the page says Antom's card
	// page is being prepared, and sends the browser on once its address
	// is in (SendOnFrom).
	CardOpening bool
	// CardNotOpened (ResultProcessing): a new card's pay got no answer
	// (no page address, its call over), so no card page was shown and the
	// buyer cannot have paid on it: nothing was taken. The reconciler asks
	// Antom and closes the payment (checkOpen); the order can then be paid
	// again.
	CardNotOpened bool
	// PageAwaited: our pay call for a card attempt, a new card's
	// (CardOpening) or a kept card's (whose answer may be a 3-D Secure
	// page), is still out, for at most the attempt's first lease. A page
	// that shows this result sends the browser to Antom's page if that is
	// what the answer brings (SendOnFrom): its buyer has not seen it.
	PageAwaited bool
	// PageRefused: Antom's answer to the card pay pointed outside the
	// gateway's host; the buyer was not sent there, and the payment is
	// cancelled (db.CardPageRefused).
	PageRefused bool
	// BuyerCancelled marks a cancelled attempt of Antom's card page: the
	// buyer left it (to pay another way, or until it expired: CancelBy
	// tells which).
	BuyerCancelled bool
	// Returned is, for a payment cancelled after it was paid, the money
	// the cancel gave back to the buyer (zero otherwise).
	Returned Money
	// DecidedBy (ResultProcessing): when, at the latest in the usual
	// course, the outcome is known even if Antom never answers: the
	// payment's closing time (closableAt, ~14 minutes after a card or
	// kept-card pay, 1 minute after a wallet's) plus the pause before the
	// check that closes it, rounded up to the minute. Zero once past (a
	// cancel Antom has not answered yet keeps it open) and in other
	// states.
	DecidedBy time.Time
	// CancelHeld (ResultProcessing): a cancel the app stored of its own
	// (at the payment's expiry, or because another payment paid the
	// order) is held since Antom's answers about the payment named another
	// paymentId (db.Attempt.CancelHeld): it is not sent again, the shop's
	// staff decide, and only Antom's word ends it — so no DecidedBy.
	CancelHeld bool
	// CancelInDoubt: a cancel of ours Antom has not answered may still
	// change the outcome shown (cancelMayChange), so the page waits for
	// news. Paid or authorized: the buyer chose to pay another way as it
	// succeeded; if the cancel took effect the money goes back
	// (ResultCancelled, Returned) or the authorization is voided, if not
	// (db.EndCancelDoubt) the payment stands. Failed or cancelled by us:
	// Antom still held the payment open, and it may yet complete. A void
	// staff asked for is Releasing instead.
	CancelInDoubt bool
	// CancelBy says who asked for the payment's cancel, and why
	// (CancelAskedBy, one of the CancelBy* values; "" for none): the
	// buyer's "pay another way", or ours — at the payment's expiry, for a
	// card page Antom did not give, … The buyer's page words the cancel
	// in doubt, the cancelling and the cancelled card payment by it,
	// never one reason for every cancel not the buyer's.
	CancelBy string
	// LeftButPaid (paid or authorized): the buyer chose to pay another way
	// (db.Attempt.AbandonedAt), but the card payment went through all the
	// same — before the choice, or after it while our cancel was unanswered
	// (the page's words claim neither): it stands, and nothing is left to
	// pay.
	LeftButPaid bool
	// GivenBack lists the payments this order did not need — another
	// payment of the buyer's went through after all once the order was
	// paid (a late success) — and where giving each back stands: the
	// buyer's money taken twice is told, never only the payment that
	// counts.
	GivenBack []GivenBack
}

// Waiting reports whether the result may change by itself (the page
// waits for news): the payment is not final, or a refund is on its way.
func (r Result) Waiting() bool {
	switch r.State {
	case ResultProcessing, ResultCardPage, ResultCancelling:
		return true
	}
	return r.Refunding.Minor > 0 || r.RefundConfirming.Minor > 0 || r.Releasing || r.Capturing.Minor > 0 || r.CancelInDoubt ||
		r.givingBack()
}

// givingBack reports a payment given back (GivenBack) whose refund or
// void is not final yet.
func (r Result) givingBack() bool {
	for _, g := range r.GivenBack {
		if g.Open() {
			return true
		}
	}
	return false
}

// Live reports whether the page listens for news: the result may change
// by itself (Waiting), or by someone else's action while the buyer looks
// at it — staff capture or void an authorization, or it expires
// (ResultAuthorized); staff refund what was charged, or settle a failed
// refund another way (paid, partially refunded, partly settled, or any
// state with a failed refund still owed). Only a result nothing can
// change any more (unpaid, failed, cancelled, voided, expired, refunded
// or settled in full) does not: a page per open order holds one
// long-poll, not more. An order no new payment may start whose earlier
// payment we closed is still watched (EarlierMayPay), or any order with
// such a payment (Watched: its page says we keep checking), listens too:
// that payment may still pay it, and the watch's end changes its words.
// Waiting is what the page says it waits for; Live alone shows nothing.
func (r Result) Live() bool {
	switch r.State {
	case ResultAuthorized, ResultPaid, ResultPartiallyRefunded, ResultPartlySettled:
		return true
	}
	return r.Waiting() || r.EarlierMayPay || r.Watched || r.RefundFailed.Minor > 0 || slices.ContainsFunc(r.GivenBack, func(g GivenBack) bool { return g.State == GivenBackFailed || g.State == GivenBackPartOutside })
}

// Key changes whenever anything the result page shows changes; a page
// that shows Key is up to date. A result that waits for Antom's card page
// (PageAwaited) ends its key with keyCardOpening.
func (r Result) Key() string {
	key := fmt.Sprintf("%s/%d/%d/%d/%d/%d/%d/%t/%d/%d/%d/%d/%t/%d/%t/%t", r.State, r.Charged.Minor, r.Refunded.Minor, r.Refunding.Minor, r.RefundsOnWay,
		r.RefundConfirming.Minor, r.RefundsConfirming, r.CardPageURL != "", r.RefundFailed.Minor, r.RefundFailures, r.RefundHandled.Minor, r.RefundsHandled, r.Releasing, r.Capturing.Minor, r.CancelInDoubt, r.PageRefused)
	key += givenBackKey(r.GivenBack)
	if r.CancelHeld {
		key += "/cancel-held" // its detail changes with it, not its state (a wallet's stays processing)
	}
	if r.Unpayable != "" {
		key += "/" + string(r.Unpayable) // Pay another way goes, the checkout page's words come
	}
	if r.EarlierMayPay {
		key += "/earlier-may-pay" // its words change when the watch ends
	}
	if r.Watched {
		key += "/watched" // "we keep checking" goes when the watch ends
	}
	if r.HoldEnded {
		key += "/hold-ended" // its detail changes with it, not its state
	}
	if r.PageAwaited {
		key += keyCardOpening
	}
	return key
}

// keyCardOpening ends the Key of a result that waits for Antom's card page.
const keyCardOpening = "/card-opening"

// SendOnFrom is where a page that showed the result whose Key is seen
// (waiting for Antom's card page: PageAwaited) sends the browser now that
// the result is r: Antom's card page once its address is in and on the
// gateway's host (CardPageURL), else "" — still waiting, or something
// else came of the pay (the page shows it). A page that did not wait for
// the card page is sent nowhere: its buyer may have seen and left it.
func (r Result) SendOnFrom(seen string) string {
	seen, _, _ = strings.Cut(seen, "|") // a notice beside it (handlers' resultKey)
	if !strings.HasSuffix(seen, keyCardOpening) || r.State != ResultCardPage {
		return ""
	}
	return r.CardPageURL
}

// OrderResult returns what an order's result page says; ErrNotFound for
// anyone but the order's owner. Its pieces are read in one snapshot
// (db.Snapshot): whatever commits meanwhile — a capture's outcome, a
// refund, a card pay's answer — is all in them or not at all, so the page
// never says "authorized" without the capture under way that a commit
// half-way through took away. A guest order a signed-in viewer sees by
// its key is then theirs (claimSeen, a write: after the snapshot).
func (s *Service) OrderResult(ctx context.Context, v Viewer, ref string) (Result, error) {
	var r Result
	var row db.Order
	err := s.db.Snapshot(ctx, func(q *db.Queries) error {
		var err error
		row, r, err = s.orderResult(ctx, q, v, ref)
		return err
	})
	if err != nil {
		return Result{}, err
	}
	if row, err = s.claimSeen(ctx, v, row); err != nil {
		return Result{}, err
	}
	r.Order.BuyerID = row.BuyerID
	return r, nil
}

// orderResult is OrderResult read through q, a snapshot, and the order's
// row as read.
func (s *Service) orderResult(ctx context.Context, q *db.Queries, v Viewer, ref string) (db.Order, Result, error) {
	row, a, watched, err := q.OrderAndLatestAttemptByRef(ctx, ref) // the order and its buyersAttempt in one query
	if err := viewerMay(v, row, err); err != nil {
		return row, Result{}, err
	}
	p, err := s.product(ctx, q, row.ProductID)
	if err != nil {
		return row, Result{}, err
	}
	o := orderView(row, p)
	// The attempt and its card page's mark (cardPay takes it away once the
	// pay's answer is stored) are read in the same snapshot: no mark means
	// the answer is in the attempt read.
	page, err := s.cardPage(ctx, q, a)
	if err != nil {
		return row, Result{}, err
	}
	if a.ID == 0 {
		return row, Result{Order: o, State: ResultUnpaid, Unpayable: s.unpayable(o.Product.Slug, 0)}, nil
	}
	r := Result{Order: o, State: resultState(row, a), CancelBy: buyersCancelBy(a), Watched: watched}
	// A card's pay still out (or its answer being applied: a page that
	// did not come, before the mark goes) may bring a page to send the
	// buyer to, for no longer than the attempt's first lease; a new
	// card's always does, and its result waits for it. Once the attempt
	// is final, only the app's own cancel of a payment that came without
	// a page (closeWithoutPage: a new attempt follows at once) keeps it
	// waiting; any other final word is the result — a refusal, or a
	// payment Antom closed while the mark stayed (its pay call's instance
	// died mid-call).
	pending := a.Status == db.AttemptProcessing || (a.Status != db.AttemptSuccess && buyersCancelBy(a) == CancelByNoPage)
	r.PageAwaited = page == db.CardPageAsking && pending && s.now().Before(a.CreatedAt.Add(leaseTime))
	r.CardOpening = r.PageAwaited && a.CardID == 0
	if r.CardOpening {
		r.State = ResultProcessing
	}
	switch r.State {
	case ResultFailed, ResultUnconfirmed:
		r.Decline = EndingWords(r.State, a.ResultCode, a.Method, a.CreatedAt, s.now())
		r.Relink = r.State == ResultFailed && a.ResultCode == antom.CodeInvalidAccessToken && a.WalletID != 0
	case ResultCancelled:
		r.BuyerCancelled = a.Method == db.MethodCard && a.RedirectURL != ""
		var err error
		if r.Returned, err = s.returned(ctx, q, a); err != nil {
			return row, Result{}, err
		}
	case ResultProcessing:
		r.CancelHeld = a.Status == db.AttemptProcessing && a.CancelHeld()
		if by := decidedBy(a); s.now().Before(by) && !r.CancelHeld {
			r.DecidedBy = by
		}
	}
	rr := &resultReads{q: q}
	if r.State == ResultPaid && q.Pipelines() { // its reads at once, the snapshot's last (one round trip)
		if err := rr.readPaid(ctx, row, a); err != nil {
			return row, Result{}, err
		}
	}
	r.Payment = s.paymentView(ctx, rr, a)
	r.PageRefused = page == db.CardPageRefused
	r.CardNotOpened = r.State == ResultProcessing && !r.CardOpening && !r.PageRefused && a.Status == db.AttemptProcessing &&
		a.CardPageNeverShown()
	if r.CardOpening {
		r.DecidedBy = time.Time{}
	}
	if offersAnotherWay(r) { // never a paid page's: its reads ended the snapshot
		if r.Unpayable, err = s.unpayableOrder(ctx, q, row.ID, o.Product.Slug); err != nil {
			return row, Result{}, err
		}
		r.EarlierMayPay = earlierMayPay(r.Unpayable, watched)
	}
	switch r.State {
	case ResultCardPage:
		if s.now().Before(a.ExpiresAt) && s.onGateway(a.RedirectURL) {
			r.CardPageURL = a.RedirectURL
		}
	case ResultAuthorized, ResultVoided, ResultExpired, ResultPaid:
		if err := s.resultMoney(ctx, rr, row, a, &r); err != nil {
			return row, Result{}, err
		}
	}
	r.CancelInDoubt = cancelMayChange(a) && !r.Releasing
	r.LeftButPaid = (r.State == ResultPaid || r.State == ResultAuthorized) && a.Status == db.AttemptSuccess &&
		!a.AbandonedAt.IsZero() && !r.CancelInDoubt
	if r.GivenBack, err = s.givenBack(ctx, rr, row, a); err != nil {
		return row, Result{}, err
	}
	return row, r, nil
}

// offersAnotherWay reports a result whose page offers (or promises) a
// way to pay other than the payment it shows — pay another way, pay
// again, link the wallet again — unless the order is Unpayable: the
// payment failed, was not confirmed or was cancelled, its card
// page is open, its cancel is under way (after which the buyer is at
// checkout), or a card page that did not come (or was refused) is being
// closed so that the buyer may pay again.
func offersAnotherWay(r Result) bool {
	switch r.State {
	case ResultFailed, ResultUnconfirmed, ResultCancelled, ResultCardPage, ResultCancelling:
		return true
	case ResultProcessing:
		return r.CardNotOpened || r.PageRefused
	}
	return false
}

// cardPage is attempt a's card page (db.CardPage): "" for an attempt
// that cannot have one (none, not a card's, or its page's address is
// in), without reading it.
func (s *Service) cardPage(ctx context.Context, q *db.Queries, a db.Attempt) (string, error) {
	if a.ID == 0 || a.Method != db.MethodCard || a.RedirectURL != "" {
		return "", nil
	}
	return q.CardPage(ctx, a.ID)
}

// cancelMayChange reports an attempt no longer open whose outcome a
// cancel of ours, sent and not answered yet, may still change: a SUCCESS
// it may reverse (IN_DOUBT: Antom's SUCCESS overtook it, and
// inquiryPayment is asked until it is known or a day has passed; or
// PROCESSING: sent after it succeeded), or one we closed ourselves (FAIL
// or CANCELLED, ours) that Antom still held open (paymentInquiryRules'
// cancel), which the buyer may complete until the cancel lands. A
// payment Antom ended is final whatever a cancel says.
func cancelMayChange(a db.Attempt) bool {
	if a.CancelStatus != db.CancelInDoubt && a.CancelStatus != db.CancelProcessing {
		return false
	}
	return a.Status == db.AttemptSuccess || a.Status != db.AttemptProcessing && a.FinalSource == db.SourceOurs
}

// decidedBy is Result.DecidedBy of an open attempt: its closing time and
// one check pause, rounded up to the minute.
func decidedBy(a db.Attempt) time.Time {
	t := closableAt(a).Add(maxCheckPause)
	if r := t.Truncate(time.Minute); r.Before(t) {
		t = r.Add(time.Minute)
	}
	return t
}

// buyersAttempt is the attempt the buyer's page is about: the one that
// paid (or authorized) the order, else the latest (db.LatestAttempt,
// which OrderAndLatestAttemptByRef reads with the order).
func (s *Service) buyersAttempt(ctx context.Context, q *db.Queries, o db.Order) (db.Attempt, error) {
	return q.LatestAttempt(ctx, o.ID)
}

// resultState is the buyer's state of an order and its attempt.
func resultState(o db.Order, a db.Attempt) string {
	switch {
	case o.Status == db.OrderVoided:
		return ResultVoided
	case o.Status == db.OrderExpired:
		return ResultExpired
	case o.Status == db.OrderAuthorized:
		return ResultAuthorized
	case o.Status == db.OrderPaid || a.Status == db.AttemptSuccess:
		return ResultPaid
	case a.Status == db.AttemptProcessing && a.CancelHeld():
		return ResultProcessing // no longer being cancelled: staff decide (Result.CancelHeld)
	case a.Status == db.AttemptProcessing && a.Method == db.MethodCard && a.RedirectURL != "" && a.CancelStatus != "":
		return ResultCancelling
	case a.Status == db.AttemptProcessing && a.Method == db.MethodCard && a.RedirectURL != "" && a.ReturnedAt.IsZero():
		return ResultCardPage
	case a.Status == db.AttemptProcessing || o.Status == db.OrderProcessing:
		return ResultProcessing
	case a.Status == db.AttemptFail && a.FinalSource == db.SourceOurs:
		return ResultUnconfirmed
	case a.Status == db.AttemptFail:
		return ResultFailed
	case a.Status == db.AttemptCancelled:
		return ResultCancelled
	}
	return ResultUnpaid
}

// resultMoney fills what was authorized, charged and refunded, and moves
// a paid order's state to (partially) refunded or (partly) settled
// another way (paidState), read through rr.
func (s *Service) resultMoney(ctx context.Context, rr *resultReads, o db.Order, a db.Attempt, r *Result) error {
	manual := a.Method == db.MethodCard && a.CaptureMode == antom.CaptureManual
	if manual {
		r.Authorized, r.AuthorizedAt = Money{a.Currency, a.Amount}, a.PaidAt
	}
	if r.State == ResultExpired {
		r.AuthExpiresAt = expiredAt(a, s.now()) // none when Antom said it expired before the time we hold
	}
	if r.State == ResultAuthorized && manual {
		r.HoldEnded = authorizationExpired(a, s.now())
	}
	if r.State == ResultVoided && manual {
		cs, err := rr.OrderCaptures(ctx, o.ID)
		if err != nil {
			return err
		}
		_, to, ended := refusedEnding(cs, a.ID)
		r.CancelledAtAntom = ended && to == db.OrderVoided
	}
	if r.State == ResultAuthorized {
		return s.pendingStaffAction(ctx, rr, o, a, r)
	}
	if r.State != ResultPaid {
		return nil
	}
	charged, err := paidAmount(ctx, rr, a)
	if err != nil {
		return err
	}
	r.Charged, r.ChargedAt = Money{a.Currency, charged}, a.PaidAt
	if manual || r.ChargedAt.IsZero() {
		r.ChargedAt = o.PaidAt // a capture makes the order PAID
	}
	refunds, err := rr.orderRefunds(ctx, o.ID)
	if err != nil {
		return err
	}
	r.Refunded, r.Refunding, r.RefundConfirming = Money{a.Currency, 0}, Money{a.Currency, 0}, Money{a.Currency, 0}
	for _, f := range refunds {
		switch {
		case f.AttemptID != a.ID:
		case f.Status == db.RefundSuccess:
			r.Refunded.Minor += f.Amount
			r.Refunds = append(r.Refunds, RefundMade{Money{a.Currency, f.Amount}, f.RefundedAt})
		case f.Unconfirmed(): // My orders' line splits them by the same rule (db's OwnedOrderState)
			r.RefundConfirming.Minor += f.Amount
			r.RefundsConfirming++
		case f.Status == db.RefundProcessing:
			r.Refunding.Minor += f.Amount
			r.RefundsOnWay++
		}
	}
	failed, failures, err := rr.failedRefunds(ctx, a.ID)
	if err != nil {
		return err
	}
	r.RefundFailed, r.RefundFailures = failedOwed(r.State, a.Currency, failed, failures)
	handled, handledCount, err := rr.handledRefunds(ctx, a.ID)
	if err != nil {
		return err
	}
	r.RefundsHandled = handledCount
	r.RefundHandled = Money{a.Currency, handled}
	r.State = paidState(r.State, charged, r.Refunded.Minor, handled)
	r.RestSettled = restSettled(r.State, charged, r.Refunded.Minor)
	return nil
}

// paymentView is an attempt as the buyer recognizes it, its wallet read
// through rr.
func (s *Service) paymentView(ctx context.Context, rr *resultReads, a db.Attempt) PaymentView {
	pv := PaymentView{Status: a.Status, ResultCode: a.ResultCode, PaymentID: a.PaymentID,
		PaymentRequestID: a.PaymentRequestID, PaidAt: a.PaidAt, Method: a.Method, Checks: a.Checks}
	if a.Method == db.MethodCard {
		pv.CaptureMode, pv.CardPage = a.CaptureMode, a.RedirectURL != ""
		if a.CardLast4 != "" {
			pv.CardLabel, pv.CardLast4 = brandName(a.CardBrand)+" •••• "+a.CardLast4, a.CardLast4
		}
		if a.CardBrand != "" {
			pv.CardBrand = brandName(a.CardBrand)
		}
	}
	if a.WalletID != 0 {
		if w, err := rr.wallet(ctx, a.WalletID); err == nil {
			pv.WalletName, pv.WalletAccount, pv.WalletStatus, pv.Wallet = BrandName(w.Wallet)+" "+w.UserLoginID, w.UserLoginID, w.Status, w.Wallet
		}
	}
	return pv
}

// pendingStaffAction fills what staff asked of an authorization that
// Antom has not confirmed yet: a void (Releasing) or a capture
// (Capturing), read through rr. Either may still be refused, so the
// buyer's page says what is under way, not what will come of it.
func (s *Service) pendingStaffAction(ctx context.Context, rr *resultReads, o db.Order, a db.Attempt, r *Result) error {
	r.Releasing = a.CancelStatus == db.CancelProcessing
	cs, err := rr.OrderCaptures(ctx, o.ID)
	if err != nil {
		return err
	}
	for _, c := range cs {
		if c.Status == db.CaptureProcessing && c.AttemptID == a.ID {
			r.Capturing = Money{c.Currency, c.Amount}
		}
	}
	return nil
}
