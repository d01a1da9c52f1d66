package views

import (
	"fmt"
	"strconv"
	"time"

	"antom-checkout/lang"
)

// Chart is the dashboard's bar chart of payments per hour, drawn on the
// server as SVG (no script). Each bar carries its own title, so screen
// readers and hovering both tell its hour and count; a table below holds
// the same numbers.
type Chart struct {
	Bars  []ChartBar
	Total int
	// Zone labels the shop's zone the hours are in (lang.ZoneLabel), as
	// its clock reads now (the latest hour's): "UTC+7", "UTC+5:30"; ""
	// is UTC (In).
	Zone string
}

// In is the label of the zone the chart's hours are in: Zone, else "UTC".
func (c Chart) In() string {
	if c.Zone == "" {
		return "UTC"
	}
	return c.Zone
}

// ChartBar is one hour, the shop's: Start is in its zone (SHOP_TIMEZONE).
type ChartBar struct {
	Start time.Time
	Count int
}

// Geometry of the SVG's coordinate space (it scales to its box). Labels
// are sized for the largest a phone draws them: 36 units (see admin.css),
// whose text box is about 48 units high and 21 wide a digit.
const (
	chartWidth  = 960
	chartHeight = 240
	// Room for half of the last hour's label, centred under its bar:
	// nothing is cut off at the right edge.
	chartRight = 40
	// Room under the axis for the hour labels, which hang from just below
	// it, and above the plot for the top line.
	chartBottom = 56
	chartTop    = 12
	// labelGap is the space between a label and the line it names.
	labelGap = 4
)

// left is where the plot starts: room for the scale's labels (its
// largest count's digits) and their gap, at least 72 units, so that
// the first hour's label, centred under its bar, stays inside too.
func (c Chart) left() int {
	return max(72, 16+22*len(strconv.Itoa(c.Max())))
}

// NewChart builds a chart from hourly counts, oldest first, each Start in
// the shop's zone.
func NewChart(bars []ChartBar) Chart {
	c := Chart{Bars: bars}
	for _, b := range bars {
		c.Total += b.Count
	}
	if len(bars) > 0 {
		c.Zone = lang.ZoneLabel(bars[len(bars)-1].Start)
	}
	return c
}

// Busiest is the largest count of an hour (0 with no payments).
func (c Chart) Busiest() int {
	m := 0
	for _, b := range c.Bars {
		m = max(m, b.Count)
	}
	return m
}

// Max is the top of the scale: the busiest hour's count, at least 1 (a
// scale needs a height; what the chart says uses Busiest).
func (c Chart) Max() int { return max(1, c.Busiest()) }

// Summary says in words what the chart shows, for screen readers.
func (c Chart) Summary() string {
	if c.Total == 0 {
		return "No payments took money in these 24 hours."
	}
	return fmt.Sprintf("%d %s in all; the busiest hour had %d.", c.Total, plural(c.Total, "payment", "payments"), c.Busiest())
}

func (c Chart) ViewBox() string { return fmt.Sprintf("0 0 %d %d", chartWidth, chartHeight) }

func (c Chart) slot() float64 {
	return float64(chartWidth-c.left()-chartRight) / float64(max(len(c.Bars), 1))
}

func (c Chart) plotHeight() float64 { return float64(chartHeight - chartBottom - chartTop) }

// BarX, BarY, BarWidth and BarHeight place bar i.
func (c Chart) BarX(i int) string {
	return num(float64(c.left()) + float64(i)*c.slot() + c.slot()*0.15)
}
func (c Chart) BarWidth() string { return num(c.slot() * 0.7) }
func (c Chart) BarHeight(n int) string {
	h := c.plotHeight() * float64(n) / float64(c.Max())
	if n > 0 {
		h = max(h, 2) // a single payment stays visible
	}
	return num(h)
}
func (c Chart) BarY(n int) string {
	h, _ := strconv.ParseFloat(c.BarHeight(n), 64)
	return num(float64(chartHeight-chartBottom) - h)
}

// LabelX is the centre of slot i, for its hour label.
func (c Chart) LabelX(i int) string { return num(float64(c.left()) + (float64(i)+0.5)*c.slot()) }

// ShowLabel says whether hour i gets a label under the axis: every
// third, and the latest.
func (c Chart) ShowLabel(i int) bool { return i%3 == 0 || i == len(c.Bars)-1 }

// LabelClass is the class of hour i's label: on a phone, where the whole
// day fits the card, only every sixth hour and the latest keep theirs
// ("chart-label-minor" is hidden), so that they do not collide.
func (c Chart) LabelClass(i int) string {
	if i%6 == 0 || i == len(c.Bars)-1 {
		return "chart-label"
	}
	return "chart-label chart-label-minor"
}

// BaseY is the axis line; TopY the line of the maximum.
func (c Chart) BaseY() string  { return strconv.Itoa(chartHeight - chartBottom) }
func (c Chart) TopY() string   { return strconv.Itoa(chartTop) }
func (c Chart) AxisX() string  { return strconv.Itoa(c.left()) }
func (c Chart) RightX() string { return strconv.Itoa(chartWidth - chartRight) }

// LabelY is where the hour labels hang from (their text's top edge):
// just under the axis, never on it.
func (c Chart) LabelY() string { return strconv.Itoa(chartHeight - chartBottom + labelGap) }

// AxisLabelX is the right edge of the scale's labels, left of the plot.
func (c Chart) AxisLabelX() string { return strconv.Itoa(c.left() - 2*labelGap) }

// ZeroY is the bottom edge of the "0" label, which sits just above the
// axis line's height (beside the plot, clear of the hour labels below);
// MaxY the top edge of the maximum's label, just under its line.
func (c Chart) ZeroY() string { return strconv.Itoa(chartHeight - chartBottom - labelGap) }
func (c Chart) MaxY() string  { return strconv.Itoa(chartTop + labelGap) }

// Hour labels a bar's hour as the shop's clock read it ("14:00").
func (b ChartBar) Hour() string { return b.Start.Format("15:04") }

// HourIn is Hour, followed by its zone's label where that is not zone
// (the chart's, in its heading): on the day summer time ends, the hour
// the clock reads twice is "01:00 UTC−4" and then "01:00" (UTC−5).
func (b ChartBar) HourIn(zone string) string {
	if z := lang.ZoneLabel(b.Start); z != zone {
		return b.Hour() + " " + z
	}
	return b.Hour()
}

// Title describes a bar in words, its hour's start and end with their
// zone's label ("14:00–15:00 UTC+7: 3 payments"; each its own where the
// offset changes within it).
func (b ChartBar) Title() string {
	word := "payments"
	if b.Count == 1 {
		word = "payment"
	}
	end := b.Start.Add(time.Hour).In(b.Start.Location())
	return fmt.Sprintf("%s–%s: %d %s", b.HourIn(lang.ZoneLabel(end)), end.Format("15:04")+" "+lang.ZoneLabel(end), b.Count, word)
}

func num(f float64) string { return strconv.FormatFloat(f, 'f', 1, 64) }
