package db_test

import (
	"testing"
	"time"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// newWallet inserts an ACTIVE wallet with a refresh token, of an
// account of its own (its userLoginId names the token: one ACTIVE wallet
// per account, migration 39).
func newWallet(t testing.TB, d *db.DB, buyer int64, tokenHash string) int64 {
	t.Helper()
	id, err := d.InsertWallet(ctx, db.Wallet{BuyerID: buyer, Wallet: "ALIPAY_CN", UserLoginID: "138****" + tokenHash,
		AccessTokenSealed: []byte("sealed-access"), AccessTokenHash: tokenHash, AccessTokenExpiresAt: t0.Add(time.Hour),
		RefreshTokenSealed: []byte("sealed-refresh"), RefreshTokenExpiresAt: t0.Add(24 * time.Hour),
		Status: db.WalletActive, LinkedAt: t0})
	check(t, err)
	return id
}

func TestLinkAttempts(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		buyer := newBuyer(t, d, "ann@example.com")
		insert := func(state string, expires time.Time) db.LinkAttempt {
			t.Helper()
			l := db.LinkAttempt{AuthState: state, BuyerID: buyer, Wallet: "ALIPAY_CN", ReturnTo: "/checkout/ORD-1",
				Status: db.LinkPending, CreatedAt: t0, ExpiresAt: expires, TerminalType: "WEB"}
			id, err := d.InsertLinkAttempt(ctx, l)
			check(t, err)
			l.ID, l.UpdatedAt = id, t0
			return l
		}
		l := insert("STATE-1", t0.Add(15*time.Minute))
		got, err := d.LinkAttemptByID(ctx, l.ID)
		check(t, err)
		eq(t, got, l, "by id")
		got, err = d.LinkAttemptByState(ctx, "STATE-1")
		check(t, err)
		eq(t, got, l, "by authState")
		_, err = d.LinkAttemptByState(ctx, "STATE-NONE")
		is(t, err, db.ErrNotFound, "unknown authState")
		_, err = d.LinkAttemptByID(ctx, l.ID+100)
		is(t, err, db.ErrNotFound, "unknown id")

		t1 := t0.Add(time.Minute)
		stored, err := d.SetLinkCode(ctx, l.ID, "https://qr.example/abc", t1)
		ok(t, stored, err, true, "store the QR code")
		got, _ = d.LinkAttemptByID(ctx, l.ID)
		eq(t, [2]any{got.CodeValue, got.UpdatedAt}, [2]any{"https://qr.example/abc", t1}, "the QR code value")

		// The time limit: PENDING attempts past it are listed, and an
		// expired one cannot be authorized.
		late := insert("STATE-LATE", t0.Add(time.Minute))
		past, err := d.PendingLinksPast(ctx, t0.Add(time.Minute))
		check(t, err)
		eq(t, len(past), 1, "pending attempts past their time")
		eq(t, past[0].ID, late.ID, "the late one")
		changed, err := d.AuthorizeLink(ctx, late.ID, []byte("code"), "code-hash", t0.Add(time.Minute))
		ok(t, changed, err, false, "authorize an expired attempt")
		changed, err = d.EndPendingLink(ctx, late.ID, db.LinkExpired, t0.Add(time.Minute))
		ok(t, changed, err, true, "end it as EXPIRED")
		changed, err = d.EndPendingLink(ctx, late.ID, db.LinkSuperseded, t0.Add(time.Minute))
		ok(t, changed, err, false, "end it again")

		changed, err = d.AuthorizeLink(ctx, l.ID, []byte("sealed-code"), "code-hash", t1)
		ok(t, changed, err, true, "authorize")
		changed, err = d.AuthorizeLink(ctx, l.ID, []byte("other"), "other", t1)
		ok(t, changed, err, false, "authorize twice")
		got, _ = d.LinkAttemptByID(ctx, l.ID)
		eq(t, []any{got.Status, got.AuthCodeSealed, got.AuthCodeHash, got.AuthorizedAt},
			[]any{db.LinkAuthorized, []byte("sealed-code"), "code-hash", t1}, "authorized")

		// applyToken's lease: one worker at a time until the lease ends.
		waiting, err := d.LinksAwaitingToken(ctx, t1)
		check(t, err)
		eq(t, len(waiting), 1, "awaiting a token, no lease")
		changed, err = d.ClaimApply(ctx, l.ID, t1, t1.Add(30*time.Second))
		ok(t, changed, err, true, "claim")
		changed, err = d.ClaimApply(ctx, l.ID, t1.Add(10*time.Second), t1.Add(40*time.Second))
		ok(t, changed, err, false, "claim while leased")
		waiting, err = d.LinksAwaitingToken(ctx, t1.Add(10*time.Second))
		check(t, err)
		eq(t, len(waiting), 0, "awaiting a token while leased")
		changed, err = d.ClaimApply(ctx, l.ID, t1.Add(31*time.Second), t1.Add(61*time.Second))
		ok(t, changed, err, true, "claim once the lease ended")
		got, _ = d.LinkAttemptByID(ctx, l.ID)
		eq(t, got.ApplyAttempts, 2, "apply attempts")

		wid := newWallet(t, d, buyer, "hash-1")
		changed, err = d.FinishLink(ctx, l.ID, wid, t1)
		ok(t, changed, err, true, "finish")
		changed, err = d.FinishLink(ctx, l.ID, wid, t1)
		ok(t, changed, err, false, "finish twice")
		got, _ = d.LinkAttemptByID(ctx, l.ID)
		eq(t, []any{got.Status, got.WalletID, got.AuthCodeSealed}, []any{db.LinkLinked, wid, []byte(nil)}, "linked, the code forgotten")

		other := insert("STATE-2", t0.Add(15*time.Minute))
		changed, err = d.FailLink(ctx, other.ID, "USER_NOT_EXIST", t1)
		ok(t, changed, err, true, "fail")
		changed, err = d.FailLink(ctx, other.ID, "USER_NOT_EXIST", t1)
		ok(t, changed, err, false, "fail twice")
		got, _ = d.LinkAttemptByID(ctx, other.ID)
		eq(t, [2]string{got.Status, got.FailureCode}, [2]string{db.LinkFailed, "USER_NOT_EXIST"}, "failed")
	})
}

