package db_test

import (
	"slices"
	"testing"
	"time"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// everyByte is a password hash stand-in holding each byte value once:
// BLOB and BYTEA must keep them all.
func everyByte() []byte {
	b := make([]byte, 256)
	for i := range b {
		b[i] = byte(i)
	}
	return b
}

func TestBuyers(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		id, err := d.InsertBuyer(ctx, "Ann@Example.com", everyByte(), t0)
		check(t, err)
		want := db.Buyer{ID: id, Email: "Ann@Example.com", PasswordHash: everyByte(), CreatedAt: t0}

		got, err := d.BuyerByEmail(ctx, "ann@example.COM")
		check(t, err)
		eq(t, got, want, "by email, in another case")
		got, err = d.BuyerByID(ctx, id)
		check(t, err)
		eq(t, got, want, "by id")

		_, err = d.InsertBuyer(ctx, "ANN@example.com", []byte("x"), t0)
		is(t, err, db.ErrDuplicate, "the same email in another case")
		other := newBuyer(t, d, "bob@example.com")
		if other == id {
			t.Errorf("second buyer got the first one's id %d", id)
		}

		_, err = d.BuyerByEmail(ctx, "nobody@example.com")
		is(t, err, db.ErrNotFound, "unknown email")
		_, err = d.BuyerByID(ctx, other+100)
		is(t, err, db.ErrNotFound, "unknown id")

		email, err := d.BuyerEmail(ctx, id)
		check(t, err)
		eq(t, email, "Ann@Example.com", "BuyerEmail")
		for _, missing := range []int64{0, other + 100} {
			email, err := d.BuyerEmail(ctx, missing)
			check(t, err)
			eq(t, email, "", "BuyerEmail of a guest or unknown id")
		}
	})
}

func TestStaff(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		n, err := d.CountStaff(ctx)
		check(t, err)
		eq(t, n, 0, "staff in a new database")

		id, err := d.InsertStaff(ctx, db.Staff{Email: "Admin@Shop.example", PasswordHash: []byte("old"), MustChange: true, CreatedAt: t0})
		check(t, err)
		want := db.Staff{ID: id, Email: "Admin@Shop.example", PasswordHash: []byte("old"), MustChange: true, CreatedAt: t0, UpdatedAt: t0}
		got, err := d.StaffByEmail(ctx, "admin@shop.EXAMPLE")
		check(t, err)
		eq(t, got, want, "by email, in another case")
		got, err = d.StaffByID(ctx, id)
		check(t, err)
		eq(t, got, want, "by id")

		_, err = d.InsertStaff(ctx, db.Staff{Email: "ADMIN@shop.example", PasswordHash: []byte("x"), CreatedAt: t0})
		is(t, err, db.ErrDuplicate, "the same email in another case")
		plain, err := d.InsertStaff(ctx, db.Staff{Email: "ops@shop.example", PasswordHash: []byte("p"), CreatedAt: t0})
		check(t, err)
		st, err := d.StaffByID(ctx, plain)
		check(t, err)
		eq(t, st.MustChange, false, "MustChange of an account made without it")
		n, err = d.CountStaff(ctx)
		check(t, err)
		eq(t, n, 2, "staff")

		later := t0.Add(time.Hour)
		_, changed, err := d.SetStaffPassword(ctx, id, []byte("not the old one"), []byte("new"), later)
		ok(t, changed, err, false, "password change over a stale hash")
		epoch, changed, err := d.SetStaffPassword(ctx, id, []byte("old"), []byte("new"), later)
		ok(t, changed, err, true, "password change")
		eq(t, epoch, int64(1), "session epoch after the change")
		got, err = d.StaffByID(ctx, id)
		check(t, err)
		eq(t, got, db.Staff{ID: id, Email: "Admin@Shop.example", PasswordHash: []byte("new"), CreatedAt: t0, UpdatedAt: later, SessionEpoch: 1},
			"after the change (MustChange cleared, other sessions ended)")
		_, changed, err = d.SetStaffPassword(ctx, id, []byte("old"), []byte("again"), later)
		ok(t, changed, err, false, "a second change from the same old hash")

		_, err = d.StaffByEmail(ctx, "nobody@shop.example")
		is(t, err, db.ErrNotFound, "unknown email")
		_, err = d.StaffByID(ctx, id+100)
		is(t, err, db.ErrNotFound, "unknown id")
	})
}

