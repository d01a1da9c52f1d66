package lang

import (
	"strconv"
	"strings"
	"time"
)

// Dates and times are shown in UTC, as the pages always have; their
// patterns and month names are messages of the catalogs (format.*,
// month.*), so a language's catalog says how it writes them, with these
// fields: Day, Month (its short name), MonthNumber, Year, BuddhistYear
// (Thai), Hour (00–23), Hour12 (1–12), Minute (00–59), AmPm.

// A date, and a time of day, is one unit a line never breaks inside,
// wherever a page shows it — in a <time>, or said inside a sentence
// ("Linked on 6 Dec 2026", which broke "6 Dec ⏎ 2026" on My wallets at
// 320 px): each is made whole (unbroken) here, where every buyer page's
// dates are written. A date with its time (DateTime) may break between
// the two, never inside either.

// Date is a day as the language writes it, whole: "2 Jan 2026",
// "2026年1月2日", "2 ม.ค. 2569".
func (l *Localizer) Date(t time.Time) string {
	return unbroken(l.T("format.date", l.dateArgs(t)))
}

// Time is a time of day in UTC, whole: "15:04 UTC", "오후 3:04 UTC".
func (l *Localizer) Time(t time.Time) string {
	a := l.dateArgs(t)
	a["Time"] = l.T("format.time", a)
	return unbroken(l.T("format.time_utc", a))
}

// DateTime is a moment in UTC: "2 Jan 2026, 15:04 UTC", its date whole
// and the rest after the date's separator (", ", " ") whole.
func (l *Localizer) DateTime(t time.Time) string {
	a := l.dateArgs(t)
	date := l.T("format.date", a)
	a["Date"] = dateMark
	a["Time"] = l.T("format.time", a)
	before, after, _ := strings.Cut(l.T("format.datetime", a), dateMark)
	rest := strings.TrimLeft(after, ", ")
	return unbroken(before) + unbroken(date) + after[:len(after)-len(rest)] + unbroken(rest)
}

// dateMark stands for the date in a datetime pattern while DateTime cuts
// it apart.
const dateMark = "\x00date\x00"

// unbroken is s, a date or a time as a catalog's pattern writes it, as one
// unit a line never breaks inside where spaces are concerned: each space a
// no-break space (U+00A0). A Chinese date, between two of whose
// characters a line may otherwise break ("2026年 ⏎ 12月6日"), is held
// whole by the page, not by the text: views box it in a nowrap span
// (Language.Held), so that copied, it carries no invisible word joiner.
func unbroken(s string) string {
	return strings.ReplaceAll(s, " ", "\u00a0")
}

func (l *Localizer) dateArgs(t time.Time) Args {
	t = t.UTC()
	h12 := t.Hour() % 12
	if h12 == 0 {
		h12 = 12
	}
	ampm := l.T("format.am")
	if t.Hour() >= 12 {
		ampm = l.T("format.pm")
	}
	return Args{
		"Day":          strconv.Itoa(t.Day()),
		"Month":        l.T("month." + strconv.Itoa(int(t.Month()))),
		"MonthNumber":  strconv.Itoa(int(t.Month())),
		"Year":         strconv.Itoa(t.Year()),
		"BuddhistYear": strconv.Itoa(t.Year() + 543),
		"Hour":         t.Format("15"),
		"Hour12":       strconv.Itoa(h12),
		"Minute":       t.Format("04"),
		"AmPm":         ampm,
	}
}

// StaffTime is a moment as staff pages and the words staff read write it,
// in English and UTC: "1 Dec 2026 11:15:31 UTC", its date and its time
// each one unit a line never breaks inside (no-break spaces), as a buyer
// page's are. The one place staff times are formatted: views' AdminTime
// and checkout's words for staff both say it.
func StaffTime(t time.Time) string { return t.UTC().Format(staffLayout) }

// staffLayout is StaffTime's layout (package time's reference time).
const staffLayout = "2\u00a0Jan\u00a02006 15:04:05\u00a0UTC"
