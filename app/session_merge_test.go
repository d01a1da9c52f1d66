package app

import (
	"context"
	"fmt"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/alexedwards/scs/v2"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// Two tabs of one browser load its session at once and each changes it:
// neither change is lost, on either backend, with each of two instances
// serving one tab. One tab makes the browser's first guest order (its
// guest key) while the other sets a notice; one sets a notice while the
// other only views a page (which,
// writing back what it loaded, used to remove the notice); one shows and
// removes a notice while the other sets a newer one.
func TestTwoTabsAtOnceLoseNoChange(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		tab1, tab2 := twoTabs(t, d)
		token := browserSession(t, tab1)

		load := func() (context.Context, context.Context) {
			a, err := tab1.Load(db.WithSessionRead(context.Background()), token)
			check(t, err)
			b, err := tab2.Load(db.WithSessionRead(context.Background()), token)
			check(t, err)
			return a, b
		}
		commit := func(ctx context.Context) {
			t.Helper()
			if _, _, err := tab1.Commit(ctx); err != nil {
				t.Fatal(err)
			}
		}
		commit2 := func(ctx context.Context) {
			t.Helper()
			if _, _, err := tab2.Commit(ctx); err != nil {
				t.Fatal(err)
			}
		}
		now := func() map[string]any {
			ctx, err := tab1.Load(context.Background(), token)
			check(t, err)
			out := map[string]any{}
			for _, k := range tab1.Keys(ctx) {
				out[k] = tab1.Get(ctx, k)
			}
			return out
		}

		a, b := load()
		tab1.Put(a, "guest_key", "k-1")
		tab2.Put(b, "flash", "Welcome.")
		commit(a)
		commit2(b)
		if got := now(); got["guest_key"] != "k-1" || got["flash"] != "Welcome." || got["lang"] != "en" {
			t.Fatalf("a first guest order while another tab set a notice: the session is %v", got)
		}
		a, _ = load()
		tab1.Remove(a, "flash")
		commit(a)

		a, b = load()
		tab1.Put(a, "flash", "Captured.")
		commit(a)
		commit2(b) // a page view that changed nothing
		if got := now()["flash"]; got != "Captured." {
			t.Fatalf("a notice set while another tab viewed a page: %v", got)
		}

		a, b = load()
		tab1.Remove(a, "flash") // shown
		tab2.Put(b, "flash", "Refunded.")
		commit2(b)
		commit(a)
		if got := now(); got["flash"] != "Refunded." || got["guest_key"] != "k-1" {
			t.Fatalf("a notice shown while another tab set a newer one: the session is %v", got)
		}

		a, _ = load()
		tab1.Remove(a, "flash")
		commit(a)
		if _, ok := now()["flash"]; ok {
			t.Fatal("a notice shown is still there")
		}
	})
}

// twoTabs returns the session managers of two instances on d, each
// serving one tab of a browser.
func twoTabs(t *testing.T, d *db.DB) (tab1, tab2 *scs.SessionManager) {
	t.Helper()
	public, _ := url.Parse("http://127.0.0.1:8080")
	one, other := newSessionStore(d), newSessionStore(d)
	t.Cleanup(one.StopCleanup)
	t.Cleanup(other.StopCleanup)
	return newSessions(one, public), newSessions(other, public)
}

// browserSession commits a browser's first session through tab, holding
// its language ("lang": "en"), and returns its token.
func browserSession(t *testing.T, tab *scs.SessionManager) string {
	t.Helper()
	ctx, err := tab.Load(db.WithSessionRead(context.Background()), "")
	check(t, err)
	tab.Put(ctx, "lang", "en")
	token, _, err := tab.Commit(ctx)
	check(t, err)
	return token
}

