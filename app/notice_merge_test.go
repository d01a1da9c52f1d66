package app

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"antom-checkout/antom"
	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// Two staff requests of one browser at once each leave a notice (a
// double-clicked action's two answers, two tabs): the one that loaded the
// session before the other committed, and commits after it, keeps the
// other's notice, on either backend — each order's page then says its
// own refusal once, on the page its redirect names. (Kept as one list,
// the later request's list replaced the other's.)
func TestNoticesOfTwoRequestsAtOnceAreBothKept(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		cfg, err := load(realEnv(t))
		check(t, err)
		a, loaded, resume := pausingApp(t, cfg, d)
		ctx := context.Background()
		const email, password = pausingStaff, pausingPassword

		var cookies []*http.Cookie
		send := func(ctx context.Context, method, path string, form url.Values) *http.Response {
			return sendWith(a, ctx, method, path, cookies, form)
		}
		in := send(ctx, http.MethodPost, "/admin/signin", url.Values{"email": {email}, "password": {password}})
		if cookies = in.Cookies(); in.StatusCode != http.StatusSeeOther || len(cookies) == 0 {
			t.Fatalf("staff sign-in: %d, %d cookies", in.StatusCode, len(cookies))
		}

		// Two authorizations that have expired: a capture of either is
		// refused with a notice for its order's page.
		expired := func() string {
			t.Helper()
			resp := send(ctx, http.MethodPost, "/orders", url.Values{"product": {"house-blend"}, "quantity": {"1"}})
			o, err := d.OrderByRef(ctx, strings.TrimPrefix(resp.Header.Get("Location"), "/checkout/"))
			check(t, err)
			now := time.Now()
			id, err := d.InsertAttempt(ctx, db.Attempt{OrderID: o.ID, PaymentRequestID: "PR-" + o.Ref + "-CARD", Method: db.MethodCard,
				Currency: o.Currency, Amount: o.Amount, Status: db.AttemptProcessing, CaptureMode: antom.CaptureManual,
				ExpiresAt: now.Add(10 * time.Minute), NextCheckAt: now.Add(time.Hour), CreatedAt: now})
			check(t, err)
			set := db.Settlement{Status: db.AttemptSuccess, Code: "SUCCESS", PaymentID: "PAY-" + o.Ref, PaidAt: now, Source: db.SourceAntom}
			if ok, err := d.SettleAttempt(ctx, id, db.AttemptProcessing, "", set, now); err != nil || !ok {
				t.Fatalf("settle: %v %v", ok, err)
			}
			check(t, d.SetAttemptCard(ctx, id, "VISA", "4242", now.Add(-time.Minute), now))
			if ok, err := d.SetOrderStatus(ctx, o.ID, db.OrderOpen, db.OrderAuthorized, now); err != nil || !ok {
				t.Fatalf("order to AUTHORIZED: %v %v", ok, err)
			}
			return o.Ref
		}
		first, second := expired(), expired()
		// The capture's form (its first step: a Confirm would need the
		// page's signature and seal, and an expired authorization's
		// confirmation shows no Confirm) is refused as its Confirm is.
		capture := func(ctx context.Context, ref string) *http.Response {
			return send(ctx, http.MethodPost, "/admin/orders/"+ref+"/capture", url.Values{"amount": {"1.00"}})
		}

		// The first capture loads the session, the second runs whole, then
		// the first goes on and commits.
		done := make(chan *http.Response)
		go func() { done <- capture(context.WithValue(ctx, pauseKey{}, "load"), first) }()
		<-loaded
		answers := []*http.Response{capture(ctx, second)}
		resume <- struct{}{}
		answers = append(answers, <-done)
		for _, resp := range answers {
			if resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("a capture answered %d, want 303", resp.StatusCode)
			}
		}
		// Each answer's page (its Location, naming its notice) says its
		// own refusal.
		for i, ref := range []string{second, first} {
			at := answers[i].Header.Get("Location")
			if !strings.HasPrefix(at, "/admin/orders/"+ref+"?notice=") {
				t.Fatalf("order %s's capture answered 303 to %q, want its page naming its notice", ref, at)
			}
			body, err := io.ReadAll(send(ctx, http.MethodGet, at, nil).Body)
			check(t, err)
			if n := strings.Count(string(body), "The authorization expired on "); n != 1 {
				t.Errorf("order %s's page says its refusal %d times, want once", ref, n)
			}
		}
	})
}

// pausingStaff and pausingPassword are pausingApp's staff account.
const pausingStaff, pausingPassword = "staff@shop.example.com", "a staff password long enough"

// pausingApp is an app of cfg on d, wired, its catalogue synced and its
// first staff account made (pausingStaff), whose session store pauses
// each request after loading its session (pausingStore): it says so on
// loaded and goes on when resume is sent to — the interleaving of two
// requests at once that these tests make.
func pausingApp(t *testing.T, cfg Config, d *db.DB) (a *App, loaded, resume chan struct{}) {
	t.Helper()
	a = &App{cfg: cfg, log: slog.New(slog.DiscardHandler), db: d}
	check(t, a.syncCatalog(context.Background()))
	check(t, a.wire())
	t.Cleanup(a.store.StopCleanup)
	loaded, resume = make(chan struct{}), make(chan struct{})
	a.sessions.Store = hashTokens(newTouchThrottle(pausingStore{sessionStore: a.store, loaded: loaded, resume: resume}))
	_, err := a.checkout.EnsureFirstStaff(context.Background(), pausingStaff, pausingPassword)
	check(t, err)
	return a, loaded, resume
}
