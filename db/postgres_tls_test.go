package db_test

import (
	"testing"

	"antom-checkout/db"
)

// A DATABASE_URL that may reach another machine without TLS is told
// apart from one that cannot (TLS required, or this machine).
func TestPostgresPlaintext(t *testing.T) {
	t.Setenv("PGSSLMODE", "")
	for _, c := range []struct {
		url, host, mode string
		plaintext       bool
	}{
		{"postgres://app:pw@db.example.com:5432/checkout", "db.example.com", "", true},
		{"postgres://app:pw@10.0.0.7/checkout?sslmode=prefer", "10.0.0.7", "prefer", true},
		{"postgres://app:pw@10.0.0.7/checkout?sslmode=allow", "10.0.0.7", "allow", true},
		{"postgresql://app:pw@10.0.0.7/checkout?sslmode=disable", "10.0.0.7", "disable", true},
		{"postgres://app:pw@db.example.com/checkout?sslmode=require", "", "require", false},
		{"postgres://app:pw@db.example.com/checkout?sslmode=verify-full", "", "verify-full", false},
		{"postgres://app:pw@127.0.0.1/checkout", "", "", false},
		{"postgres://app:pw@localhost/checkout?sslmode=disable", "", "disable", false},
		{"postgres://app:pw@[::1]:5432/checkout", "", "", false},
		{"postgres://app@/checkout?host=/var/run/postgresql", "", "", false},
	} {
		host, mode, plaintext := db.PostgresPlaintext(c.url)
		if host != c.host || mode != c.mode || plaintext != c.plaintext {
			t.Errorf("%s: %q %q %v, want %q %q %v", c.url, host, mode, plaintext, c.host, c.mode, c.plaintext)
		}
	}
	t.Setenv("PGSSLMODE", "verify-full")
	if _, _, plaintext := db.PostgresPlaintext("postgres://app:pw@db.example.com/checkout"); plaintext {
		t.Error("PGSSLMODE=verify-full and no sslmode in the URL: plaintext")
	}
}
