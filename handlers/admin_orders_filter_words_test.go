package handlers

import (
	"strings"
	"testing"
)

// The orders filter's options each name a group of orders: the one of
// orders whose payment we closed unconfirmed says so of them all — "each
// watched for a day" — not of one payment ("watched a day").
func TestAdminOrdersFilterNamesAGroup(t *testing.T) {
	ta := newAdminApp(t)
	b := ta.client(t)
	b.staffSignIn()
	label := strings.Join(strings.Fields(html(t, b.get("/admin/orders").body).Find(`option[value="unconfirmed"]`).Text()), " ")
	assertEqual(t, label, "Not confirmed (payments closed by us: Antom had no record of them past their expiry; each watched for a day for a late success)",
		"the unconfirmed orders' option")
}
