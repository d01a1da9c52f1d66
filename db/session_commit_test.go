package db_test

import (
	"testing"
	"time"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// CommitSessionIf writes only over the session its caller read (or, where
// it read none, over none or an expired one), in the layout scs's store
// for the backend reads; TouchSession moves a session's expiry forward
// and never its data; SessionReadOf is what a request's first
// FindSession found.
func TestCommitSessionIf(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		store := scsStore(d)
		hour := time.Now().Add(time.Hour)
		read := func(token string) string {
			t.Helper()
			data, found, err := store.Find(token)
			check(t, err)
			if !found {
				return "(none)"
			}
			return string(data)
		}
		commit := func(token, base string, found bool, data string, expiry time.Time) bool {
			t.Helper()
			ok, err := d.CommitSessionIf(ctx, token, []byte(base), found, []byte(data), expiry)
			check(t, err)
			return ok
		}

		check(t, store.Commit("tab", []byte("v1"), hour))
		rctx := db.WithSessionRead(ctx)
		if _, _, known := db.SessionReadOf(rctx, "tab"); known {
			t.Fatal("a read is known before the request read")
		}
		if _, _, err := d.FindSession(rctx, "tab"); err != nil {
			t.Fatal(err)
		}
		if _, _, err := d.FindSession(rctx, "other"); err != nil { // a later read is not the request's
			t.Fatal(err)
		}
		if data, found, known := db.SessionReadOf(rctx, "tab"); !known || !found || string(data) != "v1" {
			t.Fatalf("the request's read: %q %v %v", data, found, known)
		}
		if _, _, known := db.SessionReadOf(rctx, "other"); known {
			t.Fatal("another token's read is known")
		}

		if !commit("tab", "v1", true, "v2", hour) || read("tab") != "v2" {
			t.Fatalf("a write over what was read: %s", read("tab"))
		}
		if commit("tab", "v1", true, "v3", hour) || read("tab") != "v2" {
			t.Fatalf("a write over what another wrote since: %s", read("tab"))
		}
		if commit("tab", "", false, "v4", hour) || read("tab") != "v2" {
			t.Fatalf("a new session over a live one: %s", read("tab"))
		}
		check(t, store.Commit("old", []byte("expired"), time.Now().Add(-time.Minute)))
		if !commit("old", "", false, "new", hour) || read("old") != "new" {
			t.Fatalf("a new session over an expired one: %s", read("old"))
		}
		if !commit("fresh", "", false, "first", hour) || read("fresh") != "first" {
			t.Fatalf("a new session: %s", read("fresh"))
		}

		// An expired session touched lives again: its expiry moved, its
		// data did not; a touch to an earlier time does not move it back.
		check(t, store.Commit("touched", []byte("kept"), time.Now().Add(-time.Minute)))
		touch := func(token string, expiry time.Time) bool {
			t.Helper()
			moved, err := d.TouchSession(ctx, token, expiry)
			check(t, err)
			return moved
		}
		if !touch("touched", hour) || touch("touched", time.Now().Add(-time.Hour)) || touch("touched", hour) {
			t.Fatal("a touch reports moving the expiry only when it moved it forward")
		}
		if read("touched") != "kept" {
			t.Fatalf("a touched session: %s", read("touched"))
		}
		if touch("none", hour) || read("none") != "(none)" { // nothing to touch: nothing written
			t.Fatal("a touch created a session")
		}

		// A commit that wrote nothing for the token the request read
		// quiets its cookie; one of another token does not.
		if db.SessionCookieQuiet(rctx) {
			t.Fatal("a request's cookie is quiet before its commit")
		}
		db.QuietSessionCookie(rctx, "other")
		db.QuietSessionCookie(ctx, "tab") // a request not made WithSessionRead: nothing to quiet
		if db.SessionCookieQuiet(rctx) || db.SessionCookieQuiet(ctx) {
			t.Fatal("another token's commit quieted the request's cookie")
		}
		db.QuietSessionCookie(rctx, "tab")
		if !db.SessionCookieQuiet(rctx) {
			t.Fatal("the read token's commit did not quiet the cookie")
		}
	})
}
