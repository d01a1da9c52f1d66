package lang

import (
	"strconv"
	"time"
)

// Dates and times are shown in UTC, as the pages always have; their
// patterns and month names are messages of the catalogs (format.*,
// month.*), so a language's catalog says how it writes them, with these
// fields: Day, Month (its short name), MonthNumber, Year, BuddhistYear
// (Thai), Hour (00–23), Hour12 (1–12), Minute (00–59), AmPm.

// Date is a day as the language writes it: "2 Jan 2026", "2026年1月2日",
// "2 ม.ค. 2569".
func (l *Localizer) Date(t time.Time) string {
	return l.T("format.date", l.dateArgs(t))
}

// Time is a time of day in UTC: "15:04 UTC", "오후 3:04 UTC".
func (l *Localizer) Time(t time.Time) string {
	a := l.dateArgs(t)
	a["Time"] = l.T("format.time", a)
	return l.T("format.time_utc", a)
}

// DateTime is a moment in UTC: "2 Jan 2026, 15:04 UTC".
func (l *Localizer) DateTime(t time.Time) string {
	a := l.dateArgs(t)
	a["Date"] = l.T("format.date", a)
	a["Time"] = l.T("format.time", a)
	return l.T("format.datetime", a)
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
