package proof

import (
	"context"
	"fmt"
	"net/url"
	"strings"
)

// staffPassword is ADMIN_PASSWORD for the proof's app: the first staff
// account is made with it.
const staffPassword = "proof staff password"

// staff is a signed-in member of staff in /admin.
type staff struct {
	browser *browser
}

// signInStaff signs in as the first staff account (admin@<host>).
func signInStaff(ctx context.Context, base, email string) (*staff, error) {
	s := &staff{browser: newBrowser(base)}
	loc, err := s.browser.postRedirect(ctx, "staff sign-in", "/admin/signin", url.Values{"email": {email}, "password": {staffPassword}})
	if err != nil {
		return nil, err
	}
	if strings.HasPrefix(loc, "/admin/signin") || strings.HasPrefix(loc, "/admin/password") {
		return nil, fmt.Errorf("staff sign-in: sent to %s", loc)
	}
	return s, nil
}

// refund sends the refund form: amount in minor units, key the form's
// idempotency key (the same key twice is a double submit). It returns the
// HTTP status: 303 when the form was taken, 422 when refused.
func (s *staff) refund(ctx context.Context, ref, currency string, minor int64, key string) (int, error) {
	p, err := s.browser.post(ctx, "/admin/orders/"+ref+"/refunds",
		url.Values{"amount": {major(currency, minor)}, "reason": {"proof"}, "key": {key}})
	return p.status, err
}

// capture captures minor units of an authorised card payment: its
// confirmation pressed (confirm=yes), as the form alone only asks.
func (s *staff) capture(ctx context.Context, ref, currency string, minor int64) (int, error) {
	p, err := s.browser.post(ctx, "/admin/orders/"+ref+"/capture", url.Values{"amount": {major(currency, minor)}, "confirm": {"yes"}})
	return p.status, err
}

// void releases an authorisation.
func (s *staff) void(ctx context.Context, ref string) (int, error) {
	p, err := s.browser.post(ctx, "/admin/orders/"+ref+"/void", nil)
	return p.status, err
}

// major writes minor units as staff type them: "12.50" dollars, "1200" yen.
func major(currency string, minor int64) string {
	if currency == "JPY" || currency == "KRW" {
		return fmt.Sprint(minor)
	}
	return fmt.Sprintf("%d.%02d", minor/100, minor%100)
}
