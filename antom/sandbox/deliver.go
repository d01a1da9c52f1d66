package sandbox

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sync"

	"antom-checkout/antom"
)

// maxAckBody bounds how much of a merchant's answer is read.
const maxAckBody = 64 << 10

// attempt is the outcome of one delivery attempt.
type attempt struct {
	httpStatus int    // 0 when no HTTP answer came
	acked      bool   // HTTP 200 with exactly antom.AckBody
	err        string // short reason when not acknowledged
}

// attemptEvent describes a recorded attempt (for tests and logs).
type attemptEvent struct {
	id      int64
	attempt int
	result  attempt
	status  string // the notification's status afterwards
}

// deliver makes one delivery attempt of n, applying the notification
// faults, and records it. When ctx ends mid-way nothing is recorded: the
// notification stays due and is sent again after a restart.
func (s *Sandbox) deliver(ctx context.Context, n notification) {
	f := s.faults.takeDelivery()
	var a attempt
	switch {
	case f.drop:
		a = attempt{err: "not sent (drop fault)"}
	case f.duplicate:
		a = s.sendTwice(ctx, n, f.corrupt)
	default:
		a = s.send(ctx, n, f.corrupt)
	}
	if ctx.Err() != nil {
		return
	}
	ev, err := s.recordAttempt(context.WithoutCancel(ctx), n, a, s.now())
	if err != nil {
		s.log.Error("sandbox: record notification attempt", "id", n.id, "err", err)
		return
	}
	s.log.Info("sandbox: notification attempt", "id", n.id, "kind", n.kind, "attempt", ev.attempt,
		"http_status", a.httpStatus, "acked", a.acked, "err", a.err, "status", ev.status)
	if s.attemptHook != nil {
		s.attemptHook(ev)
	}
}

// sendTwice sends n twice at the same time (duplicate fault); either
// acknowledgement counts.
func (s *Sandbox) sendTwice(ctx context.Context, n notification, corrupt bool) attempt {
	var results [2]attempt
	var wg sync.WaitGroup
	for i := range results {
		wg.Go(func() { results[i] = s.send(ctx, n, corrupt) })
	}
	wg.Wait()
	if results[1].acked && !results[0].acked {
		return results[1]
	}
	return results[0]
}

// send posts n once, freshly signed, and reads the merchant's answer.
func (s *Sandbox) send(ctx context.Context, n notification, corrupt bool) attempt {
	req, err := s.notifyRequest(ctx, n, corrupt)
	if err != nil {
		return attempt{err: shortError(err)}
	}
	resp, err := s.cfg.HTTPClient.Do(req)
	if err != nil {
		return attempt{err: shortError(err)}
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxAckBody))
	a := attempt{httpStatus: resp.StatusCode}
	switch {
	case err != nil:
		a.err = shortError(fmt.Errorf("reading answer: %w", err))
	case resp.StatusCode != http.StatusOK:
		a.err = fmt.Sprintf("HTTP %d", resp.StatusCode)
	case string(body) != antom.AckBody:
		a.err = "answer is not the acknowledgement body"
	default:
		a.acked = true
	}
	return a
}

// notifyRequest builds a signed notification request: lower-case
// client-id, request-time and signature over the notify URL's path. With
// corrupt set the signature is made over different content, so it is well
// formed but does not verify.
func (s *Sandbox) notifyRequest(ctx context.Context, n notification, corrupt bool) (*http.Request, error) {
	u, err := url.Parse(n.notifyURL)
	if err != nil {
		return nil, fmt.Errorf("notify URL: %w", err)
	}
	path := u.EscapedPath()
	if path == "" {
		path = "/"
	}
	reqTime := antomTime(s.now())
	msg := antom.Message{Method: http.MethodPost, Path: path, ClientID: n.clientID, Time: reqTime, Body: n.body}
	if corrupt {
		msg.Time += "0"
	}
	sig, err := antom.Sign(s.key, msg)
	if err != nil {
		return nil, fmt.Errorf("sign: %w", err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, n.notifyURL, bytes.NewReader(n.body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", contentTypeJSON)
	setLower(req.Header, "client-id", n.clientID)
	setLower(req.Header, "request-time", reqTime)
	setLower(req.Header, "signature", sig)
	return req, nil
}

// shortError trims an error message for the attempts log.
func shortError(err error) string {
	const limit = 200
	msg := err.Error()
	if len(msg) > limit {
		msg = msg[:limit] + "…"
	}
	return msg
}
