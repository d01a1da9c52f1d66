package handlers

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"slices"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"antom-checkout/db"
)

// otherStaffEmail is a second staff account's (addOtherStaff), whose
// password is staffPassword too.
const otherStaffEmail = "ops@shop.test"

// addOtherStaff adds the staff account otherStaffEmail.
func (ta *testApp) addOtherStaff(t *testing.T) {
	t.Helper()
	hash, err := bcrypt.GenerateFromPassword([]byte(staffPassword), bcrypt.MinCost)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ta.DB.InsertStaff(context.Background(), db.Staff{Email: otherStaffEmail, PasswordHash: hash, CreatedAt: ta.now}); err != nil {
		t.Fatal(err)
	}
}

// otherStaffSignIn signs the client in as otherStaffEmail.
func (b *browserClient) otherStaffSignIn() {
	b.t.Helper()
	p := b.post("/admin/signin", url.Values{"email": {otherStaffEmail}, "password": {staffPassword}})
	if p.status != http.StatusSeeOther || p.location != "/admin" {
		b.t.Fatalf("other staff sign in: %d %q %s", p.status, p.location, p.body)
	}
}

func assertNotices(t *testing.T, got []string, want ...string) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Fatalf("the order's notices read\n  %q\nwant\n  %q", got, want)
	}
}

// send is one form sent by one browser.
type send struct {
	b    *browserClient
	path string
	form url.Values
}

