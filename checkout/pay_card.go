package checkout

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"sync/atomic"
	"time"

	"antom-checkout/antom"
	"antom-checkout/db"
)

// hostedPayExpiry is Antom's default payment expiry for hosted payments
// (about 14 minutes, API.md §8.4); an attempt unknown past it is
// cancelled.
const hostedPayExpiry = 14 * time.Minute

// ErrBadRedirect means Antom's answer pointed the buyer somewhere that is
// not the configured gateway; the buyer is not sent there.
var ErrBadRedirect = errors.New("checkout: the payment page address is not Antom's")

// CardPayment is the outcome of starting a card payment: where to send
// the buyer (Antom's hosted page), or nowhere when it already settled.
type CardPayment struct {
	RedirectURL string
	Order       Order
}

// PayByCard pays an order by card on Antom's hosted page (CASHIER_PAYMENT,
// API.md §5.1.b, §8.3), or with a kept card (cardID ≠ 0, signed-in buyers
// only: one not among the viewer's own is ErrNotSaved). keep asks to keep
// a new card for next time. No card data ever passes through us. say
// words the order as the buyer's page does, in their language, for
// Antom's page (OrderWords; nil: the catalogue's English); it is called
// once, before anything is sent.
//
// The buyer waits Options.ActionWait at most, as for a wallet's pay
// (PayOrderWithWallet): the pay call runs in the background
// (inActionWait) under the attempt's lease, which the attempt holds from
// the moment it is stored (openAttempt), so that no reconciler asks about
// it meanwhile and a second press finds the order's payment in progress
// (ErrPaymentInProgress): one pay, one paymentRequestId; an order past
// AttemptsPerOrder gets none (ErrTooManyAttempts). key is the pay
// form's (NewPayKey; "" for none): the same form sent again, found with
// its payment, is ErrSamePress. Answered within
// the wait, it returns where to send the buyer (RedirectURL, on the
// gateway's host, else ErrBadRedirect) or the order as it is then. Not
// answered, it returns ErrStillAsking: the call goes on, and what comes of
// it reaches the result page through the hub — the attempt is marked as
// asking for its page meanwhile (db.CardPageAsking: for a new card the
// result page says Antom's card page is being prepared,
// Result.CardOpening; for a kept card, that we are still asking; either
// sends the browser on to a page that comes, Result.SendOnFrom — a new
// card's hosted page, a kept card's 3-D Secure page). The timeline says
// who sent the buyer there: this request, or the page they waited on. The
// app stopping meanwhile leaves the attempt PROCESSING, for the
// reconciler to ask about once the lease has run out, as a pay that got
// no answer.
func (s *Service) PayByCard(ctx context.Context, v Viewer, ref, key string, keep bool, cardID int64, say func(Order) OrderWords, env antom.Env) (CardPayment, error) {
	view, err := s.OrderFor(ctx, v, ref)
	if err != nil {
		return CardPayment{}, err
	}
	words := OrderWords{Description: view.Description, ProductName: view.Product.Name}
	if say != nil {
		words = say(view) // now, in the request: the pay call may run past it
	}
	o, err := s.db.OrderByRef(ctx, view.Ref)
	if err != nil {
		return CardPayment{}, err
	}
	var token antom.Secret
	if cardID != 0 {
		c, err := s.db.CardByID(ctx, cardID)
		if err == nil && c.Status == db.CardRemoved && c.ReplacedBy != 0 && c.BuyerID == v.BuyerID {
			// The same card, kept again since (a page shown before offers
			// the older): pay with the newest.
			c, err = s.db.CardByID(ctx, c.ReplacedBy)
			cardID = c.ID
		}
		switch {
		case errors.Is(err, db.ErrNotFound), err == nil && (v.BuyerID == 0 || c.BuyerID != v.BuyerID):
			return CardPayment{}, ErrNotSaved
		case err != nil:
			return CardPayment{}, err
		case c.Status != db.CardActive:
			return CardPayment{}, fieldError("card", "checkout.card_unusable")
		}
		plain, err := s.sealer.Open(c.TokenSealed, sealPurposeCardToken)
		if err != nil {
			return CardPayment{}, fmt.Errorf("checkout: card %d token: %w", c.ID, err)
		}
		token, keep = antom.Secret(plain), false
	}
	template := db.Attempt{Method: db.MethodCard, CardID: cardID, KeepCard: keep && v.BuyerID != 0, CaptureMode: s.opts.CaptureMode}
	// The buyer opens the first attempt, here: refusals (paid, in
	// progress) are told at once. A second, after the first had no
	// payment page (closeWithoutPage), is the app's own, in the
	// background.
	open := func(ctx context.Context, o db.Order, by string) (db.Attempt, lease, error) {
		a := template
		if by == EventBuyer { // the press's own (its form's key); the app's is fresh
			a.PaymentRequestID = payRequestID(o.Ref, key)
		}
		return s.openCardAttempt(ctx, o, a, by, func(a db.Attempt) string {
			line := "pay by card (" + a.PaymentRequestID + ")" + keptNote(cardID, template.KeepCard)
			if by == EventState {
				line = "new attempt opened by the app itself, not the buyer: " + line
			}
			return line
		})
	}
	a, l, err := open(ctx, o, EventBuyer)
	if err != nil {
		return CardPayment{}, err
	}
	var redirect string
	// Who sends the buyer to Antom's page, if one comes: this request
	// (answered within the wait), or the page the buyer waits on (past
	// it). Whichever side settles it first says so, once.
	var settled atomic.Bool
	err = s.inActionWait(ctx, func(ctx context.Context) bool {
		redirect = s.cardPay(ctx, o, a, l, func(ctx context.Context, a db.Attempt) *antom.PayRequest {
			return s.cardPayRequest(o, view, words, a, token, env)
		}, open)
		if redirect != "" && redirect != errBadURL {
			line := "Antom's payment page came after the buyer's wait: the page they wait on sends them there"
			if settled.CompareAndSwap(false, true) {
				line = "buyer sent to Antom's payment page"
			}
			s.record(ctx, nil, OrderSubject(o.Ref), EventState, line)
		}
		return true
	})
	if err != nil {
		// Past the wait, the page the buyer waits on sends them on. (A
		// page that came just as the wait ended has said the buyer was
		// sent: so they are, by one more hop, orderCardPage's or the
		// result page's long-poll.)
		settled.Store(true)
		return CardPayment{}, err
	}
	view, err = s.OrderFor(ctx, v, ref)
	if err != nil {
		return CardPayment{}, err
	}
	if redirect == errBadURL {
		return CardPayment{Order: view}, ErrBadRedirect
	}
	return CardPayment{RedirectURL: redirect, Order: view}, nil
}