func TestWallets(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		buyer := newBuyer(t, d, "ann@example.com")
		id := newWallet(t, d, buyer, "hash-1")
		want := db.Wallet{ID: id, BuyerID: buyer, Wallet: "ALIPAY_CN", UserLoginID: "138****hash-1",
			AccessTokenSealed: []byte("sealed-access"), AccessTokenHash: "hash-1", AccessTokenExpiresAt: t0.Add(time.Hour),
			RefreshTokenSealed: []byte("sealed-refresh"), RefreshTokenExpiresAt: t0.Add(24 * time.Hour),
			Status: db.WalletActive, LinkedAt: t0, UpdatedAt: t0}
		got, err := d.WalletByID(ctx, id)
		check(t, err)
		eq(t, got, want, "by id")
		got, err = d.WalletByTokenHash(ctx, "hash-1")
		check(t, err)
		eq(t, got, want, "by token hash")
		_, err = d.WalletByTokenHash(ctx, "hash-none")
		is(t, err, db.ErrNotFound, "unknown token hash")
		_, err = d.WalletByID(ctx, id+100)
		is(t, err, db.ErrNotFound, "unknown id")
		_, err = d.InsertWallet(ctx, want)
		is(t, err, db.ErrDuplicate, "the same access token again")

		// Refresh: ACTIVE wallets with a refresh token whose access token
		// expires before the time asked about.
		none, err := d.WalletsToRefresh(ctx, t0.Add(time.Hour))
		check(t, err)
		eq(t, len(none), 0, "to refresh before the access token's expiry")
		due, err := d.WalletsToRefresh(ctx, t0.Add(time.Hour+time.Second))
		check(t, err)
		eq(t, len(due), 1, "to refresh after it")
		t1 := t0.Add(time.Minute)
		fresh := want
		fresh.AccessTokenSealed, fresh.AccessTokenHash, fresh.AccessTokenExpiresAt = []byte("new-access"), "hash-2", t0.Add(2*time.Hour)
		fresh.RefreshTokenSealed, fresh.RefreshTokenExpiresAt = nil, time.Time{}
		changed, err := d.ReplaceTokens(ctx, fresh, t1)
		ok(t, changed, err, true, "replace tokens")
		got, _ = d.WalletByID(ctx, id)
		fresh.UpdatedAt = t1
		eq(t, got, fresh, "with new tokens and no refresh token")
		none, err = d.WalletsToRefresh(ctx, t0.Add(3*time.Hour))
		check(t, err)
		eq(t, len(none), 0, "to refresh without a refresh token")

		second := newWallet(t, d, buyer, "hash-3")
		active, err := d.BuyerWallets(ctx, buyer, db.WalletActive)
		check(t, err)
		eq(t, []int64{active[0].ID, active[1].ID}, []int64{second, id}, "active wallets, newest first")

		// Revoke: REVOKING until it answers, then final without tokens.
		changed, err = d.StartRevoke(ctx, id, t1)
		ok(t, changed, err, true, "start revoke")
		changed, err = d.StartRevoke(ctx, id, t1)
		ok(t, changed, err, false, "start it twice")
		toRevoke, err := d.WalletsToRevoke(ctx, t1)
		check(t, err)
		eq(t, len(toRevoke), 1, "wallets to revoke")
		check(t, d.RetryRevokeAt(ctx, id, t1.Add(time.Minute), t1))
		toRevoke, err = d.WalletsToRevoke(ctx, t1)
		check(t, err)
		eq(t, len(toRevoke), 0, "wallets to revoke before the retry")
		got, _ = d.WalletByID(ctx, id)
		eq(t, [2]any{got.RevokeAttempts, got.RevokeNextAt}, [2]any{1, t1.Add(time.Minute)}, "revoke attempts and next try")
		changed, err = d.ReplaceTokens(ctx, fresh, t1)
		ok(t, changed, err, false, "replace the tokens of a wallet being revoked")

		t2 := t0.Add(time.Hour)
		changed, err = d.EndWallet(ctx, id, []string{db.WalletActive}, db.WalletRevoked, "revoked by staff", t2)
		ok(t, changed, err, false, "end a REVOKING wallet as if ACTIVE")
		changed, err = d.EndWallet(ctx, id, []string{db.WalletActive, db.WalletRevoking}, db.WalletRevoked, "revoked by staff", t2)
		ok(t, changed, err, true, "end it")
		got, _ = d.WalletByID(ctx, id)
		eq(t, []any{got.Status, got.EndReason, got.EndedAt, got.AccessTokenSealed, got.RefreshTokenSealed},
			[]any{db.WalletRevoked, "revoked by staff", t2, []byte(nil), []byte(nil)}, "ended, tokens forgotten")

		active, err = d.BuyerWallets(ctx, buyer, db.WalletActive)
		check(t, err)
		eq(t, len(active), 1, "active wallets after one ended")
		nothing, err := d.BuyerWallets(ctx, buyer)
		check(t, err)
		eq(t, len(nothing), 0, "wallets in no status")
		all, err := d.AllBuyerWallets(ctx, buyer)
		check(t, err)
		eq(t, []int64{all[0].ID, all[1].ID}, []int64{second, id}, "all wallets, newest first")
	})
}

