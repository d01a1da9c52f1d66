package sandbox

import (
	"maps"
	"sync"
	"time"
)

// APIFault is what goes wrong on calls to one API. Counters decrement as
// they fire; at most one of them fires per call, in the order ServerErrorNext,
// UnknownNext, NotFoundNext, DropNext, NoPageNext, NoAuthExpiryNext.
// Latency applies to every call while set.
type APIFault struct {
	Latency         time.Duration // added before the work, which is done even if the caller leaves meanwhile (not scaled by TimeScale)
	UnknownNext     int           // next N calls answer signed U UNKNOWN_EXCEPTION without doing the work
	DropNext        int           // next N calls do the work, then drop the connection without an answer
	ServerErrorNext int           // next N calls answer HTTP 500 with an unsigned body, work not done
	// NotFoundNext: the next N calls answer signed F ORDER_NOT_EXIST
	// (capture: AUTH_NOT_FOUND, notFoundWords) without doing the work, as
	// Antom does for a payment or refund it does not show yet (API.md
	// §5.3: "may just be not created yet"). Only for
	// inquiryPayment, cancel, capture, refund and inquiryRefund: it never
	// fires on pay or the authorization APIs (neverNotFound), which Antom
	// never answers ORDER_NOT_EXIST; the control refuses it for them.
	NotFoundNext int
	// NoPageNext: the next N calls do the work, then answer without any
	// page address (normalUrl, schemeUrl, applinkUrl, redirectActionForm,
	// paymentActionForm), the hosted-payment answer after which API.md
	// §5.1.b says to pay again with a new paymentRequestId. Meant for pay.
	NoPageNext int
	// NoAuthExpiryNext: the next N calls do the work, then answer without
	// authExpiryTime. API.md lists it among pay's answer fields (§5.2) and
	// inquiryPayment's (§5.3) for a card authorization, never as required,
	// and a kept card's pay answer has come without it: the merchant then
	// does not know until when a MANUAL authorization can be captured.
	// Meant for pay and inquiryPayment; a call whose answer has no
	// authExpiryTime uses one up all the same.
	NoAuthExpiryNext int
}

// NotifyFault is what goes wrong with notifications. Counters decrement as
// they fire.
type NotifyFault struct {
	DropNext             int // next N deliveries never sent (unacknowledged attempts, re-sent on schedule)
	DuplicateNext        int // next N deliveries sent twice, concurrently
	ReorderNext          int // next N notifications held back until the one queued after them is sent (or a short scaled delay passes)
	CorruptSignatureNext int // next N deliveries carry a signature that does not verify
}

// Faults is the fault switchboard. It is safe for concurrent use.
type Faults struct {
	mu     sync.Mutex
	api    map[string]APIFault
	notify NotifyFault
	fired  map[string]int // see Fired
	holds  map[string]*Hold
}

// newFaults returns a switchboard with every fault off.
func newFaults() *Faults {
	return &Faults{api: make(map[string]APIFault), fired: make(map[string]int)}
}

// Fired returns how often each fault has fired since the sandbox started
// (Reset does not clear it), keyed "<api>:<field>" for API faults — the
// API that suffered it, e.g. "payments/pay:UnknownNext" or
// "payments/refund:Latency" — and "notify:<field>" for notification
// faults, e.g. "notify:DropNext".
func (f *Faults) Fired() map[string]int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return maps.Clone(f.fired)
}

// SetAPI sets the fault for api ("payments/pay"); api "*" applies to every
// API without its own entry. A zero APIFault removes the entry.
func (f *Faults) SetAPI(api string, a APIFault) {
	a = clampAPI(a)
	f.mu.Lock()
	defer f.mu.Unlock()
	if a == (APIFault{}) {
		delete(f.api, api)
		return
	}
	f.api[api] = a
}

// SetNotify sets the notification faults.
func (f *Faults) SetNotify(n NotifyFault) {
	n = clampNotify(n)
	f.mu.Lock()
	defer f.mu.Unlock()
	f.notify = n
}

// Reset turns every fault off.
func (f *Faults) Reset() {
	f.mu.Lock()
	defer f.mu.Unlock()
	clear(f.api)
	f.notify = NotifyFault{}
}