// openCardAttempt is openAttempt for a card payment: the attempt is
// marked, in the same transaction, as asking for its page
// (db.CardPageAsking) until its pay call's answer is applied (cardPay).
// A new card's pay always answers with a page; a kept card's may (3-D
// Secure): either way, a page that waited for the answer sends the buyer
// there (Result.PageAwaited).
func (s *Service) openCardAttempt(ctx context.Context, o db.Order, template db.Attempt, by string, note func(db.Attempt) string) (db.Attempt, lease, error) {
	mark := func(ctx context.Context, q *db.Queries, a db.Attempt) error {
		_, err := q.SetCardPage(ctx, a.ID, "", db.CardPageAsking, a.CreatedAt)
		return err
	}
	return s.openAttemptWith(ctx, o, template, hostedPayExpiry, by, note, mark)
}

// cardPay sends attempt a's pay (req words it) under l, the lease it was
// opened with, and applies the answer (afterCardPay); an answer without a
// payment page that closed the attempt at Antom is tried once more with
// a new attempt the app opens itself (open). It returns where to send
// the buyer: Antom's page, errBadURL, or "" (the order settled, or its
// outcome is not known yet). Each attempt's card page mark is cleared
// once its answer is applied, and the order's subject published, so
// that a result page waiting for the card page shows what came instead.
func (s *Service) cardPay(ctx context.Context, o db.Order, a db.Attempt, l lease,
	req func(context.Context, db.Attempt) *antom.PayRequest,
	open func(context.Context, db.Order, string) (db.Attempt, lease, error)) string {
	subject := OrderSubject(o.Ref)
	for try := 0; ; try++ {
		var redirect string
		var retry bool
		s.holding(ctx, l, func(ctx context.Context) {
			resp, err := s.pay(withSubject(ctx, subject), a.ID, req(ctx, a))
			redirect, retry = s.afterCardPay(ctx, a, resp, err)
		})
		if retry && try == 0 {
			// The first attempt keeps its mark until the next is open:
			// the page waiting for the card page goes on waiting.
			first := a
			var err error
			if o, err = s.db.OrderByRef(ctx, o.Ref); err == nil {
				a, l, err = open(ctx, o, EventState)
			}
			s.endCardPageAsk(ctx, first)
			if err == nil {
				continue
			}
			if errors.Is(err, ErrTooManyAttempts) || errors.Is(err, ErrNotForSale) { // the order can no longer be paid, not a fault: its page says so
				s.log.Info("card pay: no new attempt: the order can no longer be paid", "order", o.Ref, "why", err)
				return ""
			}
			s.log.Error("card pay: new attempt", "order", o.Ref, "err", err)
			return ""
		}
		s.endCardPageAsk(ctx, a)
		return redirect
	}
}

