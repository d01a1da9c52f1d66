package sandbox

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"antom-checkout/antom"
)

// arrival is one notification as the merchant received it.
type arrival struct {
	n        int // 1-based arrival count
	at       time.Time
	body     string
	verified bool
}

// merchantServer is a merchant's notification endpoint that verifies the
// signature with antom.Verify and answers as answer(n, verified) says.
type merchantServer struct {
	*httptest.Server
	got   chan arrival
	count atomic.Int32
}

// ack answers the acknowledgement when the signature verifies.
func ack(_ int, verified bool) (int, string) {
	if !verified {
		return http.StatusUnauthorized, "bad signature"
	}
	return http.StatusOK, antom.AckBody
}

// newMerchant starts a merchant endpoint at /antom/notify.
func newMerchant(t *testing.T, key *Sandbox, answer func(n int, verified bool) (int, string)) *merchantServer {
	t.Helper()
	m := &merchantServer{got: make(chan arrival, 64)}
	m.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			return
		}
		msg := antom.Message{Method: r.Method, Path: r.URL.Path, ClientID: r.Header.Get("client-id"), Time: r.Header.Get("request-time"), Body: body}
		verified := antom.Verify(key.PublicKey(), msg, r.Header.Get("signature")) == nil
		n := int(m.count.Add(1))
		m.got <- arrival{n: n, at: time.Now(), body: string(body), verified: verified}
		status, reply := answer(n, verified)
		w.WriteHeader(status)
		io.WriteString(w, reply)
	}))
	t.Cleanup(m.Close)
	return m
}

// url is the merchant's notification URL.
func (m *merchantServer) url() string { return m.URL + "/antom/notify" }

// notifySetup is a started sandbox, a merchant endpoint and the attempts
// the dispatcher records.
type notifySetup struct {
	s        *Sandbox
	m        *merchantServer
	attempts chan attemptEvent
}

// newNotifySetup starts a sandbox at the given time scale whose vector
// merchant has the endpoint as its notification URL.
func newNotifySetup(t *testing.T, scale float64, answer func(n int, verified bool) (int, string)) *notifySetup {
	t.Helper()
	attempts := make(chan attemptEvent, 64)
	s := newTest(t, options{scale: scale, hook: func(e attemptEvent) { attempts <- e }})
	m := newMerchant(t, s, answer)
	must(t, s.Register(t.Context(), Merchant{ClientID: testClientID, PublicKey: &merchantKey(t).PublicKey, NotifyURL: m.url()}))
	s.Start(t.Context())
	return &notifySetup{s: s, m: m, attempts: attempts}
}

// notify queues a notification with a distinct body.
func (n *notifySetup) notify(t *testing.T, tag string) string {
	t.Helper()
	body := `{"notifyType":"PAYMENT_RESULT","result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success."},"paymentId":"` + tag + `"}`
	must(t, n.s.Notify(t.Context(), testClientID, "", []byte(body)))
	return body
}

// untilFinal returns the attempts up to the one that made the
// notification final.
func (n *notifySetup) untilFinal(t *testing.T) []attemptEvent {
	t.Helper()
	var evs []attemptEvent
	for {
		ev := recv(t, n.attempts, "an attempt")
		evs = append(evs, ev)
		if ev.status != statusPending {
			return evs
		}
	}
}

// arrivals drains what the merchant has received so far.
func (m *merchantServer) arrivals() []arrival {
	var out []arrival
	for {
		select {
		case a := <-m.got:
			out = append(out, a)
		default:
			return out
		}
	}
}

// checkGaps asserts each arrival came at least the scaled schedule delay
// after the previous one.
func checkGaps(t *testing.T, s *Sandbox, got []arrival) {
	t.Helper()
	delays := retryDelays()
	for i := 1; i < len(got); i++ {
		gap, want := got[i].at.Sub(got[i-1].at), s.scaled(delays[i])
		if gap < want {
			t.Fatalf("attempt %d came %v after the previous one, want ≥ %v", i+1, gap, want)
		}
	}
}

