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
	sealPurposeTokenAnswer  = "apply-token-answer"

	// applyLease is how long one worker owns an authCode's applyToken (the
	// link's own lease, apply_lease_until, as long as every other lease).
	applyLease = leaseTime
	// applyDeadline ends a worker's applyToken calls well inside its lease,
	// so that no other worker sends the same authCode while an answer may
	// still come.
	applyDeadline = leaseWork
	// maxApplyClaims bounds how often applyToken is tried for one code;
	// the code lives a minute, so trying past that is pointless.
	maxApplyClaims = 6
)

// LinkAnswerLost is our failure code (Link.FailureCode) of a link whose
// applyToken was refused INVALID_AUTHCODE after an earlier applyToken
// with the same authCode went unanswered: the code is single-use (API.md
// §4.2), so the earlier call may have used it — Antom then issued a
// token we never received, and the buyer's wallet app may show the shop
// as linked although the shop could not finish the link (an orphaned
// link). A code refused with no earlier call keeps Antom's
// INVALID_AUTHCODE (expired, or used elsewhere).
const LinkAnswerLost = "TOKEN_ANSWER_LOST"

// applyAuthCodeCreated matches AUTHCODE_CREATED to its waiting authState
// and stores the authCode (sealed). applyToken follows after the commit.
// Waiting is PENDING, or SUPERSEDED by the buyer — who asked for a new
// code (RenewLink), or linked the wallet with an earlier one
// (SupersedeByLink) — and then agreed in the wallet to this one: their
// agreement is what they want, and the attempt links as a pending one
// would (its replacement, if still pending, ends once it has linked:
// saveWallet). An unknown or expired authState, or one declined, failed
// or linked, is recorded and yields no token; a repeat of the same code
// changes nothing.
func (s *Service) applyAuthCodeCreated(ctx context.Context, q *db.Queries, parsed *antom.Notification) (outcome, error) {
	n, err := parsed.Authorization()
	if err != nil || n.AuthState == "" || n.AuthCode == "" {
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
	// An authCode is single-use and belongs to one attempt: seen on
	// another one, it is held for staff and never applied twice.
	switch other, err := q.LinkAttemptByAuthCode(ctx, codeHash); {
	case err == nil:
		return outcome{verdict: VerdictQuarantined, subject: subject,
			detail: fmt.Sprintf("authCode already received for link attempt %d", other.ID)}, nil
	case !errors.Is(err, db.ErrNotFound):
		return outcome{}, err
	}
	now := s.now()
	if !awaitsAgreement(l, now) {
		return outcome{verdict: VerdictStale, subject: subject, detail: "attempt is " + lowerStatus(l, now)}, nil
	}
	sealed := s.sealer.Seal([]byte(n.AuthCode), sealPurposeAuthCode)
	if ok, err := q.AuthorizeLink(ctx, l.ID, sealed, codeHash, now); err != nil || !ok {
		return outcome{verdict: VerdictStale, subject: subject, detail: "attempt changed meanwhile"}, err
	}
	if l.Status == db.LinkSuperseded {
		s.record(ctx, q, subject, EventBuyer, "agreed in the wallet to this code after it was replaced: linking with it")
	}
	id := l.ID
	return outcome{verdict: VerdictApplied, subject: subject, after: func(ctx context.Context) {
		s.hub.Publish(LinkSubject(id))
		s.background(ctx, func(ctx context.Context) { s.completeLink(ctx, id) })
	}}, nil
}

// awaitsAgreement reports whether attempt l takes an authCode at now:
// PENDING or SUPERSEDED (the buyer's own RenewLink, or an earlier
// attempt's link: never the wallet's nor time's end), within its time,
// and holding no code yet.
func awaitsAgreement(l db.LinkAttempt, now time.Time) bool {
	return (l.Status == db.LinkPending || l.Status == db.LinkSuperseded) && l.AuthCodeHash == "" && now.Before(l.ExpiresAt)
}

// lowerStatus says why attempt l takes no authCode at now, for the inbox.
func lowerStatus(l db.LinkAttempt, now time.Time) string {
	switch {
	case l.Status == db.LinkPending && !now.Before(l.ExpiresAt):
		return "expired"
	case l.Status == db.LinkSuperseded && !now.Before(l.ExpiresAt):
		return "SUPERSEDED and past its time (expired)"
	}
	return l.Status
}

// completeLink exchanges the stored authCode for tokens (applyToken,
// API.md §4.2): once per authCode — a lease makes sure only one worker
// tries — and retried with identical parameters on an unknown outcome
// while the attempt is still AUTHORIZED (retryWhileOpen).
// S is kept (sealed) on the attempt before anything else, then saves the
// wallet; a kept answer is finished from, never asked for again (an
// authCode is single-use). F fails the attempt (the page offers a new
// QR); still unknown leaves it for the reconciler while the code may live.
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
	if resp, ok := s.held.Load(id); ok {
		s.keepTokenAnswer(ctx, id, resp.(*antom.ApplyTokenResponse))
		s.saveWallet(ctx, l, resp.(*antom.ApplyTokenResponse))
		return
	}
	kept, err := s.db.LinkTokenAnswer(ctx, id)
	if err != nil {
		s.log.Error("complete link", "link", id, "err", err)
		return
	}
	if kept != nil {
		s.finishFromKept(ctx, l, kept)
		return
	}
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
	callCtx, cancel := context.WithTimeout(withSubject(ctx, subject), applyDeadline)
	defer cancel()
	var resp *antom.ApplyTokenResponse
	// unanswered: an earlier applyToken with this authCode may have been
	// sent and got no final answer — an earlier claim's (the app stopped,
	// or the outcome stayed unknown) or an earlier call of this claim's
	// (retryWhileOpen sends again only then) — so Antom may have used the
	// code and issued a token we never received.
	unanswered := l.ApplyAttempts > 1
	calls := 0
	_, err = s.retryWhileOpen(callCtx, 4, linkOpen(id, db.LinkAuthorized), func() error {
		unanswered = unanswered || calls > 0
		calls++
		var err error
		resp, err = s.antom.ApplyToken(callCtx, req)
		return err
	})
	switch {
	case err == nil && resp.AccessToken != "":
		s.held.Store(id, resp)
		s.keepTokenAnswer(ctx, id, resp)
		s.saveWallet(ctx, l, resp)
	case err == nil:
		s.failLink(ctx, id, "NO_ACCESS_TOKEN", "applyToken answered S without a token")
	case antom.IsFailed(err) && failureCode(err) == antom.CodeInvalidAuthCode && unanswered:
		s.failLink(ctx, id, LinkAnswerLost, "applyToken refused the authCode (INVALID_AUTHCODE) after an earlier applyToken with it went unanswered")
	case antom.IsFailed(err):
		s.failLink(ctx, id, failureCode(err), "applyToken failed")
	default:
		// Said only while the attempt is still AUTHORIZED (tried again by
		// the reconciler): it may have ended meanwhile (recordWhileOpen).
		s.recordWhileOpen(ctx, subject, EventState, "applyToken outcome unknown; will try again", linkOpen(id, db.LinkAuthorized))
	}
}

