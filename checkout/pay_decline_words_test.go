package checkout

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"antom-checkout/db"
	"antom-checkout/lang"
)

// codesFile holds API.md's result-code sections, copied verbatim.
const codesFile = "testdata/antom_result_codes.md"

var (
	codeToken = regexp.MustCompile("`([A-Z][A-Z0-9_]+)`")
	// a table row whose second cell is a result status: | `CODE`, … | U |
	statusRow = regexp.MustCompile("^\\|([^|]*)\\|\\s*(S|F|U|F\\?)\\s*\\|")
	// in prose: `CODE` U, `CODE` (U, …), or U: `CODE`, `CODE`
	proseUnknown = regexp.MustCompile("`([A-Z][A-Z0-9_]+)`\\s+\\(?U\\b|U:((?:\\s*`[A-Z][A-Z0-9_]+`,?)+)")
)

// apiResultCodes reads every result code of the sections' tables and
// "Result codes" paragraphs, but SUCCESS, and which of them are U.
func apiResultCodes(t *testing.T, text string) (codes []string, unknown map[string]bool) {
	t.Helper()
	unknown = map[string]bool{}
	seen := map[string]bool{}
	add := func(c string) {
		if c != "SUCCESS" && !seen[c] {
			seen[c] = true
			codes = append(codes, c)
		}
	}
	inProse := false
	for _, line := range strings.Split(text, "\n") {
		if m := statusRow.FindStringSubmatch(line); m != nil {
			for _, c := range codeToken.FindAllStringSubmatch(m[1], -1) {
				add(c[1])
				if m[2] == "U" {
					unknown[c[1]] = true
				}
			}
			continue
		}
		if strings.HasPrefix(line, "Result codes") {
			inProse = true
		}
		if strings.TrimSpace(line) == "" {
			inProse = false
		}
		if !inProse {
			continue
		}
		for _, c := range codeToken.FindAllStringSubmatch(line, -1) {
			add(c[1])
		}
		for _, m := range proseUnknown.FindAllStringSubmatch(line, -1) {
			if m[1] != "" {
				unknown[m[1]] = true
			}
			for _, c := range codeToken.FindAllStringSubmatch(m[2], -1) {
				unknown[c[1]] = true
			}
		}
	}
	return codes, unknown
}

// Every code API.md lists has a row of its own, and the rows marked
// unknown are exactly the codes API.md calls U.
func TestDeclineWordsCoverAPICodes(t *testing.T) {
	raw, err := os.ReadFile(codesFile)
	check(t, err)
	codes, unknown := apiResultCodes(t, string(raw))
	if len(codes) < 50 {
		t.Fatalf("read only %d codes from %s: the parser lost the tables", len(codes), codesFile)
	}
	for _, want := range []string{"INVALID_AUTHCODE", "PAYMENT_IN_PROCESS", "FRAUD_REJECT", "CAPTURE_AMOUNT_EXCEED_AUTH_LIMIT",
		"REFUND_WINDOW_EXCEED", "MEDIA_TYPE_NOT_ACCEPTABLE", "ACCESS_TOKEN_EXPIRED", "REFUND_IN_PROCESS"} {
		if !slices.Contains(codes, want) {
			t.Errorf("the parser missed %s", want)
		}
	}
	for _, c := range []string{"PAYMENT_IN_PROCESS", "CAPTURE_IN_PROCESS", "AUTH_IN_PROCESS", "REFUND_IN_PROCESS",
		"UNKNOWN_EXCEPTION", "REQUEST_TRAFFIC_EXCEED_LIMIT"} {
		if !unknown[c] {
			t.Errorf("the parser did not read %s as U", c)
		}
	}
	for _, c := range codes {
		row, ok := declineTable[c]
		if !ok {
			t.Errorf("%s (API.md) has no buyer words", c)
			continue
		}
		if row.unknown != unknown[c] {
			t.Errorf("%s: unknown = %v, API.md says U = %v", c, row.unknown, unknown[c])
		}
	}
}

// The excerpt is API.md's own text, when API.md is at hand (the shared
// folder beside the repository).
func TestDeclineCodesExcerptMatchesAPIDoc(t *testing.T) {
	doc := findAPIDoc()
	if doc == "" {
		t.Skip("API.md not found beside the repository: the committed excerpt stands")
	}
	raw, err := os.ReadFile(doc)
	check(t, err)
	excerpt, err := os.ReadFile(codesFile)
	check(t, err)
	want, _ := apiResultCodes(t, string(raw[:strings.Index(string(raw), "\n## 8.")]))
	got, _ := apiResultCodes(t, string(excerpt))
	// API.md's other sections list codes too (inquiries, cancel): the
	// excerpt must hold every code of its five sections, which are all
	// the pay, capture, refund, token and generic ones.
	for _, c := range got {
		if !slices.Contains(want, c) {
			t.Errorf("%s is in the excerpt but not in %s", c, doc)
		}
	}
	for _, section := range []string{"### 4.2 ", "### 5.2 ", "### 5.4 ", "### 5.6 ", "## 7. "} {
		i := strings.Index(string(raw), "\n"+section)
		if i < 0 {
			t.Fatalf("%s has no section %q", doc, section)
		}
		rest := string(raw[i+1:])
		end := strings.Index(rest[1:], "\n##")
		if end >= 0 {
			rest = rest[:end+1]
		}
		if !strings.Contains(string(excerpt), strings.TrimRight(rest, "\n -")) {
			t.Errorf("section %q of %s differs from %s: copy it again", section, doc, codesFile)
		}
	}
}

