package checkout

import (
	"context"
	"errors"
	"time"

	"antom-checkout/antom"
	"antom-checkout/db"
)

// SavedWallet is a linked wallet as buyers see it.
type SavedWallet struct {
	ID          int64
	Wallet      string
	WalletName  string
	UserLoginID string
	LinkedAt    time.Time
	// EndedAt: when a wallet no longer linked ended (zero while linked).
	EndedAt time.Time
}

// BuyerWallet is one of a buyer's wallets, linked or not any more (to
// name one checkout refused); ErrNotFound for none of theirs.
func (s *Service) BuyerWallet(ctx context.Context, buyerID, walletID int64) (SavedWallet, error) {
	w, err := s.ownWallet(ctx, buyerID, walletID)
	if err != nil {
		return SavedWallet{}, err
	}
	return savedWallet(w), nil
}

// savedWallet is w as buyers see it.
func savedWallet(w db.Wallet) SavedWallet {
	return SavedWallet{ID: w.ID, Wallet: w.Wallet, WalletName: BrandName(w.Wallet), UserLoginID: w.UserLoginID, LinkedAt: w.LinkedAt, EndedAt: w.EndedAt}
}

// BuyerWallets lists a buyer's active wallets: the ones checkout offers.
func (s *Service) BuyerWallets(ctx context.Context, buyerID int64) ([]SavedWallet, error) {
	ws, err := s.db.BuyerWallets(ctx, buyerID, db.WalletActive)
	if err != nil {
		return nil, err
	}
	out := make([]SavedWallet, 0, len(ws))
	for _, w := range ws {
		out = append(out, savedWallet(w))
	}
	return out, nil
}

// Unlink takes a wallet out of checkout at once and revokes its token
// (API.md §4.3). An unknown outcome is retried in the background until
// Antom answers S. The asker waits Options.ActionWait at most: Antom
// silent then, the revoke goes on in the background and Unlink returns
// nil (the wallet is out of checkout already). actor is who asks, "buyer <email>" or "staff <email>":
// the wallet's timeline says it as theirs (askerEvent), and the admin's
// wallets page names them (walletEndReason).
func (s *Service) Unlink(ctx context.Context, buyerID, walletID int64, actor string) error {
	_, err := s.StartUnlink(ctx, buyerID, walletID, actor)
	return err
}

// StartUnlink is Unlink, reporting whether this call started the unlink:
// false, with a nil error, when the wallet was already being unlinked or
// had ended (another tab's Unlink, staff's, the wallet side's cancel) —
// nothing more is done then.
func (s *Service) StartUnlink(ctx context.Context, buyerID, walletID int64, actor string) (bool, error) {
	if _, err := s.walletFor(ctx, buyerID, walletID); err != nil {
		return false, err
	}
	ok, err := s.db.StartRevoke(ctx, walletID, s.now())
	if err != nil || !ok {
		return false, err // already unlinking or ended: nothing more to do
	}
	kind, by := askerEvent(actor)
	s.recordBy(ctx, nil, walletSubject(walletID), kind, by, unlinkAskedBy+actor)
	// The wallet is out of checkout already; the revoke outlives the
	// request (inActionWait), and the asker waits for it up to
	// Options.ActionWait. Antom silent then, it goes on under the
	// wallet's lease, and the reconciler sends it again if it ends
	// without an answer (the app stopped meanwhile).
	if err := s.inActionWait(ctx, func(ctx context.Context) bool {
		s.revoke(ctx, walletID)
		return true
	}); !errors.Is(err, ErrStillAsking) {
		return true, err
	}
	return true, nil
}

// revoke tries once, under the wallet's lease, to revoke a REVOKING
// wallet's token whose try is due. S, or Antom saying the token is
// already invalid, ends the wallet; anything else is tried again later
// with a growing pause.
func (s *Service) revoke(ctx context.Context, walletID int64) {
	s.leased(ctx, walletWork(walletID), func(ctx context.Context) { s.revokeLeased(ctx, walletID) })
}

