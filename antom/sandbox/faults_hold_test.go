package sandbox

import (
	"testing"
	"time"
)

// A held call does no work until it is released, then is answered as
// usual; the call after it is not held.
func TestFaultHold(t *testing.T) {
	f := newFaultServer(t)
	h := f.s.Faults().Hold("payments/pay")
	answered := make(chan string, 1)
	go func() { answered <- f.payResult(t).ResultCode }()
	select {
	case <-h.Arrived():
	case <-time.After(10 * time.Second):
		t.Fatal("the call never reached the sandbox")
	}
	select {
	case code := <-answered:
		t.Fatalf("answered %s while held", code)
	case <-time.After(50 * time.Millisecond):
	}
	equal(t, f.calls.Load(), int32(0), "APIFunc calls while held")
	h.Release()
	h.Release() // twice: no panic
	select {
	case code := <-answered:
		equal(t, code, "SUCCESS", "result once released")
	case <-time.After(10 * time.Second):
		t.Fatal("no answer once released")
	}
	equal(t, f.payResult(t).ResultCode, "SUCCESS", "the next call, not held")
	equal(t, f.calls.Load(), int32(2), "APIFunc calls")
}
