package handlers

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"antom-checkout/antom"
	"antom-checkout/checkout"
	"antom-checkout/db"
)

// fakeAntom answers every API S/SUCCESS, signed with the test Antom key,
// and counts the calls per API. An API listed in hold waits, before it
// answers, until the test releases it: the first staff request is still
// at Antom while its duplicates arrive.
type fakeAntom struct {
	mu      sync.Mutex
	calls   map[string]int
	hold    map[string]bool
	release chan struct{}
	answer  map[string]string // a body for an API instead of S/SUCCESS (set before use)
	arrived chan string       // told (if not nil, without blocking) each held call's API as it arrives
}

func (f *fakeAntom) count(api string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls[api]
}

func (f *fakeAntom) serve(t *testing.T) http.Handler {
	key := mustPrivateKey(t, "antom_private_pkcs8.b64")
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		api := r.URL.Path[strings.LastIndex(r.URL.Path, "/")+1:]
		f.mu.Lock()
		f.calls[api]++
		n := f.calls[api]
		held := f.hold[api]
		answer, answered := f.answer[api]
		arrived := f.arrived
		f.mu.Unlock()
		if held {
			select {
			case arrived <- api:
			default:
			}
			select {
			case <-f.release:
			case <-time.After(10 * time.Second): // a deadline, not a pause: the test fails on the counts
			}
		}
		// refundId: Antom gives one with every S to a refund (API.md §5.6).
		body := fmt.Sprintf(`{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"},"captureId":"CAPID-1","refundId":"RFDID-%d","cancelTime":"2026-12-01T08:00:00+08:00"}`, n)
		if answered {
			body = answer
		}
		rt := time.Now().Format("2006-01-02T15:04:05-07:00")
		sig, err := antom.Sign(key, antom.Message{Method: "POST", Path: r.URL.Path, ClientID: testClientID, Time: rt, Body: []byte(body)})
		if err != nil {
			http.Error(w, err.Error(), 500)
			return
		}
		h := w.Header()
		h["Content-Type"] = []string{"application/json; charset=UTF-8"}
		h["client-id"] = []string{testClientID}
		h["response-time"] = []string{rt}
		h["signature"] = []string{sig}
		w.Write([]byte(body))
	})
}

// newFakeAntomApp is newAdminApp talking to a fakeAntom that holds the
// APIs in hold.
func newFakeAntomApp(t *testing.T, hold ...string) (*testApp, *fakeAntom) {
	t.Helper()
	return newFakeAntomAppWith(t, nil, hold...)
}

// newFakeAntomAppWith is newFakeAntomApp whose checkout options tune
// adjusts (nil: none), e.g. a short ActionWait.
func newFakeAntomAppWith(t *testing.T, tune func(*checkout.Options), hold ...string) (*testApp, *fakeAntom) {
	t.Helper()
	ta := newAdminApp(t)
	f := &fakeAntom{calls: map[string]int{}, hold: map[string]bool{}, release: make(chan struct{})}
	for _, api := range hold {
		f.hold[api] = true
	}
	srv := httptest.NewServer(f.serve(t))
	t.Cleanup(srv.Close)
	t.Cleanup(f.releaseOnce)
	client, err := antom.NewClient(antom.Config{
		GatewayURL: srv.URL, ClientID: testClientID, AllowAnyGateway: true,
		PrivateKey: mustPrivateKey(t, "merchant_private_pkcs8.b64"), AntomPublicKey: mustPublicKey(t, "antom_public_x509.b64"),
	})
	if err != nil {
		t.Fatal(err)
	}
	sealer, err := checkout.NewSealer([]byte("0123456789abcdef0123456789abcdef"))
	if err != nil {
		t.Fatal(err)
	}
	opts := checkout.Options{RetryBase: time.Millisecond, NotifyURL: "http://shop.test/antom/notify", PasswordCost: bcrypt.MinCost}
	if tune != nil {
		tune(&opts)
	}
	ta.Checkout = checkout.NewService(checkout.Deps{DB: ta.DB, Antom: client, Sealer: sealer, Log: ta.Log,
		Now: func() time.Time { return ta.now }, Options: opts})
	if _, err := ta.Checkout.EnsureFirstStaff(context.Background(), staffEmail, staffPassword); err != nil {
		t.Fatal(err)
	}
	return ta, f
}

