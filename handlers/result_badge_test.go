package handlers

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"antom-checkout/db"
)

// An order's result page badge says what My orders says of it, in the
// same words and colour, in every language: a released hold reads
// "Released" in both (the result page's own word was "voided", Malay's
// "dibatalkan", cancelled). A released hold charged nothing, so its page
// offers no receipt; a hold still held does.
func TestResultBadgeSaysWhatMyOrdersSays(t *testing.T) {
	ta := newAdminApp(t)
	ctx := context.Background()
	ref := ta.authorizedOrder(t, "badge-words@example.com")
	b := ta.client(t)
	b.post("/signin", url.Values{"email": {"badge-words@example.com"}, "password": {"correct horse battery"}})

	check := func(state string, receipt int, want map[string]string) {
		t.Helper()
		for language, words := range want {
			p, _ := b.getIn("/orders/"+ref, language)
			assertEqual(t, p.status, http.StatusOK, state+": result page in "+language)
			d := html(t, p.body)
			badge := testid(d, "result-status")
			assertEqual(t, strings.TrimSpace(badge.Text()), words, state+": result page badge in "+language)
			assertEqual(t, testid(d, "print-receipt").Length(), receipt, state+": receipts offered in "+language)

			p, _ = b.getIn("/orders", language)
			row := html(t, p.body).Find(`[data-ref="` + ref + `"] [data-testid=order-status]`)
			assertEqual(t, strings.TrimSpace(row.Text()), words, state+": My orders in "+language)
			rowClass, _ := row.Attr("class")
			badgeClass, _ := badge.Attr("class")
			assertEqual(t, badgeClass, rowClass, state+": the badge's colour, as My orders' in "+language)
		}
	}
	check("authorized", 1, map[string]string{"en": "Authorized", "ms": "Dibenarkan"})

	a, err := ta.DB.SuccessfulAttempt(ctx, ta.order(t, ref).ID)
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := ta.DB.SetOrderStatus(ctx, a.OrderID, db.OrderAuthorized, db.OrderVoided, ta.now); err != nil || !ok {
		t.Fatalf("order voided: %v %v", ok, err)
	}
	check("released", 0, map[string]string{"en": "Released", "ms": "Dilepaskan", "zh-Hans": "已释放", "th": "ปลดวงเงินแล้ว"})
}
