package app_test

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/goccy/go-yaml"
	dto "github.com/prometheus/client_model/go"
)

// rulesFile holds the alerts README.md recommends.
const rulesFile = "../metrics/antom-checkout-rules.yml"

// checkAlertRules fails unless every metric name the alerts' expressions
// select, and every label name they match on or print ($labels.x), is one
// the scrape fams has: an alert on a metric or label the app does not
// export never fires. Label values are not checked (most appear only when
// something went wrong). The PromQL is read by promqlNames, not by
// Prometheus's parser (its module would bring Prometheus's storage
// packages into go.mod).
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
			selectors, grouping := promqlNames(r.Expr)
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
	if alerts != 3 {
		t.Fatalf("%d alerts in %s, README.md describes 3", alerts, rulesFile)
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

// promqlKeywords are PromQL's operators, modifiers and aggregations: the
// words that are not metric names when no "(" follows them.
var promqlKeywords = []string{"and", "or", "unless", "bool", "offset", "by", "without", "on", "ignoring",
	"group_left", "group_right", "sum", "avg", "min", "max", "count", "group", "stddev", "stdvar",
	"topk", "bottomk", "quantile", "count_values", "limitk", "limit_ratio", "atan2", "inf", "nan"}

// promqlNames reads the metric selectors of a PromQL expression and the
// label names of its by/without/on/ignoring/group_* clauses. It knows
// enough PromQL for alert expressions: strings are skipped, numbers and
// durations too, a name followed by "(" is a function, a name inside {}
// is a label, and a metric is any other name that is no keyword.
func promqlNames(expr string) (selectors []selector, grouping []string) {
	src := []rune(expr)
	isName := func(r rune, first bool) bool {
		return r == '_' || r == ':' || unicode.IsLetter(r) || !first && unicode.IsDigit(r)
	}
	next := func(i int) rune { // the next rune that is not a space
		for ; i < len(src); i++ {
			if !unicode.IsSpace(src[i]) {
				return src[i]
			}
		}
		return 0
	}
	inBraces, groupingList, afterGrouping := false, false, false
	for i := 0; i < len(src); {
		r := src[i]
		switch {
		case r == '"' || r == '\'' || r == '`':
			end := i + 1
			for end < len(src) && src[end] != r {
				if src[end] == '\\' {
					end++
				}
				end++
			}
			i = end + 1
		case unicode.IsDigit(r) || r == '.' && i+1 < len(src) && unicode.IsDigit(src[i+1]):
			for i < len(src) && (isName(src[i], false) || src[i] == '.') {
				i++
			}
		case isName(r, true):
			start := i
			for i < len(src) && isName(src[i], false) {
				i++
			}
			word := string(src[start:i])
			lower := strings.ToLower(word)
			switch {
			case inBraces:
				selectors[len(selectors)-1].labels = append(selectors[len(selectors)-1].labels, word)
			case groupingList:
				grouping = append(grouping, word)
			case slices.Contains([]string{"by", "without", "on", "ignoring", "group_left", "group_right"}, lower):
				afterGrouping = next(i) == '(' // group_left may have no list
			case next(i) == '(' || slices.Contains(promqlKeywords, lower):
			default:
				selectors = append(selectors, selector{metric: word})
				if next(i) == '{' {
					for src[i] != '{' {
						i++
					}
					inBraces = true
					i++
				}
			}
		case r == '(' && afterGrouping:
			groupingList, afterGrouping = true, false
			i++
		case r == ')' && groupingList:
			groupingList = false
			i++
		case r == '}':
			inBraces = false
			i++
		case r == '{': // a selector without a name: {__name__="x"}
			selectors = append(selectors, selector{})
			inBraces = true
			i++
		default:
			i++
		}
	}
	return selectors, grouping
}

// promqlNames finds what an alert's expression selects, and nothing else.
func TestPromQLNames(t *testing.T) {
	selectors, grouping := promqlNames(`sum by (kind, api) (rate(checkout_antom_calls_total{result_status="none", ` +
		`result_code=~"A|B{x}"}[5m] offset 1h)) / on (api) group_left sum(rate(checkout_x_total[10m])) > 0.05 ` +
		`or checkout_backlog_oldest_seconds > 1e3 and bool vector(1)`)
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
