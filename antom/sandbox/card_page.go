package sandbox

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"time"

	"antom-checkout/antom"
)

// maxCardForm bounds the hosted card page's form bodies.
const maxCardForm = 8 << 10

// cardRoutes serves the hosted card page: the card form, the 3-D Secure
// challenge and their submissions.
func (s *Sandbox) cardRoutes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET "+pathCardPay, s.cardPayPage)
	mux.HandleFunc("POST "+pathCardPay, s.cardPaySubmit)
	mux.HandleFunc("POST /sandbox/card/challenge", s.cardChallengeSubmit)
	return mux
}

// cardState reads a payment the buyer can still act on, with its card
// part and, once given, its card; the error says why the buyer cannot.
func (s *Sandbox) cardState(ctx context.Context, paymentID string) (payment, cardPayment, card, error) {
	p, cp, err := s.openCardPayment(ctx, s.db, paymentID)
	if err != nil || cp.CardToken == "" {
		return p, cp, card{}, err
	}
	k, _, err := cardByToken(ctx, s.db, cp.CardToken)
	return p, cp, k, err
}

// cardPayPage answers GET /sandbox/card/pay?paymentId=…: the card form,
// or the challenge once the card asks for one.
func (s *Sandbox) cardPayPage(w http.ResponseWriter, r *http.Request) {
	p, cp, k, err := s.cardState(r.Context(), r.URL.Query().Get("paymentId"))
	code, wd := cardWordsOf(r, p)
	switch {
	case err != nil:
		s.renderUnavailable(w, r, p, cp, err)
	case k.Token != "":
		s.renderCard(w, r, http.StatusOK, challengeView(p, cp, k, code, wd))
	default:
		s.renderCard(w, r, http.StatusOK, paymentView(p, cp, code, wd))
	}
}

// cardPaySubmit handles the card form: field errors re-render it (422)
// and change nothing; a valid card is tokenized and authorized or
// declined, and the browser goes back to the merchant (or to the
// challenge).
func (s *Sandbox) cardPaySubmit(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxCardForm)
	id := r.PostFormValue("paymentId")
	p, cp, k, err := s.cardState(r.Context(), id)
	code, wd := cardWordsOf(r, p)
	switch {
	case err != nil:
		s.renderUnavailable(w, r, p, cp, err)
		return
	case k.Token != "":
		http.Redirect(w, r, cardPagePath(id), http.StatusSeeOther)
		return
	}
	form := readCardForm(r)
	entry, errs := form.check(s.now(), wd)
	if errs != nil {
		v := paymentView(p, cp, code, wd)
		v.Form, v.Form.CVC, v.Errors = form, "", errs
		s.renderCard(w, r, http.StatusUnprocessableEntity, v)
		return
	}
	p, cp, err = s.submitCard(r.Context(), id, entry)
	s.afterCardStep(w, r, p, cp, err)
}

// cardChallengeSubmit handles the challenge form: an empty code
// re-renders it (422); any code decides the payment.
func (s *Sandbox) cardChallengeSubmit(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxCardForm)
	id := r.PostFormValue("paymentId")
	code := strings.TrimSpace(r.PostFormValue("code"))
	p, cp, k, err := s.cardState(r.Context(), id)
	lc, wd := cardWordsOf(r, p)
	switch {
	case err != nil:
		s.renderUnavailable(w, r, p, cp, err)
		return
	case k.Token == "":
		http.Redirect(w, r, cardPagePath(id), http.StatusSeeOther)
		return
	case code == "":
		v := challengeView(p, cp, k, lc, wd)
		v.Errors["code"] = wd.CodeEmpty
		s.renderCard(w, r, http.StatusUnprocessableEntity, v)
		return
	}
	p, cp, err = s.answerChallenge(r.Context(), id, code)
	s.afterCardStep(w, r, p, cp, err)
}

