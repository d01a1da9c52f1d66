package lang

import (
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func TestDates(t *testing.T) {
	at := time.Date(2026, 1, 2, 15, 4, 0, 0, time.FixedZone("KST", 9*3600)) // 06:04 UTC
	cases := []struct{ lang, date, datetime, tm string }{
		{"en", "2 Jan 2026", "2 Jan 2026, 06:04 UTC", "06:04 UTC"},
		{"zh-Hans", "2026年1月2日", "2026年1月2日 UTC 06:04", "UTC 06:04"},
		{"zh-Hant", "2026年1月2日", "2026年1月2日 UTC 06:04", "UTC 06:04"},
		{"ko", "2026년 1월 2일", "2026년 1월 2일 오전 6:04 UTC", "오전 6:04 UTC"},
		{"id", "2 Jan 2026", "2 Jan 2026 06.04 UTC", "06.04 UTC"},
		{"ms", "2 Jan 2026", "2 Jan 2026, 6:04 PG UTC", "6:04 PG UTC"},
		{"th", "2 ม.ค. 2569", "2 ม.ค. 2569 06:04 UTC", "06:04 UTC"},
	}
	for _, c := range cases {
		l, _ := ByCode(c.lang)
		loc := For(l)
		if got := read(loc.Date(at)); got != c.date {
			t.Errorf("%s: Date = %q, want %q", c.lang, got, c.date)
		}
		if got := read(loc.DateTime(at)); got != c.datetime {
			t.Errorf("%s: DateTime = %q, want %q", c.lang, got, c.datetime)
		}
		if got := read(loc.Time(at)); got != c.tm {
			t.Errorf("%s: Time = %q, want %q", c.lang, got, c.tm)
		}
	}
	pm := time.Date(2026, 8, 31, 0, 30, 0, 0, time.UTC)
	if got := read(For(Languages[3]).DateTime(pm)); got != "2026년 8월 31일 오전 12:30 UTC" {
		t.Errorf("ko midnight: %q", got)
	}
	if got := read(For(Languages[0]).Date(pm)); got != "31 Aug 2026" {
		t.Errorf("en: %q", got)
	}
}

// read is a date or time as the reader sees it: no-break spaces as
// spaces.
func read(s string) string { return strings.NewReplacer("\u00a0", " ").Replace(s) }

// Every language's date, and time of day, is one unit a line never
// breaks inside ("Linked on 6 Dec ⏎ 2026" on My wallets at 320 px): no
// space a line may break at (each is a no-break space), and a Chinese
// date, whose characters a line may break between ("2026年 ⏎ 12月6日"),
// held whole by the page (Held: one span, no invisible word joiner in the
// text, which copied text carried). A date with its time may break
// between the two only, once: after the date's separator. Staff's times
// (StaffTime) keep their date and their time whole too.
func TestDatesAreWhole(t *testing.T) {
	at := time.Date(2026, 12, 6, 15, 4, 0, 0, time.UTC)
	cjk := regexp.MustCompile(`[\p{Han}\p{Hiragana}\p{Katakana}]`)
	unbrokenAll := func(what, s string) {
		t.Helper()
		if strings.ContainsAny(s, " \t") {
			t.Errorf("%s %q: a line may break at its space", what, s)
		}
		if strings.ContainsRune(s, '\u2060') {
			t.Errorf("%s %q: an invisible word joiner", what, s)
		}
		if cjk.MatchString(s) {
			if held := (Language{Code: "zh-Hant"}).Held(s); len(held) != 1 || held[0] != [2]int{0, len(s)} {
				t.Errorf("%s %q: held %v, want all of it", what, s, held)
			}
		}
	}
	for _, l := range Languages {
		loc := For(l)
		unbrokenAll(l.Code+" Date", loc.Date(at))
		unbrokenAll(l.Code+" Time", loc.Time(at))
		dt := loc.DateTime(at)
		date, rest, ok := strings.Cut(dt, loc.Date(at))
		if !ok || date != "" {
			t.Errorf("%s: DateTime %q does not start with its Date %q", l.Code, dt, loc.Date(at))
			continue
		}
		unbrokenAll(l.Code+" DateTime's time", strings.TrimLeft(rest, ", "))
	}
	staff := StaffTime(at, nil)
	if read(staff) != "6 Dec 2026 15:04:00 UTC" {
		t.Errorf("StaffTime = %q", staff)
	}
	date, tm, _ := strings.Cut(staff, " ")
	unbrokenAll("StaffTime's date", date)
	unbrokenAll("StaffTime's time", tm)
}

// Both Chinese catalogs write a time of day one way, the 24-hour clock
// after its zone ("UTC 09:58": no 上午/下午 beside a UTC clock), and it
// sits in a sentence as Latin letters and digits do: set off from the
// Chinese characters on either side by a space or punctuation
// ("最迟在 UTC 09:58 前"), never glued to them, and no space left
// between two Chinese characters. Every message given a time of day
// (an At or a Time argument; format.* joins a date and a time with a
// space on purpose) is read with one put in.
func TestTimesSitInChineseSentences(t *testing.T) {
	hanSpaceHan := regexp.MustCompile(`\p{Han} +\p{Han}`)
	han := regexp.MustCompile(`\p{Han}`)
	at := time.Date(2026, 12, 3, 9, 58, 0, 0, time.UTC)
	for _, code := range []string{"zh-Hans", "zh-Hant"} {
		l, _ := ByCode(code)
		tm := read(For(l).Time(at))
		if tm != "UTC 09:58" {
			t.Errorf("%s: a time reads %q, want %q", code, tm, "UTC 09:58")
		}
		for id, words := range catalog(t, code) {
			if strings.HasPrefix(id, "format.") || !strings.Contains(words, "{{.At}}") && !strings.Contains(words, "{{.Time}}") {
				continue
			}
			said := strings.NewReplacer("{{.At}}", tm, "{{.Time}}", tm).Replace(words)
			if bad := hanSpaceHan.FindString(said); bad != "" {
				t.Errorf("%s %s: %q has a space inside %q", code, id, said, bad)
			}
			for rest := said; ; {
				i := strings.Index(rest, tm)
				if i < 0 {
					break
				}
				before, after := rest[:i], rest[i+len(tm):]
				if b, _ := utf8.DecodeLastRuneInString(before); han.MatchString(string(b)) {
					t.Errorf("%s %s: %q glues the time to %q before it", code, id, said, string(b))
				}
				if a, _ := utf8.DecodeRuneInString(after); han.MatchString(string(a)) {
					t.Errorf("%s %s: %q glues the time to %q after it", code, id, said, string(a))
				}
				rest = after
			}
		}
	}
}

// zh-Hant calls the shop 商店 throughout, never 商家 (zh-Hans's word for
// the shop as the one who charges; see its catalog's header).
func TestTraditionalChineseNamesTheShopOneWay(t *testing.T) {
	for id, words := range catalog(t, "zh-Hant") {
		if strings.Contains(words, "商家") {
			t.Errorf("zh-Hant %s: %q says 商家, not 商店", id, words)
		}
	}
}
