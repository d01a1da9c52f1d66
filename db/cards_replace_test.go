package db_test

import (
	"fmt"
	"testing"
	"time"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// The same card kept again replaces the one kept before — and those it
// replaced — and nothing else: not another buyer's, not another card,
// not a card whose expiry is unknown, not one the buyer removed.
func TestReplaceSameCard(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		buyer, other := newBuyer(t, d, "ann@example.com"), newBuyer(t, d, "bob@example.com")
		at := t0
		keep := func(buyerID int64, hash, last4, month string) int64 {
			t.Helper()
			at = at.Add(time.Minute)
			check(t, d.KeepCard(ctx, db.Card{BuyerID: buyerID, TokenSealed: []byte("sealed " + hash), TokenHash: hash,
				Brand: "VISA", Last4: last4, ExpiryMonth: month, ExpiryYear: "2030", CreatedAt: at}))
			var id int64
			check(t, d.Raw().QueryRowContext(ctx, `SELECT id FROM cards WHERE buyer_id = ? AND token_hash = ?`, buyerID, hash).Scan(&id))
			return id
		}
		replace := func(buyerID int64, hash string) []int64 {
			t.Helper()
			ids, err := d.ReplaceSameCard(ctx, buyerID, hash, at)
			check(t, err)
			return ids
		}
		state := func(id int64) string {
			t.Helper()
			c, err := d.CardByID(ctx, id)
			check(t, err)
			return fmt.Sprintf("%s by %d token %v", c.Status, c.ReplacedBy, c.TokenSealed != nil)
		}

		first := keep(buyer, "h1", "4242", "12")
		eq(t, replace(buyer, "h1"), []int64(nil), "the first card replaces nothing")
		theirs := keep(other, "o1", "4242", "12")
		otherCard := keep(buyer, "h2", "4242", "11") // another expiry: another card
		noExpiry := keep(buyer, "h3", "4242", "")
		removed := keep(buyer, "h4", "4242", "12")
		changed, err := d.RemoveCard(ctx, removed, "buyer a@example.com", at)
		ok(t, changed, err, true, "removed by the buyer")
		removedAt := at
		second := keep(buyer, "h5", "4242", "12")
		eq(t, replace(buyer, "h5"), []int64{first}, "the same card again replaces the first")
		firstReplacedAt := at
		eq(t, state(first), fmt.Sprintf("REMOVED by %d token false", second), "the first")
		eq(t, state(second), "ACTIVE by 0 token true", "the second")
		for what, id := range map[string]int64{"another buyer's": theirs, "another expiry": otherCard, "no expiry": noExpiry} {
			eq(t, state(id), "ACTIVE by 0 token true", what)
		}
		eq(t, state(removed), "REMOVED by 0 token false", "the card the buyer removed")
		eq(t, replace(buyer, "h3"), []int64(nil), "a card of unknown expiry replaces nothing")

		// A third time: the newest stands for both before it.
		third := keep(buyer, "h6", "4242", "12")
		eq(t, replace(buyer, "h6"), []int64{second}, "the third replaces the second")
		eq(t, [2]string{state(first), state(second)}, [2]string{fmt.Sprintf("REMOVED by %d token false", third), fmt.Sprintf("REMOVED by %d token false", third)}, "both before")
		// Each says when it was removed: the first when it was replaced,
		// not again now; the card the buyer removed when they did.
		eq(t, [3]time.Time{cardRemovedAt(t, d, first), cardRemovedAt(t, d, second), cardRemovedAt(t, d, removed)},
			[3]time.Time{firstReplacedAt, at, removedAt}, "removal times")
		eq(t, cardRemovedAt(t, d, third).IsZero(), true, "no removal time while active")
		active, err := d.BuyerCards(ctx, buyer, db.CardActive)
		check(t, err)
		eq(t, len(active), 3, "active cards: the third, another expiry, no expiry")

		// A token kept again for a card the buyer removed brings nothing back
		// and replaces nothing.
		eq(t, replace(buyer, "h4"), []int64(nil), "a removed card replaces nothing")
		eq(t, state(third), "ACTIVE by 0 token true", "the third, after")
	})
}

// Migration 21 leaves one of each card a buyer kept twice or more (the
// newest), pointing the older to it, and nothing else changed.
func TestMigration21KeepsTheNewestOfTheSameCard(t *testing.T) {
	for _, b := range backends {
		t.Run(string(b), func(t *testing.T) {
			source := dbtest.Source(t, b)
			old, err := db.OpenAt(ctx, source, 20)
			check(t, err)
			buyer, other := newBuyer(t, old, "ann@example.com"), newBuyer(t, old, "bob@example.com")
			type row struct {
				buyer                     int64
				hash, last4, month, state string
			}
			rows := []row{
				{buyer, "a1", "4242", "12", "ACTIVE"},  // 1: replaced by 4
				{buyer, "a2", "4242", "12", "REMOVED"}, // 2: removed by the buyer: stays as it is
				{buyer, "a3", "4444", "12", "ACTIVE"},  // 3: another card
				{buyer, "a4", "4242", "12", "ACTIVE"},  // 4: replaced by 5
				{buyer, "a5", "4242", "12", "ACTIVE"},  // 5: the newest: stays
				{other, "b1", "4242", "12", "ACTIVE"},  // 6: another buyer's
				{buyer, "a6", "4242", "", "ACTIVE"},    // 7: expiry unknown
				{buyer, "a7", "4242", "", "ACTIVE"},    // 8: expiry unknown
			}
			for i, r := range rows {
				created := t0.Add(time.Duration(i) * time.Minute).Format("2006-01-02T15:04:05.000000000Z")
				var sealed any = []byte("sealed " + r.hash)
				if r.state == "REMOVED" {
					sealed = nil
				}
				_, err := old.Raw().ExecContext(ctx, `INSERT INTO cards (id, buyer_id, token_sealed, token_hash, brand, last4, expiry_month, expiry_year,
					status, created_at, updated_at) VALUES (?, ?, ?, ?, 'VISA', ?, ?, '2030', ?, ?, ?)`,
					i+1, r.buyer, sealed, r.hash, r.last4, r.month, r.state, created, created)
				check(t, err)
			}
			check(t, old.Close())

			d, err := db.Open(ctx, source)
			check(t, err)
			defer d.Close()
			var got []string
			for i := range rows {
				c, err := d.CardByID(ctx, int64(i+1))
				check(t, err)
				got = append(got, fmt.Sprintf("%d %s by %d token %v", c.ID, c.Status, c.ReplacedBy, c.TokenSealed != nil))
			}
			eq(t, got, []string{
				"1 REMOVED by 5 token false", "2 REMOVED by 0 token false", "3 ACTIVE by 0 token true", "4 REMOVED by 5 token false",
				"5 ACTIVE by 0 token true", "6 ACTIVE by 0 token true", "7 ACTIVE by 0 token true", "8 ACTIVE by 0 token true",
			}, "cards after migration 21")
			c, err := d.CardByID(ctx, 1)
			check(t, err)
			eq(t, c.CreatedAt, t0, "created_at kept")
		})
	}
}

// cardRemovedAt is when card id was removed (zero: not removed, or not known).
func cardRemovedAt(t *testing.T, d *db.DB, id int64) time.Time {
	t.Helper()
	c, err := d.CardByID(ctx, id)
	check(t, err)
	return c.RemovedAt
}
