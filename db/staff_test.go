package db_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// Staff accounts as the staff page lists them; a removed account no
// longer signs in nor holds a session, keeps its row (its id is never
// another account's), and the last active account cannot be removed.
func TestStaffAccountsAndRemoval(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		first, err := d.InsertStaff(ctx, db.Staff{Email: "admin@shop.example", PasswordHash: []byte("a"), AddedBy: "first start", CreatedAt: t0})
		check(t, err)
		later := t0.Add(time.Minute)
		member, err := d.InsertStaff(ctx, db.Staff{Email: "ann@shop.example", PasswordHash: []byte("b"), MustChange: true, AddedBy: "admin@shop.example", CreatedAt: later})
		check(t, err)
		signin := t0.Add(2 * time.Minute)
		check(t, d.NoteStaffSignin(ctx, member, signin))

		list, err := d.StaffAccounts(ctx)
		check(t, err)
		eq(t, list, []db.StaffAccount{
			{ID: first, Email: "admin@shop.example", AddedBy: "first start", CreatedAt: t0},
			{ID: member, Email: "ann@shop.example", AddedBy: "admin@shop.example", CreatedAt: later, LastSignin: signin},
		}, "accounts")
		st, err := d.StaffByID(ctx, member)
		check(t, err)
		eq(t, st.AddedBy, "admin@shop.example", "StaffByID's AddedBy")

		removedAt := t0.Add(time.Hour)
		removed, err := d.RemoveStaff(ctx, member, "admin@shop.example", removedAt)
		ok(t, removed, err, true, "remove")
		_, err = d.StaffByID(ctx, member)
		is(t, err, db.ErrNotFound, "a removed account's session")
		_, err = d.StaffByEmail(ctx, "Ann@shop.example")
		is(t, err, db.ErrNotFound, "a removed account's sign-in")
		_, changed, err := d.SetStaffPassword(ctx, member, []byte("b"), []byte("c"), removedAt)
		ok(t, changed, err, false, "a removed account's password change")
		changed, err = d.ReissueStaffPassword(ctx, member, 0, []byte("d"), removedAt)
		ok(t, changed, err, false, "a removed account's new one-time password")
		removed, err = d.RemoveStaff(ctx, member, "admin@shop.example", removedAt.Add(time.Second))
		ok(t, removed, err, false, "removed twice")

		removed, err = d.RemoveStaff(ctx, first, "ann@shop.example", removedAt)
		ok(t, removed, err, false, "the last active account")
		_, err = d.StaffByID(ctx, first)
		check(t, err)

		third, err := d.InsertStaff(ctx, db.Staff{Email: "bob@shop.example", PasswordHash: []byte("x"), AddedBy: "admin@shop.example", CreatedAt: removedAt})
		check(t, err)
		if third == member {
			t.Fatalf("a new account got the removed one's id %d: its sessions would sign in as it", member)
		}
		list, err = d.StaffAccounts(ctx)
		check(t, err)
		eq(t, list, []db.StaffAccount{
			{ID: first, Email: "admin@shop.example", AddedBy: "first start", CreatedAt: t0},
			{ID: third, Email: "bob@shop.example", AddedBy: "admin@shop.example", CreatedAt: removedAt},
			{ID: member, Email: "ann@shop.example", AddedBy: "admin@shop.example", CreatedAt: later, LastSignin: signin,
				RemovedAt: removedAt, RemovedBy: "admin@shop.example"},
		}, "accounts after the removal: active first")
		n, err := d.CountStaff(ctx)
		check(t, err)
		eq(t, n, 3, "accounts, removed ones too")

		removed, err = d.RemoveStaff(ctx, third, "admin@shop.example", removedAt)
		ok(t, removed, err, true, "another account, with two active")
	})
}