func TestCards(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		buyer := newBuyer(t, d, "ann@example.com")
		c := db.Card{BuyerID: buyer, TokenSealed: everyByte(), TokenHash: "card-1", Brand: "VISA", Last4: "4242",
			ExpiryMonth: "12", ExpiryYear: "2030", CreatedAt: t0}
		check(t, d.KeepCard(ctx, c))
		again := c
		again.Brand, again.CreatedAt = "MASTERCARD", t0.Add(time.Hour)
		check(t, d.KeepCard(ctx, again)) // the same token: nothing changes
		cards, err := d.BuyerCards(ctx, buyer, db.CardActive)
		check(t, err)
		eq(t, len(cards), 1, "cards after keeping one token twice")
		c.ID, c.Status = cards[0].ID, db.CardActive
		eq(t, cards[0], c, "the kept card, as first kept")
		got, err := d.CardByID(ctx, c.ID)
		check(t, err)
		eq(t, got, c, "by id")
		_, err = d.CardByID(ctx, c.ID+100)
		is(t, err, db.ErrNotFound, "unknown id")

		other := newBuyer(t, d, "bob@example.com")
		check(t, d.KeepCard(ctx, db.Card{BuyerID: other, TokenSealed: []byte("s"), TokenHash: "card-1", Brand: "VISA", Last4: "4242", CreatedAt: t0}))
		theirs, err := d.BuyerCards(ctx, other, db.CardActive)
		check(t, err)
		eq(t, len(theirs), 1, "another buyer keeps a card with the same token hash")

		changed, err := d.RemoveCard(ctx, c.ID, "staff staff@example.com", t0.Add(time.Minute))
		ok(t, changed, err, true, "remove")
		changed, err = d.RemoveCard(ctx, c.ID, "buyer a@example.com", t0.Add(time.Minute))
		ok(t, changed, err, false, "remove twice")
		got, _ = d.CardByID(ctx, c.ID)
		eq(t, [3]any{got.Status, got.TokenSealed, got.RemovedBy}, [3]any{db.CardRemoved, []byte(nil), "staff staff@example.com"},
			"removed, the token forgotten, who removed it kept (not the second try's)")
		active, err := d.BuyerCards(ctx, buyer, db.CardActive)
		check(t, err)
		eq(t, len(active), 0, "active cards after removing")
		both, err := d.BuyerCards(ctx, buyer, db.CardActive, db.CardRemoved)
		check(t, err)
		eq(t, len(both), 1, "cards in either status")
	})
}

