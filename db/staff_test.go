package db_test

import (
	"testing"
	"time"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// Staff accounts as the staff page lists them; a removed account no
// longer signs in nor holds a session, keeps its row (its id is never
// another account's, nor its email), and the last active account cannot
// be removed.
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

		_, err = d.InsertStaff(ctx, db.Staff{Email: "ANN@shop.example", PasswordHash: []byte("x"), CreatedAt: removedAt})
		is(t, err, db.ErrDuplicate, "a removed account's email")
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
