package sandbox

import "context"

// callContext returns the context an accepted API call waits (Hold,
// Latency) and works in, and the func to call when the call is done; ok
// is false once the sandbox is closed (the call is then not taken).
//
// Once a call has reached Antom, Antom may make the payment whether or
// not its caller stays to read the answer: the call's context keeps the
// request's values but not its end. It ends when the sandbox closes, or
// once the caller has left (its request's context ended) and the sandbox
// is no longer running (Start's ctx ended), so that shutting the sandbox
// down leaves no call waiting.
func (s *Sandbox) callContext(req context.Context) (ctx context.Context, done func(), ok bool) {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil, nil, false
	}
	s.inFlight.Add(1)
	s.mu.Unlock()
	ctx, cancel := context.WithCancel(context.WithoutCancel(req))
	abandoned := func() {
		if req.Err() != nil && s.running.Err() != nil {
			cancel()
		}
	}
	stops := []func() bool{
		context.AfterFunc(s.closing, cancel),
		context.AfterFunc(req, abandoned),
		context.AfterFunc(s.running, abandoned),
	}
	return ctx, func() {
		for _, stop := range stops {
			stop()
		}
		cancel()
		s.inFlight.Done()
	}, true
}