// mergeSessions keeps each value the request changed and every other
// one as the other request left it.
func TestMergeSessions(t *testing.T) {
	testDeadline := time.Date(2026, 12, 9, 12, 0, 0, 0, time.UTC)
	enc := func(v map[string]any) []byte {
		b, err := sessionCodec{}.Encode(testDeadline, v)
		check(t, err)
		return b
	}
	for _, c := range []struct {
		name              string
		base, ours, their map[string]any
		want              map[string]any
	}{
		{"they added a key", map[string]any{}, map[string]any{"flash": "a"}, map[string]any{"buyer": int64(7)},
			map[string]any{"flash": "a", "buyer": int64(7)}},
		{"we changed one, they another", map[string]any{"buyer": int64(7), "lang": "en"}, map[string]any{"buyer": int64(7), "lang": "ko"}, map[string]any{"buyer": int64(8), "lang": "en"},
			map[string]any{"buyer": int64(8), "lang": "ko"}},
		{"both changed a value: ours", map[string]any{"lang": "en"}, map[string]any{"lang": "ko"}, map[string]any{"lang": "th"},
			map[string]any{"lang": "ko"}},
		{"both changed a list: ours, as any value", map[string]any{"guest_orders": []string{"A"}}, map[string]any{"guest_orders": []string{"A", "B"}}, map[string]any{"guest_orders": []string{"A", "C"}},
			map[string]any{"guest_orders": []string{"A", "B"}}},
		{"we dropped a session's old list (upgraded), they left it", map[string]any{"guest_orders": []string{"A"}}, map[string]any{"guest_key": "k"}, map[string]any{"guest_orders": []string{"A"}, "lang": "ko"},
			map[string]any{"guest_key": "k", "lang": "ko"}},
		{"we removed one they left", map[string]any{"flash": "a", "lang": "en"}, map[string]any{"lang": "en"}, map[string]any{"flash": "a", "lang": "th"},
			map[string]any{"lang": "th"}},
		{"we removed one they set anew", map[string]any{"flash": "a"}, map[string]any{}, map[string]any{"flash": "b"},
			map[string]any{"flash": "b"}},
		{"each tab kept a staff lookup's answer under its own key: both", map[string]any{"staff": int64(1)}, map[string]any{"staff": int64(1), "staff_lookup/A": "a"}, map[string]any{"staff": int64(1), "staff_lookup/B": "b"},
			map[string]any{"staff": int64(1), "staff_lookup/A": "a", "staff_lookup/B": "b"}},
		{"they removed one we left", map[string]any{"flash": "a", "lang": "en"}, map[string]any{"flash": "a", "lang": "ko"}, map[string]any{"lang": "en"},
			map[string]any{"lang": "ko"}},
	} {
		got, err := mergeSessions(enc(c.base), true, enc(c.ours), enc(c.their), true)
		check(t, err)
		if !reflect.DeepEqual(got, enc(c.want)) {
			_, v, _ := sessionCodec{}.Decode(got)
			t.Errorf("%s: merged %v, want %v", c.name, v, c.want)
		}
	}
}

// A browser's many requests at once (36 pay buttons pressed together, in
// a trial) change its session again and again while one request commits
// its own change: that request merges each time, losing nothing — here
// 40 other commits land between its reads and its writes, on either
// backend.
func TestSessionChangedOftenUnderOneCommit(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		tab1, tab2 := twoTabs(t, d)
		token := browserSession(t, tab1)

		type committing struct{}
		const others = 40
		n := 0
		d.BeforeStatement(func(sctx context.Context, query string) {
			if sctx.Value(committing{}) == nil || !strings.HasPrefix(query, "UPDATE sessions SET data") || n == others {
				return
			}
			n++ // another request of the browser commits first
			o, err := tab2.Load(db.WithSessionRead(context.Background()), token)
			check(t, err)
			tab2.Put(o, fmt.Sprintf("other-%d", n), "set")
			_, _, err = tab2.Commit(o)
			check(t, err)
		})
		defer d.BeforeStatement(nil)
		mine, err := tab1.Load(db.WithSessionRead(context.WithValue(context.Background(), committing{}, true)), token)
		check(t, err)
		tab1.Put(mine, "flash", "Paid.")
		_, _, err = tab1.Commit(mine)
		check(t, err)
		d.BeforeStatement(nil)
		if n != others {
			t.Fatalf("%d other commits came between, want %d", n, others)
		}
		got, err := tab1.Load(context.Background(), token)
		check(t, err)
		if tab1.GetString(got, "flash") != "Paid." || tab1.GetString(got, "lang") != "en" {
			t.Errorf("the committing request's change or the first value lost: %v", tab1.Keys(got))
		}
		for i := 1; i <= others; i++ {
			if tab1.GetString(got, fmt.Sprintf("other-%d", i)) != "set" {
				t.Errorf("other-%d lost", i)
			}
		}
	})
}
