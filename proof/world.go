package proof

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"sync"
	"syscall"
	"time"

	"antom-checkout/antom/sandbox"
)

// world is everything the jobs act on: the app's address, the sandbox's
// control API, the buyers and staff, and what happened so far.
type world struct {
	app     string
	control sandbox.Control
	buyers  []*buyer
	staff   *staff
	story   *story
	n       counters
	wait    time.Duration // how long a buyer waits on the result page
	// waitUp, when set (crash), waits until the app answers again after a
	// request failed because it went away.
	waitUp func(ctx context.Context) error

	mu     sync.Mutex
	owners map[string]*buyer // order ref → who bought it (guests included)
	order  []string          // order refs, in the order they were made
}

func newWorld(app, sandboxURL string, wait time.Duration) *world {
	return &world{app: app, control: sandbox.Control{BaseURL: sandboxURL}, story: newStory(), wait: wait,
		owners: map[string]*buyer{}}
}

// setUp signs up one buyer per proof user, links each one's wallet by
// Scan to Link, and signs staff in.
func (w *world) setUp(ctx context.Context, staffEmail string) error {
	users := proofUsers()
	w.buyers = make([]*buyer, len(users))
	errs := make([]error, len(users))
	var wg sync.WaitGroup
	for i, u := range users {
		b := &buyer{browser: newBrowser(w.app), email: fmt.Sprintf("proof-%d-%s@example.com", i, u.Login)}
		w.buyers[i] = b
		wg.Go(func() { errs[i] = w.setUpBuyer(ctx, b, u) })
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return err
	}
	s, err := signInStaff(ctx, w.app, staffEmail)
	w.staff = s
	return err
}

// setUpBuyer signs a buyer up, links the user's wallet and notes the
// wallet's pay button.
func (w *world) setUpBuyer(ctx context.Context, b *buyer, u sandbox.TestUser) error {
	if err := b.signUp(ctx); err != nil {
		return err
	}
	status, err := b.link(ctx, u.Wallet, u.Login, time.Minute)
	if err != nil || status != "LINKED" {
		return fmt.Errorf("link %s for %s: %s %v", u.Wallet, b.email, status, err)
	}
	w.n.links.Add(1)
	ref, err := b.order(ctx, "notebook", 1)
	if err != nil {
		return err
	}
	wallets, _, err := b.buttons(ctx, ref)
	if err != nil || len(wallets) == 0 {
		return fmt.Errorf("no wallet button for %s: %v", b.email, err)
	}
	b.walletID, b.login, b.wallet = wallets[0], u.Login, u.Wallet
	return nil
}

// own remembers who bought an order.
func (w *world) own(ref string, b *buyer) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.owners[ref] = b
	w.order = append(w.order, ref)
}

// orders returns every order ref with its buyer.
func (w *world) orders() ([]string, map[string]*buyer) {
	w.mu.Lock()
	defer w.mu.Unlock()
	owners := make(map[string]*buyer, len(w.owners))
	for k, v := range w.owners {
		owners[k] = v
	}
	return append([]string(nil), w.order...), owners
}

// shown asks, as each order's buyer, what its result page says now.
func (w *world) shown(ctx context.Context) (Shown, error) {
	refs, owners := w.orders()
	out := Shown{}
	for _, ref := range refs {
		state, err := owners[ref].status(ctx, ref)
		if err != nil {
			return nil, fmt.Errorf("result page of %s: %w", ref, err)
		}
		out[ref] = state
	}
	return out, nil
}

// trouble records a failed step. When the app went away (crash) it waits
// for it to answer again and reports true: the caller may go on.
func (w *world) trouble(ctx context.Context, key, step string, err error) bool {
	w.story.add(key, "%s: %v", step, err)
	if !appGone(err) || w.waitUp == nil {
		w.appFailed(key)
		return false
	}
	w.n.transportErrors.Add(1)
	if w.waitUp(ctx) != nil {
		return false
	}
	w.story.add(key, "the app answers again")
	return true
}

// appGone reports an error of a request the app never answered: refused,
// reset, or cut off mid-answer.
func appGone(err error) bool {
	var op *net.OpError
	var ue *url.Error
	return errors.As(err, &op) || errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.ECONNRESET) ||
		errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || (errors.As(err, &ue) && !ue.Timeout() && ctxAlive(ue))
}

// ctxAlive reports a url.Error that is not the caller's own cancellation.
func ctxAlive(ue *url.Error) bool {
	return !errors.Is(ue.Err, context.Canceled) && !errors.Is(ue.Err, context.DeadlineExceeded)
}

// appFailed counts a request the app failed (HTTP 5xx or no usable page)
// and notes it on key's story.
func (w *world) appFailed(key string) {
	w.n.appErrors.Add(1)
	w.story.fail(key)
}

// forgetConnections closes the kept-alive connections of every buyer and
// of staff, after the app was stopped and started again. A connection to
// the stopped app can still look idle to the client (the app's closing
// not yet read), and a POST sent on it fails with EOF and is not sent
// again (a browser would resend it; Go's client resends only idempotent
// requests): the app never saw it, so it is not the app's failure.
func (w *world) forgetConnections() {
	for _, u := range w.buyers {
		u.browser.http.CloseIdleConnections()
	}
	if w.staff != nil {
		w.staff.browser.http.CloseIdleConnections()
	}
}