// endCardPageAsk clears attempt a's card page mark (db.CardPageAsking),
// once its pay's answer is stored, and tells the pages waiting on its
// order.
func (s *Service) endCardPageAsk(ctx context.Context, a db.Attempt) {
	if _, err := s.db.SetCardPage(context.WithoutCancel(ctx), a.ID, db.CardPageAsking, "", s.now()); err != nil {
		s.log.Error("end card page ask", "attempt", a.ID, "err", err)
	}
	s.hub.Publish(s.subjectOf(ctx, a))
}

func keptNote(cardID int64, keep bool) string {
	switch {
	case cardID != 0:
		return " with a kept card"
	case keep:
		return ", keeping the card"
	}
	return ""
}

// OrderWords are an order's words as the buyer's checkout says them, in
// the buyer's language: its line ("2 × Ceremonial matcha", Antom's
// orderDescription, which its hosted card page shows) and its product's
// name (goods[].goodsName). The language itself goes as
// env.deviceLanguage: Antom's page speaks it, and says the amount as it
// writes money.
type OrderWords struct {
	Description string
	ProductName string
}

// cardPayRequest is the pay request of card attempt a for order o, whose
// words (OrderWords) the buyer's page said.
func (s *Service) cardPayRequest(o db.Order, view Order, words OrderWords, a db.Attempt, token antom.Secret, env antom.Env) *antom.PayRequest {
	env.TerminalType = antom.TerminalWeb
	amount := antom.MinorAmount(o.Currency, o.Amount)
	buyer := antom.Buyer{}
	if o.BuyerID != 0 {
		buyer.ReferenceBuyerID = fmt.Sprint(o.BuyerID)
	}
	return &antom.PayRequest{
		ProductCode:      "CASHIER_PAYMENT",
		PaymentRequestID: a.PaymentRequestID,
		Order: antom.Order{
			ReferenceOrderID: o.Ref,
			OrderDescription: words.Description,
			OrderAmount:      amount,
			Goods: []antom.Goods{{
				ReferenceGoodsID: view.Product.Slug, GoodsName: words.ProductName,
				GoodsUnitAmount: antom.MinorAmount(o.Currency, view.UnitPrice.Minor), GoodsQuantity: fmt.Sprint(o.Quantity),
			}},
			Buyer: buyer,
			Env:   env,
		},
		PaymentAmount:      amount,
		PaymentMethod:      antom.PaymentMethod{PaymentMethodType: "CARD", PaymentMethodID: token},
		PaymentRedirectURL: s.opts.PublicURL + "/orders/" + o.Ref + "/return",
		PaymentNotifyURL:   s.opts.NotifyURL,
		PaymentFactor:      antom.PaymentFactor{IsAuthorization: true, CaptureMode: a.CaptureMode},
		Env:                env,
	}
}

// errBadURL marks a redirect that must not be followed.
const errBadURL = "\x00bad"

// afterCardPay applies a card pay call's outcome. It returns where to
// send the buyer, and whether to try again with a new paymentRequestId
// (PAYMENT_IN_PROCESS without any URL, API.md §5.1.b).
func (s *Service) afterCardPay(ctx context.Context, a db.Attempt, resp *antom.PayResponse, err error) (string, bool) {
	if !inProcess(err) || resp == nil {
		s.afterPay(ctx, a, resp, err, nil)
		return "", false
	}
	subject := s.subjectOf(ctx, a)
	if resp.PaymentID != "" && s.keepPaymentID(ctx, a, resp.PaymentID, "pay answered U (PAYMENT_IN_PROCESS)") {
		var f followUps
		s.reapplyWhenKnown(a, resp.PaymentID, &f)
		f.run(ctx)
	}
	target := resp.RedirectURL()
	if target == "" {
		return "", s.closeWithoutPage(withSubject(ctx, subject), a)
	}
	if !s.onGateway(target) {
		if _, err := s.db.SetCardPage(ctx, a.ID, db.CardPageAsking, db.CardPageRefused, s.now()); err != nil {
			s.log.Error("refuse card page", "attempt", a.ID, "err", err)
		}
		s.record(ctx, nil, subject, EventState, "refused to send the buyer to a payment page outside the gateway's host")
		s.cancelAttempt(withSubject(ctx, subject), a, CancelByNoPage, "payment page refused")
		return errBadURL, false
	}
	if err := s.db.SetAttemptRedirect(ctx, a.ID, target, s.now()); err != nil {
		s.log.Error("store redirect", "attempt", a.ID, "err", err)
	}
	return target, false // who sends the buyer there says so (PayByCard)
}