func (f *fakeAntom) releaseOnce() {
	f.mu.Lock()
	defer f.mu.Unlock()
	select {
	case <-f.release:
	default:
		close(f.release)
	}
}

// postAtOnce sends the same form n times at once from one signed-in
// browser (all wait at a barrier, then go), and returns the answers once
// the first n-1 have come back and then the last, in the order they came:
// after n-1 answers, it calls between with them (nil: nothing), which
// releases what Antom holds.
func (b *browserClient) postAtOnce(n int, path string, form url.Values, between func(first []page)) []page {
	b.t.Helper()
	var start, done sync.WaitGroup
	start.Add(1)
	answered := make(chan page, n)
	errs := make(chan error, n)
	for range n {
		done.Add(1)
		go func() {
			defer done.Done()
			start.Wait()
			resp, err := b.http.PostForm(b.base+path, form)
			if err != nil {
				errs <- err
				return
			}
			defer resp.Body.Close()
			body, err := io.ReadAll(resp.Body)
			if err != nil {
				errs <- err
				return
			}
			answered <- page{status: resp.StatusCode, location: resp.Header.Get("Location"), body: string(body)}
		}()
	}
	start.Done()
	var out []page
	for len(out) < n {
		select {
		case p := <-answered:
			out = append(out, p)
		case err := <-errs:
			b.t.Fatal(err)
		}
		if len(out) == n-1 && between != nil {
			between(out)
		}
	}
	done.Wait()
	return out
}

// staffLines are an order's timeline lines by staff.
func (ta *testApp) staffLines(t *testing.T, ref string) []string {
	t.Helper()
	events, err := ta.DB.Events(context.Background(), checkout.OrderSubject(ref))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range events {
		if e.Kind == checkout.EventStaff {
			out = append(out, e.Detail)
		}
	}
	return out
}

// toOrder checks that every answer is a 303 to the order's page
// (Post/Redirect/Get: Reload sends nothing again), naming its own notice
// (namesNotice).
func toOrder(t *testing.T, pages []page, ref string) {
	t.Helper()
	for _, p := range pages {
		if p.status != http.StatusSeeOther || !namesNotice(p.location, "/admin/orders/"+ref) {
			t.Fatalf("an answer is %d %q, want 303 to the order:\n%s", p.status, p.location, p.body)
		}
	}
}

// refusedOnce checks that the order's page, opened by a refused action's
// redirect (at, its Location), says want once — the refusal, as a notice
// with testid tone (problem; note for a repeat of what was sent) — with
// no form to do it again and no notice of the winner's beside it; and
// that, opened again, it no longer says it.
func refusedOnce(t *testing.T, b *browserClient, at, tone string, want ...string) {
	t.Helper()
	p := b.get(at)
	said := 0
	for _, w := range want {
		said += strings.Count(p.body, w)
	}
	if p.status != http.StatusOK || said != 1 || strings.Count(p.body, `data-testid="`+tone+`"`) != 1 ||
		strings.Count(p.body, `data-testid="problem"`)+strings.Count(p.body, `data-testid="note"`) != 1 {
		t.Fatalf("the order does not say once, as a %s, what became of the authorization (%q): %d\n%s", tone, want, p.status, p.body)
	}
	for _, wrong := range []string{`data-testid="capture-form"`, `data-testid="void-form"`, "Up to .", "nothing yet", `data-testid="flash"`, `data-testid="capture-error"`} {
		if strings.Contains(p.body, wrong) {
			t.Fatalf("the order shows %s beside the refusal:\n%s", wrong, p.body)
		}
	}
	again := b.get(at)
	for _, w := range want {
		if strings.Contains(again.body, w) {
			t.Fatalf("opened again, the order still says %q:\n%s", w, again.body)
		}
	}
}

