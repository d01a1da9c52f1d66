package app_test

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/VictoriaMetrics/metricsql"
	"github.com/goccy/go-yaml"
	dto "github.com/prometheus/client_model/go"
)

// rulesFile holds the alerts README.md recommends.
const rulesFile = "../metrics/antom-checkout-rules.yml"

// checkAlertRules fails unless every metric name the alerts' expressions
// select, and every label name they match on or print ($labels.x), is one
// the scrape fams has: an alert on a metric or label the app does not
// export never fires. Label values are not checked (most appear only when
// something went wrong). The PromQL is parsed by metricsql
// (promqlNames): an expression it cannot parse fails too.
func checkAlertRules(t *testing.T, fams map[string]*dto.MetricFamily) {
	t.Helper()
	raw, err := os.ReadFile(rulesFile)
	if err != nil {
		t.Fatal(err)
	}
	var file struct {
		Groups []struct {
			Rules []struct {
				Alert       string            `yaml:"alert"`
				Expr        string            `yaml:"expr"`
				Annotations map[string]string `yaml:"annotations"`
			} `yaml:"rules"`
		} `yaml:"groups"`
	}
	if err := yaml.Unmarshal(raw, &file); err != nil {
		t.Fatal(err)
	}
	alerts := 0
	for _, g := range file.Groups {
		for _, r := range g.Rules {
			alerts++
			selectors, grouping, err := promqlNames(r.Expr)
			if err != nil {
				t.Errorf("%s: %v", r.Alert, err)
				continue
			}
			if len(selectors) == 0 {
				t.Errorf("%s: no metric found in %q", r.Alert, r.Expr)
			}
			for _, a := range r.Annotations {
				for _, m := range printedLabel.FindAllStringSubmatch(a, -1) {
					grouping = append(grouping, m[1])
				}
			}
			for _, s := range selectors {
				have := labelNames(fams[s.metric])
				if fams[s.metric] == nil {
					t.Errorf("%s: the app exports no %s", r.Alert, s.metric)
					continue
				}
				for _, l := range append(s.labels, grouping...) {
					if !slices.Contains(have, l) {
						t.Errorf("%s: %s has no label %q (it has %v)", r.Alert, s.metric, l, have)
					}
				}
			}
		}
	}
	if alerts != 4 {
		t.Fatalf("%d alerts in %s, README.md describes 4", alerts, rulesFile)
	}
}

// printedLabel is a label an annotation prints: {{ $labels.kind }}.
var printedLabel = regexp.MustCompile(`\$labels\.([a-zA-Z_][a-zA-Z0-9_]*)`)

func labelNames(f *dto.MetricFamily) []string {
	var names []string
	for _, m := range f.GetMetric() {
		for _, l := range m.GetLabel() {
			if !slices.Contains(names, l.GetName()) {
				names = append(names, l.GetName())
			}
		}
	}
	return names
}

type selector struct {
	metric string
	labels []string // the label names its matchers name
}

// promqlNames parses a PromQL expression and returns its metric
// selectors and the label names of its by/without/on/ignoring/group_*
// clauses.
func promqlNames(expr string) (selectors []selector, grouping []string, err error) {
	e, err := metricsql.Parse(expr)
	if err != nil {
		return nil, nil, err
	}
	metricsql.VisitAll(e, func(e metricsql.Expr) {
		switch e := e.(type) {
		case *metricsql.MetricExpr:
			for _, filters := range e.LabelFilterss {
				var s selector
				for _, f := range filters {
					if f.Label == "__name__" {
						s.metric = f.Value
					} else {
						s.labels = append(s.labels, f.Label)
					}
				}
				selectors = append(selectors, s)
			}
		case *metricsql.AggrFuncExpr:
			grouping = append(grouping, e.Modifier.Args...)
		case *metricsql.BinaryOpExpr:
			grouping = append(append(grouping, e.GroupModifier.Args...), e.JoinModifier.Args...)
		}
	})
	return selectors, grouping, nil
}

// promqlNames finds what an alert's expression selects, and nothing else.
func TestPromQLNames(t *testing.T) {
	selectors, grouping, err := promqlNames(`sum by (kind, api) (rate(checkout_antom_calls_total{result_status="none", ` +
		`result_code=~"A|B{x}"}[5m] offset 1h)) / on (api) group_left sum(rate(checkout_x_total[10m])) > 0.05 ` +
		`or checkout_backlog_oldest_seconds > bool 1e3 unless vector(1)`)
	if err != nil {
		t.Fatal(err)
	}
	got := []string{}
	for _, s := range selectors {
		got = append(got, s.metric+"{"+strings.Join(s.labels, ",")+"}")
	}
	want := []string{"checkout_antom_calls_total{result_status,result_code}", "checkout_x_total{}", "checkout_backlog_oldest_seconds{}"}
	if !slices.Equal(got, want) {
		t.Errorf("selectors %q, want %q", got, want)
	}
	if want := []string{"kind", "api", "api"}; !slices.Equal(grouping, want) {
		t.Errorf("grouping %q, want %q", grouping, want)
	}
}