func TestNotificationResentUntilAcknowledged(t *testing.T) {
	const scale = 0.0005 // 2 min → 60 ms, 10 min → 300 ms
	n := newNotifySetup(t, scale, func(i int, verified bool) (int, string) {
		if i < 3 {
			return http.StatusInternalServerError, "try later"
		}
		return ack(i, verified)
	})
	body := n.notify(t, "p-1")
	evs := n.untilFinal(t)
	equal(t, len(evs), 3, "attempts")
	equal(t, evs[0].result.httpStatus, http.StatusInternalServerError, "first HTTP status")
	equal(t, evs[2].status, statusAcked, "final status")
	got := n.m.arrivals()
	equal(t, len(got), 3, "arrivals")
	for _, a := range got {
		equal(t, a.verified, true, "signature verified")
		equal(t, a.body, body, "body")
	}
	checkGaps(t, n.s, got)
}

func TestNotificationGivesUpAfterEightAttempts(t *testing.T) {
	const scale = 0.00001 // the whole 24 h schedule in under a second
	n := newNotifySetup(t, scale, func(int, bool) (int, string) {
		return http.StatusOK, `{"result":"ok"}` // not the acknowledgement
	})
	n.notify(t, "p-2")
	evs := n.untilFinal(t)
	equal(t, len(evs), maxAttempts, "attempts")
	last := evs[len(evs)-1]
	equal(t, last.attempt, 8, "last attempt number")
	equal(t, last.status, statusFailed, "final status")
	equal(t, last.result.httpStatus, http.StatusOK, "HTTP status")
	equal(t, last.result.acked, false, "wrong body acknowledged")
	got := n.m.arrivals()
	equal(t, len(got), maxAttempts, "arrivals")
	checkGaps(t, n.s, got)
	pending, err := n.s.upcomingNotifications(t.Context(), 10)
	must(t, err)
	equal(t, len(pending), 0, "pending after giving up")
}

// TestNotificationResumesAfterRestart closes the sandbox between attempts:
// the next Open resumes the schedule, with the merchant still registered.
func TestNotificationResumesAfterRestart(t *testing.T) {
	dir := t.TempDir()
	const scale = 0.0005
	attempts := make(chan attemptEvent, 16)
	hook := func(e attemptEvent) { attempts <- e }
	s1 := openTest(t, dir, options{scale: scale, hook: hook})
	m := newMerchant(t, s1, func(i int, verified bool) (int, string) {
		if i == 1 {
			return http.StatusServiceUnavailable, ""
		}
		return ack(i, verified)
	})
	pub := &merchantKey(t).PublicKey
	must(t, s1.Register(t.Context(), Merchant{ClientID: testClientID, PublicKey: pub, NotifyURL: m.url()}))
	s1.Start(t.Context())
	must(t, s1.Notify(t.Context(), testClientID, "", []byte(`{"notifyType":"REFUND_RESULT"}`)))
	equal(t, recv(t, attempts, "attempt 1").status, statusPending, "after attempt 1")
	must(t, s1.Close())

	s2 := openTest(t, dir, options{scale: scale, hook: hook})
	mer, ok := s2.merchant.get(testClientID)
	equal(t, ok, true, "merchant persisted")
	equal(t, mer.NotifyURL, m.url(), "notify URL persisted")
	equal(t, mer.PublicKey.Equal(pub), true, "merchant key persisted")
	equal(t, s2.PublicKey().Equal(s1.PublicKey()), true, "sandbox key persisted")
	s2.Start(t.Context())
	ev := recv(t, attempts, "attempt 2")
	equal(t, ev.attempt, 2, "resumed attempt number")
	equal(t, ev.status, statusAcked, "resumed status")
	equal(t, len(m.arrivals()), 2, "arrivals")
}

func TestNotifyFaultDrop(t *testing.T) {
	const scale = 0.0005
	n := newNotifySetup(t, scale, ack)
	n.s.Faults().SetNotify(NotifyFault{DropNext: 1})
	queued := time.Now()
	n.notify(t, "p-3")
	evs := n.untilFinal(t)
	equal(t, len(evs), 2, "attempts")
	equal(t, evs[0].result.httpStatus, 0, "dropped attempt HTTP status")
	equal(t, evs[1].status, statusAcked, "final status")
	a := recv(t, n.m.got, "the arrival")
	equal(t, a.n, 1, "arrivals")
	if gap, want := a.at.Sub(queued), n.s.scaled(2*time.Minute); gap < want {
		t.Fatalf("re-sent after %v, want ≥ %v", gap, want)
	}
}