// closeWithoutPage cancels a payment whose pay answer had no page, so
// that it can never complete, and reports whether a new paymentRequestId
// may be tried: only once Antom has closed it (cancel S, or a refused
// cancel and an inquiry that finds it FAIL or CANCELLED). Otherwise the
// order waits, PROCESSING, while the reconciler cancels it: never two
// live attempts for one order. An attempt so closed and tried again is
// marked closed unseen (db's MarkClosedUnseen): no failed payment.
func (s *Service) closeWithoutPage(ctx context.Context, a db.Attempt) bool {
	const why = "PAYMENT_IN_PROCESS without a payment page"
	s.cancelAttempt(ctx, a, CancelByNoPage, why)
	a, _ = s.reread(ctx, a, nil)
	if a.Status == db.AttemptProcessing && a.CancelStatus == db.CancelFail {
		s.checkOpen(ctx, a, why+": cancel refused")
		a, _ = s.reread(ctx, a, nil)
	}
	closed := a.FinalSource == db.SourceAntom && (a.Status == db.AttemptCancelled || a.Status == db.AttemptFail)
	if closed {
		// The buyer saw nothing of it and a new attempt follows at once:
		// no failed payment for the success rate.
		if _, err := s.db.MarkClosedUnseen(ctx, a.ID); err != nil {
			s.log.Error("mark closed unseen", "attempt", a.ID, "err", err)
		}
		s.record(ctx, nil, s.subjectOf(ctx, a), EventState, "trying a new paymentRequestId: "+a.PaymentRequestID+" had no payment page and is closed at Antom")
	}
	return closed
}

// onGateway reports whether u is on the configured gateway's scheme and
// host: the only place a buyer may be redirected to.
func (s *Service) onGateway(u string) bool {
	target, err := url.Parse(u)
	if err != nil {
		return false
	}
	gw, err := url.Parse(s.opts.GatewayURL)
	if err != nil || gw.Host == "" {
		return false
	}
	return target.Scheme == gw.Scheme && target.Host == gw.Host && target.User == nil
}

// ReturnFromPaymentPage handles the buyer's return from Antom's page. The
// return proves nothing: the open attempt is inquired at once, and the
// result page shows what Antom says. A return from the hosted card page
// is recorded (db.Attempt.ReturnedAt): until Antom says the payment is
// still open, the buyer sees it being confirmed, not left unfinished.
//
// A return asks Antom at most once per manualCheckEvery per attempt,
// counting "check again" (CheckNow) too, in the database (every instance
// agrees): a return within that shows the state known, the result page's
// long-poll carrying on. The buyer waits Options.ActionWait at most, as
// for "check again": another worker asking Antom about the attempt right now is
// waited for (leasedWait), then the attempt, if still open, is asked
// about; the inquiry runs in the background (inActionWait) and goes on
// under the attempt's lease past the bound, and its answer reaches the
// result page through the hub. checks is the open attempt's
// PaymentView.Checks from before the inquiry (0 when nothing was open).
// It returns ErrStillAsking when Antom has not answered within the
// bound, ErrNotFound for an order v may not see, or ctx's cause.
func (s *Service) ReturnFromPaymentPage(ctx context.Context, v Viewer, ref string) (checks int, err error) {
	if _, err := s.OrderFor(ctx, v, ref); err != nil {
		return 0, err
	}
	o, err := s.db.OrderByRef(ctx, ref)
	if err != nil {
		return 0, err
	}
	a, err := s.db.OpenAttempt(ctx, o.ID)
	if errors.Is(err, db.ErrNotFound) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	now := s.now()
	if a.Method == db.MethodCard && a.RedirectURL != "" {
		if _, err := s.db.MarkReturned(ctx, a.ID, now); err != nil {
			return a.Checks, err
		}
	}
	// Spaced as "check again" is, and with it: a return within
	// manualCheckEvery of the attempt's last buyer inquiry shows what is
	// known, and the page's long-poll shows the answer that is coming.
	if ok, err := s.db.ClaimManualCheck(ctx, a.ID, now.Add(-manualCheckEvery), now); err != nil || !ok {
		return a.Checks, err
	}
	return a.Checks, s.askForBuyer(ctx, o.Ref, a.ID, "buyer returned from the payment page")
}