// afterCardStep sends the browser on: to the challenge while the payment
// waits for one, else back to the merchant's paymentRedirectUrl, failed
// payments too (the merchant inquires).
func (s *Sandbox) afterCardStep(w http.ResponseWriter, r *http.Request, p payment, cp cardPayment, err error) {
	switch {
	case errors.Is(err, ErrCardGiven), errors.Is(err, ErrNoChallenge):
		http.Redirect(w, r, cardPagePath(p.PaymentID), http.StatusSeeOther)
	case err != nil:
		s.renderUnavailable(w, r, p, cp, err)
	case p.Status == antom.PaymentProcessing:
		http.Redirect(w, r, cardPagePath(p.PaymentID), http.StatusSeeOther)
	default:
		http.Redirect(w, r, cp.RedirectURL, http.StatusSeeOther)
	}
}

// renderUnavailable says plainly, in the payment's language (else r's),
// why payment p cannot be paid here.
func (s *Sandbox) renderUnavailable(w http.ResponseWriter, r *http.Request, p payment, cp cardPayment, err error) {
	code, wd := cardWordsOf(r, p)
	switch {
	case errors.Is(err, ErrPaymentNotFound):
		s.renderCard(w, r, http.StatusNotFound, cardMessage(code, wd, "unknown", wd.UnknownTitle, wd.Unknown, ""))
	case errors.Is(err, ErrPaymentNotProcessing):
		s.renderCard(w, r, http.StatusGone, endedMessage(p, cp, code, wd, s.now()))
	case errors.Is(err, ErrPaymentExpired):
		s.renderCard(w, r, http.StatusGone, cardMessage(code, wd, "expired", wd.ExpiredTitle, wd.ExpiredNow, cp.RedirectURL))
	default:
		s.cardFailed(w, r, "process the payment", err)
	}
}

// endedMessage says how payment p, no longer processing, ended, in true
// words (wd) at now: paid (charged; nothing left to pay), authorized —
// under captureMode MANUAL nothing is charged until the merchant
// captures, so never "finished" before that —, an authorization that
// expired uncaptured (nothing charged), cancelled (by the merchant:
// nothing charged — a voided authorization too —, or what was charged
// given back), expired unpaid (ORDER_IS_CLOSED) or failed — never
// "finished" for one that charged nothing.
func endedMessage(p payment, cp cardPayment, code string, wd *cardWords, now time.Time) cardView {
	uncaptured := cp.CaptureMode == antom.CaptureManual && cp.Captured == 0
	switch {
	case p.Status == antom.PaymentSuccess && uncaptured && !cp.AuthExpiresAt.IsZero() && !now.Before(cp.AuthExpiresAt):
		return cardMessage(code, wd, "expired", wd.AuthLapsedTitle, wd.AuthLapsed, cp.RedirectURL)
	case p.Status == antom.PaymentSuccess && uncaptured:
		return cardMessage(code, wd, "authorized", wd.AuthorizedTitle, wd.Authorized, cp.RedirectURL)
	case p.Status == antom.PaymentSuccess:
		return cardMessage(code, wd, "finished", wd.FinishedTitle, wd.Finished, cp.RedirectURL)
	case p.Status == antom.PaymentCancelled && p.PaidAt.IsZero():
		return cardMessage(code, wd, "cancelled", wd.CancelledTitle, wd.CancelledUnpaid, cp.RedirectURL)
	case p.Status == antom.PaymentCancelled && !cp.VoidedAt.IsZero():
		return cardMessage(code, wd, "cancelled", wd.CancelledTitle, wd.CancelledVoided, cp.RedirectURL)
	case p.Status == antom.PaymentCancelled:
		return cardMessage(code, wd, "cancelled", wd.CancelledTitle, wd.CancelledPaid, cp.RedirectURL)
	case p.Code == antom.CodeOrderIsClosed:
		return cardMessage(code, wd, "expired", wd.ExpiredTitle, wd.ClosedUnpaid, cp.RedirectURL)
	}
	return cardMessage(code, wd, "failed", wd.FailedTitle, wd.Failed, cp.RedirectURL)
}
