package views

import (
	"strconv"
	"strings"
	"testing"

	"antom-checkout/checkout/limits"
	"antom-checkout/lang"
)

// The sign-up form's words name the limits the server holds a buyer's
// password to (checkout/limits), in every language: the catalogs write
// the numbers themselves, so a limit changed in one place must show
// here.
func TestPasswordWordsSayTheServersLimits(t *testing.T) {
	min, max := strconv.Itoa(limits.BuyerPasswordMin), strconv.Itoa(limits.Password)
	for _, l := range lang.Languages {
		say := lang.For(l)
		for id, n := range map[string]string{"auth.password_help": min, "auth.password_short": min, "auth.password_long": max, "auth.email_long": strconv.Itoa(limits.Email)} {
			if words := say.T(id); !strings.Contains(words, n) {
				t.Errorf("%s %s = %q: no %s", l.Code, id, words, n)
			}
		}
	}
}
