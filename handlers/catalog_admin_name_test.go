package handlers

import (
	"net/http"
	"net/url"
	"regexp"
	"testing"
)

// adminItem reads the product's name off an admin order page's Items.
var adminItem = regexp.MustCompile(`<td data-label="Item">([^<]*)</td>`)

// The admin names an order's product by the words it was bought with:
// once the catalogue file renamed it (its row retired, a new one selling
// it), the retired row's English name — never the new name, nor the
// Thai the buyer read it in (the admin is in English only, whatever
// language the staff's browser chose on the shop's pages). A file with no English name for it: its
// default language's.
func TestAdminNamesAnOrderOfARetiredRowAsBought(t *testing.T) {
	ta := newAdminApp(t)
	sellCatalogText(t, ta, bowlFile("Celadon rice bowl", "ชามข้าวศิลาดล", true))
	buyer := ta.client(t)
	buyer.post("/lang", url.Values{"lang": {"th"}, "next": {"/"}})
	bowl := buyer.buy("rice-bowl", "1")
	thaiOnly := `default_language = "th"
[[product]]
slug = "tea-cup"
price = 900
currency = "USD"
[product.name]
th = "ถ้วยชา"
`
	sellCatalogText(t, ta, thaiOnly)
	cup := buyer.buy("tea-cup", "1")
	sellCatalogText(t, ta, bowlFile("Large celadon bowl", "ชามศิลาดลใบใหญ่", true))

	staff := ta.client(t)
	staff.post("/lang", url.Values{"lang": {"th"}, "next": {"/"}}) // staff reading the shop in Thai
	staff.staffSignIn()
	for ref, want := range map[string]string{bowl: "Celadon rice bowl", cup: "ถ้วยชา"} {
		req := staff.get("/admin/orders/" + ref)
		m := adminItem.FindStringSubmatch(req.body)
		if req.status != http.StatusOK || m == nil || m[1] != want {
			t.Errorf("admin order %s: %d, item %q, want %q", ref, req.status, m, want)
		}
	}
}
