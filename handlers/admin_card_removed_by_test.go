package handlers

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"antom-checkout/db"
	"antom-checkout/views"
)

// Staff's Wallets and cards page says who removed a kept card and when,
// as it does for wallets: "removed by the buyer", "removed by <staff
// email>", with the time; a card removed before who removed it was
// recorded reads as just removed, and one removed before its time was
// recorded says the time was not recorded.
func TestAdminCardsSayWhoRemovedThem(t *testing.T) {
	ta := newAdminApp(t)
	buyer := ta.client(t)
	buyer.signUp("cards@example.com")
	ctx := context.Background()
	id := ta.buyerID(t, "cards@example.com")
	keep := func(last4 string) int64 {
		t.Helper()
		if err := ta.DB.KeepCard(ctx, db.Card{BuyerID: id, TokenSealed: []byte("sealed"), TokenHash: "card-" + last4,
			Brand: "VISA", Last4: last4, ExpiryMonth: "12", ExpiryYear: "30", CreatedAt: ta.now}); err != nil {
			t.Fatal(err)
		}
		cs, err := ta.DB.BuyerCards(ctx, id, db.CardActive)
		if err != nil || len(cs) == 0 || cs[0].Last4 != last4 {
			t.Fatalf("kept card %s: %v", last4, err)
		}
		return cs[0].ID
	}
	byBuyer, byStaff, before := keep("1111"), keep("2222"), keep("3333")

	p := buyer.post(fmt.Sprintf("/cards/%d/remove", byBuyer), confirmYes)
	assertEqual(t, p.status, http.StatusSeeOther, "the buyer removes a card")
	staff := ta.client(t)
	staff.staffSignIn()
	p = staff.confirm(fmt.Sprintf("/admin/cards/%d/remove", byStaff), nil)
	assertEqual(t, p.status, http.StatusSeeOther, "staff remove a card")
	// Removed before who removed it, or when, was recorded (migrations 31
	// and 32).
	if changed, err := ta.DB.RemoveCard(ctx, before, "", ta.now); err != nil || !changed {
		t.Fatalf("remove the third card: %v %v", changed, err)
	}
	if _, err := ta.DB.Raw().ExecContext(ctx, `UPDATE cards SET removed_at = '' WHERE id = ?`, before); err != nil {
		t.Fatal(err)
	}

	d := html(t, staff.get("/admin/wallets?email=cards%40example.com").body)
	got := map[string]string{}
	d.Find(`[data-testid="admin-card-row"]`).Each(func(_ int, row *goquery.Selection) {
		label := row.Find(`td[data-label="Card"]`).Text()
		removed := row.Find(`[data-testid="admin-card-removed"]`)
		got[label] = row.Find(`[data-testid="admin-card-status"]`).AttrOr("data-status", "") + " | " +
			strings.TrimSpace(removed.Contents().Not("div").Text()) + " | " + row.Find(`[data-testid="admin-card-reason"]`).Text()
	})
	at := views.AdminTime(nil, ta.now)
	want := map[string]string{
		"Visa •••• 1111": "REMOVED | " + at + " | removed by the buyer",
		"Visa •••• 2222": "REMOVED | " + at + " | removed by " + staffEmail,
		"Visa •••• 3333": "REMOVED | time not recorded | ",
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("each card's status, when and who removed it:\n got %v\nwant %v", got, want)
	}
}
