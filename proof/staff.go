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

// refund sends the refund form and confirms it (act): amount in minor
// units, key the form's idempotency key (the same key twice is a double
// submit). It returns the HTTP status: 303 when the refund was taken (or
// refused with a notice), 422 when its input was refused.
func (s *staff) refund(ctx context.Context, ref, currency string, minor int64, key string) (int, error) {
	return s.act(ctx, "/admin/orders/"+ref+"/refunds",
		url.Values{"amount": {major(currency, minor)}, "reason": {"proof"}, "key": {key}})
}

// capture captures minor units of an authorised card payment, confirmed
// (act).
func (s *staff) capture(ctx context.Context, ref, currency string, minor int64) (int, error) {
	return s.act(ctx, "/admin/orders/"+ref+"/capture", url.Values{"amount": {major(currency, minor)}})
}

// void releases an authorisation, confirmed (act).
func (s *staff) void(ctx context.Context, ref string) (int, error) {
	return s.act(ctx, "/admin/orders/"+ref+"/void", nil)
}

// major writes minor units as staff type them: "12.50" dollars, "1200" yen.
func major(currency string, minor int64) string {
	if currency == "JPY" || currency == "KRW" {
		return fmt.Sprint(minor)
	}
	return fmt.Sprintf("%d.%02d", minor/100, minor%100)
}