// keepTokenAnswer stores applyToken's S answer, sealed, on the attempt:
// with the authCode spent, it is the only way to the wallet's tokens. A
// store that fails is tried again a few times; the caller goes on to save
// the wallet from memory either way.
func (s *Service) keepTokenAnswer(ctx context.Context, id int64, resp *antom.ApplyTokenResponse) {
	body, err := json.Marshal(resp)
	if err != nil {
		s.log.Error("keep applyToken answer", "link", id, "err", err)
		return
	}
	sealed := s.sealer.Seal(body, sealPurposeTokenAnswer)
	pause := s.opts.RetryBase
	for try := 1; ; try++ {
		_, err := s.db.KeepTokenAnswer(ctx, id, sealed, s.now())
		if err == nil {
			return
		}
		s.log.Error("keep applyToken answer", "link", id, "try", try, "err", err)
		if try == 5 {
			return
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(pause):
		}
		pause *= 2
	}
}

// finishFromKept saves the wallet from the applyToken answer kept on the
// attempt, without calling Antom.
func (s *Service) finishFromKept(ctx context.Context, l db.LinkAttempt, sealed []byte) {
	var resp antom.ApplyTokenResponse
	body, err := s.sealer.Open(sealed, sealPurposeTokenAnswer)
	if err == nil {
		err = json.Unmarshal(antom.TextJSON(body), &resp)
	}
	if err != nil || resp.AccessToken == "" {
		s.failLink(ctx, l.ID, "ANSWER_UNREADABLE", "the kept applyToken answer does not open")
		return
	}
	s.record(ctx, nil, LinkSubject(l.ID), EventState, "finishing from the kept applyToken answer (the authCode is not sent again)")
	s.saveWallet(ctx, l, &resp)
}

