package proof

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"regexp"
	"strings"
	"sync"

	"antom-checkout/checkout"
)

// orderTotal reads the checkout page's total, e.g. "$18.50" or "¥2,400".
var orderTotal = regexp.MustCompile(`data-testid="order-total">([^<]*)<`)

// money is an order's total as the buyer saw it.
type money struct {
	currency string
	minor    int64
}

// run does one job from start to end; problems go on the order's story.
func (w *world) run(ctx context.Context, j job) {
	defer w.n.jobsDone.Add(1)
	if j.how == linkAgain {
		w.relink(ctx, j)
		return
	}
	u := w.buyers[j.buyer]
	if j.guest {
		u = &buyer{browser: newBrowser(w.app)}
	}
	ref, total, wallets, cards, err := w.openOrder(ctx, u, j)
	if err != nil {
		w.trouble(ctx, "run", fmt.Sprintf("job %d: order", j.n), err)
		return
	}
	if j.card.keptCard != "" {
		if len(cards) == 0 {
			j.card.keptCard, j.card.keep = "", true // nothing kept yet: keep this one
		} else {
			j.card.keptCard = cards[len(cards)-1]
		}
	}
	if j.how != payByCard && len(wallets) == 0 {
		w.story.add(ref, "no wallet to pay with on the checkout page")
		w.appFailed(ref)
		return
	}
	w.n.payments.Add(1)
	state := w.pay(ctx, u, ref, j, 0)
	if j.retry && (state == "failed" || state == "unconfirmed" || state == "cancelled" || state == "unpaid") {
		state = w.pay(ctx, u, ref, j, 1)
	}
	w.staffActs(ctx, u, ref, total, j, state)
}

// openOrder creates the order and reads its checkout page as the buyer
// sees it: the total, the wallet buttons and the kept cards.
func (w *world) openOrder(ctx context.Context, u *buyer, j job) (string, money, []string, []string, error) {
	ref, err := u.order(ctx, j.product, j.qty)
	if err != nil {
		return "", money{}, nil, nil, err
	}
	w.own(ref, u)
	who := u.email
	if j.guest {
		who = "a guest"
	}
	w.story.add(ref, "job %d: %s buys %d × %s, pays by %s%s", j.n, who, j.qty, j.product, j.how, jobNotes(j))
	p, err := u.browser.get(ctx, "/checkout/"+ref)
	if err != nil {
		return ref, money{}, nil, nil, err
	}
	m := orderTotal.FindStringSubmatch(p.body)
	if m == nil {
		return ref, money{}, nil, nil, fmt.Errorf("checkout page (HTTP %d) shows no total", p.status)
	}
	total, err := parseTotal(html.UnescapeString(m[1]))
	var wallets, cards []string
	for _, b := range walletButton.FindAllStringSubmatch(p.body, -1) {
		wallets = append(wallets, b[1])
	}
	for _, b := range cardButton.FindAllStringSubmatch(p.body, -1) {
		cards = append(cards, b[1])
	}
	return ref, total, wallets, cards, err
}

// jobNotes describes a job's twists for its story.
func jobNotes(j job) string {
	var notes []string
	if j.double {
		notes = append(notes, "double click")
	}
	if j.check {
		notes = append(notes, "checks again")
	}
	if j.retry {
		notes = append(notes, "pays again after a failure")
	}
	if j.card.number != "" && j.how != payByWallet {
		notes = append(notes, "card "+j.card.number[len(j.card.number)-4:])
	}
	if j.card.keptCard != "" {
		notes = append(notes, "kept card")
	}
	if j.card.keep {
		notes = append(notes, "keeps the card")
	}
	if j.card.abandon {
		notes = append(notes, "leaves Antom's page")
	}
	for _, s := range []string{j.staff, j.refund} {
		if s != "" {
			notes = append(notes, "staff: "+s)
		}
	}
	if len(notes) == 0 {
		return ""
	}
	return " (" + strings.Join(notes, ", ") + ")"
}

// parseTotal reads "$18.50", "¥2,400" or "PHP 1,234.00".
func parseTotal(s string) (money, error) {
	currency := ""
	switch {
	case strings.HasPrefix(s, "$"):
		currency, s = "USD", strings.TrimPrefix(s, "$")
	case strings.HasPrefix(s, "¥"):
		currency, s = "JPY", strings.TrimPrefix(s, "¥")
	default:
		currency, s, _ = strings.Cut(s, " ")
	}
	minor, msg := checkout.ParseMajor(currency, strings.ReplaceAll(s, ",", ""))
	if msg != "" {
		return money{}, fmt.Errorf("order total %q: %s", s, msg)
	}
	return money{currency, minor}, nil
}

// pay makes one payment of the order as the job says (try 0, or 1 when
// paying again after a failure), then waits on the result page.
func (w *world) pay(ctx context.Context, u *buyer, ref string, j job, try int) string {
	how := j.how
	if try > 0 && how == payInTabs {
		how = payByWallet
	}
	var wg sync.WaitGroup
	if how == payByWallet || how == payInTabs {
		w.n.wallet.Add(1)
		clicks := 1
		if j.double && try == 0 {
			clicks = 2
		}
		for range clicks {
			wg.Go(func() {
				p, err := u.payWallet(ctx, ref)
				if err != nil {
					w.trouble(ctx, ref, "pay with wallet", err)
					return
				}
				w.answered(ref, "pay with wallet", p)
			})
		}
	}
	if how == payByCard || how == payInTabs {
		w.n.card.Add(1)
		wg.Go(func() {
			steps, err := u.payCard(ctx, ref, j.card)
			for _, s := range steps {
				w.story.add(ref, "%s", s)
			}
			if err != nil {
				w.trouble(ctx, ref, "pay by card", err)
			}
		})
	}
	wg.Wait()
	if j.check {
		if state, err := u.status(ctx, ref); err == nil && state == "processing" {
			err = u.checkAgain(ctx, ref)
			w.story.add(ref, "pressed check again: %v", errOrOK(err))
		}
	}
	state, err := u.waitResult(ctx, ref, w.wait)
	if err != nil && w.trouble(ctx, ref, "result page", err) {
		state, err = u.waitResult(ctx, ref, w.wait)
	}
	w.story.add(ref, "result page says %q", state)
	return state
}

// answered notes a pay answer; the app itself failing (5xx) is a problem.
func (w *world) answered(ref, step string, p page) {
	w.story.add(ref, "%s → HTTP %d %s", step, p.status, p.location)
	if p.status >= http.StatusInternalServerError {
		w.appFailed(ref)
	}
}

// errOrOK words an error for the story.
func errOrOK(err error) string {
	if err != nil {
		return err.Error()
	}
	return "ok"
}

// relink links the buyer's wallet once more by Scan to Link (a new
// consult, a new authState).
func (w *world) relink(ctx context.Context, j job) {
	u := w.buyers[j.buyer]
	key := "links of " + u.email
	status, err := u.link(ctx, u.wallet, u.login, w.wait)
	w.n.links.Add(1)
	if err != nil {
		w.trouble(ctx, key, fmt.Sprintf("job %d: link %s again", j.n, u.wallet), err)
		return
	}
	w.story.add(key, "job %d: linked %s again: %s", j.n, u.wallet, status)
}
