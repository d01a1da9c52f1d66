package handlers

import (
	"bytes"
	"context"
	"crypto/rsa"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"antom-checkout/antom"
	"antom-checkout/checkout"
	"antom-checkout/db"
)

// 10,000 junk posts to the notify URL (most of them 60 KB; unsigned,
// badly signed, signed by someone else, stale) from 50 addresses grow the
// database by under 5 MB: each address gets its first refusals recorded
// small, then 429 with Retry-After. A genuine notification from a
// throttled address still applies.
func TestJunkNotificationsKeepTheDatabaseSmall(t *testing.T) {
	const posts, addresses, limit = 10_000, 50, 5 << 20
	ta := newTestApp(t)
	b := ta.client(t)
	b.signUp("paid@example.com")
	ref := b.buy("mug", "1")
	ta.openAttempt(t, ref, ta.insertWallet(t, ta.buyerID(t, "paid@example.com"), "0917****123"))
	start := ta.dbSize(t)

	rng := rand.New(rand.NewPCG(1, 2))
	noise := make([]byte, 60<<10)
	for i := range noise {
		noise[i] = byte(rng.IntN(256))
	}
	bodies := [][]byte{
		[]byte(`{"notifyType":"PAYMENT_RESULT","paymentRequestId":"PR-` + ref + `-TEST","pad":"` + strings.Repeat("A", 60<<10) + `"}`),
		noise,
		[]byte(`{"notifyType":"` + strings.Repeat("X", 2000) + `","accessToken":"leak-me"}`),
	}
	// Signatures are made once per body: signing is the slow part.
	stranger := mustPrivateKey(t, "merchant_private_pkcs8.b64")
	signed := func(key *rsa.PrivateKey, requestTime string, body []byte) http.Header {
		sig, err := antom.Sign(key, antom.Message{Method: "POST", Path: "/antom/notify", ClientID: testClientID, Time: requestTime, Body: body})
		if err != nil {
			t.Fatal(err)
		}
		return http.Header{"client-id": {testClientID}, "request-time": {requestTime}, "signature": {sig}}
	}
	var headers [4][]http.Header
	for _, body := range bodies {
		headers[0] = append(headers[0], http.Header{"request-time": {strings.Repeat("9", 5000)}})                  // unsigned
		headers[1] = append(headers[1], signed(stranger, ta.now.Format(time.RFC3339), body))                       // someone else's key
		headers[2] = append(headers[2], signed(ta.antomKey, ta.now.Format(time.RFC3339), []byte("{}")))            // another body's
		headers[3] = append(headers[3], signed(ta.antomKey, ta.now.Add(-48*time.Hour).Format(time.RFC3339), body)) // two days old
	}
	junk := func(i int) *http.Request {
		req := httptest.NewRequest(http.MethodPost, "/antom/notify", bytes.NewReader(bodies[i%len(bodies)]))
		req.Header = headers[i%4][i%len(bodies)].Clone()
		req.RemoteAddr = fmt.Sprintf("198.51.100.%d:40000", i%addresses)
		return req
	}

	routes := ta.Routes()
	codes := map[int]int{}
	for i := range posts {
		rec := httptest.NewRecorder()
		routes.ServeHTTP(rec, junk(i))
		codes[rec.Code]++
		if rec.Code == http.StatusTooManyRequests && rec.Header().Get("Retry-After") == "" {
			t.Fatal("429 without Retry-After")
		}
		if strings.Contains(rec.Body.String(), antom.AckBody) {
			t.Fatal("acknowledged junk")
		}
		if i == posts/2 {
			genuine := ta.notification(t, testClientID, "/antom/notify", ta.now.Format(time.RFC3339), []byte(
				`{"notifyType":"PAYMENT_RESULT","result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success."},`+
					`"paymentRequestId":"PR-`+ref+`-TEST","paymentId":"P-GENUINE","paymentAmount":{"currency":"USD","value":"1200"}}`))
			genuine.RemoteAddr = "198.51.100.1:40000" // long throttled by now
			rec := ta.do(genuine)
			assertEqual(t, rec.Code, http.StatusOK, "genuine notification from a throttled address")
			assertEqual(t, rec.Body.String(), antom.AckBody, "acknowledgement")
		}
		if i%1000 == 999 {
			if grown := ta.dbSize(t) - start; grown > limit {
				t.Fatalf("after %d junk posts the database grew by %d bytes (limit %d)", i+1, grown, limit)
			}
		}
	}
	grown := ta.dbSize(t) - start
	t.Logf("%d junk posts grew the %s database by %d bytes; answers %v", posts, ta.DB.Backend(), grown, codes)
	recorded := addresses * checkout.RefusedNotifyPerAddress
	assertEqual(t, codes[http.StatusUnauthorized], recorded, "refusals recorded (401)")
	assertEqual(t, codes[http.StatusTooManyRequests], posts-recorded, "refusals past the limit (429)")
	assertEqual(t, ta.order(t, ref).Status, db.OrderPaid, "order after the genuine notification")

	rows, err := ta.DB.RecentNotifications(context.Background(), recorded+10)
	if err != nil {
		t.Fatal(err)
	}
	assertEqual(t, len(rows), recorded+1, "inbox rows")
	for _, r := range rows[1:] {
		if len(r.BodyRedacted) > 520 || len(r.RequestTime) > 70 || len(r.Kind) > 64 || r.BodySealed != nil ||
			strings.Contains(r.BodyRedacted, "leak-me") || !strings.Contains(r.Detail, "sha256 ") {
			t.Fatalf("refused row too large or unredacted: kind %d, time %d, body %d bytes, detail %q",
				len(r.Kind), len(r.RequestTime), len(r.BodyRedacted), r.Detail)
		}
	}
}

// dbSize is the database's size in bytes: on SQLite its file and WAL
// after a checkpoint, on PostgreSQL what pg_database_size counts.
func (ta *testApp) dbSize(t *testing.T) int64 {
	t.Helper()
	var size int64
	if ta.DB.Backend() == db.PostgreSQL {
		if err := ta.DB.SQL().QueryRow(`SELECT pg_database_size(current_database())`).Scan(&size); err != nil {
			t.Fatal(err)
		}
		return size
	}
	var path string
	if err := ta.DB.SQL().QueryRow(`SELECT file FROM pragma_database_list WHERE name = 'main'`).Scan(&path); err != nil {
		t.Fatal(err)
	}
	if _, err := ta.DB.SQL().Exec(`PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{path, path + "-wal"} {
		if st, err := os.Stat(p); err == nil {
			size += st.Size()
		}
	}
	return size
}
