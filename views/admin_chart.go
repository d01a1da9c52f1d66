package views

import (
	"fmt"
	"strconv"
	"time"
)

// Chart is the dashboard's bar chart of payments per hour, drawn on the
// server as SVG (no script). Each bar carries its own title, so screen
// readers and hovering both tell its hour and count; a table below holds
// the same numbers.
type Chart struct {
	Bars  []ChartBar
	Total int
}

// ChartBar is one hour.
type ChartBar struct {
	Start time.Time // UTC
	Count int
}

// Geometry of the SVG's coordinate space (it scales to its box).
const (
	chartWidth  = 960
	chartHeight = 220
	// Room for the axis labels and for half of the last hour's label,
	// centred under its bar, at the size a phone draws them (36 units; see
	// admin.css): nothing is cut off at the edges.
	chartLeft   = 72
	chartRight  = 40
	chartBottom = 40 // room for the hour labels
	chartTop    = 12
)

// NewChart builds a chart from hourly counts, oldest first.
func NewChart(bars []ChartBar) Chart {
	c := Chart{Bars: bars}
	for _, b := range bars {
		c.Total += b.Count
	}
	return c
}

// Max is the top of the scale: the largest count, at least 1.
func (c Chart) Max() int {
	m := 1
	for _, b := range c.Bars {
		m = max(m, b.Count)
	}
	return m
}

func (c Chart) ViewBox() string { return fmt.Sprintf("0 0 %d %d", chartWidth, chartHeight) }

func (c Chart) slot() float64 {
	return float64(chartWidth-chartLeft-chartRight) / float64(max(len(c.Bars), 1))
}

func (c Chart) plotHeight() float64 { return float64(chartHeight - chartBottom - chartTop) }

// BarX, BarY, BarWidth and BarHeight place bar i.
func (c Chart) BarX(i int) string {
	return num(float64(chartLeft) + float64(i)*c.slot() + c.slot()*0.15)
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
func (c Chart) LabelX(i int) string { return num(float64(chartLeft) + (float64(i)+0.5)*c.slot()) }

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
func (c Chart) BaseY() string      { return strconv.Itoa(chartHeight - chartBottom) }
func (c Chart) TopY() string       { return strconv.Itoa(chartTop) }
func (c Chart) LabelY() string     { return strconv.Itoa(chartHeight - 8) }
func (c Chart) AxisX() string      { return strconv.Itoa(chartLeft) }
func (c Chart) RightX() string     { return strconv.Itoa(chartWidth - chartRight) }
func (c Chart) AxisLabelX() string { return strconv.Itoa(chartLeft - 6) }

// Hour labels a bar's hour ("14:00").
func (b ChartBar) Hour() string { return b.Start.UTC().Format("15:04") }

// Title describes a bar in words.
func (b ChartBar) Title() string {
	word := "payments"
	if b.Count == 1 {
		word = "payment"
	}
	return fmt.Sprintf("%s–%s UTC: %d %s", b.Start.UTC().Format("15:04"), b.Start.Add(time.Hour).UTC().Format("15:04"), b.Count, word)
}

func num(f float64) string { return strconv.FormatFloat(f, 'f', 1, 64) }