// failLink fails an AUTHORIZED attempt once its authCode gave no token,
// and says so on the inbox row of the AUTHCODE_CREATED that authorized
// it: VerdictFailed with why and Antom's code, not "applied" (nothing was
// linked). Both change in one transaction.
func (s *Service) failLink(ctx context.Context, id int64, code, why string) {
	subject := LinkSubject(id)
	err := s.db.Tx(ctx, func(q *db.Queries) error {
		ok, err := q.FailLink(ctx, id, code, s.now())
		if err != nil || !ok {
			return err
		}
		linked := "nothing was linked"
		if code == LinkAnswerLost {
			linked = "Antom may hold a token for it (an orphaned link) that we never received"
		}
		if _, err := q.FailAppliedNotification(ctx, subject, antom.NotifyAuthCodeCreated,
			fmt.Sprintf("link failed: %s (%s); %s", why, code, linked)); err != nil {
			return err
		}
		s.record(ctx, q, subject, EventState, fmt.Sprintf("failed: %s (%s)", why, code))
		return nil
	})
	if err != nil {
		s.log.Error("fail link", "link", id, "err", err)
	}
}

// saveWallet stores the tokens sealed and marks the attempt LINKED, in one
// transaction that also drops the kept answer and ends the buyer's other
// attempts for the wallet still waiting (endOtherLinks). The same account linked
// before (same wallet, same userLoginId: db.InsertWalletReplacing) is
// replaced in that transaction — it leaves checkout at once — and its
// token revoked at Antom afterwards, as an unlink is (revoke; the
// reconciler sends a revoke in doubt again): a buyer never has two
// wallets of one account, even when two links of it finish together.
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
	var replaced, ended []int64
	err := s.db.Tx(ctx, func(q *db.Queries) error {
		wid, olds, err := q.InsertWalletReplacing(ctx, w)
		if err != nil {
			return err
		}
		replaced = olds
		ok, err := q.FinishLink(ctx, l.ID, wid, now)
		if err != nil {
			return err
		}
		if !ok {
			return errLinkMoved
		}
		if err := q.ForgetTokenAnswer(ctx, l.ID); err != nil {
			return err
		}
		if ended, err = s.endOtherLinks(ctx, q, l, wid, now); err != nil {
			return err
		}
		s.record(ctx, q, LinkSubject(l.ID), EventState, "linked "+BrandName(l.Wallet)+" "+resp.UserLoginID)
		s.record(ctx, q, walletSubject(wid), EventState, fmt.Sprintf("linked from attempt %d", l.ID))
		for _, old := range olds {
			s.record(ctx, q, walletSubject(old), EventState, fmt.Sprintf("replaced by wallet %d: the same %s account (%s) was linked again; revoking this one's token",
				wid, BrandName(l.Wallet), resp.UserLoginID))
			s.record(ctx, q, walletSubject(wid), EventState, fmt.Sprintf("replaces wallet %d, the same account linked before", old))
		}
		return nil
	})
	switch {
	case errors.Is(err, errLinkMoved):
		s.log.Warn("save wallet: the attempt was finished meanwhile", "link", l.ID)
	case err != nil:
		s.log.Error("save wallet; the reconciler finishes from the kept answer", "link", l.ID, "err", err)
		return
	}
	s.held.Delete(l.ID)
	if err != nil {
		return // rolled back: nothing was replaced
	}
	for _, id := range ended {
		s.hub.Publish(LinkSubject(id))
	}
	for _, old := range replaced {
		s.background(ctx, func(ctx context.Context) { s.revoke(ctx, old) })
	}
}

// errLinkMoved means a link attempt left AUTHORIZED while its wallet was
// being saved (another worker finished it).
var errLinkMoved = errors.New("checkout: link attempt is no longer AUTHORIZED")

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