// A new one-time password replaces the hash, asks for a change at the
// next sign-in and ends every session of the account (SessionEpoch goes
// up), once per confirmation; the member's own change ends the others too and returns the value
// their session keeps. An unknown account changes nothing.
func TestStaffReissuePassword(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		id, err := d.InsertStaff(ctx, db.Staff{Email: "ann@shop.example", PasswordHash: []byte("a"), CreatedAt: t0})
		check(t, err)
		other, err := d.InsertStaff(ctx, db.Staff{Email: "bob@shop.example", PasswordHash: []byte("b"), CreatedAt: t0})
		check(t, err)
		st, err := d.StaffByID(ctx, id)
		check(t, err)
		eq(t, st.SessionEpoch, int64(0), "session epoch of a new account")

		at := t0.Add(time.Hour)
		changed, err := d.ReissueStaffPassword(ctx, id, 0, []byte("one-time"), at)
		ok(t, changed, err, true, "reissue")
		changed, err = d.ReissueStaffPassword(ctx, id, 0, []byte("again"), at)
		ok(t, changed, err, false, "a second reissue confirmed at the same epoch")
		st, err = d.StaffByID(ctx, id)
		check(t, err)
		eq(t, st, db.Staff{ID: id, Email: "ann@shop.example", PasswordHash: []byte("one-time"), MustChange: true,
			CreatedAt: t0, UpdatedAt: at, SessionEpoch: 1}, "after the reissue")
		_, changed, err = d.SetStaffPassword(ctx, id, []byte("a"), []byte("x"), at)
		ok(t, changed, err, false, "a change from the password before the reissue")

		epoch, changed, err := d.SetStaffPassword(ctx, id, []byte("one-time"), []byte("own"), at)
		ok(t, changed, err, true, "the member's own change")
		eq(t, epoch, int64(2), "session epoch returned")
		st, err = d.StaffByID(ctx, id)
		check(t, err)
		eq(t, [2]any{st.MustChange, st.SessionEpoch}, [2]any{false, int64(2)}, "after the change")

		changed, err = d.ReissueStaffPassword(ctx, id+other+100, 0, []byte("z"), at)
		ok(t, changed, err, false, "an unknown account")
		st, err = d.StaffByID(ctx, other)
		check(t, err)
		eq(t, [2]any{string(st.PasswordHash), st.SessionEpoch}, [2]any{"b", int64(0)}, "another account untouched")
	})
}

// A removed account's email can be added again, in any case, as a new
// account: a new id (the removed one's sessions stay ended), the removed
// row kept as it was, and sign-in by that email finds the new account
// only. The email stays unique among active accounts, without case.
func TestRemovedStaffEmailAddedAgain(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		admin, err := d.InsertStaff(ctx, db.Staff{Email: "admin@shop.example", PasswordHash: []byte("a"), CreatedAt: t0})
		check(t, err)
		old, err := d.InsertStaff(ctx, db.Staff{Email: "ann@shop.example", PasswordHash: []byte("old"), CreatedAt: t0})
		check(t, err)
		_, err = d.InsertStaff(ctx, db.Staff{Email: "ANN@shop.example", PasswordHash: []byte("x"), CreatedAt: t0})
		is(t, err, db.ErrDuplicate, "an active account's email, in another case")
		removedAt := t0.Add(time.Hour)
		removed, err := d.RemoveStaff(ctx, old, "admin@shop.example", removedAt)
		ok(t, removed, err, true, "remove")

		againAt := removedAt.Add(time.Hour)
		again, err := d.InsertStaff(ctx, db.Staff{Email: "Ann@Shop.example", PasswordHash: []byte("new"), MustChange: true,
			AddedBy: "admin@shop.example", CreatedAt: againAt})
		check(t, err)
		if again == old || again == admin {
			t.Fatalf("the account added again got id %d, an earlier account's: its sessions would sign in as it", again)
		}
		st, err := d.StaffByEmail(ctx, "ann@shop.example")
		check(t, err)
		eq(t, [3]any{st.ID, string(st.PasswordHash), st.MustChange}, [3]any{again, "new", true}, "sign-in by the email finds the new account")
		_, err = d.StaffByID(ctx, old)
		is(t, err, db.ErrNotFound, "the removed account's sessions")
		_, err = d.InsertStaff(ctx, db.Staff{Email: "ann@SHOP.example", PasswordHash: []byte("y"), CreatedAt: againAt})
		is(t, err, db.ErrDuplicate, "the email again, while the new account is active")

		// Removed twice, added a third time: each removed row stays.
		removed, err = d.RemoveStaff(ctx, again, "admin@shop.example", againAt.Add(time.Hour))
		ok(t, removed, err, true, "remove the second")
		third, err := d.InsertStaff(ctx, db.Staff{Email: "ann@shop.example", PasswordHash: []byte("3"), CreatedAt: againAt.Add(2 * time.Hour)})
		check(t, err)
		list, err := d.StaffAccounts(ctx)
		check(t, err)
		eq(t, list, []db.StaffAccount{
			{ID: admin, Email: "admin@shop.example", CreatedAt: t0},
			{ID: third, Email: "ann@shop.example", CreatedAt: againAt.Add(2 * time.Hour)},
			{ID: again, Email: "Ann@Shop.example", AddedBy: "admin@shop.example", CreatedAt: againAt,
				RemovedAt: againAt.Add(time.Hour), RemovedBy: "admin@shop.example", SessionEpoch: 0},
			{ID: old, Email: "ann@shop.example", CreatedAt: t0, RemovedAt: removedAt, RemovedBy: "admin@shop.example"},
		}, "accounts: the active ones, then every removed one, latest first")
	})
}