func TestSigninThrottle(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		const key, other = "admin@shop.example|192.0.2.1", "admin@shop.example|192.0.2.2"
		window := 15 * time.Minute
		failures := func(key string, now time.Time) (int, time.Time) {
			t.Helper()
			n, start, err := d.SigninFailures(ctx, key, now.Add(-window))
			check(t, err)
			return n, start
		}

		n, start := failures(key, t0)
		eq(t, n, 0, "failures before any")
		eq(t, start, time.Time{}, "window start before any")

		check(t, d.AddSigninFailure(ctx, key, t0.Add(-window), t0))
		check(t, d.AddSigninFailure(ctx, key, t0.Add(time.Minute-window), t0.Add(time.Minute)))
		check(t, d.AddSigninFailure(ctx, other, t0.Add(-window), t0))
		n, start = failures(key, t0.Add(time.Minute))
		eq(t, n, 2, "failures in one window")
		eq(t, start, t0, "the window starts at the first failure")

		// Past the window the count reads 0, and the next failure starts
		// a new window at one.
		late := t0.Add(window + time.Second)
		n, _ = failures(key, late)
		eq(t, n, 0, "failures once the window is over")
		check(t, d.AddSigninFailure(ctx, key, late.Add(-window), late))
		n, start = failures(key, late)
		eq(t, n, 1, "failures in the new window")
		eq(t, start, late, "the new window's start")

		check(t, d.ClearSigninFailures(ctx, key))
		n, _ = failures(key, late)
		eq(t, n, 0, "failures after clearing")
		n, _ = failures(other, t0)
		eq(t, n, 1, "the other key's failures are kept")

		// Pruning drops windows that started before since, and only those.
		check(t, d.AddSigninFailure(ctx, key, late.Add(-window), late))
		check(t, d.PruneSigninFailures(ctx, late.Add(-window)))
		n, _ = failures(other, t0)
		eq(t, n, 0, "the old window is pruned")
		n, _ = failures(key, late)
		eq(t, n, 1, "the current window is kept")
	})
}

// ClearSigninFailuresOf forgets a staff email's failures from every
// address, and nothing else: not another email's (one that begins with
// it, one typed as "email|x"), not a buyer's or an address's; a prefix
// in another case, or a pattern's characters, match nothing more.
func TestClearSigninFailuresOf(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		window := 15 * time.Minute
		add := func(key string, times int) {
			t.Helper()
			for range times {
				check(t, d.AddSigninFailure(ctx, key, t0.Add(-window), t0))
			}
		}
		add("ann@shop.example|192.0.2.1", 5)
		add("ann@shop.example|2001:db8::1", 2)
		kept := []string{"ann@shop.example.org|192.0.2.1", "ann@shop.example|x|192.0.2.1", "bann@shop.example|192.0.2.1",
			"buyer|email:ann@shop.example", "buyer|addr:192.0.2.1", "a_n@shop.example|192.0.2.1", "a%@shop.example|192.0.2.1"}
		for _, k := range kept {
			add(k, 1)
		}

		cleared, err := d.ClearSigninFailuresOf(ctx, "ann@shop.example|")
		check(t, err)
		slices.SortFunc(cleared, func(a, b db.SigninWindowCount) int { return a.Failures - b.Failures })
		eq(t, cleared, []db.SigninWindowCount{{Failures: 2, WindowStart: t0}, {Failures: 5, WindowStart: t0}}, "cleared")
		for _, k := range []string{"ann@shop.example|192.0.2.1", "ann@shop.example|2001:db8::1"} {
			n, _, err := d.SigninFailures(ctx, k, t0.Add(-window))
			check(t, err)
			eq(t, n, 0, k+" after clearing")
		}
		for _, k := range kept {
			n, _, err := d.SigninFailures(ctx, k, t0.Add(-window))
			check(t, err)
			eq(t, n, 1, k+" kept")
		}
		for _, prefix := range []string{"ANN@shop.example|", "a_n@shop.example|x", "a%"} {
			cleared, err = d.ClearSigninFailuresOf(ctx, prefix)
			check(t, err)
			eq(t, len(cleared), 0, prefix+" clears nothing")
		}
		cleared, err = d.ClearSigninFailuresOf(ctx, "ann@shop.example|")
		check(t, err)
		eq(t, len(cleared), 0, "cleared twice")
	})
}