// findAPIDoc looks for ../shared/antom/API.md from the repository's
// parent folders up.
func findAPIDoc() string {
	dir, err := filepath.Abs("..")
	if err != nil {
		return ""
	}
	for ; dir != filepath.Dir(dir); dir = filepath.Dir(dir) {
		p := filepath.Join(dir, "shared", "antom", "API.md")
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	return ""
}

// english says the table's messages in English, the catalogs' source.
var english = lang.For(lang.English)

// Every cell says what happened to the buyer's money, in words for its
// payment method (in English; every other catalog has each message, see
// package lang).
func TestDeclineWordsCellByCell(t *testing.T) {
	final := regexp.MustCompile(`Nothing was charged\.|You were not charged\.|If any money was taken, it is returned`)
	cells := map[string]declineWords{"(default)": declineDefault}
	for code, row := range declineTable {
		cells[code] = row
	}
	for code, row := range cells {
		for method, id := range map[string]string{db.MethodWallet: row.wallet, db.MethodCard: row.card} {
			where := code + "/" + method
			words := english.T(id)
			for _, l := range lang.Languages {
				if !lang.For(l).Has(id) {
					t.Errorf("%s: %s has no %s words", where, id, l.Code)
				}
			}
			lower := strings.ToLower(words)
			switch {
			case words == "" || !strings.HasSuffix(words, "."):
				t.Errorf("%s: %q is not a sentence", where, words)
			case method == db.MethodCard && (strings.Contains(lower, "wallet") || strings.Contains(lower, "balance")):
				t.Errorf("%s: a card decline speaks of a wallet: %q", where, words)
			case method == db.MethodWallet && strings.Contains(lower, "card"):
				t.Errorf("%s: a wallet decline speaks of a card: %q", where, words)
			case row.unknown && final.MatchString(words):
				t.Errorf("%s: the outcome is unknown, yet %q", where, words)
			case strings.Contains(lower, "time ran out") || strings.Contains(lower, "keep checking"):
				t.Errorf("%s: Antom's own answer reads as a payment we closed ourselves: %q", where, words)
			case !row.unknown && !final.MatchString(words):
				t.Errorf("%s: %q does not say what happened to the money", where, words)
			}
			if got := DeclineWords(code, method); code != "(default)" && got != id {
				t.Errorf("DeclineWords(%s) = %q, want the table's %q", where, got, id)
			}
		}
	}
	for _, tc := range []struct{ code, method, want string }{
		{"USER_BALANCE_NOT_ENOUGH", db.MethodWallet, "Your wallet balance is not enough for this payment. Nothing was charged."},
		{"USER_BALANCE_NOT_ENOUGH", db.MethodCard, "Your card was declined: not enough funds. Nothing was charged. Please use another card or pay another way."},
		{"RISK_REJECT", db.MethodCard, "Your card was declined by a security check. Nothing was charged. Please use another card or pay another way."},
		{"SOMETHING_NEW", db.MethodCard, "Your card was declined. Nothing was charged. Please use another card or pay another way."},
		{"SOMETHING_NEW", db.MethodWallet, "The payment was declined. Nothing was charged. Please try again or pay another way."},
		{"", db.MethodWallet, "The payment was declined. Nothing was charged. Please try again or pay another way."},
	} {
		assertEqual(t, english.T(DeclineWords(tc.code, tc.method)), tc.want, "DeclineWords("+tc.code+", "+tc.method+")")
	}
}

// A payment's words follow how it ended, not only its code: ORDER_NOT_EXIST
// as Antom's own F (failed) is a decline; a payment we closed ourselves
// (unconfirmed), whatever its code, promises the day-long watch only
// while it lasts (lateWatch after the attempt was made, as
// watchClosedLeased asks), and says afterwards that nothing turned up.
func TestEndingWordsFollowHowThePaymentEnded(t *testing.T) {
	made := time.Date(2026, 12, 5, 10, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		state, code string
		at          time.Time
		want        string
	}{
		{ResultFailed, "ORDER_NOT_EXIST", made.Add(time.Minute), wordsServiceFailed},
		{ResultFailed, "USER_BALANCE_NOT_ENOUGH", made.Add(time.Minute), wordsWalletBalance},
		{ResultUnconfirmed, "ORDER_NOT_EXIST", made.Add(time.Hour), wordsNeverArrived},
		{ResultUnconfirmed, "ORDER_NOT_EXIST", made.Add(lateWatch), wordsNeverArrived},
		{ResultUnconfirmed, "ORDER_NOT_EXIST", made.Add(lateWatch + time.Second), wordsNeverArrivedEnded},
	} {
		assertEqual(t, EndingWords(tc.state, tc.code, db.MethodWallet, made, tc.at), tc.want, tc.state+"/"+tc.code+" at "+tc.at.Sub(made).String())
	}
	final := regexp.MustCompile(`Nothing was charged\.`)
	watched, ended := english.T(wordsNeverArrived), english.T(wordsNeverArrivedEnded)
	if final.MatchString(watched) || !strings.Contains(watched, "as far as it told us") || !strings.Contains(watched, "given back to you automatically") {
		t.Errorf("closed by us, watched: %q claims more than Antom said, or does not say what happens if it turns up", watched)
	}
	if strings.Contains(ended, "keep checking") || !strings.Contains(ended, ": nothing was charged.") {
		t.Errorf("closed by us, no longer watched: %q promises a watch, or does not say what happened to the money", ended)
	}
	for _, id := range []string{wordsNeverArrived, wordsNeverArrivedEnded} {
		for _, l := range lang.Languages {
			if !lang.For(l).Has(id) {
				t.Errorf("%s has no %s words", l.Code, id)
			}
		}
	}
}
