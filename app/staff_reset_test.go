package app

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The only staff account's own password lost, ADMIN_PASSWORD cannot help
// (it never replaces a password someone chose): `antom-checkout staff
// reset EMAIL` gives that account a new one-time password, printed once.
func TestStaffResetGivesTheAccountANewOneTimePassword(t *testing.T) {
	dir := t.TempDir()
	a, closeApp, _, err := newApp(t, dir, "the owner's password, since lost")
	check(t, err)
	ctx := context.Background()
	if _, err := a.Checkout().StaffSignIn(ctx, "admin@shop.example.com", "the owner's password, since lost", "192.0.2.1"); err != nil {
		t.Fatal(err)
	}
	check(t, closeApp())

	env := map[string]string{"DATA_DIR": dir}
	getenv := func(k string) string { return env[k] }
	var out bytes.Buffer
	check(t, StaffCommand([]string{"reset", "Admin@Shop.Example.com"})(ctx, getenv, &out))
	m := regexp.MustCompile(`new one-time password for admin@shop\.example\.com: (\S+)\n`).FindStringSubmatch(out.String())
	if m == nil {
		t.Fatalf("staff reset printed:\n%s", out.String())
	}

	a, _, logs, err := newApp(t, dir, "")
	check(t, err)
	if _, err := a.Checkout().StaffSignIn(ctx, "admin@shop.example.com", "the owner's password, since lost", "192.0.2.1"); err == nil {
		t.Fatal("the old password still signs in")
	}
	st, err := a.Checkout().StaffSignIn(ctx, "admin@shop.example.com", m[1], "192.0.2.1")
	if err != nil || !st.MustChange {
		t.Fatalf("sign in with the reset's one-time password: %+v %v", st, err)
	}
	if strings.Contains(logs, m[1]) {
		t.Fatal("the app logged the reset's password")
	}
}

// The command changes nothing unasked: a wrong email names the accounts
// there are, a wrong DATA_DIR creates no database, and anything but
// "reset EMAIL" is refused.
func TestStaffResetRefusesMistakes(t *testing.T) {
	dir := t.TempDir()
	_, closeApp, _, err := newApp(t, dir, "an admin password from the environment")
	check(t, err)
	check(t, closeApp())
	ctx := context.Background()
	var out bytes.Buffer

	err = StaffCommand([]string{"reset", "owner@shop.example.com"})(ctx, func(k string) string { return map[string]string{"DATA_DIR": dir}[k] }, &out)
	if err == nil || !strings.Contains(err.Error(), "the active ones: admin@shop.example.com") || errors.Is(err, ErrStaffUsage) {
		t.Fatalf("an unknown email: %v", err)
	}

	typo := filepath.Join(t.TempDir(), "dta")
	err = StaffCommand([]string{"reset", "admin@shop.example.com"})(ctx, func(k string) string { return map[string]string{"DATA_DIR": typo}[k] }, &out)
	if err == nil || !strings.Contains(err.Error(), "no database at") {
		t.Fatalf("a DATA_DIR without a database: %v", err)
	}
	if _, err := os.Stat(typo); !os.IsNotExist(err) {
		t.Fatalf("the command created %s: %v", typo, err)
	}

	for _, args := range [][]string{{}, {"reset"}, {"remove", "admin@shop.example.com"}, {"reset", "a@b", "c@d"}} {
		if err := StaffCommand(args)(ctx, func(string) string { return "" }, &out); !errors.Is(err, ErrStaffUsage) || !strings.HasPrefix(err.Error(), "usage:") {
			t.Fatalf("staff %v: %v", args, err)
		}
	}
	// An argument that is no email address is a usage mistake too, and
	// its words name it.
	err = StaffCommand([]string{"reset", "not-an-email"})(ctx, func(string) string { return "" }, &out)
	if !errors.Is(err, ErrStaffUsage) || err.Error() != `staff reset: "not-an-email" is not an email address` {
		t.Fatalf("staff reset not-an-email: %v", err)
	}
	if out.Len() != 0 {
		t.Fatalf("printed:\n%s", out.String())
	}
}