// sendWhileHeld sends first, waits until Antom holds its call (api), then
// sends second — the other tab's click while the first is at Antom — and
// returns both answers once Antom has answered first's call, after
// second's answer.
func sendWhileHeld(t *testing.T, f *fakeAntom, api string, first, second send) (page, page) {
	t.Helper()
	f.mu.Lock()
	f.arrived = make(chan string, 1)
	arrived := f.arrived
	f.mu.Unlock()
	answered, failed := make(chan page, 1), make(chan error, 1)
	go func() {
		resp, err := first.b.http.PostForm(first.b.base+first.path, first.form)
		if err != nil {
			failed <- err
			return
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		if err != nil {
			failed <- err
			return
		}
		answered <- page{status: resp.StatusCode, location: resp.Header.Get("Location"), body: string(body)}
	}()
	select {
	case <-arrived:
	case err := <-failed:
		t.Fatal(err)
	case <-time.After(10 * time.Second): // a deadline, not a pause
		t.Fatalf("%s never reached Antom", api)
	}
	p2 := second.b.post(second.path, second.form)
	f.releaseOnce()
	select {
	case p1 := <-answered:
		return p1, p2
	case err := <-failed:
		t.Fatal(err)
	}
	return page{}, page{}
}

// A card action sent while another is at Antom (a double click, a second
// tab), by the same staff member: one reaches Antom; the other was not
// sent, and says so — as a neutral note when it asked for what was sent
// (the same capture, a void again), in red when it asked for something
// that will now not happen — in words that stay true beside the first
// one's outcome. Sent from two browsers, each page says its own; sent
// from one, one after the other (two tabs, a double click's two answers),
// each answer's page reads its own — the first one's outcome, the
// second's note or refusal, worded to stay true beside what the order
// shows — and the order's page opened otherwise neither.
func TestCardActionSentTwiceBySameStaff(t *testing.T) {
	capture := func(amount string) send {
		return send{path: "capture", form: url.Values{"amount": {amount}}}
	}
	void := send{path: "void"}
	for _, c := range []struct {
		name          string
		api           string // the first action's call, held at Antom
		first, second send
		done, says    string // the first one's notice; the second one's
		state         string // the order's badge (data-status) read plainly after both
	}{
		{"capture twice", "capture", capture("3.00"), capture("3.00"), "ok: Captured: Antom confirmed the capture.",
			"note: Sent once: you had already sent this capture ($3.00), so this second one was not sent.", "paid"},
		{"void twice", "cancel", void, void, "ok: Authorization voided.",
			"note: Sent once: you had already sent this void, so this second one was not sent.", "voided"},
		{"void after a capture", "capture", capture("3.00"), void, "ok: Captured: Antom confirmed the capture.",
			"problem: Your void was not sent: you had already sent a capture of $3.00.", "paid"},
		{"capture of another amount", "capture", capture("3.00"), capture("1.00"), "ok: Captured: Antom confirmed the capture.",
			"problem: Your capture of $1.00 was not sent: you had already sent a capture of $3.00, and an authorization is captured once.", "paid"},
		{"capture after a void", "cancel", void, capture("3.00"), "ok: Authorization voided.",
			"problem: Your capture of $3.00 was not sent: you had already sent a void of this authorization.", "voided"},
	} {
		t.Run(c.name, func(t *testing.T) {
			ta, f := newFakeAntomApp(t, c.api)
			one, two := ta.client(t), ta.client(t)
			one.staffSignIn()
			two.staffSignIn()
			// a's Confirm in b, its confirmation shown (the tab open).
			on := func(b *browserClient, ref string, a send) send {
				path := "/admin/orders/" + ref + "/" + a.path
				return send{b, path, b.confirmation(path, a.form)}
			}

			ref := ta.authorizedOrder(t, "twobrowsers@example.com")
			p1, p2 := sendWhileHeld(t, f, c.api, on(one, ref, c.first), on(two, ref, c.second))
			toOrder(t, []page{p1, p2}, ref)
			assertNotices(t, pageNotices(t, two, p2.location), c.says)
			assertNotices(t, pageNotices(t, one, p1.location), c.done)
			assertEqual(t, f.count("capture")+f.count("cancel"), 1, "calls to Antom")

			ref = ta.authorizedOrder(t, "onebrowser@example.com")
			f.mu.Lock()
			f.hold = nil
			f.mu.Unlock()
			var sent []page
			for _, a := range []send{on(one, ref, c.first), on(one, ref, c.second)} { // both tabs open, then pressed
				sent = append(sent, one.post(a.path, a.form))
			}
			toOrder(t, sent, ref)
			assertNotices(t, pageNotices(t, one, "/admin/orders/"+ref)) // neither is this page's
			// The page read plainly states the first one's outcome itself.
			plainState(t, one, ref, c.state)
			assertNotices(t, pageNotices(t, one, sent[1].location), c.says)
			assertNotices(t, pageNotices(t, one, sent[0].location), c.done)
			assertNotices(t, pageNotices(t, one, sent[1].location)) // each said once
			assertNotices(t, pageNotices(t, one, sent[0].location))
			assertEqual(t, f.count("capture")+f.count("cancel"), 2, "calls to Antom")
		})
	}
}

// plainState checks that the order's page read plainly (no ?notice=:
// a double click's browser shows only the last answer's notice, never
// the first one's) states the outcome in its badge: state, its
// data-status.
func plainState(t *testing.T, b *browserClient, ref, state string) {
	t.Helper()
	d := html(t, b.get("/admin/orders/"+ref).body)
	assertEqual(t, testid(d, "order-status").AttrOr("data-status", ""), state, "the order's badge, read plainly")
}

// A capture or void sent twice at once that Antom refuses (a double
// click, a retrying proxy): the browser follows the last answer, whose
// notice says only that the second was not sent again; the refusal
// itself — the first answer's news — is on the order's page read
// plainly, as its alarm (capture-failed, void-refused), and on the page
// the last answer shows. (Its note is not checked here: this test's
// session store keeps the last of two writes at once, not both, as
// keptNotice says.)
func TestRefusedActionSentTwiceSaysItOnThePlainPage(t *testing.T) {
	for _, c := range []struct {
		api, path string
		form      url.Values
		alarm     string // its alarm's data-testid
	}{
		{"capture", "capture", url.Values{"amount": {"3.00"}}, "capture-failed"},
		{"cancel", "void", nil, "void-refused"},
	} {
		t.Run(c.path, func(t *testing.T) {
			ta, f := newFakeAntomApp(t, c.api)
			f.answer = map[string]string{c.api: `{"result":{"resultCode":"PROCESS_FAIL","resultStatus":"F","resultMessage":"Refused at the issuer"}}`}
			b := ta.client(t)
			b.staffSignIn()
			ref := ta.authorizedOrder(t, "refused-twice@example.com")
			path := "/admin/orders/" + ref + "/" + c.path
			at := send{b, path, b.confirmation(path, c.form)} // its Confirm, pressed twice
			_, last := sendWhileHeld(t, f, c.api, at, at)
			toOrder(t, []page{last}, ref)
			assertEqual(t, f.count(c.api), 1, "calls to Antom")

			for _, p := range []string{"/admin/orders/" + ref, last.location} {
				d := html(t, b.get(p).body)
				assertEqual(t, testid(d, c.alarm).Length(), 1, p+": the refusal's alarm")
				assertContains(t, testid(d, c.alarm).Text(), "PROCESS_FAIL", "Refused at the issuer")
				assertEqual(t, testid(d, "order-status").AttrOr("data-status", ""), "authorized", p+": the badge")
			}
			assertNotices(t, pageNotices(t, b, "/admin/orders/"+ref))
		})
	}
}

// Two staff members at once: the one whose action came second reads who
// sent what first — as a neutral note when it was the same capture (what
// they asked for was sent), in red when it was another action. The first
// one's page has only their own news.
func TestCardActionsOfTwoStaffAtOnce(t *testing.T) {
	for _, c := range []struct {
		name    string
		path    string
		form    url.Values
		pressed bool // its confirmation's Confirm, the page shown before the first was sent; else its first form
		want    string
	}{
		{"the same capture", "capture", url.Values{"amount": {"3.00"}}, true,
			"note: Not sent: " + staffEmail + " had already sent the same capture ($3.00)."},
		{"the same capture's confirmation page", "capture", url.Values{"amount": {"3.00"}}, false,
			"note: Nothing to confirm: " + staffEmail + " had already sent the same capture ($3.00)."},
		{"a capture of another amount", "capture", url.Values{"amount": {"2.00"}}, true,
			"problem: Your capture of $2.00 was not sent: " + staffEmail + " had already sent a capture of $3.00, and an authorization is captured once."},
		{"a void", "void", nil, true,
			"problem: Your void was not sent: " + staffEmail + " had already sent a capture of $3.00."},
		{"the void's confirmation page", "void", nil, false,
			"problem: Your void cannot be sent: " + staffEmail + " had already sent a capture of $3.00."},
	} {
		t.Run(c.name, func(t *testing.T) {
			ta, f := newFakeAntomApp(t, "capture")
			ta.addOtherStaff(t)
			first, second := ta.client(t), ta.client(t)
			first.staffSignIn()
			second.otherStaffSignIn()
			ref := ta.authorizedOrder(t, "twostaff@example.com")
			path, form := "/admin/orders/"+ref+"/"+c.path, c.form
			if c.pressed {
				form = second.confirmation(path, form)
			}
			capture := "/admin/orders/" + ref + "/capture"
			p1, p2 := sendWhileHeld(t, f, "capture",
				send{first, capture, first.confirmation(capture, url.Values{"amount": {"3.00"}})},
				send{second, path, form})
			toOrder(t, []page{p1, p2}, ref)
			assertNotices(t, pageNotices(t, second, p2.location), c.want)
			assertNotices(t, pageNotices(t, first, p1.location), "ok: Captured: Antom confirmed the capture.")
		})
	}

	// Voided by one, then the other's void and capture.
	ta, f := newFakeAntomApp(t, "cancel")
	ta.addOtherStaff(t)
	first, second := ta.client(t), ta.client(t)
	first.staffSignIn()
	second.otherStaffSignIn()
	ref := ta.authorizedOrder(t, "twostaffvoid@example.com")
	void, capture := "/admin/orders/"+ref+"/void", "/admin/orders/"+ref+"/capture"
	captureTab := second.confirmation(capture, url.Values{"amount": {"3.00"}}) // open before the void
	p1, p2 := sendWhileHeld(t, f, "cancel",
		send{first, void, first.confirmation(void, nil)},
		send{second, void, second.confirmation(void, nil)})
	toOrder(t, []page{p1, p2}, ref)
	assertNotices(t, pageNotices(t, second, p2.location), "note: Not sent: "+staffEmail+" had already sent a void of this authorization.")
	assertNotices(t, pageNotices(t, first, p1.location), "ok: Authorization voided.")
	captured := second.post(capture, captureTab)
	toOrder(t, []page{captured}, ref)
	assertNotices(t, pageNotices(t, second, captured.location),
		"problem: Your capture of $3.00 was not sent: "+staffEmail+" had already sent a void of this authorization.")
}
