package handlers

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"antom-checkout/db"
)

// The orders list tells an authorization staff voided from one Antom
// reported cancelled (a capture refused AUTH_CANCELLED or
// ORDER_IS_CANCELED): both orders are voided, and the status filter's
// "voided" lists both, but only the first's badge says "voided"; the
// others' say "cancelled at Antom", as each order's own page does.
func TestOrdersListTellsAVoidFromACancelAtAntom(t *testing.T) {
	ta, f := newFakeAntomApp(t)
	b := ta.client(t)
	b.staffSignIn()
	voided := ta.authorizedOrder(t, "voided-by-staff@example.com")
	if p := b.confirm("/admin/orders/"+voided+"/void", nil); p.status != http.StatusSeeOther {
		t.Fatalf("void answered %d:\n%s", p.status, p.body)
	}
	want := map[string]string{voided: "voided"} // ref → the badge's words
	for _, code := range []string{"AUTH_CANCELLED", "ORDER_IS_CANCELED"} {
		f.mu.Lock()
		f.answer = map[string]string{"capture": `{"result":{"resultCode":"` + code + `","resultStatus":"F","resultMessage":"cancelled"}}`}
		f.mu.Unlock()
		ref := ta.authorizedOrder(t, strings.ToLower(code)+"@example.com")
		if p := b.confirm("/admin/orders/"+ref+"/capture", url.Values{"amount": {"37.00"}}); p.status != http.StatusSeeOther {
			t.Fatalf("capture answered %d:\n%s", p.status, p.body)
		}
		want[ref] = "cancelled at Antom"
	}
	for ref := range want {
		assertEqual(t, ta.order(t, ref).Status, db.OrderVoided, ref+": the order's status")
	}

	for _, list := range []string{"/admin/orders", "/admin/orders?status=voided"} {
		got := map[string]string{}
		html(t, b.get(list).body).Find(`[data-testid="order-row"]`).Each(func(_ int, row *goquery.Selection) {
			badge := row.Find(`[data-testid="order-status"]`)
			got[row.Find(`[data-testid="order-link"]`).Text()] = badge.Text() + " (" + badge.AttrOr("data-status", "") + ")"
		})
		assertEqual(t, len(got), len(want), list+": orders listed")
		for ref, words := range want {
			assertEqual(t, got[ref], words+" (voided)", list+": "+ref+"'s badge")
		}
	}
	for ref, words := range want {
		d := html(t, b.get("/admin/orders/"+ref).body)
		assertEqual(t, textOf(t, d, "order-status"), words, ref+": its page's badge")
	}
}
