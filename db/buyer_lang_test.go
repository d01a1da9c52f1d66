package db_test

import (
	"sync"
	"testing"
	"time"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
	"antom-checkout/internal/sessioncodec"
)

// A buyer has no language until one is stored (SetBuyerLang); the one
// stored is read back by id, by email and with the session that names
// the buyer (WithSessionBuyer: on PostgreSQL in the session's own
// statement); another one replaces it, "" forgets it, and another
// buyer's stays as it was. An unknown buyer is ErrNotFound.
func TestBuyerLang(t *testing.T) {
	key := db.NewSessionBuyer("buyer_id")
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		ann, ben := newBuyer(t, d, "ann@example.com"), newBuyer(t, d, "ben@example.com")
		b, err := d.BuyerByID(ctx, ann)
		check(t, err)
		eq(t, b.Lang, "", "a new account's language")

		check(t, d.SetBuyerLang(ctx, ben, "ko"))
		check(t, d.SetBuyerLang(ctx, ann, "th"))
		b, err = d.BuyerByID(ctx, ann)
		check(t, err)
		eq(t, b, db.Buyer{ID: ann, Email: "ann@example.com", PasswordHash: []byte("hash"), CreatedAt: t0, Lang: "th"}, "by id")
		b, err = d.BuyerByEmail(ctx, "ANN@example.com")
		check(t, err)
		eq(t, b.Lang, "th", "by email")

		b64, err := sessioncodec.Codec{}.Encode(time.Now().Add(time.Hour), map[string]any{"buyer_id": ann})
		check(t, err)
		check(t, scsStore(d).Commit("ann-lang", b64, time.Now().Add(time.Hour)))
		rctx := d.WithSessionBuyer(ctx, &key)
		_, found, err := d.FindSession(rctx, "ann-lang")
		ok(t, found, err, true, "the session")
		b, err = d.BuyerByID(rctx, ann)
		check(t, err)
		eq(t, b.Lang, "th", "with the session that names the buyer")

		check(t, d.SetBuyerLang(ctx, ann, "zh-Hant"))
		b, err = d.BuyerByID(ctx, ann)
		check(t, err)
		eq(t, b.Lang, "zh-Hant", "chosen again")
		check(t, d.SetBuyerLang(ctx, ann, ""))
		b, err = d.BuyerByID(ctx, ann)
		check(t, err)
		eq(t, b.Lang, "", "forgotten")
		var null bool
		check(t, d.Raw().QueryRowContext(ctx, `SELECT lang IS NULL FROM buyers WHERE id = ?`, ann).Scan(&null))
		eq(t, null, true, "forgotten is NULL")

		b, err = d.BuyerByID(ctx, ben)
		check(t, err)
		eq(t, b.Lang, "ko", "the other buyer's")
		is(t, d.SetBuyerLang(ctx, ben+100, "ko"), db.ErrNotFound, "an unknown buyer")
	})
}

// Migration 59 gives every account there was no language, and then takes
// one; instances started together on the database of the release before
// it run it once (a second ALTER TABLE … ADD COLUMN would fail).
func TestMigration59BuyerLang(t *testing.T) {
	for _, b := range backends {
		t.Run(string(b), func(t *testing.T) {
			source := dbtest.Source(t, b)
			old, err := db.OpenAt(ctx, source, 58)
			check(t, err)
			id := newBuyer(t, old, "ann@example.com")
			check(t, old.Close())

			const instances = 4
			start := make(chan struct{})
			opened := make([]*db.DB, instances)
			errs := make([]error, instances)
			var wg sync.WaitGroup
			for i := range instances {
				wg.Go(func() {
					<-start
					opened[i], errs[i] = db.Open(ctx, source)
				})
			}
			close(start)
			wg.Wait()
			for i, err := range errs {
				if err != nil {
					t.Fatalf("instance %d: %v", i, err)
				}
				defer opened[i].Close()
			}
			d := opened[0]
			eq(t, schemaVersion(t, d), len(db.Migrations), "schema version")
			got, err := d.BuyerByID(ctx, id)
			check(t, err)
			eq(t, got, db.Buyer{ID: id, Email: "ann@example.com", PasswordHash: []byte("hash"), CreatedAt: t0}, "the earlier release's buyer, no language")
			check(t, opened[instances-1].SetBuyerLang(ctx, id, "ms"))
			got, err = d.BuyerByEmail(ctx, "ann@example.com")
			check(t, err)
			eq(t, got.Lang, "ms", "a language stored after the migration")
		})
	}
}
