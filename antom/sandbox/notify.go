package sandbox

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// Antom's notification schedule (API.md §6.1): the delay before each of the
// eight attempts. Every delay is multiplied by Config.TimeScale.
func retryDelays() [maxAttempts]time.Duration {
	return [maxAttempts]time.Duration{
		0, 2 * time.Minute, 10 * time.Minute, 10 * time.Minute,
		time.Hour, 2 * time.Hour, 6 * time.Hour, 15 * time.Hour,
	}
}

const (
	// maxAttempts is how often a notification is sent before giving up.
	maxAttempts = 8
	// reorderHold is how long the reorder fault holds a notification back
	// when no other one is queued after it (scaled).
	reorderHold = time.Minute
)

// Notification statuses.
const (
	statusPending = "pending"
	statusAcked   = "acked"
	statusFailed  = "failed" // given up after maxAttempts
)

// Notify queues one notification for clientID, durably, and wakes the
// dispatcher so that it is sent at once. An empty notifyURL means the
// merchant's registered NotifyURL. body is sent byte for byte.
func (s *Sandbox) Notify(ctx context.Context, clientID, notifyURL string, body []byte) error {
	n, err := s.newNotification(clientID, notifyURL, body)
	if err != nil {
		return err
	}
	if err := s.queueNotification(ctx, n); err != nil {
		return err
	}
	s.kick()
	return nil
}

// newNotification checks what Notify is given and builds the outbox row,
// applying the reorder fault. Callers that queue it inside their own
// transaction (insertNotification) kick the dispatcher after committing.
func (s *Sandbox) newNotification(clientID, notifyURL string, body []byte) (notification, error) {
	m, ok := s.merchant.get(clientID)
	if !ok {
		return notification{}, fmt.Errorf("sandbox: notify: unknown client id %q", clientID)
	}
	if notifyURL == "" {
		notifyURL = m.NotifyURL
	}
	if notifyURL == "" {
		return notification{}, fmt.Errorf("sandbox: notify: no notify URL for %s", clientID)
	}
	if err := checkNotifyURL(notifyURL); err != nil {
		return notification{}, fmt.Errorf("sandbox: notify: %w", err)
	}
	if !isJSONObject(body) {
		return notification{}, errors.New("sandbox: notify: body is not a JSON object")
	}
	n := notification{clientID: clientID, notifyURL: notifyURL, kind: notifyKind(body), body: body}
	n.held = s.faults.takeReorder()
	n.nextAt = s.now()
	if n.held {
		n.nextAt = n.nextAt.Add(s.scaled(reorderHold))
	}
	return n, nil
}

// kick wakes the dispatcher without blocking.
func (s *Sandbox) kick() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// notifyKind reads the notification's type for display.
func notifyKind(body []byte) string {
	var v struct {
		NotifyType              string `json:"notifyType"`
		AuthorizationNotifyType string `json:"authorizationNotifyType"`
	}
	if json.Unmarshal(body, &v) != nil {
		return ""
	}
	if v.NotifyType != "" {
		return v.NotifyType
	}
	return v.AuthorizationNotifyType
}

// nextState is the outcome of attempt number done (1-based): the new status
// and, while pending, when to try again.
func (s *Sandbox) nextState(done int, acked bool, now time.Time) (string, time.Time) {
	switch {
	case acked:
		return statusAcked, time.Time{}
	case done >= maxAttempts:
		return statusFailed, time.Time{}
	}
	return statusPending, now.Add(s.scaled(retryDelays()[done]))
}
