package e2e

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// The staff orders list's search box is the row's main field: at the
// desktop size (1280×800) it takes the room the status list and the
// Search button leave on their row — not a narrow box beside them — and
// on a phone (390×844) the form's whole width.
func TestAdminOrdersSearchFillsItsRow(t *testing.T) {
	srv := startServer(t, map[string]string{"ADMIN_PASSWORD": adminPassword})
	staff := newBrowser(t, srv.URL)
	staff.asDesktop()
	staffSignIn(staff, srv)
	for _, size := range []struct {
		name  string
		phone bool
	}{{"desktop", false}, {"phone", true}} {
		if size.phone {
			staff.asPhone()
		} else {
			staff.asDesktop()
		}
		staff.visit("/admin/orders")
		staff.screenshot()
		var m struct {
			Form, Input, Status float64 // widths: the form's content box, the search box, the status list
			InputBottom         float64
			ButtonTop           float64
			Gap                 float64 // the room left on the button's row, past it
		}
		staff.run(chromedp.Evaluate(`(() => {
			const form = document.querySelector("[data-testid=orders-search]"), cs = getComputedStyle(form);
			const f = form.getBoundingClientRect(), q = document.querySelector("[data-testid=orders-q]").getBoundingClientRect();
			const b = form.querySelector("button[type=submit]").getBoundingClientRect();
			const left = f.left + form.clientLeft + parseFloat(cs.paddingLeft), width = form.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
			return {Form: width, Input: q.width, Status: document.querySelector("[data-testid=orders-status]").getBoundingClientRect().width,
				InputBottom: q.bottom, ButtonTop: b.top, Gap: left + width - b.right};
		})()`, &m))
		t.Logf("%s: search box %.0f px, status list %.0f px, of the form's %.0f; %.0f px left past the button", size.name, m.Input, m.Status, m.Form, m.Gap)
		if size.phone {
			if m.Input < m.Form-1 || m.Status < m.Form-1 {
				t.Errorf("phone: the search box is %.0f px wide, the status list %.0f px, the form's content %.0f px: want its whole width", m.Input, m.Status, m.Form)
			}
			continue
		}
		if m.ButtonTop >= m.InputBottom || m.Gap > 2 || m.Input < m.Form/2 || m.Input < m.Status {
			t.Errorf("desktop: the search box is %.0f px of the form's %.0f (the status list %.0f), %.0f px left empty past Search, which is on its row: %v; want the search box the row's main field, the row filled",
				m.Input, m.Form, m.Status, m.Gap, m.ButtonTop < m.InputBottom)
		}
	}
}
