package handlers

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"antom-checkout/db"
)

// A link page whose QR code expires while it is open says so in the
// words the page, reloaded, renders: the status poll carries them as the
// page's HTML, the language's Whole words boxed, which link.js puts in
// place. Sent as plain text, Thai's "ลองอีกครั้ง" broke "อีก|ครั้ง" and
// Traditional Chinese's "二維碼" broke "二|維碼" at 390 px on the live
// page only.
func TestLinkStatusWordsAsThePageRendersThem(t *testing.T) {
	for _, tc := range []struct{ language, boxed string }{
		{"th", `<span class="term">อีกครั้ง</span>`},
		{"zh-TW", `<span class="term">二維碼</span>`},
	} {
		t.Run(tc.language, func(t *testing.T) {
			ta := newTestApp(t)
			b := ta.client(t)
			b.signUp("live-words@example.com")
			buyer, _ := ta.DB.BuyerByEmail(context.Background(), "live-words@example.com")
			now := time.Now()
			if _, err := ta.DB.InsertLinkAttempt(context.Background(), db.LinkAttempt{
				AuthState: "live-words-state", BuyerID: buyer.ID, Wallet: "ALIPAY_HK", ReturnTo: "/wallets",
				Status: db.LinkExpired, CreatedAt: now.Add(-20 * time.Minute), ExpiresAt: now.Add(-5 * time.Minute),
			}); err != nil {
				t.Fatal(err)
			}
			p, _ := b.getIn("/wallets/link/1/status?seen=PENDING", tc.language)
			assertEqual(t, p.status, http.StatusOK, "status poll")
			var s linkStatus
			if err := json.Unmarshal([]byte(p.body), &s); err != nil {
				t.Fatal(err)
			}
			assertEqual(t, s.Status, db.LinkExpired, "status")

			page, _ := b.getIn("/wallets/link/1", tc.language)
			d := html(t, page.body)
			head, _ := testid(d, "link-headline").Html()
			detail, _ := testid(d, "link-detail").Html()
			assertEqual(t, s.HeadlineHTML, head, "the poll's headline, as the page renders it")
			assertEqual(t, s.DetailHTML, detail, "the poll's detail, as the page renders it")
			if !strings.Contains(s.DetailHTML, tc.boxed) {
				t.Fatalf("detail %q: want %s boxed", s.DetailHTML, tc.boxed)
			}
		})
	}
}