// keptNotice is the Location of the answer among answers (a browser's
// requests at once, each naming its own notice) whose notice b's session
// holds. The session store of these tests (scs's) keeps the last of
// writes at once, not all: the app's merges them (app's
// TestNoticesOfTwoRequestsAtOnceAreBothKept), which this stands in for.
func (ta *testApp) keptNotice(t *testing.T, b *browserClient, answers []page) string {
	t.Helper()
	held := ta.sessionOf(t, b)
	for _, p := range answers {
		for k, v := range held {
			var n notice
			if s, ok := v.(string); ok && strings.HasPrefix(k, noticeKey) && json.Unmarshal([]byte(s), &n) == nil && n.For == noticePage(p.location) {
				return p.location
			}
		}
	}
	t.Fatalf("the session holds the notice of none of %+v", answers)
	return ""
}

// Staff's capture sent four times at once (a double click, a retrying
// proxy): one capture reaches Antom and the timeline; the other three
// send the browser to the order as it is now, which says one neutral note
// (sent once) — never a form offering to capture again, "Captured
// nothing yet" or an empty "Up to" — and, once the capture is confirmed,
// that it was.
func TestCaptureSentFourTimesAtOnceActsOnce(t *testing.T) {
	ta, f := newFakeAntomApp(t, "capture")
	ref := ta.authorizedOrder(t, "capture4@example.com")
	b := ta.client(t)
	b.staffSignIn()

	capture := "/admin/orders/" + ref + "/capture"
	pages := b.postAtOnce(4, capture, b.confirmation(capture, url.Values{"amount": {"3.00"}}), func(first []page) {
		defer f.releaseOnce()
		refusedOnce(t, b, ta.keptNotice(t, b, first), "note", "Sent once: you had already sent this capture ($3.00), so this second one was not sent.")
	})
	toOrder(t, pages, ref)
	if n := f.count("capture"); n != 1 {
		t.Fatalf("%d captures sent to Antom, want 1", n)
	}
	if lines := ta.staffLines(t, ref); len(lines) != 1 || !strings.HasPrefix(lines[0], "capture ") {
		t.Fatalf("staff lines on the timeline: %q", lines)
	}
	after := b.get(pages[3].location) // the capture sent, answered last
	assertContains(t, after.body, "Captured: Antom confirmed the capture.")
	plainState(t, b, ref, "paid") // a browser that followed another answer reads it on the page itself
}

// Staff's void confirmed three times at once: one cancel at Antom and one
// "void the authorization" line; the others say, in a neutral note, that
// it was sent once.
func TestVoidSentThreeTimesAtOnceActsOnce(t *testing.T) {
	ta, f := newFakeAntomApp(t, "cancel")
	ref := ta.authorizedOrder(t, "void3@example.com")
	b := ta.client(t)
	b.staffSignIn()

	void := "/admin/orders/" + ref + "/void"
	pages := b.postAtOnce(3, void, b.confirmation(void, nil), func(first []page) {
		defer f.releaseOnce()
		refusedOnce(t, b, ta.keptNotice(t, b, first), "note", "Sent once: you had already sent this void, so this second one was not sent.")
	})
	toOrder(t, pages, ref)
	if n := f.count("cancel"); n != 1 {
		t.Fatalf("%d cancels sent to Antom, want 1", n)
	}
	if lines := ta.staffLines(t, ref); len(lines) != 1 || lines[0] != "void the authorization" {
		t.Fatalf("staff lines on the timeline: %q", lines)
	}
	if o := ta.order(t, ref); o.Status != db.OrderVoided {
		t.Fatalf("order after the void: %s", o.Status)
	}
	plainState(t, b, ref, "voided") // whichever answer the browser followed, the page itself says it
}