// An email already taken is ErrDuplicate without failing anything else:
// the transaction it was tried in goes on and commits (PostgreSQL ends a
// transaction at a failed statement, and logs it as an ERROR: each
// instance starting together tries to create the first account).
func TestDuplicateStaffLeavesTheTransactionWhole(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		_, err := d.InsertStaff(ctx, db.Staff{Email: "admin@shop.example", PasswordHash: []byte("a"), CreatedAt: t0})
		check(t, err)
		err = d.Tx(ctx, func(q *db.Queries) error {
			if _, err := q.InsertStaff(ctx, db.Staff{Email: "admin@shop.example", PasswordHash: []byte("b"), CreatedAt: t0}); !errors.Is(err, db.ErrDuplicate) {
				return fmt.Errorf("the same email again: %v, want ErrDuplicate", err)
			}
			_, err := q.InsertStaff(ctx, db.Staff{Email: "ben@shop.example", PasswordHash: []byte("c"), CreatedAt: t0})
			return err
		})
		check(t, err)
		n, err := d.CountStaff(ctx)
		check(t, err)
		eq(t, n, 2, "accounts after the transaction")
	})
}

// The first staff account is the oldest row, whatever its email (the
// first start named it by PUBLIC_URL's host, which may have changed) and
// whoever added it; none before any account, and none once it is removed
// (a removed account's row stays, so no later account takes its place).
func TestFirstStaffIsTheOldestAccount(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		_, err := d.FirstStaff(ctx)
		is(t, err, db.ErrNotFound, "no account yet")
		first, err := d.InsertStaff(ctx, db.Staff{Email: "admin@old-host.example", PasswordHash: []byte("a"), CreatedAt: t0})
		check(t, err)
		_, err = d.InsertStaff(ctx, db.Staff{Email: "admin@shop.example", PasswordHash: []byte("b"), AddedBy: "admin@old-host.example", CreatedAt: t0.Add(time.Minute)})
		check(t, err)
		st, err := d.FirstStaff(ctx)
		check(t, err)
		eq(t, [2]any{st.ID, st.Email}, [2]any{first, "admin@old-host.example"}, "the first account")
		removed, err := d.RemoveStaff(ctx, first, "admin@shop.example", t0.Add(time.Hour))
		ok(t, removed, err, true, "remove the first")
		_, err = d.FirstStaff(ctx)
		is(t, err, db.ErrNotFound, "the first account, removed")
	})
}
