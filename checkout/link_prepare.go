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
// second consult. Else, in one transaction and within the buyer's
// LinkConsultsPerBuyer (past it: a *ThrottledError, nothing stored or
// ended), it supersedes attempt replaces (a renew's, 0 for none), stores
// a new PENDING attempt with a new authState, leased to the caller for
// its consult, and writes the buyer's lines. The attempt a renew
// replaces is never the one shown instead; another shown instead
// supersedes it all the same (no consult is counted for that).
func (s *Service) openLink(ctx context.Context, buyerID int64, wallet, returnTo string, env antom.Env, replaces int64) (openedLink, error) {
	o, err := s.shownInstead(ctx, buyerID, wallet, returnTo, env, replaces)
	if err != nil {
		return openedLink{}, err
	}
	var told func() // the superseded attempt's page, told once committed
	if o.id != 0 {
		if replaces != 0 {
			told, err = s.supersede(ctx, nil, replaces)
		}
		if told != nil {
			told()
		}
		return o, err
	}
	state, err := newAuthState()
	if err != nil {
		return openedLink{}, err
	}
	o = openedLink{authState: state, fresh: true}
	now := s.now()
	err = s.db.Tx(ctx, func(q *db.Queries) error {
		// Every consult counts against the buyer's, in the database:
		// however the presses come (another wallet, page, or device),
		// Antom is asked at most LinkConsultsPerBuyer times per
		// LinkConsultWindow for them. Counted in the transaction that
		// supersedes the renewed attempt: a refusal rolls that back.
		if err := s.countTryIn(ctx, q, linkConsults(buyerID)); err != nil {
			return err
		}
		if replaces != 0 {
			if told, err = s.supersede(ctx, q, replaces); err != nil {
				return err
			}
		}
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
	if err != nil {
		return openedLink{}, err
	}
	if told != nil {
		told()
	}
	return o, nil
}

// shownInstead is the buyer's pending attempt for wallet and env's
// terminal type that a press should show rather than start a new one
// (openLink), other than replaces; the zero openedLink for none.
func (s *Service) shownInstead(ctx context.Context, buyerID int64, wallet, returnTo string, env antom.Env, replaces int64) (openedLink, error) {
	prev, err := s.db.PendingLinkOf(ctx, buyerID, wallet, env.TerminalType)
	switch {
	case err == nil && prev.ID == replaces: // the one a renew gives up
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
	return openedLink{}, nil
}

// supersede ends the buyer's pending attempt id as SUPERSEDED, asked for
// by a renew, in q (nil: on its own); an attempt that has ended already
// is left as it was. It returns what tells the attempt's page: to call
// once q has committed (nil when nothing changed).
func (s *Service) supersede(ctx context.Context, q *db.Queries, id int64) (publish func(), err error) {
	on := q
	if on == nil {
		on = s.db.Queries
	}
	ok, err := on.EndPendingLink(ctx, id, db.LinkSuperseded, s.now())
	if err != nil || !ok {
		return nil, err
	}
	s.record(ctx, q, LinkSubject(id), EventBuyer, "asked for a new QR code; this one is superseded")
	if q == nil {
		return func() { s.hub.Publish(LinkSubject(id)) }, nil
	}
	return s.publishAtCommit(q, LinkSubject(id)), nil
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
