package checkout

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"time"

	"antom-checkout/antom"
	"antom-checkout/db"
)

// ErrNotFound means the thing asked for does not exist or is not the
// asker's: the two are not told apart.
var ErrNotFound = errors.New("checkout: not found")

// Link is what a buyer's link page shows.
type Link struct {
	ID          int64
	Wallet      string // code, e.g. GCASH
	WalletName  string
	Status      string // db.Link* statuses, or LinkUnlinked
	CodeValue   string // the QR's text, while PENDING
	ExpiresAt   time.Time
	ReturnTo    string
	UserLoginID string // once LINKED
	FailureCode string
	// OnPhone: the consult was made for the buyer's own phone (WAP); the
	// page leads with "Open <wallet>", which goes to OpenURL.
	OnPhone bool
	OpenURL string
	// CodeShown: the consult gave a QR code (a WEB attempt), whether or
	// not the attempt is still pending: one was there to scan.
	CodeShown bool
	// StillLinks: SUPERSEDED within its time — the buyer asked for a new
	// code, but an agreement in the wallet to this one still links
	// (awaitsAgreement), and its page says so and goes on listening.
	StillLinks bool
	// LinkedAgain: once LINKED, the wallet replaced an older link of the
	// same account (saveWallet), whose token is being revoked.
	LinkedAgain bool
	// Told: once LinkUnlinked, what became of the wallet as the wallets
	// box tells it (walletTelling, by its status, however long ago):
	// ToldUnlinking while its unlink is under way, ToldCancelled or
	// ToldInvalid once ended so, ToldUnlinkedByShop once staff unlinked
	// it; "" once the buyer unlinked it here (REVOKED) or gone.
	Told WalletTold
}

// LinkUnlinked is a Link's Status when the attempt linked a wallet that
// has been unlinked since (by the buyer, by staff, or in the wallet app):
// its page must not say the wallet is ready for one-click payments.
const LinkUnlinked = "UNLINKED"

// LinkPreparing is a Link's Status while its consult is still out: the
// attempt is PENDING, but there is no QR code (nor, on a phone, a way to
// open the wallet) to show yet. Nothing can be scanned or agreed to.
const LinkPreparing = "PREPARING"

// Final reports whether nothing more will happen to the attempt.
func (l Link) Final() bool {
	return l.Status != db.LinkPending && l.Status != db.LinkAuthorized && l.Status != LinkPreparing && l.Status != LinkQuiet && !l.StillLinks
}

// StartLink begins linking a wallet for a buyer: a new random authState
// is stored first, then consult is called (API.md §4.1). env describes the
// buyer's browser: terminal type WAP with an osType (IOS, ANDROID) is a
// phone, where the wallet opens on the same phone; anything else is
// Scan to Link (WEB, §8.1), a QR code for a phone to scan. A consult that
// fails leaves a FAILED attempt whose page offers to try again.
//
// The buyer waits Options.ActionWait at most, as for a pay: the consult
// runs in the background (inActionWait) under the attempt's lease
// (linkWork), held from the moment the attempt is stored, and the attempt
// returned is then LinkPreparing until its answer is stored and told to
// the link page (LinkSubject). A press while the buyer's consult for the
// same wallet and terminal type is still out gets that attempt back and
// sends nothing (openLink): one consult per attempt, whoever presses.
// Errors: an InputError for the wallet field, ErrStillAsking when another
// press of the buyer's held the start past the wait, a *ThrottledError
// past LinkConsultsPerBuyer, or ctx's.
func (s *Service) StartLink(ctx context.Context, buyerID int64, wallet, returnTo string, env antom.Env) (Link, error) {
	return s.startLink(ctx, buyerID, wallet, returnTo, env, 0)
}

