package views

import (
	"strconv"
	"testing"
	"time"
)

// The scale's labels get room for the busiest hour's digits at the size
// a phone draws them (about 22 units a digit, 8 of gap), and sit beside
// their lines, never on the axis: "0" above it, the hours under it.
func TestChartRoomForItsLabels(t *testing.T) {
	for _, busiest := range []int{0, 7, 99, 1000, 123456} {
		c := NewChart([]ChartBar{{Start: time.Unix(0, 0), Count: busiest}, {Start: time.Unix(3600, 0), Count: 1}})
		digits := len(strconv.Itoa(c.Max()))
		right, _ := strconv.Atoi(c.AxisLabelX())
		if right-22*digits < 0 {
			t.Errorf("busiest %d: labels end at %d, no room for %d digits", busiest, right, digits)
		}
		atoi := func(s string) int { n, _ := strconv.Atoi(s); return n }
		if !(atoi(c.ZeroY()) < atoi(c.BaseY()) && atoi(c.BaseY()) < atoi(c.LabelY()) && atoi(c.TopY()) < atoi(c.MaxY())) {
			t.Errorf("busiest %d: 0 at %s, axis %s, hours from %s, top line %s, its label from %s", busiest,
				c.ZeroY(), c.BaseY(), c.LabelY(), c.TopY(), c.MaxY())
		}
		if x, _ := strconv.ParseFloat(c.BarX(0), 64); x <= float64(atoi(c.AxisX())) {
			t.Errorf("busiest %d: first bar at %.1f, left of the axis at %s", busiest, x, c.AxisX())
		}
	}
}

// What the chart says in words is its counts: no payments is said as
// such, not as a busiest hour of 1 (the scale's least height).
func TestChartSummary(t *testing.T) {
	none := NewChart([]ChartBar{{Start: time.Unix(0, 0)}, {Start: time.Unix(3600, 0)}})
	if got := none.Summary(); got != "No payments took money in these 24 hours." {
		t.Errorf("no payments: %q", got)
	}
	if none.Max() != 1 {
		t.Errorf("the scale of no payments: %d, want 1", none.Max())
	}
	some := NewChart([]ChartBar{{Start: time.Unix(0, 0), Count: 1}, {Start: time.Unix(3600, 0), Count: 3}})
	if got := some.Summary(); got != "4 payments in all; the busiest hour had 3." {
		t.Errorf("four payments: %q", got)
	}
}