// Replace sets the whole switchboard at once: api becomes every API's
// faults (keyed as for SetAPI; zero entries are left out) and n the
// notification faults. Negative settings count as zero. Fired is kept.
func (f *Faults) Replace(api map[string]APIFault, n NotifyFault) {
	next := make(map[string]APIFault, len(api))
	for name, a := range api {
		if a = clampAPI(a); a != (APIFault{}) {
			next[name] = a
		}
	}
	n = clampNotify(n)
	f.mu.Lock()
	defer f.mu.Unlock()
	f.api = next
	f.notify = n
}

// Snapshot returns a copy of the current faults.
func (f *Faults) Snapshot() (map[string]APIFault, NotifyFault) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return maps.Clone(f.api), f.notify
}

// clampAPI turns negative settings into zero.
func clampAPI(a APIFault) APIFault {
	a.Latency = max(a.Latency, 0)
	a.UnknownNext = max(a.UnknownNext, 0)
	a.DropNext = max(a.DropNext, 0)
	a.ServerErrorNext = max(a.ServerErrorNext, 0)
	a.NotFoundNext = max(a.NotFoundNext, 0)
	a.NoPageNext = max(a.NoPageNext, 0)
	a.NoAuthExpiryNext = max(a.NoAuthExpiryNext, 0)
	return a
}

// clampNotify turns negative settings into zero.
func clampNotify(n NotifyFault) NotifyFault {
	n.DropNext = max(n.DropNext, 0)
	n.DuplicateNext = max(n.DuplicateNext, 0)
	n.ReorderNext = max(n.ReorderNext, 0)
	n.CorruptSignatureNext = max(n.CorruptSignatureNext, 0)
	return n
}

// apiFaultKind is the one fault a call suffers besides latency.
type apiFaultKind int

const (
	faultNone apiFaultKind = iota
	faultServerError
	faultUnknown
	faultNotFound
	faultDrop
	faultNoPage
	faultNoAuthExpiry
)

// apiAction is what takeAPI decided for one call.
type apiAction struct {
	latency time.Duration
	kind    apiFaultKind
}

// takeAPI decides the fault for one call to api and decrements the counter
// that fired.
func (f *Faults) takeAPI(api string) apiAction {
	f.mu.Lock()
	defer f.mu.Unlock()
	key := api
	a, ok := f.api[key]
	if !ok {
		key = "*"
		if a, ok = f.api[key]; !ok {
			return apiAction{}
		}
	}
	act := apiAction{latency: a.Latency}
	if a.Latency > 0 {
		f.fired[api+":Latency"]++
	}
	switch {
	case a.ServerErrorNext > 0:
		a.ServerErrorNext--
		act.kind = faultServerError
		f.fired[api+":ServerErrorNext"]++
	case a.UnknownNext > 0:
		a.UnknownNext--
		act.kind = faultUnknown
		f.fired[api+":UnknownNext"]++
	case a.NotFoundNext > 0 && !neverNotFound[api]:
		a.NotFoundNext--
		act.kind = faultNotFound
		f.fired[api+":NotFoundNext"]++
	case a.DropNext > 0:
		a.DropNext--
		act.kind = faultDrop
		f.fired[api+":DropNext"]++
	case a.NoPageNext > 0:
		a.NoPageNext--
		act.kind = faultNoPage
		f.fired[api+":NoPageNext"]++
	case a.NoAuthExpiryNext > 0:
		a.NoAuthExpiryNext--
		act.kind = faultNoAuthExpiry
		f.fired[api+":NoAuthExpiryNext"]++
	}
	if a == (APIFault{}) {
		delete(f.api, key)
	} else {
		f.api[key] = a
	}
	return act
}

// deliveryFaults is what one notification delivery suffers.
type deliveryFaults struct {
	drop, duplicate, corrupt bool
}

// takeDelivery decides the faults of one delivery attempt. A dropped
// delivery consumes no other counter.
func (f *Faults) takeDelivery() deliveryFaults {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := &f.notify
	if n.DropNext > 0 {
		n.DropNext--
		f.fired["notify:DropNext"]++
		return deliveryFaults{drop: true}
	}
	var d deliveryFaults
	if n.DuplicateNext > 0 {
		n.DuplicateNext--
		d.duplicate = true
		f.fired["notify:DuplicateNext"]++
	}
	if n.CorruptSignatureNext > 0 {
		n.CorruptSignatureNext--
		d.corrupt = true
		f.fired["notify:CorruptSignatureNext"]++
	}
	return d
}

// takeReorder reports whether a newly queued notification is held back.
func (f *Faults) takeReorder() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.notify.ReorderNext > 0 {
		f.notify.ReorderNext--
		f.fired["notify:ReorderNext"]++
		return true
	}
	return false
}
