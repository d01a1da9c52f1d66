package app

import (
	"slices"
	"strings"
)

// Settings is every environment variable the app, the sandbox on its own
// and staff reset read (README.md, Configuration, documents each).
var Settings = append([]string{"ADDR", "PUBLIC_URL", "DATA_DIR", "DATABASE_URL",
	"TOKEN_ENCRYPTION_KEY", "SANDBOX_ADDR", "SANDBOX_URL", "SANDBOX_TIME_SCALE",
	"MERCHANT_NAME", "MERCHANT_CONTACT", "SHOP_TIMEZONE", "CAPTURE_MODE", "METRICS_ADDR",
	"ORDERS_PER_VISITOR", "ORDERS_PER_ADDRESS", "TRUSTED_PROXIES", "ADMIN_PASSWORD",
	"DEMO", "TEST_CRASH_AT", "CATALOG"}, antomSettings...)

// CheckNames stops the start on an environment variable that is one of
// Settings misspelt (DATABSE_URL, METRIC_ADDR, database_url) or given a
// _FILE the app does not read (TOKEN_ENCRYPTION_KEY_FILE). Unread, such
// a setting leaves its default in place without a word: a DATABASE_URL
// misspelt runs each instance on a SQLite file of its own. The error
// names the variable and the setting meant, never the value. A near name
// beside the setting itself, given, is another program's (a shared
// settings file's DATABASE_URI beside our DATABASE_URL) and is left
// alone. environ is os.Environ's "NAME=value" list.
func CheckNames(environ []string) error {
	given := map[string]bool{}
	for _, kv := range environ {
		if name, value, _ := strings.Cut(kv, "="); value != "" {
			given[name] = true
		}
	}
	for _, kv := range environ {
		name, _, _ := strings.Cut(kv, "=")
		if meant := settingMeant(name); meant != "" && !given[meant] {
			return &settingError{name, "not a setting of this app; did you mean " + meant + "? Rename it (README: Configuration)"}
		}
		if base, ok := strings.CutSuffix(strings.ToUpper(name), "_FILE"); ok && slices.Contains(Settings, base) && !slices.Contains(Settings, name) && !given[base] {
			return &settingError{name, "not a setting of this app: only ANTOM_PRIVATE_KEY, ANTOM_PUBLIC_KEY and ANTOM_MERCHANT_PUBLIC_KEY " +
				"are read from a file; set " + base + " itself (README: Configuration)"}
		}
	}
	return nil
}

// settingMeant is the setting name is a slip of, or "": the same in
// another case, or a few letters off — one for names shorter than 8
// (ADDR, DEMO: their near neighbours are other words), two up to 14
// (DATABASE_USER, another program's, is three from DATABASE_URL), three
// from 15 (TRUSTED_PROXY).
func settingMeant(name string) string {
	if slices.Contains(Settings, name) {
		return ""
	}
	upper := strings.ToUpper(name)
	for _, s := range Settings {
		limit := 1
		switch {
		case len(s) >= 15:
			limit = 3
		case len(s) >= 8:
			limit = 2
		}
		if editDistance(upper, s) <= limit {
			return s
		}
	}
	return ""
}

// editDistance counts the letters inserted, deleted, changed or swapped
// with their neighbour (optimal string alignment) that make a into b.
func editDistance(a, b string) int {
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}
