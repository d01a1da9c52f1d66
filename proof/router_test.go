package proof

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// router is the multi-instance test's load balancer, in front of the app
// instances at their shared PUBLIC_URL: round robin, as haproxy is in
// make run-cluster, passing a request that cannot reach an instance (its
// connection refused: the instance is dead) to the next one, and
// answering 502 for one cut off inside an instance (the instance died
// while it worked). It can send Antom's notifications to one chosen
// instance, and it notes when each was answered.
type router struct {
	backends  []string // instance base URLs
	transport *http.Transport
	next      atomic.Uint64

	notifyTo atomic.Int32 // instance that gets /antom/notify; -1: round robin

	mu       sync.Mutex
	notified []notified          // answered notifications, in order
	inFlight map[string][]string // instance → requests ("POST /checkout/…/pay") in it now
	cut      []string            // requests cut off inside an instance: "1: POST /checkout/…/pay"
}

// pinHeader names the one instance a test's request must go to.
const pinHeader = "X-Test-Instance"

// notified is one notification an instance answered, and when.
type notified struct {
	backend int
	status  int
	at      time.Time
}

func newRouter(backends []string) *router {
	r := &router{backends: backends, inFlight: map[string][]string{},
		transport: &http.Transport{MaxIdleConnsPerHost: 64, IdleConnTimeout: 30 * time.Second}}
	r.notifyTo.Store(-1)
	return r
}

func (r *router) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	body, err := io.ReadAll(io.LimitReader(req.Body, 1<<20))
	if err != nil {
		http.Error(w, "read body", http.StatusBadRequest)
		return
	}
	first := int(r.next.Add(1) % uint64(len(r.backends)))
	if req.URL.Path == "/antom/notify" {
		if to := r.notifyTo.Load(); to >= 0 {
			first = int(to)
		}
	}
	tries := len(r.backends)
	if pin := req.Header.Get(pinHeader); pin != "" {
		fmt.Sscan(pin, &first)
		tries = 1
	}
	what := req.Method + " " + req.URL.Path
	for i := range tries {
		n := (first + i) % len(r.backends)
		resp, err := r.send(req, body, n, what)
		if isRefused(err) {
			continue // dead: try the next one, as haproxy does
		}
		if err != nil {
			if req.Context().Err() == nil { // not the client giving up
				r.mu.Lock()
				r.cut = append(r.cut, fmt.Sprintf("%d: %s", n, what))
				r.mu.Unlock()
			}
			http.Error(w, "the instance went away", http.StatusBadGateway)
			return
		}
		// A notification counts as taken when the instance's answer
		// arrives, before it is relayed: by then the instance has
		// committed it and may already have woken a page elsewhere.
		answered := time.Now()
		r.relay(w, resp)
		if req.URL.Path == "/antom/notify" {
			r.mu.Lock()
			r.notified = append(r.notified, notified{backend: n, status: resp.StatusCode, at: answered})
			r.mu.Unlock()
		}
		return
	}
	http.Error(w, "no instance answers", http.StatusServiceUnavailable)
}

// send passes the request to instance n; the body is replayable, so a
// request on a pooled connection the instance closed is sent again.
func (r *router) send(req *http.Request, body []byte, n int, what string) (*http.Response, error) {
	out, err := http.NewRequestWithContext(req.Context(), req.Method, r.backends[n]+req.URL.RequestURI(), bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	out.Header = req.Header.Clone()
	out.Host = req.Host
	backend := r.backends[n]
	r.mu.Lock()
	r.inFlight[backend] = append(r.inFlight[backend], what)
	r.mu.Unlock()
	defer func() {
		r.mu.Lock()
		defer r.mu.Unlock()
		list := r.inFlight[backend]
		for i, v := range list {
			if v == what {
				r.inFlight[backend] = append(list[:i:i], list[i+1:]...)
				break
			}
		}
	}()
	resp, err := r.transport.RoundTrip(out)
	if err != nil {
		return nil, err
	}
	// Read the whole answer here, so an instance dying mid-answer counts
	// as cut off.
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	resp.Body = io.NopCloser(bytes.NewReader(b))
	return resp, nil
}

// relay writes an instance's answer to the client.
func (r *router) relay(w http.ResponseWriter, resp *http.Response) {
	for k, v := range resp.Header {
		w.Header()[k] = v
	}
	w.WriteHeader(resp.StatusCode)
	io.Copy(w, resp.Body)
}

// isRefused reports a connection the instance refused: nothing reached it.
func isRefused(err error) bool {
	var op *net.OpError
	return err != nil && errors.As(err, &op) && op.Op == "dial"
}

// busyWith reports whether instance n has a request in flight whose
// method and path start with prefix and end with suffix.
func (r *router) busyWith(n int, prefix, suffix string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, what := range r.inFlight[r.backends[n]] {
		if strings.HasPrefix(what, prefix) && strings.HasSuffix(what, suffix) {
			return true
		}
	}
	return false
}

// cutOff returns the requests cut off inside an instance so far.
func (r *router) cutOff() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.cut...)
}

// notifications returns the notifications answered so far.
func (r *router) notifications() []notified {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]notified(nil), r.notified...)
}
