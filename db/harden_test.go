package db_test

import (
	"testing"
	"time"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// A success taken back from a throttle's count leaves the other tries
// counted, and never goes below zero.
func TestUncountSigninFailure(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		since := t0.Add(-15 * time.Minute)
		check(t, d.AddSigninFailure(ctx, "buyer|addr:192.0.2.1", since, t0))
		check(t, d.AddSigninFailure(ctx, "buyer|addr:192.0.2.1", since, t0))
		check(t, d.UncountSigninFailure(ctx, "buyer|addr:192.0.2.1"))
		n, _, err := d.SigninFailures(ctx, "buyer|addr:192.0.2.1", since)
		check(t, err)
		eq(t, n, 1, "failures after one is taken back")
		check(t, d.UncountSigninFailure(ctx, "buyer|addr:192.0.2.1"))
		check(t, d.UncountSigninFailure(ctx, "buyer|addr:192.0.2.1"))
		n, _, err = d.SigninFailures(ctx, "buyer|addr:192.0.2.1", since)
		check(t, err)
		eq(t, n, 0, "failures never below zero")
		check(t, d.UncountSigninFailure(ctx, "no such key"))
	})
}

// applyToken's answer is kept once, on an AUTHORIZED attempt only, and
// forgotten; an authCode belongs to one attempt.
func TestLinkTokenAnswers(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		buyer := newBuyer(t, d, "link@example.com")
		attempt := func(state string) int64 {
			id, err := d.InsertLinkAttempt(ctx, db.LinkAttempt{AuthState: state, BuyerID: buyer, Wallet: "GCASH",
				ReturnTo: "/wallets", Status: db.LinkPending, CreatedAt: t0, ExpiresAt: t0.Add(15 * time.Minute)})
			check(t, err)
			return id
		}
		first, second := attempt("state-1"), attempt("state-2")
		changed, err := d.KeepTokenAnswer(ctx, first, []byte("sealed answer"), t0)
		ok(t, changed, err, false, "keep an answer on a PENDING attempt")
		changed, err = d.AuthorizeLink(ctx, first, []byte("sealed code"), "code-hash-1", t0)
		ok(t, changed, err, true, "authorize")
		_, err = d.AuthorizeLink(ctx, second, []byte("sealed code"), "code-hash-1", t0)
		if err == nil {
			t.Fatal("one authCode stored on two attempts")
		}
		got, err := d.LinkAttemptByAuthCode(ctx, "code-hash-1")
		check(t, err)
		eq(t, got.ID, first, "attempt of the authCode")
		_, err = d.LinkAttemptByAuthCode(ctx, "no-such-hash")
		is(t, err, db.ErrNotFound, "unknown authCode")

		kept, err := d.LinkTokenAnswer(ctx, first)
		check(t, err)
		eq(t, len(kept), 0, "no answer kept yet")
		changed, err = d.KeepTokenAnswer(ctx, first, []byte("sealed answer"), t0)
		ok(t, changed, err, true, "keep the answer")
		changed, err = d.KeepTokenAnswer(ctx, first, []byte("another answer"), t0)
		ok(t, changed, err, false, "keep a second answer")
		kept, err = d.LinkTokenAnswer(ctx, first)
		check(t, err)
		eq(t, string(kept), "sealed answer", "kept answer")
		check(t, d.ForgetTokenAnswer(ctx, first))
		kept, err = d.LinkTokenAnswer(ctx, first)
		check(t, err)
		eq(t, len(kept), 0, "answer after it is forgotten")
	})
}

// The newest sealed value is a wallet's access token, else a card's
// token, else a notification body; nothing sealed, nothing found.
func TestNewestSealed(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		_, found, err := d.NewestSealed(ctx)
		check(t, err)
		eq(t, found, false, "found in an empty database")
		_, err = d.InsertNotification(ctx, db.Notification{ReceivedAt: t0, Kind: "PAYMENT_RESULT", RequestTime: "t",
			BodySealed: []byte("sealed body"), BodyRedacted: "{}", Verdict: "applied"})
		check(t, err)
		s, found, err := d.NewestSealed(ctx)
		check(t, err)
		eq(t, []any{found, s.Kind, string(s.Sealed)}, []any{true, db.SealedNotification, "sealed body"}, "a notification body")
		buyer := newBuyer(t, d, "sealed@example.com")
		check(t, d.KeepCard(ctx, db.Card{BuyerID: buyer, TokenSealed: []byte("sealed card"), TokenHash: "c1", Brand: "VISA",
			Last4: "4242", Status: db.CardActive, CreatedAt: t0}))
		s, _, err = d.NewestSealed(ctx)
		check(t, err)
		eq(t, []any{s.Kind, string(s.Sealed)}, []any{db.SealedCardToken, "sealed card"}, "a card token before a body")
		_, err = d.InsertWallet(ctx, db.Wallet{BuyerID: buyer, Wallet: "GCASH", UserLoginID: "0917****123",
			AccessTokenSealed: []byte("sealed token"), AccessTokenHash: "w1", Status: db.WalletActive, LinkedAt: t0})
		check(t, err)
		s, _, err = d.NewestSealed(ctx)
		check(t, err)
		eq(t, []any{s.Kind, string(s.Sealed)}, []any{db.SealedAccessToken, "sealed token"}, "an access token first")
	})
}
