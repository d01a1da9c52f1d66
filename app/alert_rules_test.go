package app_test

import (
	"fmt"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/goccy/go-yaml"
	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/prometheus/model/labels"
	"github.com/prometheus/prometheus/promql/parser"
)

// rulesFile holds the alerts README.md recommends.
const rulesFile = "../metrics/antom-checkout-rules.yml"

// alertRulesFile is rulesFile's shape: its groups' alerting rules.
type alertRulesFile struct {
	Groups []struct {
		Rules []struct {
			Alert       string            `yaml:"alert"`
			Expr        string            `yaml:"expr"`
			Annotations map[string]string `yaml:"annotations"`
		} `yaml:"rules"`
	} `yaml:"groups"`
}

// alertRules reads rulesFile.
func alertRules(t *testing.T) alertRulesFile {
	t.Helper()
	raw, err := os.ReadFile(rulesFile)
	if err != nil {
		t.Fatal(err)
	}
	var file alertRulesFile
	if err := yaml.Unmarshal(raw, &file); err != nil {
		t.Fatal(err)
	}
	return file
}

// checkAlertRules fails unless every metric name the alerts' expressions
// select, and every label name they match on or print ($labels.x), is one
// the scrape fams has: an alert on a metric or label the app does not
// export never fires. Label values are not checked (most appear only when
// something went wrong). The PromQL is parsed by Prometheus's own parser
// (promqlNames): an expression Prometheus would refuse fails too.
func checkAlertRules(t *testing.T, fams map[string]*dto.MetricFamily) {
	t.Helper()
	alerts := 0
	for _, g := range alertRules(t).Groups {
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
	if alerts != 5 {
		t.Fatalf("%d alerts in %s, README.md describes 5", alerts, rulesFile)
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
	e, err := parser.NewParser(parser.Options{}).ParseExpr(expr)
	if err != nil {
		return nil, nil, err
	}
	parser.Inspect(e, func(n parser.Node, _ []parser.Node) error {
		switch n := n.(type) {
		case *parser.VectorSelector:
			s := selector{metric: n.Name}
			for _, m := range n.LabelMatchers {
				if m.Name != labels.MetricName {
					s.labels = append(s.labels, m.Name)
				}
			}
			selectors = append(selectors, s)
		case *parser.AggregateExpr:
			grouping = append(grouping, n.Grouping...)
		case *parser.BinaryExpr:
			if n.VectorMatching != nil {
				grouping = append(append(grouping, n.VectorMatching.MatchingLabels...), n.VectorMatching.Include...)
			}
		}
		return nil
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
	slices.Sort(grouping) // Inspect's order is the tree's, not the text's
	if want := []string{"api", "api", "kind"}; !slices.Equal(grouping, want) {
		t.Errorf("grouping %q, want %q", grouping, want)
	}
}

// promqlNames refuses what Prometheus refuses, even where other PromQL
// dialects would take it: rate() of an instant vector (MetricsQL fills in
// the window), a WITH template.
func TestPromQLNamesRefusesWhatPrometheusRefuses(t *testing.T) {
	for _, expr := range []string{
		`sum(rate(checkout_antom_calls_total))`,
		`WITH (x = checkout_antom_calls_total) x`,
		`checkout_antom_calls_total{api="pay"`,
	} {
		if _, _, err := promqlNames(expr); err == nil {
			t.Errorf("%q parsed; Prometheus refuses it", expr)
		}
	}
}

// README.md says when ReconcilerBacklogOld fires: its threshold plus its
// "for", for the short kinds and for refunds. The rule and the words
// must agree (they once said 30 minutes for a rule firing at 45).
func TestReconcilerBacklogAlertFiresWhenReadmeSays(t *testing.T) {
	raw, err := os.ReadFile(rulesFile)
	if err != nil {
		t.Fatal(err)
	}
	var file struct {
		Groups []struct {
			Rules []struct {
				Alert, Expr, For string
			} `yaml:"rules"`
		} `yaml:"groups"`
	}
	if err := yaml.Unmarshal(raw, &file); err != nil {
		t.Fatal(err)
	}
	var expr, hold string
	for _, g := range file.Groups {
		for _, r := range g.Rules {
			if r.Alert == "ReconcilerBacklogOld" {
				expr, hold = r.Expr, r.For
			}
		}
	}
	held, err := time.ParseDuration(hold)
	if err != nil {
		t.Fatalf("ReconcilerBacklogOld for: %q: %v", hold, err)
	}
	m := regexp.MustCompile(`"payments\|captures\|revokes\|cancels"\} > (\d+)\s+or [a-z_]+\{kind="refunds"\} > (\d+)`).FindStringSubmatch(expr)
	if m == nil {
		t.Fatalf("ReconcilerBacklogOld's thresholds not found in %q", expr)
	}
	short, _ := strconv.Atoi(m[1])
	refunds, _ := strconv.Atoi(m[2])
	fires := func(threshold int) string {
		d := time.Duration(threshold)*time.Second + held
		if d < 24*time.Hour {
			return fmt.Sprintf("%d minutes", int(d.Minutes()))
		}
		return fmt.Sprintf("a day and %d minutes", int((d - 24*time.Hour).Minutes()))
	}
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf("held %d minutes: it fires once the oldest has waited %s, a refund %s)", int(held.Minutes()), fires(short), fires(refunds))
	if !strings.Contains(strings.Join(strings.Fields(string(readme)), " "), want) {
		t.Fatalf("README.md does not say %q", want)
	}
}

// SettingsDiffer's description tells an operator how to read who fires:
// during a rolling restart the instances not yet restarted; after an
// instance still on the old value crashed and was restarted with it (its
// start made that value the shop's again), the instances already on the
// new one — and that the one to restart then is the old-config one.
func TestSettingsDifferSaysHowToReadIt(t *testing.T) {
	description := ""
	for _, g := range alertRules(t).Groups {
		for _, r := range g.Rules {
			if r.Alert == "SettingsDiffer" {
				description = strings.Join(strings.Fields(r.Annotations["description"]), " ")
			}
		}
	}
	for _, want := range []string{
		"During a rolling restart",
		"the instances not yet restarted fire until their own restart",
		"If the ones that fire are those already restarted with the new value",
		"crashed and was restarted with it",
		"made the old value the shop's again",
		"Restart that one with the new value, not the others",
	} {
		if !strings.Contains(description, want) {
			t.Errorf("SettingsDiffer's description does not say %q:\n%s", want, description)
		}
	}
}