func (s *Service) revokeLeased(ctx context.Context, walletID int64) {
	w, err := s.db.WalletByID(ctx, walletID)
	if err != nil || w.Status != db.WalletRevoking || w.RevokeNextAt.After(s.now()) {
		return
	}
	subject := walletSubject(walletID)
	token, err := s.sealer.Open(w.AccessTokenSealed, sealPurposeAccessToken)
	if err != nil {
		s.endWallet(ctx, w.ID, db.WalletRevoked, "token unreadable; nothing to revoke")
		return
	}
	_, err = s.antom.Revoke(withSubject(ctx, subject), &antom.RevokeRequest{AccessToken: antom.Secret(token)})
	switch {
	case err == nil:
		s.endWallet(ctx, w.ID, db.WalletRevoked, revokedReason)
	case antom.IsFailed(err) && failureCode(err) == "INVALID_ACCESS_TOKEN":
		s.endWallet(ctx, w.ID, db.WalletRevoked, "Antom says the token was already invalid")
	default:
		// The next try and its line go together, and only while the
		// wallet is still REVOKING: it may have ended meanwhile (a
		// notification that the token was cancelled; recordWhileOpen).
		// The pause already grows (RetryBase doubled per try, up to ~14
		// min at the default base: nothing of Antom's limits how late a
		// token may be revoked) and is kept in the database.
		pause := s.opts.RetryBase << min(w.RevokeAttempts, 12)
		why := unknownWhy(err)
		if antom.IsFailed(err) {
			why = " (" + failureCode(err) + ")"
		}
		s.recordWhileOpen(ctx, subject, EventState, "revoke not confirmed"+why+"; will try again in "+pauseWords(pause), func(ctx context.Context, q *db.Queries) (bool, error) {
			if err := q.RetryRevokeAt(ctx, w.ID, s.now().Add(pause), s.now()); err != nil {
				return false, err
			}
			w, err := q.WalletByID(ctx, w.ID)
			return err == nil && w.Status == db.WalletRevoking, err
		})
	}
}

func (s *Service) endWallet(ctx context.Context, id int64, status, reason string) {
	ok, err := s.db.EndWallet(ctx, id, []string{db.WalletActive, db.WalletRevoking}, status, reason, s.now())
	if err != nil {
		s.log.Error("end wallet", "wallet", id, "err", err)
	} else if ok {
		s.record(ctx, nil, walletSubject(id), EventState, status+": "+reason)
	}
}

// revokedReason is the end_reason of a wallet whose revoke Antom
// confirmed, by its answer (revokeLeased) or by a TOKEN_CANCELED that
// came while it was under way (applyTokenCanceled): staff's wallets page
// names who unlinked it (walletEndReason), and the buyer's box says
// nothing of it by name when the buyer asked (walletTelling's REVOKED rows).
const revokedReason = "revoked"

// applyTokenCanceled handles TOKEN_CANCELED: the token ended, so the
// wallet leaves checkout and is never charged again. Antom sends it when
// the link is cancelled from the wallet side or the merchant side
// (API.md §6.2): one that comes while our own revoke is under way
// (REVOKING) confirms that revoke, and ends the wallet REVOKED as the
// revoke's own answer does (revokeLeased), with its line — the buyer unlinked it here,
// and is never told it was cancelled in the wallet app. Otherwise the
// wallet side cancelled it: CANCELED. Each end is a compare-and-set, so
// a revoke answered meanwhile (the reconciler's, revokeLeased) ends the
// wallet once: the later of the two finds it ended and does nothing.
func (s *Service) applyTokenCanceled(ctx context.Context, q *db.Queries, parsed *antom.Notification) (outcome, error) {
	n, err := parsed.Authorization()
	if err != nil || n.AccessToken == "" {
		return outcome{verdict: VerdictQuarantined, detail: "TOKEN_CANCELED without accessToken"}, nil
	}
	w, err := q.WalletByTokenHash(ctx, s.sealer.Lookup(string(n.AccessToken)))
	if errors.Is(err, db.ErrNotFound) {
		return outcome{verdict: VerdictStale, detail: "unknown token"}, nil
	}
	if err != nil {
		return outcome{}, err
	}
	subject := walletSubject(w.ID)
	ok, err := q.EndWallet(ctx, w.ID, []string{db.WalletRevoking}, db.WalletRevoked, revokedReason, s.now())
	if err != nil {
		return outcome{}, err
	}
	if ok {
		// The line endWallet writes for the revoke's own answer, saying
		// what confirmed it.
		s.record(ctx, q, subject, EventState, db.WalletRevoked+": "+revokedReason+" (confirmed by Antom's TOKEN_CANCELED notification)")
		return outcome{verdict: VerdictApplied, subject: subject, detail: "our revoke confirmed"}, nil
	}
	reason := "cancelled in the wallet"
	if n.Reason != "" {
		reason += ": " + n.Reason
	}
	ok, err = q.EndWallet(ctx, w.ID, []string{db.WalletActive}, db.WalletCanceled, reason, s.now())
	if err != nil {
		return outcome{}, err
	}
	if !ok {
		w, err := q.WalletByID(ctx, w.ID)
		if err != nil {
			return outcome{}, err
		}
		return outcome{verdict: VerdictDuplicate, subject: subject, detail: "wallet already " + w.Status}, nil
	}
	return outcome{verdict: VerdictApplied, subject: subject, detail: reason}, nil
}
