package lang

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Dates and times are shown in the shop's time zone (SHOP_TIMEZONE; the
// Localizer's Zone, UTC unless set), labelled by its offset at that
// moment (ZoneLabel: "UTC", "UTC+7"); their patterns and month names are
// messages of the catalogs (format.*, month.*), so a language's catalog
// says how it writes them, with these fields: Day, Month (its short
// name), MonthNumber, Year, BuddhistYear (Thai), Hour (00–23), Hour12
// (1–12), Minute (00–59), AmPm, Zone (the label).

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

// Time is a time of day in the shop's zone, whole: "15:04 UTC",
// "오후 3:04 UTC", "22:04 UTC+7".
func (l *Localizer) Time(t time.Time) string {
	a := l.dateArgs(t)
	a["Time"] = l.T("format.time", a)
	return unbroken(l.T("format.time_zone", a))
}

// DateTime is a moment in the shop's zone: "2 Jan 2026, 15:04 UTC",
// "2 Jan 2026, 22:04 UTC+7", its date whole
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
	t = t.In(l.Zone())
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
		"Zone":         ZoneLabel(t),
	}
}

// StaffTime is a moment as staff pages and the words staff read write it,
// in English and the shop's zone (nil: UTC), labelled by its offset:
// "1 Dec 2026 11:15:31 UTC", "1 Dec 2026 18:15:31 UTC+7", its date and
// its time each one unit a line never breaks inside (no-break spaces), as
// a buyer page's are. The one place staff times are formatted: views'
// AdminTime and checkout's words for staff both say it.
func StaffTime(t time.Time, zone *time.Location) string {
	t = t.In(orUTC(zone))
	return t.Format(staffLayout) + "\u00a0" + ZoneLabel(t)
}

// StaffClock is a time of day as staff pages write it, in the shop's zone
// (nil: UTC): "20:05 UTC", "03:05 UTC+7" (a plain space, as the sign-in
// lockout has always written it).
func StaffClock(t time.Time, zone *time.Location) string {
	t = t.In(orUTC(zone))
	return t.Format("15:04") + " " + ZoneLabel(t)
}

// staffLayout is StaffTime's layout (package time's reference time),
// before its zone's label.
const staffLayout = "2\u00a0Jan\u00a02006 15:04:05"

// ZoneLabel names t's zone by its offset from UTC at t, as people read
// it beside a time: "UTC", "UTC+7", "UTC+5:30", "UTC−3" (a minus sign,
// U+2212). A zone's abbreviation (ICT, WIB) is not used: many zones have
// none, and buyers of another country do not know the others'. A zone
// with summer time is labelled by the offset at t, so the label changes
// with it.
func ZoneLabel(t time.Time) string {
	_, off := t.Zone()
	if off == 0 {
		return "UTC"
	}
	sign := "+"
	if off < 0 {
		sign, off = "\u2212", -off
	}
	off /= 60 // seconds of a zone's offset (historic LMT) are not said
	h, m := off/60, off%60
	if m == 0 {
		return "UTC" + sign + strconv.Itoa(h)
	}
	return fmt.Sprintf("UTC%s%d:%02d", sign, h, m)
}

// orUTC is zone, else UTC.
func orUTC(zone *time.Location) *time.Location {
	if zone == nil {
		return time.UTC
	}
	return zone
}