// Staff's void confirmed three times at once, which Antom refuses: one
// cancel at Antom; the order's page read plainly — whichever answer the
// browser followed, a note that it was sent once or the refusal — says
// the refusal in its void-refused alarm, and offers the void again.
func TestVoidRefusedSentThreeTimesAtOnceSaysItOnThePage(t *testing.T) {
	ta, f := newFakeAntomApp(t, "cancel")
	f.answer = map[string]string{"cancel": `{"result":{"resultCode":"PROCESS_FAIL","resultStatus":"F","resultMessage":"Refused at the issuer"}}`}
	ref := ta.authorizedOrder(t, "void3-refused@example.com")
	b := ta.client(t)
	b.staffSignIn()

	void := "/admin/orders/" + ref + "/void"
	pages := b.postAtOnce(3, void, b.confirmation(void, nil), func([]page) { f.releaseOnce() })
	toOrder(t, pages, ref)
	if n := f.count("cancel"); n != 1 {
		t.Fatalf("%d cancels sent to Antom, want 1", n)
	}
	d := html(t, b.get("/admin/orders/"+ref).body)
	assertContains(t, testid(d, "void-refused").Text(), "PROCESS_FAIL", "Refused at the issuer", "Nothing was released.")
	assertEqual(t, testid(d, "void-form").Length(), 1, "the void offered again")
	plainState(t, b, ref, "authorized")
}

// A void after a capture, or a capture after a void, is refused: 303 to
// the order, which says once, in red, what was sent first (so that
// Reload sends nothing again), and nothing is sent or written.
func TestCaptureAndVoidAfterTheOtherSayWhatHappened(t *testing.T) {
	ta, f := newFakeAntomApp(t)
	b := ta.client(t)
	b.staffSignIn()

	captured := ta.authorizedOrder(t, "captured@example.com")
	// Their confirmations shown in other tabs before the capture.
	voidTab := b.confirmation("/admin/orders/"+captured+"/void", nil)
	captureTab := b.confirmation("/admin/orders/"+captured+"/capture", url.Values{"amount": {"1.00"}})
	b.get(noticed(t, b.confirm("/admin/orders/"+captured+"/capture", url.Values{"amount": {"3.00"}}), "/admin/orders/"+captured)) // the notice of the capture
	for _, r := range []struct {
		action string
		form   url.Values
		says   string
	}{
		{"void", voidTab, "Your void was not sent: you had already sent a capture of $3.00."},
		{"void", nil, "Your void cannot be sent: you had already sent a capture of $3.00."}, // its button: nothing was being sent
		{"capture", captureTab, "Your capture of $1.00 was not sent: you had already sent a capture of $3.00, and an authorization is captured once."},
		{"capture", url.Values{"amount": {"1.00"}}, "Your capture of $1.00 cannot be sent: you had already sent a capture of $3.00, and an authorization is captured once."}, // its form: nothing was being sent
	} {
		p := b.post("/admin/orders/"+captured+"/"+r.action, r.form)
		toOrder(t, []page{p}, captured)
		refusedOnce(t, b, p.location, "problem", r.says)
	}
	voided := ta.authorizedOrder(t, "voided@example.com")
	asked := confirmationOf(t, b.post("/admin/orders/"+voided+"/void", nil).location, "/admin/orders/"+voided+"/void")
	captureTab = b.confirmation("/admin/orders/"+voided+"/capture", url.Values{"amount": {"1.00"}}) // shown before the void
	b.get(noticed(t, b.confirm("/admin/orders/"+voided+"/void", nil), "/admin/orders/"+voided))
	p := b.post("/admin/orders/"+voided+"/capture", captureTab)
	toOrder(t, []page{p}, voided)
	refusedOnce(t, b, p.location, "problem", "Your capture of $1.00 was not sent: you had already sent a void of this authorization.")
	// The void's confirmation opened again (Back, a bookmark) after the
	// void: nothing is sent, and nothing is said to have been.
	again := b.get(asked)
	toOrder(t, []page{again}, voided)
	refusedOnce(t, b, again.location, "note", "Nothing to confirm: you had already sent this void.")
	if c, v := f.count("capture"), f.count("cancel"); c != 1 || v != 1 {
		t.Fatalf("sent to Antom: %d captures, %d cancels; want 1 and 1", c, v)
	}
	for _, ref := range []string{captured, voided} {
		if lines := ta.staffLines(t, ref); len(lines) != 1 {
			t.Fatalf("%s: staff lines %q", ref, lines)
		}
	}
}

