package db_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/alexedwards/scs/v2"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
	"antom-checkout/internal/sessioncodec"
)

// In a request made WithSessionBuyer (alone, or WithCheckoutRead too),
// on either backend, FindSession finds what it finds without, and
// BuyerByID answers what a read of its own answers — for a session naming a buyer, another
// buyer's, one no longer there, none, one gob wrote before sessioncodec,
// an expired one and a missing one.
func TestFindSessionWithSessionBuyer(t *testing.T) {
	buyerID, noSuchKey := db.NewSessionBuyer("buyer_id"), db.NewSessionBuyer("no_such_key")
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		ann, ben := newBuyer(t, d, "ann@shop.example"), newBuyer(t, d, "ben@shop.example")
		order := newOrder(t, d, "ORD-SB-1", ann, "USD", 725)
		sessions := scsStore(d)
		live, past := time.Now().Add(time.Hour), time.Now().Add(-time.Second)
		commit := func(token string, codec scs.Codec, values map[string]any, expiry time.Time) {
			b, err := codec.Encode(expiry, values)
			check(t, err)
			check(t, sessions.Commit(token, b, expiry))
		}
		json := sessioncodec.Codec{}
		commit("ann", json, map[string]any{"buyer_id": ann}, live)
		commit("ben", json, map[string]any{"staff_id": ann, "buyer_id": ben}, live)
		commit("gone", json, map[string]any{"buyer_id": ben + 100}, live)
		commit("guest", json, map[string]any{"guest_key": "k", "orders": []string{order.Ref}}, live)
		// `"buyer_id":` in the data, not as an int64 value's name.
		commit("string", json, map[string]any{"buyer_id": fmt.Sprint(ann)}, live)
		// In gob's layout, the same bytes stand unescaped in a string.
		commit("gob", scs.GobCodec{}, map[string]any{"buyer_id": ann, "notice": fmt.Sprintf(`{"int64":{"buyer_id":%d}}`, ben)}, live)
		// JSON that PostgreSQL's jsonb refuses (a NUL in a string).
		commit("nul", json, map[string]any{"buyer_id": ann, "notice": "a\x00b"}, live)
		commit("expired", json, map[string]any{"buyer_id": ann}, past)

		for _, token := range []string{"ann", "ben", "gone", "guest", "string", "gob", "nul", "expired", "never"} {
			for _, checkout := range []bool{false, true} {
				what := fmt.Sprintf("%s session (checkout page: %v)", token, checkout)
				wantData, wantFound, err := d.FindSession(ctx, token)
				check(t, err)
				rctx := d.WithSessionBuyer(ctx, &buyerID)
				if checkout {
					rctx = db.WithCheckoutRead(rctx, order.Ref)
				}
				data, found, err := d.FindSession(rctx, token)
				check(t, err)
				eq(t, found, wantFound, what+": found")
				eq(t, string(data), string(wantData), what+": data")
				for _, id := range []int64{ann, ben, ben + 100} {
					want, wantErr := d.BuyerByID(ctx, id)
					got, err := d.BuyerByID(rctx, id)
					eq(t, err, wantErr, fmt.Sprintf("%s: buyer %d: error", what, id))
					eq(t, got, want, fmt.Sprintf("%s: buyer %d", what, id))
				}
			}
		}

		// On PostgreSQL, the buyer is taken from the session's read, once:
		// a second call, or one in a transaction, reads again and sees a
		// change made since. On SQLite, and with a checkout page's order,
		// the buyer is read on its own.
		for _, checkout := range []bool{false, true} {
			rctx := d.WithSessionBuyer(ctx, &buyerID)
			if checkout {
				rctx = db.WithCheckoutRead(rctx, order.Ref)
			}
			_, _, err := d.FindSession(rctx, "ann")
			check(t, err)
			// A store that finds its write overtaken reads the session
			// again: that read is not the request's first, and reads no
			// buyer.
			_, _, err = d.FindSessionNow(rctx, "ann")
			check(t, err)
			now := fmt.Sprintf("ann-%v@shop.example", checkout)
			_, err = d.Raw().ExecContext(ctx, `UPDATE buyers SET email = ? WHERE id = ?`, now, ann)
			check(t, err)
			check(t, d.Tx(rctx, func(q *db.Queries) error {
				b, err := q.BuyerByID(rctx, ann)
				eq(t, b.Email, now, "in a transaction: its own read")
				return err
			}))
			b, err := d.BuyerByID(rctx, ann)
			check(t, err)
			switch {
			case d.Backend() == db.PostgreSQL && !checkout:
				eq(t, b.Email, "ann@shop.example", "the first call outside a transaction: the session's read")
			default:
				eq(t, b.Email, now, "the first call: the buyer now")
			}
			b, err = d.BuyerByID(rctx, ann)
			check(t, err)
			eq(t, b.Email, now, "a second call: the buyer now")
		}

		// A session read for a key it does not hold names no buyer.
		rctx := d.WithSessionBuyer(ctx, &noSuchKey)
		_, _, err := d.FindSession(rctx, "ann")
		check(t, err)
		_, err = d.Raw().ExecContext(ctx, `UPDATE buyers SET email = 'ann@shop.example' WHERE id = ?`, ann)
		check(t, err)
		b, err := d.BuyerByID(rctx, ann)
		check(t, err)
		eq(t, b.Email, "ann@shop.example", "another key: the buyer read afresh")
	})
}

// A session key that could not be written into a statement as it is
// panics (a programming error), rather than make a statement of it.
func TestNewSessionBuyerRefusesOtherKeys(t *testing.T) {
	for _, key := range []string{"", "buyer'id", "Buyer", "buyer.id", `buyer"`} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("NewSessionBuyer(%q) did not panic", key)
				}
			}()
			db.NewSessionBuyer(key)
		}()
	}
}