func TestNotifyFaultDuplicate(t *testing.T) {
	n := newNotifySetup(t, 0.0005, ack)
	n.s.Faults().SetNotify(NotifyFault{DuplicateNext: 1})
	body := n.notify(t, "p-4")
	evs := n.untilFinal(t)
	equal(t, len(evs), 1, "attempts")
	equal(t, evs[0].status, statusAcked, "status")
	for i := range 2 {
		a := recv(t, n.m.got, "copy "+strconv.Itoa(i+1))
		equal(t, a.body, body, "copy body")
		equal(t, a.verified, true, "copy verified")
	}
}

func TestNotifyFaultCorruptSignature(t *testing.T) {
	n := newNotifySetup(t, 0.0005, ack)
	n.s.Faults().SetNotify(NotifyFault{CorruptSignatureNext: 1})
	n.notify(t, "p-5")
	evs := n.untilFinal(t)
	equal(t, len(evs), 2, "attempts")
	equal(t, evs[0].result.httpStatus, http.StatusUnauthorized, "first HTTP status")
	equal(t, recv(t, n.m.got, "first").verified, false, "first verified")
	equal(t, recv(t, n.m.got, "second").verified, true, "second verified")
}

func TestNotifyFaultReorder(t *testing.T) {
	const scale = 0.005 // the fallback hold: 1 min → 300 ms
	n := newNotifySetup(t, scale, ack)
	n.s.Faults().SetNotify(NotifyFault{ReorderNext: 1})
	first := n.notify(t, "first")
	second := n.notify(t, "second")
	equal(t, recv(t, n.m.got, "arrival 1").body, second, "arrives first")
	equal(t, recv(t, n.m.got, "arrival 2").body, first, "arrives second")

	// Nothing queued after it: sent after the scaled hold.
	n.s.Faults().SetNotify(NotifyFault{ReorderNext: 1})
	queued := time.Now()
	lone := n.notify(t, "lone")
	a := recv(t, n.m.got, "the held notification")
	equal(t, a.body, lone, "held body")
	if wait, want := a.at.Sub(queued), n.s.scaled(reorderHold); wait < want {
		t.Fatalf("held notification sent after %v, want ≥ %v", wait, want)
	}
}

// TestNotificationOnTheWire reads a raw notification: lower-case
// client-id, request-time and signature headers.
func TestNotificationOnTheWire(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	must(t, err)
	defer ln.Close()
	heads := make(chan string, 1)
	go serveOneRaw(ln, heads)
	s := newTest(t, options{})
	must(t, s.Notify(t.Context(), testClientID, "http://"+ln.Addr().String()+"/antom/notify", []byte(`{"notifyType":"CAPTURE_RESULT"}`)))
	s.Start(t.Context())
	head := recv(t, heads, "the raw request")
	for _, want := range []string{"POST /antom/notify HTTP/1.1\r\n", "\r\nclient-id: " + testClientID + "\r\n", "\r\nrequest-time: ", "+08:00\r\n", "\r\nsignature: algorithm=RSA256,keyVersion=1,signature=", "\r\nContent-Type: application/json; charset=UTF-8\r\n"} {
		if !strings.Contains(head, want) {
			t.Fatalf("notification head lacks %q:\n%s", want, head)
		}
	}
}

// serveOneRaw accepts one connection, reads the request head byte for byte
// and the body, acknowledges, and reports the head.
func serveOneRaw(ln net.Listener, heads chan<- string) {
	conn, err := ln.Accept()
	if err != nil {
		return
	}
	defer conn.Close()
	r := bufio.NewReader(conn)
	var head strings.Builder
	length := 0
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		head.WriteString(line)
		if name, value, ok := strings.Cut(line, ":"); ok && strings.EqualFold(name, "content-length") {
			length, _ = strconv.Atoi(strings.TrimSpace(value))
		}
		if line == "\r\n" {
			break
		}
	}
	if _, err := io.ReadFull(r, make([]byte, length)); err != nil {
		return
	}
	fmt.Fprintf(conn, "HTTP/1.1 200 OK\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s", len(antom.AckBody), antom.AckBody)
	heads <- head.String()
}