// A refund confirmed three times at once (one form, one key) is one
// refund at Antom and one staff line; every answer says what became of it.
func TestRefundSentThreeTimesAtOnceActsOnce(t *testing.T) {
	ta, f := newFakeAntomApp(t, "refund")
	ref, _ := ta.paidOrder(t, "refund3@example.com")
	b := ta.client(t)
	b.staffSignIn()

	refunds := "/admin/orders/" + ref + "/refunds"
	form := b.confirmation(refunds, url.Values{"amount": {"1.00"}, "reason": {"broken"}, "key": {"KEY3"}})
	pages := b.postAtOnce(3, refunds, form, func([]page) { f.releaseOnce() })
	for _, p := range pages {
		if p.status != http.StatusSeeOther || !namesNotice(p.location, "/admin/orders/"+ref) {
			t.Fatalf("a refund answered %d %q:\n%s", p.status, p.location, p.body)
		}
	}
	if n := f.count("refund"); n != 1 {
		t.Fatalf("%d refunds sent to Antom, want 1", n)
	}
	if lines := ta.staffLines(t, ref); len(lines) != 1 || !strings.HasPrefix(lines[0], "refund of $1.00 asked") {
		t.Fatalf("staff lines on the timeline: %q", lines)
	}
}

// A wallet unlinked three times at once by staff writes one "unlink
// asked" line.
func TestUnlinkSentThreeTimesAtOnceActsOnce(t *testing.T) {
	ta, _ := newFakeAntomApp(t)
	_, wallet := ta.paidOrder(t, "unlink3@example.com")
	b := ta.client(t)
	b.staffSignIn()

	unlink := fmt.Sprintf("/admin/wallets/%d/unlink", wallet)
	pages := b.postAtOnce(3, unlink, b.confirmation(unlink, nil), nil)
	for _, p := range pages {
		if p.status != http.StatusSeeOther {
			t.Fatalf("an unlink answered %d:\n%s", p.status, p.body)
		}
	}
	events, err := ta.DB.Events(context.Background(), fmt.Sprintf("wallet:%d", wallet))
	if err != nil {
		t.Fatal(err)
	}
	asked := 0
	for _, e := range events {
		if strings.HasPrefix(e.Detail, "unlink asked by") {
			asked++
		}
	}
	if asked != 1 {
		t.Fatalf("%d unlink lines on the wallet's timeline, want 1", asked)
	}
}

