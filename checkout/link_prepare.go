package checkout

import (
	"context"
	"errors"
	"fmt"
	"time"

	"antom-checkout/antom"
	"antom-checkout/db"
)

// Lease keys of linking: an attempt's consult (held from the moment the
// attempt is stored until its answer is), and a buyer's press of "Link"
// while it finds or stores the attempt (openLink).
func linkWork(id int64) string           { return fmt.Sprintf("link:%d", id) }
func linkStartWork(buyerID int64) string { return fmt.Sprintf("link-start:%d", buyerID) }

// linkConsults is a buyer's limit of new link attempts (consults).
func linkConsults(buyerID int64) limit {
	return limit{key: fmt.Sprintf("link-consult|buyer:%d", buyerID), max: LinkConsultsPerBuyer, window: LinkConsultWindow}
}

// openedLink is the attempt a press of "Link" goes on with: fresh when
// this press stored it, under lease, its consult still to send.
type openedLink struct {
	id        int64
	authState string
	lease     lease
	fresh     bool
}

// linkCodeLeft is how much of a QR code's time must be left for a second
// press of "Link" to show it again rather than ask for a new one: less
// is too little to open the wallet app and scan it.
const linkCodeLeft = time.Minute

// openLink returns the buyer's pending attempt for wallet and env's
// terminal type, if there is one the press should show: its consult is
// still out (a second press, or a reload of the press, sends nothing), or
// it has a QR code with over linkCodeLeft left to scan and comes back to
// the same page (returnTo) — the code the buyer already has, and no
// second consult. Else, within the buyer's LinkConsultsPerBuyer (past
// it: a *ThrottledError, nothing stored), it stores a new PENDING attempt with a new
// authState, leased to the caller for its consult in the same
// transaction, and writes the buyer's line.
func (s *Service) openLink(ctx context.Context, buyerID int64, wallet, returnTo string, env antom.Env) (openedLink, error) {
	prev, err := s.db.PendingLinkOf(ctx, buyerID, wallet, env.TerminalType)
	switch {
	case err == nil && prev.CodeValue == "" && prev.OpenURL == "":
		if out, err := s.consultOut(ctx, prev.ID); err != nil || out {
			return openedLink{id: prev.ID}, err
		}
	case err == nil:
		if prev.CodeValue != "" && prev.ReturnTo == SafeReturn(returnTo) && prev.ExpiresAt.Sub(s.now()) > linkCodeLeft {
			return openedLink{id: prev.ID}, nil
		}
	case !errors.Is(err, db.ErrNotFound):
		return openedLink{}, err
	}
	// Every consult counts against the buyer's, in the database: however
	// the presses come (another wallet, page, or device), Antom is asked
	// at most LinkConsultsPerBuyer times per LinkConsultWindow for them.
	if err := s.countTry(ctx, linkConsults(buyerID)); err != nil {
		return openedLink{}, err
	}
	state, err := newAuthState()
	if err != nil {
		return openedLink{}, err
	}
	o := openedLink{authState: state, fresh: true}
	now := s.now()
	err = s.db.Tx(ctx, func(q *db.Queries) error {
		id, err := q.InsertLinkAttempt(ctx, db.LinkAttempt{
			AuthState: state, BuyerID: buyerID, Wallet: wallet, ReturnTo: SafeReturn(returnTo),
			Status: db.LinkPending, CreatedAt: now, ExpiresAt: now.Add(s.opts.LinkTimeout), TerminalType: env.TerminalType,
		})
		if err != nil {
			return err
		}
		o.id = id
		if o.lease, err = s.claimNew(ctx, q, linkWork(id)); err != nil {
			return err
		}
		s.record(ctx, q, LinkSubject(id), EventBuyer, "started linking "+BrandName(wallet)+" ("+env.TerminalType+")")
		return nil
	})
	return o, err
}

// consultOut reports whether attempt id's consult is still out: its
// lease is held (StartLink holds it from the moment the attempt is stored
// until the answer is).
func (s *Service) consultOut(ctx context.Context, id int64) (bool, error) {
	holder, until, err := s.db.LeaseHolder(ctx, linkWork(id))
	return holder != "" && s.now().Before(until), err
}

// consultAwaited looks at a PENDING attempt l that has no way to link
// yet: preparing while its consult is out (consultOut). Otherwise the
// consult ended without storing an answer — the app stopped while it was
// out — and nothing will send it again: the attempt is failed as a
// consult that got no answer (UNKNOWN), under its lease, so that an
// answer stored meanwhile is read first. It returns the attempt as it is
// then.
func (s *Service) consultAwaited(ctx context.Context, l db.LinkAttempt) (db.LinkAttempt, bool, error) {
	if out, err := s.consultOut(ctx, l.ID); err != nil || out {
		return l, out, err
	}
	var err error
	if !s.leased(ctx, linkWork(l.ID), func(ctx context.Context) {
		if l, err = s.db.LinkAttemptByID(ctx, l.ID); err != nil || l.Status != db.LinkPending || l.CodeValue != "" || l.OpenURL != "" {
			return
		}
		var failed bool
		if failed, err = s.db.FailLink(ctx, l.ID, "UNKNOWN", s.now()); err != nil || !failed {
			return
		}
		s.record(ctx, nil, LinkSubject(l.ID), EventState, "consult gave no answer (the app stopped while it was out): failed, nothing to scan")
		s.hub.Publish(LinkSubject(l.ID))
		l, err = s.db.LinkAttemptByID(ctx, l.ID)
	}) {
		return l, true, nil // another page is looking at it: it tells
	}
	return l, false, err
}