// startLink is StartLink; replaces, when not 0, is the buyer's attempt a
// renew gives up (RenewLink): superseded only together with the new
// attempt's start (openLink), so that a start refused (ErrStillAsking,
// a *ThrottledError) leaves it as it was.
func (s *Service) startLink(ctx context.Context, buyerID int64, wallet, returnTo string, env antom.Env, replaces int64) (Link, error) {
	if !knownWallet(wallet) {
		return Link{}, fieldError("wallet", "wallets.choose_listed")
	}
	env = linkEnv(env)
	var o openedLink
	var err error
	// One press of the buyer's at a time finds or stores the attempt:
	// two at once cannot both store one and consult twice.
	if !s.leasedWait(ctx, linkStartWork(buyerID), func(ctx context.Context) {
		o, err = s.openLink(ctx, buyerID, wallet, returnTo, env, replaces)
	}) {
		if ctx.Err() != nil {
			return Link{}, context.Cause(ctx)
		}
		return Link{}, ErrStillAsking
	}
	if err != nil {
		return Link{}, err
	}
	if o.fresh {
		err := s.inActionWait(ctx, func(ctx context.Context) bool {
			s.holding(ctx, o.lease, func(ctx context.Context) {
				s.consult(withSubject(ctx, LinkSubject(o.id)), o.id, o.authState, wallet, env)
			})
			return true
		})
		if err != nil && !errors.Is(err, ErrStillAsking) {
			return Link{}, err
		}
	}
	return s.LinkForBuyer(ctx, buyerID, o.id)
}

// consult asks Antom for the QR code (WEB) or the address that opens the
// wallet (WAP), retrying an unknown outcome with the same authState
// (consult is idempotent per authState) while the attempt is still
// PENDING (retryWhileOpen: it may have expired or ended meanwhile). It
// runs once per attempt, under its lease (StartLink), and tells the link
// page what came of it.
func (s *Service) consult(ctx context.Context, id int64, state, wallet string, env antom.Env) {
	req := &antom.ConsultRequest{
		AuthNotifyURL:     s.opts.NotifyURL,
		CustomerBelongsTo: wallet,
		AuthRedirectURL:   s.opts.PublicURL + "/wallets/link/return",
		Scopes:            []string{antom.ScopeAgreementPay},
		AuthState:         state,
		TerminalType:      env.TerminalType,
		Env:               env,
	}
	var resp *antom.ConsultResponse
	settled, err := s.retryWhileOpen(ctx, 3, linkOpen(id, db.LinkPending), func() error {
		var err error
		resp, err = s.antom.Consult(ctx, req)
		return err
	})
	if settled {
		return // ended meanwhile (expired, cancelled): its own line says how
	}
	// What came is stored even if the call used up its time, and told to
	// the link page waiting for it.
	ctx = context.WithoutCancel(ctx)
	defer s.hub.Publish(LinkSubject(id))
	code := ""
	switch {
	case err != nil:
		code = failureCode(err)
	case env.TerminalType == antom.TerminalWap:
		code = s.storeOpenURL(ctx, id, resp)
	case resp.AuthCodeForm.QRText() != "":
		code = s.storeLinkCode(ctx, id, resp.AuthCodeForm.QRText())
	default:
		code = "NO_QR_CODE"
	}
	if code == consultTooLate {
		// The attempt ended meanwhile (failed on the spot as a consult
		// that never answered, expired): it does not change, and the late
		// QR code or address is neither kept nor shown.
		s.log.Info("consult answered after the link attempt ended; answer ignored", "link", id)
		s.record(ctx, nil, LinkSubject(id), EventState, "consult answered after this attempt had ended: its answer is not kept")
		return
	}
	if code != "" {
		if _, err := s.db.FailLink(ctx, id, code, s.now()); err != nil {
			s.log.Error("fail link", "link", id, "err", err)
		}
		s.record(ctx, nil, LinkSubject(id), EventState, "consult did not give a way to link: "+code)
	}
}

// consultTooLate is what storing a consult's answer comes to when the
// attempt has ended meanwhile: nothing is stored.
const consultTooLate = "TOO_LATE"

// storeLinkCode stores the QR code consult gave attempt id: "" once
// stored, consultTooLate when the attempt has ended meanwhile,
// "STORE_FAILED" when the database would not.
func (s *Service) storeLinkCode(ctx context.Context, id int64, qr string) string {
	stored, err := s.db.SetLinkCode(ctx, id, qr, s.now())
	switch {
	case err != nil:
		s.log.Error("store QR code", "link", id, "err", err)
		return "STORE_FAILED"
	case !stored:
		return consultTooLate
	}
	return ""
}

