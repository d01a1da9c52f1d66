package checkout

import "slices"

// openProblem is one kind of open problem as staff see it: its orders
// filter, its count on the dashboard, the orders list's badge and the
// alarm on the order's page.
type openProblem struct {
	name   string // "capture failed", "void refused": for the test's messages
	filter string // the orders filter's status (FilterCaptureFailed, …)
	count  func(Dashboard) int
	badge  func(OrderListItem) bool
	alarm  func(AdminOrder) bool
}

// openProblems is what staff see of problem p: the dashboard's count (and
// whether it is among its problems) and the orders p's filter lists,
// newest first. It checks they agree with each listed order's badge and
// with the alarm on its page, on every order — the one rule all four ask.
func (e *env) openProblems(p openProblem) (count int, problem bool, listed []string) {
	e.t.Helper()
	d, err := e.svc.AdminDashboard(e.ctx)
	check(e.t, err)
	list, err := e.svc.AdminOrders(e.ctx, OrderFilter{Status: p.filter})
	check(e.t, err)
	for _, it := range list.Items {
		if !p.badge(it) {
			e.t.Errorf("%s is listed as %s without its badge", it.Ref, p.name)
		}
		listed = append(listed, it.Ref)
	}
	all, err := e.svc.AdminOrders(e.ctx, OrderFilter{})
	check(e.t, err)
	for _, it := range all.Items {
		if badge, alarm := p.badge(it), p.alarm(e.adminOrder(it.Ref)); badge != slices.Contains(listed, it.Ref) || alarm != badge {
			e.t.Errorf("%s: badge %v, listed as %s %v, alarm on its page %v", it.Ref, badge, p.name, slices.Contains(listed, it.Ref), alarm)
		}
	}
	n := p.count(d)
	if n != len(listed) {
		e.t.Errorf("the dashboard counts %d (%s), the filter lists %d", n, p.name, len(listed))
	}
	return n, d.Problems() >= n && n > 0, listed
}
