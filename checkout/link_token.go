package checkout

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"antom-checkout/antom"
	"antom-checkout/db"
)

const (
	sealPurposeAuthCode     = "auth-code"
	sealPurposeAccessToken  = "access-token"
	sealPurposeRefreshToken = "refresh-token"

	// applyLease is how long one worker owns an authCode's applyToken.
	applyLease = 20 * time.Second
	// maxApplyClaims bounds how often applyToken is tried for one code;
	// the code lives a minute, so trying past that is pointless.
	maxApplyClaims = 6
)

// applyAuthCodeCreated matches AUTHCODE_CREATED to its pending authState
// and stores the authCode (sealed). applyToken follows after the commit.
// An unknown, expired or superseded authState is recorded and yields no
// token; a repeat of the same code changes nothing.
func (s *Service) applyAuthCodeCreated(ctx context.Context, q *db.Queries, body []byte) (outcome, error) {
	var n antom.NotifyAuthorization
	if err := json.Unmarshal(body, &n); err != nil || n.AuthState == "" || n.AuthCode == "" {
		return outcome{verdict: VerdictQuarantined, detail: "AUTHCODE_CREATED without authState or authCode"}, nil
	}
	l, err := q.LinkAttemptByState(ctx, n.AuthState)
	if errors.Is(err, db.ErrNotFound) {
		return outcome{verdict: VerdictStale, detail: "unknown authState"}, nil
	}
	if err != nil {
		return outcome{}, err
	}
	subject := LinkSubject(l.ID)
	codeHash := s.sealer.Lookup(string(n.AuthCode))
	if l.AuthCodeHash == codeHash {
		return outcome{verdict: VerdictDuplicate, subject: subject}, nil
	}
	now := s.now()
	if l.Status != db.LinkPending || !now.Before(l.ExpiresAt) {
		return outcome{verdict: VerdictStale, subject: subject, detail: "attempt is " + lowerStatus(l, now)}, nil
	}
	sealed := s.sealer.Seal([]byte(n.AuthCode), sealPurposeAuthCode)
	if ok, err := q.AuthorizeLink(ctx, l.ID, sealed, codeHash, now); err != nil || !ok {
		return outcome{verdict: VerdictStale, subject: subject, detail: "attempt changed meanwhile"}, err
	}
	id := l.ID
	return outcome{verdict: VerdictApplied, subject: subject, after: func(ctx context.Context) {
		s.hub.Publish(LinkSubject(id))
		s.background(ctx, func(ctx context.Context) { s.completeLink(ctx, id) })
	}}, nil
}

func lowerStatus(l db.LinkAttempt, now time.Time) string {
	if l.Status == db.LinkPending && !now.Before(l.ExpiresAt) {
		return "expired"
	}
	return l.Status
}

// completeLink exchanges the stored authCode for tokens (applyToken,
// API.md §4.2): once per authCode — a lease makes sure only one worker
// tries — and retried with identical parameters on an unknown outcome.
// S saves the wallet; F fails the attempt (the page offers a new QR);
// still unknown leaves it for the reconciler while the code may live.
func (s *Service) completeLink(ctx context.Context, id int64) {
	now := s.now()
	ok, err := s.db.ClaimApply(ctx, id, now, now.Add(applyLease))
	if err != nil || !ok {
		return
	}
	l, err := s.db.LinkAttemptByID(ctx, id)
	if err != nil {
		s.log.Error("complete link", "link", id, "err", err)
		return
	}
	subject := LinkSubject(id)
	defer s.hub.Publish(subject)
	if l.ApplyAttempts > maxApplyClaims {
		s.failLink(ctx, id, "UNKNOWN", "applyToken never answered")
		return
	}
	code, err := s.sealer.Open(l.AuthCodeSealed, sealPurposeAuthCode)
	if err != nil {
		s.failLink(ctx, id, "AUTHCODE_UNREADABLE", "the stored authCode does not open")
		return
	}
	req := &antom.ApplyTokenRequest{GrantType: antom.GrantAuthorizationCode, CustomerBelongsTo: l.Wallet, AuthCode: antom.Secret(code)}
	var resp *antom.ApplyTokenResponse
	err = s.retryUnknown(withSubject(ctx, subject), 4, func() error {
		var err error
		resp, err = s.antom.ApplyToken(withSubject(ctx, subject), req)
		return err
	})
	switch {
	case err == nil && resp.AccessToken != "":
		s.saveWallet(ctx, l, resp)
	case err == nil:
		s.failLink(ctx, id, "NO_ACCESS_TOKEN", "applyToken answered S without a token")
	case antom.IsFailed(err):
		s.failLink(ctx, id, failureCode(err), "applyToken failed")
	default:
		s.record(ctx, nil, subject, EventState, "applyToken outcome unknown; will try again")
	}
}

func (s *Service) failLink(ctx context.Context, id int64, code, why string) {
	if ok, err := s.db.FailLink(ctx, id, code, s.now()); err != nil {
		s.log.Error("fail link", "link", id, "err", err)
	} else if ok {
		s.record(ctx, nil, LinkSubject(id), EventState, fmt.Sprintf("failed: %s (%s)", why, code))
	}
}

// saveWallet stores the tokens sealed and marks the attempt LINKED, in one
// transaction.
func (s *Service) saveWallet(ctx context.Context, l db.LinkAttempt, resp *antom.ApplyTokenResponse) {
	now := s.now()
	w := db.Wallet{
		BuyerID:     l.BuyerID,
		Wallet:      l.Wallet,
		UserLoginID: resp.UserLoginID,
		Status:      db.WalletActive,
		LinkedAt:    now,
	}
	s.setTokens(&w, resp)
	err := s.db.Tx(ctx, func(q *db.Queries) error {
		wid, err := q.InsertWallet(ctx, w)
		if err != nil {
			return err
		}
		ok, err := q.FinishLink(ctx, l.ID, wid, now)
		if err != nil {
			return err
		}
		if !ok {
			return errors.New("link attempt is no longer AUTHORIZED")
		}
		s.record(ctx, q, LinkSubject(l.ID), EventState, "linked "+BrandName(l.Wallet)+" "+resp.UserLoginID)
		s.record(ctx, q, walletSubject(wid), EventState, fmt.Sprintf("linked from attempt %d", l.ID))
		return nil
	})
	if err != nil {
		s.log.Error("save wallet", "link", l.ID, "err", err)
	}
}

// setTokens seals the tokens of an applyToken answer into w.
func (s *Service) setTokens(w *db.Wallet, resp *antom.ApplyTokenResponse) {
	w.AccessTokenSealed = s.sealer.Seal([]byte(resp.AccessToken), sealPurposeAccessToken)
	w.AccessTokenHash = s.sealer.Lookup(string(resp.AccessToken))
	w.AccessTokenExpiresAt = parseAntomTime(resp.AccessTokenExpiryTime)
	w.RefreshTokenSealed = nil
	w.RefreshTokenExpiresAt = time.Time{}
	if resp.RefreshToken != "" {
		w.RefreshTokenSealed = s.sealer.Seal([]byte(resp.RefreshToken), sealPurposeRefreshToken)
		w.RefreshTokenExpiresAt = parseAntomTime(resp.RefreshTokenExpiryTime)
	}
}

// parseAntomTime reads Antom's ISO-8601 times; zero when absent or odd.
func parseAntomTime(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}
	}
	return t
}