// PendingLinkOf finds the buyer's newest PENDING attempt for a wallet
// and terminal type, with or without its QR code (or open URL) yet.
func TestPendingLinkOf(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		ann, bob := newBuyer(t, d, "ann@example.com"), newBuyer(t, d, "bob@example.com")
		insert := func(state string, buyer int64, wallet, terminal string) int64 {
			t.Helper()
			id, err := d.InsertLinkAttempt(ctx, db.LinkAttempt{AuthState: state, BuyerID: buyer, Wallet: wallet,
				Status: db.LinkPending, CreatedAt: t0, ExpiresAt: t0.Add(15 * time.Minute), TerminalType: terminal})
			check(t, err)
			return id
		}
		_, err := d.PendingLinkOf(ctx, ann, "GCASH", "WEB")
		is(t, err, db.ErrNotFound, "none yet")
		older := insert("S-1", ann, "GCASH", "WEB")
		newer := insert("S-2", ann, "GCASH", "WEB")
		wap := insert("S-3", ann, "GCASH", "WAP")
		insert("S-4", ann, "DANA", "WEB")
		insert("S-5", bob, "GCASH", "WEB")
		got, err := d.PendingLinkOf(ctx, ann, "GCASH", "WEB")
		check(t, err)
		eq(t, got.ID, newer, "the newest")
		stored, err := d.SetLinkCode(ctx, newer, "https://qr.example/abc", t0)
		ok(t, stored, err, true, "store the QR code")
		got, err = d.PendingLinkOf(ctx, ann, "GCASH", "WEB")
		check(t, err)
		eq(t, [2]any{got.ID, got.CodeValue}, [2]any{newer, "https://qr.example/abc"}, "the newest, with its QR code")
		changed, err := d.EndPendingLink(ctx, newer, db.LinkSuperseded, t0)
		ok(t, changed, err, true, "supersede the newer")
		got, err = d.PendingLinkOf(ctx, ann, "GCASH", "WEB")
		check(t, err)
		eq(t, got.ID, older, "once the newest has ended")
		changed, err = d.EndPendingLink(ctx, older, db.LinkSuperseded, t0)
		ok(t, changed, err, true, "supersede the older")
		_, err = d.PendingLinkOf(ctx, ann, "GCASH", "WEB")
		is(t, err, db.ErrNotFound, "none pending")
		stored, err = d.SetLinkOpenURL(ctx, wap, "https://wallet.example/open", t0)
		ok(t, stored, err, true, "store the open URL")
		got, err = d.PendingLinkOf(ctx, ann, "GCASH", "WAP")
		check(t, err)
		eq(t, [2]any{got.ID, got.OpenURL}, [2]any{wap, "https://wallet.example/open"}, "a phone's attempt with its open URL")
	})
}

// SetLinkCode and SetLinkOpenURL store a consult's answer on a PENDING
// attempt without one only: an answer arriving after the attempt ended
// (failed, expired) changes nothing, nor does a second answer.
func TestLateLinkAnswerNotStored(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		ann := newBuyer(t, d, "ann@example.com")
		insert := func(state, terminal string) int64 {
			t.Helper()
			id, err := d.InsertLinkAttempt(ctx, db.LinkAttempt{AuthState: state, BuyerID: ann, Wallet: "GCASH",
				Status: db.LinkPending, CreatedAt: t0, ExpiresAt: t0.Add(15 * time.Minute), TerminalType: terminal})
			check(t, err)
			return id
		}
		failed, expired, answered := insert("S-1", "WEB"), insert("S-2", "WAP"), insert("S-3", "WEB")
		changed, err := d.FailLink(ctx, failed, "UNKNOWN", t0)
		ok(t, changed, err, true, "fail")
		changed, err = d.EndPendingLink(ctx, expired, db.LinkExpired, t0)
		ok(t, changed, err, true, "expire")
		changed, err = d.SetLinkCode(ctx, failed, "https://qr.example/late", t0.Add(time.Minute))
		ok(t, changed, err, false, "a QR code for a failed attempt")
		changed, err = d.SetLinkOpenURL(ctx, expired, "https://wallet.example/late", t0.Add(time.Minute))
		ok(t, changed, err, false, "an open URL for an expired attempt")
		changed, err = d.SetLinkCode(ctx, answered, "https://qr.example/first", t0.Add(time.Minute))
		ok(t, changed, err, true, "the first answer")
		changed, err = d.SetLinkCode(ctx, answered, "https://qr.example/second", t0.Add(time.Minute))
		ok(t, changed, err, false, "a second answer")
		for id, want := range map[int64][3]string{failed: {"FAILED", "", ""}, expired: {"EXPIRED", "", ""}, answered: {"PENDING", "https://qr.example/first", ""}} {
			l, err := d.LinkAttemptByID(ctx, id)
			check(t, err)
			eq(t, [3]string{l.Status, l.CodeValue, l.OpenURL}, want, "the attempt afterwards")
		}
	})
}