// A replay sent three times at once runs the notification once through
// the same idempotent path (the others answer 409): the replay does not
// look like a second payment on the order's timeline — it says it
// changed nothing (duplicate).
func TestReplaySentThreeTimesAtOnceChangesNothing(t *testing.T) {
	ta, _ := newFakeAntomApp(t)
	ref, _ := ta.paidOrder(t, "replay3@example.com")
	body := fmt.Sprintf(`{"notifyType":"PAYMENT_RESULT","result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"},"paymentRequestId":"PR-%s-TEST","paymentId":"PAY-%s","paymentAmount":{"currency":"USD","value":"3700"}}`, ref, ref)
	if rec := ta.do(ta.notification(t, testClientID, "/antom/notify", ta.now.Format(time.RFC3339), []byte(body))); rec.Code != http.StatusOK {
		t.Fatalf("notification: %d", rec.Code)
	}
	b := ta.client(t)
	b.staffSignIn()
	id := regexp.MustCompile(`/admin/notifications/(\d+)/replay`).FindStringSubmatch(b.get("/admin/notifications").body)[1]

	replayed := 0
	for _, p := range b.postAtOnce(3, "/admin/notifications/"+id+"/replay", nil, nil) {
		switch p.status {
		case http.StatusSeeOther:
			replayed++
		case http.StatusConflict: // told it is being or was replayed
		default:
			t.Fatalf("a replay answered %d:\n%s", p.status, p.body)
		}
	}
	assertEqual(t, replayed, 1, "replays made")
	events, err := ta.DB.Events(context.Background(), checkout.OrderSubject(ref))
	if err != nil {
		t.Fatal(err)
	}
	replays := 0
	for _, e := range events {
		if !strings.Contains(e.Detail, "replay of #"+id) {
			continue
		}
		replays++
		if !strings.Contains(e.Detail, checkout.VerdictDuplicate) {
			t.Fatalf("a replay's line reads as an action: %q", e.Detail)
		}
	}
	if replays != 1 {
		t.Fatalf("%d replay lines, want one (a single replay is made), a duplicate", replays)
	}
	assertEqual(t, ta.order(t, ref).Status, db.OrderPaid, "order after the replays")
}

// A refund from a second form after the first took everything (two tabs)
// is refused: 303 to the order as it is now, which says so once — no
// refund form offering "Up to $0.00" beside it, and not the first
// refund's notice, which its own tab showed.
func TestRefundAfterEverythingWasRefundedSaysSoOnce(t *testing.T) {
	ta, _ := newFakeAntomApp(t)
	ref, _ := ta.paidOrder(t, "refundall@example.com")
	b := ta.client(t)
	b.staffSignIn()
	secondTab := b.confirmation("/admin/orders/"+ref+"/refunds", url.Values{"amount": {"37.00"}, "key": {"KEYB"}})
	first := b.confirm("/admin/orders/"+ref+"/refunds", url.Values{"amount": {"37.00"}, "key": {"KEYA"}})
	assertEqual(t, first.status, http.StatusSeeOther, "the first refund")
	b.get(first.location) // the first tab shows its notice
	second := b.refusedAt("/admin/orders/"+ref, "/admin/orders/"+ref+"/refunds", secondTab,
		"Nothing was left to refund when you pressed it.")
	if strings.Count(second.body, `data-testid="problem"`) != 1 || strings.Contains(second.body, `data-testid="refund-form"`) ||
		strings.Contains(second.body, `data-testid="flash"`) {
		t.Fatalf("the second refund's page:\n%s", second.body)
	}
}

