package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// Adding a staff member, then Reload, as the trial did: the add is
// Post/Redirect/Get, so the page the browser reloads is the staff page's
// GET — it shows the accounts, the new one among them, and neither the
// one-time password again nor "… already has a staff account." (the
// form sent again). The first view showed the password, once. A staff
// email at localhost, as the first account's may be, is taken.
func TestStaffAddThenReload(t *testing.T) {
	srv := startServer(t, map[string]string{"ADMIN_PASSWORD": adminPassword})
	staff := newBrowser(t, srv.URL)
	staffSignIn(staff, srv)
	staff.asPhone()
	staff.visit("/admin/staff")
	staff.run(chromedp.SendKeys("#email", "clerk@localhost", chromedp.ByQuery))
	staff.click("[data-testid=staff-add]", "[data-testid=staff-added]")
	password := strings.TrimSpace(staff.text("[data-testid=one-time-password]"))
	if password == "" {
		t.Fatal("no one-time password shown")
	}
	staff.fullScreenshot("added")

	staff.run(chromedp.Reload(), chromedp.WaitVisible("[data-testid=staff-accounts]", chromedp.ByQuery))
	staff.fullScreenshot("reloaded")
	body := staff.html()
	if strings.Contains(body, password) || strings.Contains(body, "already has a staff account") || strings.Contains(body, `data-testid="staff-added"`) {
		t.Fatalf("the reloaded staff page shows the password again or a refusal:\n%s", staff.text("main"))
	}
	if !strings.Contains(staff.text("[data-testid=staff-accounts]"), "clerk@localhost") {
		t.Fatalf("the new account is not listed after Reload: %q", staff.text("[data-testid=staff-accounts]"))
	}
}
