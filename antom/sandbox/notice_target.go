package sandbox

import (
	"context"
	"database/sql"
)

// queueNotice queues body for clientID within tx, so that a state change
// and its notification are stored together; it goes through Notify's own
// checks and faults. The target is notifyURL, else the merchant's
// registered URL; with neither, nothing is sent and the log says so.
// queued tells the caller to kick the dispatcher after committing.
func (s *Sandbox) queueNotice(ctx context.Context, tx *sql.Tx, clientID, notifyURL string, body []byte) (queued bool, err error) {
	if m, ok := s.merchant.get(clientID); notifyURL == "" && (!ok || m.NotifyURL == "") {
		s.log.Info("sandbox: notification not sent: no notification URL", "client_id", clientID, "kind", notifyKind(body))
		return false, nil
	}
	n, err := s.newNotification(clientID, notifyURL, body)
	if err != nil {
		return false, err
	}
	return true, s.insertNotification(ctx, tx, n)
}