// Three staff replays of one notification at once make one replay: one
// answers with its verdict, the others 409 saying it is being or was
// replayed, and the inbox holds one replay row. Asked again later, it
// still answers 409; the replay's own row can be replayed. A replay
// claimed by someone else that has not finished answers "being
// replayed".
func TestConcurrentReplaysMakeOneReplay(t *testing.T) {
	ta := newAdminApp(t)
	ref, _ := ta.paidOrder(t, "payer@example.com")
	body := fmt.Sprintf(`{"notifyType":"PAYMENT_RESULT","result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"},"paymentRequestId":"PR-%s-TEST","paymentId":"PAY-%s","paymentAmount":{"currency":"USD","value":"3700"}}`, ref, ref)
	rec := ta.do(ta.notification(t, testClientID, "/antom/notify", ta.now.Format(time.RFC3339), []byte(body)))
	assertEqual(t, rec.Code, http.StatusOK, "notification")
	b := ta.client(t)
	b.staffSignIn()
	ids := regexp.MustCompile(`/admin/notifications/(\d+)/replay`).FindAllStringSubmatch(b.get("/admin/notifications").body, -1)
	assertEqual(t, len(ids), 1, "replayable notifications")
	id := ids[0][1]

	const n = 3
	statuses, bodies := make([]int, n), make([]string, n)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			<-start
			resp, err := b.http.PostForm(b.base+"/admin/notifications/"+id+"/replay", nil)
			if err != nil {
				t.Error(err)
				return
			}
			defer resp.Body.Close()
			raw, _ := io.ReadAll(resp.Body)
			statuses[i], bodies[i] = resp.StatusCode, string(raw)
		})
	}
	close(start)
	wg.Wait()
	replayed, refused := 0, 0
	for i, status := range statuses {
		switch status {
		case http.StatusSeeOther:
			replayed++
		case http.StatusConflict:
			refused++
			if !regexp.MustCompile(`Notification #` + id + ` (is being replayed right now|was replayed already), by admin@shop.test|asked by admin@shop.test`).MatchString(bodies[i]) {
				t.Errorf("a refused replay says:\n%s", bodies[i])
			}
			assertContains(t, bodies[i], `<body class="admin">`, "not replayed again")
		default:
			t.Errorf("replay %d: %d", i, status)
		}
	}
	assertEqual(t, [2]int{replayed, refused}, [2]int{1, n - 1}, "replayed, refused")
	inbox := b.get("/admin/notifications").body
	replayOf := `data-testid="replay-of-link">#` + id + `</a> by`
	assertEqual(t, strings.Count(inbox, replayOf), 1, "replay rows")

	later := b.post("/admin/notifications/"+id+"/replay", nil)
	assertEqual(t, later.status, http.StatusConflict, "a later replay")
	assertContains(t, later.body, "Notification #"+id+" was replayed already, by admin@shop.test", ": duplicate.")
	assertEqual(t, strings.Count(b.get("/admin/notifications").body, replayOf), 1, "replay rows after a later replay")

	// The replay's own row replays (once).
	again := regexp.MustCompile(`data-id="(\d+)"`).FindStringSubmatch(inbox)[1]
	if again == id {
		t.Fatal("the newest row is the original, not its replay")
	}
	assertEqual(t, b.post("/admin/notifications/"+again+"/replay", nil).status, http.StatusSeeOther, "replay of the replay")
	// Asked again, the replay (itself a replay) answers 409 linking its
	// own replay's row, whose detail links back to it.
	twice := regexp.MustCompile(`data-id="(\d+)"`).FindStringSubmatch(b.get("/admin/notifications").body)[1]
	twiceAsked := b.post("/admin/notifications/"+again+"/replay", nil)
	assertEqual(t, twiceAsked.status, http.StatusConflict, "the replay's replay asked again")
	assertContains(t, twiceAsked.body, `href="/admin/notifications/`+twice+`" data-testid="error-link"`)
	assertContains(t, b.get("/admin/notifications/"+twice).body,
		`replay of <a class="mono" href="/admin/notifications/`+again+`" data-testid="replay-of-link">#`+again+`</a> by admin@shop.test`)

	// A replay someone else runs right now.
	first := regexp.MustCompile(`data-id="(\d+)"`).FindStringSubmatch(b.get("/admin/notifications").body)[1]
	claimed, err := ta.DB.ClaimReplay(context.Background(), mustInt(t, first), "other-holder", "other@shop.test", ta.now, ta.now.Add(-time.Minute))
	if err != nil || !claimed {
		t.Fatalf("claim: %v %v", claimed, err)
	}
	busy := b.post("/admin/notifications/"+first+"/replay", nil)
	assertEqual(t, busy.status, http.StatusConflict, "a replay while another runs")
	assertContains(t, busy.body, "Notification #"+first+" is being replayed right now (asked by other@shop.test at ",
		`href="/admin/notifications/`+first+`" data-testid="error-link">Notification #`+first+`</a>`)
}

func mustInt(t *testing.T, s string) int64 {
	t.Helper()
	var n int64
	if _, err := fmt.Sscan(s, &n); err != nil {
		t.Fatal(err)
	}
	return n
}