// LinkForBuyer returns one of the buyer's link attempts. A PENDING attempt
// whose time is up is expired on the spot; one whose consult is still out
// is LinkPreparing, and one whose consult will never answer (the app
// stopped while it was out) is failed on the spot (consultAwaited); one
// whose code has been shown for Options.LinkQuietAfter without news is
// LinkQuiet.
func (s *Service) LinkForBuyer(ctx context.Context, buyerID, id int64) (Link, error) {
	l, err := s.db.LinkAttemptByID(ctx, id)
	if errors.Is(err, db.ErrNotFound) || (err == nil && l.BuyerID != buyerID) {
		return Link{}, ErrNotFound
	}
	if err != nil {
		return Link{}, err
	}
	if l.Status == db.LinkPending && !s.now().Before(l.ExpiresAt) {
		if err := s.expireLink(ctx, l.ID); err != nil {
			return Link{}, err
		}
		l.Status = db.LinkExpired
	}
	if l.Status == db.LinkSuperseded && l.WalletID != 0 {
		// Ended as an earlier attempt linked the wallet (SupersedeByLink):
		// it reads as linked, to that wallet.
		l.Status = db.LinkLinked
	}
	preparing := false
	if l.Status == db.LinkPending && l.CodeValue == "" && l.OpenURL == "" {
		if l, preparing, err = s.consultAwaited(ctx, l); err != nil {
			return Link{}, err
		}
	}
	view := Link{
		ID: l.ID, Wallet: l.Wallet, WalletName: BrandName(l.Wallet), Status: l.Status,
		ExpiresAt: l.ExpiresAt, ReturnTo: SafeReturn(l.ReturnTo), FailureCode: l.FailureCode,
		OnPhone: l.TerminalType == antom.TerminalWap, CodeShown: l.CodeValue != "",
		StillLinks: l.Status == db.LinkSuperseded && awaitsAgreement(l, s.now()),
	}
	if l.Status == db.LinkPending {
		view.CodeValue, view.OpenURL = l.CodeValue, l.OpenURL
	}
	switch {
	case preparing:
		view.Status = LinkPreparing
	case linkQuiet(l, s.opts.LinkQuietAfter, s.now()):
		view.Status = LinkQuiet
	}
	// The wallet is read apart, and only once linked: a page of an
	// attempt whose wallet the database would not save (link_answer_test)
	// must not depend on reading wallets.
	if l.Status == db.LinkLinked && l.WalletID != 0 {
		w, err := s.linkedWallet(ctx, l.WalletID)
		if err != nil {
			return Link{}, err
		}
		view.UserLoginID = w.UserLoginID
		if w.Status != db.WalletActive {
			t, err := s.tellingOf(ctx, w, false)
			if err != nil {
				return Link{}, err
			}
			view.Status, view.Told = LinkUnlinked, t.told
		}
		if view.LinkedAgain, err = s.db.WalletReplaced(ctx, l.WalletID); err != nil {
			return Link{}, err
		}
	}
	return view, nil
}

// linkedWallet is the wallet an attempt linked — or, when that one was
// replaced by the same account linked again (db.Wallet.ReplacedBy), the
// one that replaced it: the account is still linked, by a newer link. A
// wallet that is gone reads as the zero Wallet (not ACTIVE).
func (s *Service) linkedWallet(ctx context.Context, id int64) (db.Wallet, error) {
	w, err := s.db.WalletByID(ctx, id)
	if errors.Is(err, db.ErrNotFound) {
		return db.Wallet{}, nil
	}
	if err != nil {
		return db.Wallet{}, err
	}
	return s.newestLink(ctx, w)
}

// LinkRenewEvery is how old a pending attempt's code must be for a renew
// the same way (a new QR code for a QR code, the wallet on this phone
// again) to replace it: a renew sooner keeps it (ErrLinkJustMade), and
// Antom is not asked. A renew another way, or of an attempt that ended,
// is bounded by LinkConsultsPerBuyer only.
const LinkRenewEvery = 10 * time.Second

// ErrLinkJustMade means a renew came within LinkRenewEvery of the
// attempt's code being asked for: the attempt is kept, nothing is sent.
var ErrLinkJustMade = errors.New("checkout: the link attempt was made a moment ago")

