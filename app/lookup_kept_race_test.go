package app

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"antom-checkout/antom"
	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// notFoundAntom is a gateway that answers every call as Antom answers a
// refund lookup of an id it does not know: F, ORDER_NOT_EXIST, signed
// with the test vectors' Antom key for clientID.
func notFoundAntom(t *testing.T, clientID string) *httptest.Server {
	t.Helper()
	b, err := os.ReadFile(vectorKeys + "antom_private_pkcs8.b64")
	check(t, err)
	key, err := antom.ParsePrivateKey(string(b))
	check(t, err)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		body := `{"result":{"resultCode":"ORDER_NOT_EXIST","resultStatus":"F","resultMessage":"order not exist"}}`
		rt := time.Now().Format("2006-01-02T15:04:05-07:00")
		sig, err := antom.Sign(key, antom.Message{Method: "POST", Path: r.URL.Path, ClientID: clientID, Time: rt, Body: []byte(body)})
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/json; charset=UTF-8")
		w.Header().Set("client-id", clientID)
		w.Header().Set("response-time", rt)
		w.Header().Set("signature", sig)
		io.WriteString(w, body)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// Two refund lookups at once from a staff session signed in before
// sign-in ids existed (no staff_signin) — two tabs, each asking Antom
// about another refund — both keep their answer for the session's
// sign-in: each request gives the session the same sign-in id (the
// one the session's token makes), so the commit merged second keeps
// both answers for the id it keeps, and each answer's address shows its
// answer, not "Antom was not asked". (Each giving an id of its own, the
// later commit's id was the session's, and the other answer was kept
// for an id no longer its own.)
func TestTwoLookupsAtOnceOfASessionWithoutSignInIDBothKept(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		env := realEnv(t)
		cfg, err := load(env)
		check(t, err)
		cfg.GatewayURL, cfg.Sandbox = notFoundAntom(t, env["ANTOM_CLIENT_ID"]).URL, true // Sandbox: any gateway
		a, loaded, resume := pausingApp(t, cfg, d)
		ctx := context.Background()
		const email, password = pausingStaff, pausingPassword

		in := sendWith(a, ctx, http.MethodPost, "/admin/signin", nil, url.Values{"email": {email}, "password": {password}})
		cookies := in.Cookies()
		token := sessionSet(in)
		if in.StatusCode != http.StatusSeeOther || token == "" {
			t.Fatalf("staff sign-in: %d, token %t", in.StatusCode, token != "")
		}
		// Signed in before sign-in ids existed: no staff_signin.
		sctx, err := a.sessions.Load(ctx, token)
		check(t, err)
		if a.sessions.GetString(sctx, "staff_signin") == "" {
			t.Fatal("signing in gave no sign-in id")
		}
		a.sessions.Remove(sctx, "staff_signin")
		_, _, err = a.sessions.Commit(sctx)
		check(t, err)
		send := func(ctx context.Context, method, path string, form url.Values) *http.Response {
			return sendWith(a, ctx, method, path, cookies, form)
		}
		lookup := func(ctx context.Context, id string) *http.Response {
			return send(ctx, http.MethodPost, "/admin/refunds/lookup", url.Values{"id": {id}})
		}

		// The first lookup loads the session, the second runs whole, then
		// the first goes on and commits.
		done := make(chan *http.Response)
		go func() { done <- lookup(context.WithValue(ctx, pauseKey{}, "load"), "RF-FIRST") }()
		<-loaded
		answers := []*http.Response{lookup(ctx, "RF-SECOND")}
		resume <- struct{}{}
		answers = append(answers, <-done)
		for i, id := range []string{"RF-SECOND", "RF-FIRST"} {
			resp := answers[i]
			if at := resp.Header.Get("Location"); resp.StatusCode != http.StatusSeeOther || !strings.Contains(at, "id="+id) {
				t.Fatalf("lookup of %s answered %d to %q, want 303 to its answer", id, resp.StatusCode, at)
			}
			body, err := io.ReadAll(send(ctx, http.MethodGet, resp.Header.Get("Location"), nil).Body)
			check(t, err)
			page := string(body)
			if strings.Contains(page, `data-testid="lookup-not-kept"`) || !strings.Contains(page, `data-testid="lookup-not-found"`) {
				t.Errorf("the answer's address of %s does not show its answer:\n%s", id, excerpt(page, "lookup"))
			}
		}
	})
}

// excerpt is the part of page around its first "data-testid=\""+prefix.
func excerpt(page, prefix string) string {
	i := strings.Index(page, `data-testid="`+prefix)
	if i < 0 {
		return fmt.Sprintf("(no %s testid)", prefix)
	}
	return page[max(i-200, 0):min(i+400, len(page))]
}
