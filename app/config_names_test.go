package app

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestCheckNamesStopsOnASettingMisspelt: a setting misspelt is not read,
// and its default takes its place without a word (DATABSE_URL ran an
// instance on SQLite in DATA_DIR beside the others on PostgreSQL). The
// start stops naming it and the setting meant, never its value.
func TestCheckNamesStopsOnASettingMisspelt(t *testing.T) {
	for name, meant := range map[string]string{
		"DATABSE_URL":               "DATABASE_URL",
		"DATABASE_URI":              "DATABASE_URL",
		"database_url":              "DATABASE_URL",
		"METRIC_ADDR":               "METRICS_ADDR",
		"TRUSTED_PROXY":             "TRUSTED_PROXIES",
		"CAPTURE_MOD":               "CAPTURE_MODE",
		"ADMIN_PASSWD":              "ADMIN_PASSWORD",
		"ANTOM_PUBLIC_KEYFILE":      "ANTOM_PUBLIC_KEY_FILE",
		"PUBLIC_URI":                "PUBLIC_URL",
		"Addr":                      "ADDR",
		"TOKEN_ENCRYPTION_KEY_FILE": "TOKEN_ENCRYPTION_KEY",
		"DATABASE_URL_FILE":         "DATABASE_URL",
	} {
		err := CheckNames([]string{"PATH=/usr/bin", name + "=s3cret-value"})
		if err == nil || !strings.HasPrefix(err.Error(), "config: "+name+": not a setting of this app") ||
			!strings.Contains(err.Error(), meant) || strings.Contains(err.Error(), "s3cret") {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// What a service's environment holds besides the settings starts: the
// settings themselves, systemd's, Kubernetes' service links (a service
// named antom-checkout, database, metrics or sandbox), a container's, and
// other programs' near names.
func TestCheckNamesLeavesOtherVariables(t *testing.T) {
	environ := []string{"PATH=/bin", "HOME=/root", "PWD=/", "TERM=xterm", "LANG=C.UTF-8", "HOSTNAME=app-1",
		"USER=checkout", "SHELL=/bin/sh", "INVOCATION_ID=x", "JOURNAL_STREAM=8:1", "NOTIFY_SOCKET=/run/x",
		"CREDENTIALS_DIRECTORY=/run/credentials/x", "STATE_DIRECTORY=/var/lib/x", "PORT=8080", "TZ=UTC",
		"GOGC=200", "GOMEMLIMIT=200MiB", "GOMAXPROCS=2", "IS_SANDBOX=yes", "CI=1", "TEST_DB=postgres",
		"TEST_DATABASE_URL=postgres://x", "DBTEST_PG_DURABLE=1", "CLUSTER_SIZE=3", "BENCH_METRICS_ADDR=127.0.0.1:9092",
		"ANTOM_CHECKOUT_PORT=tcp://10.0.0.1:8080", "ANTOM_CHECKOUT_SERVICE_HOST=10.0.0.1",
		"ANTOM_CHECKOUT_SERVICE_PORT=8080", "DATABASE_PORT=tcp://10.0.0.2:5432", "DATABASE_SERVICE_HOST=10.0.0.2",
		"DATABASE_USER=checkout", "DATABASE_HOST=db", "METRICS_PORT=tcp://10.0.0.3:9091", "SANDBOX_PORT=tcp://10.0.0.4:8081",
		"SANDBOX_SERVICE_HOST=10.0.0.4", "KUBERNETES_SERVICE_HOST=10.0.0.10", "HTTP_PROXY=", "NO_PROXY=localhost",
		"ANTOM_PRIVATE_KEY_FILE=/run/k", "ANTOM_PUBLIC_KEY_FILE=/run/p", "ANTOM_MERCHANT_PUBLIC_KEY_FILE=/run/m"}
	for _, s := range Settings {
		environ = append(environ, s+"=x")
	}
	if err := CheckNames(environ); err != nil {
		t.Fatal(err)
	}
	if err := CheckNames(os.Environ()); err != nil { // this test's own: CI's, a developer's
		t.Fatal(err)
	}
}

// TestSettingsAreTheOnesRead: Settings (which CheckNames holds names
// against) is every name the app's code reads, and README's
// configuration table documents each.
func TestSettingsAreTheOnesRead(t *testing.T) {
	files, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	read := regexp.MustCompile(`getenv\("([A-Z_]+)"\)`)
	var names []string
	for _, f := range files {
		if !strings.HasSuffix(f.Name(), ".go") || strings.HasSuffix(f.Name(), "_test.go") {
			continue
		}
		b, err := os.ReadFile(f.Name())
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range read.FindAllStringSubmatch(string(b), -1) {
			names = append(names, m[1])
		}
	}
	if len(names) < 15 {
		t.Fatalf("found only %v", names)
	}
	for _, n := range names {
		if !slices.Contains(Settings, n) {
			t.Errorf("%s is read but not in Settings", n)
		}
	}
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range Settings {
		if !strings.Contains(string(readme), "| `"+s+"`") && !strings.Contains(string(readme), "/ `"+s+"`") {
			t.Errorf("README's configuration table does not document %s", s)
		}
	}
}

// A near name beside the setting it is near, given, is another program's
// (a settings file shared with one that reads DATABASE_URI): the start
// goes on. Without the setting itself it is a slip, as above.
func TestCheckNamesLeavesANearNameBesideTheSetting(t *testing.T) {
	for _, environ := range [][]string{
		{"DATABASE_URL=postgres://a", "DATABASE_URI=postgres://b"},
		{"METRICS_ADDR=127.0.0.1:9091", "METRIC_ADDR=:9"},
		{"TOKEN_ENCRYPTION_KEY=k", "TOKEN_ENCRYPTION_KEY_FILE=/run/k"},
	} {
		if err := CheckNames(environ); err != nil {
			t.Errorf("%v: %v", environ, err)
		}
	}
	if err := CheckNames([]string{"DATABASE_URL=", "DATABASE_URI=postgres://b"}); err == nil {
		t.Error("DATABASE_URI beside an empty DATABASE_URL (read as unset) started")
	}
}