// RenewLink gives up an attempt (superseding it if still pending) and
// starts a new one for the same wallet with a new authState: an authState
// is never reused. The buyer's agreement in the wallet to the superseded
// code, should it still come within its time, links all the same
// (applyAuthCodeCreated), and ends the new attempt if that still waits.
// env.TerminalType "" keeps the old attempt's way of linking (a QR
// code, or the wallet on this phone); WEB or WAP switches to it — "show
// a QR code for another phone", "open the wallet on this one". A renew
// the same way within LinkRenewEvery of the attempt's start returns it
// with ErrLinkJustMade. The old attempt is superseded in the transaction
// that counts the new consult and stores the new attempt (openLink): a
// renew refused — past LinkConsultsPerBuyer (a *ThrottledError), or
// ErrStillAsking — changes nothing, and the code on screen still works,
// however other presses of the buyer's came meanwhile.
func (s *Service) RenewLink(ctx context.Context, buyerID, id int64, env antom.Env) (Link, error) {
	old, err := s.LinkForBuyer(ctx, buyerID, id)
	if err != nil {
		return Link{}, err
	}
	sameWay := old.OnPhone == (linkEnv(env).TerminalType == antom.TerminalWap)
	if env.TerminalType == "" {
		sameWay = true
		env.TerminalType = antom.TerminalWeb
		if old.OnPhone {
			env.TerminalType = antom.TerminalWap
		}
	}
	if sameWay && (old.Status == db.LinkPending || old.Status == LinkPreparing) {
		row, err := s.db.LinkAttemptByID(ctx, old.ID)
		if err != nil {
			return Link{}, err
		}
		if s.now().Sub(row.CreatedAt) < LinkRenewEvery {
			return old, ErrLinkJustMade
		}
	}
	s.hit(PointLinkRenew)
	return s.startLink(ctx, buyerID, old.Wallet, old.ReturnTo, env, old.ID)
}

// PointLinkRenew is the TestHook point where RenewLink has read the
// attempt it renews and has yet to start the new one: another press of
// the buyer's may come here.
const PointLinkRenew = "link-renew"

// DeclineLink ends a pending attempt the buyer declined in the wallet app.
// The authState is the proof: it is random and only Antom and the wallet
// see it. It returns the attempt's id and whether this declined it (false:
// the attempt had already ended — linked, expired, superseded or
// declined before — and is left as it was), or ErrNotFound.
func (s *Service) DeclineLink(ctx context.Context, authState string) (id int64, declined bool, err error) {
	l, err := s.db.LinkAttemptByState(ctx, authState)
	if errors.Is(err, db.ErrNotFound) {
		return 0, false, ErrNotFound
	}
	if err != nil {
		return 0, false, err
	}
	ok, err := s.db.EndPendingLink(ctx, l.ID, db.LinkDeclined, s.now())
	if err != nil {
		return 0, false, err
	}
	if ok {
		s.record(ctx, nil, LinkSubject(l.ID), EventBuyer, "declined in the wallet app")
		s.hub.Publish(LinkSubject(l.ID))
	}
	return l.ID, ok, nil
}

// KnownLinkState reports whether authState is one of our link attempts'
// (whatever its buyer and state), for the wallet's return page of a phone
// that has no session with us.
func (s *Service) KnownLinkState(ctx context.Context, authState string) (bool, error) {
	_, err := s.db.LinkAttemptByState(ctx, authState)
	if errors.Is(err, db.ErrNotFound) {
		return false, nil
	}
	return err == nil, err
}

func (s *Service) expireLink(ctx context.Context, id int64) error {
	ok, err := s.db.EndPendingLink(ctx, id, db.LinkExpired, s.now())
	if err != nil {
		return err
	}
	if ok {
		s.record(ctx, nil, LinkSubject(id), EventState, "expired: no authorization within "+s.opts.LinkTimeout.String())
		s.hub.Publish(LinkSubject(id))
	}
	return nil
}

// newAuthState returns 32 random bytes, URL-safe: unguessable, and never
// issued twice.
func newAuthState() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}
