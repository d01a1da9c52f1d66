package db

import "context"

// FailAppliedNotification turns the applied inbox row of kind about
// subject (the AUTHCODE_CREATED that authorized a link attempt: there is
// one per attempt) into verdict 'failed' with detail, once what it
// started has failed (applyToken refused its authCode); its received_at
// and body stay. It reports whether a row changed.
func (q *Queries) FailAppliedNotification(ctx context.Context, subject, kind, detail string) (bool, error) {
	if err := q.flushInbox(ctx); err != nil {
		return false, err
	}
	return q.changed(ctx, "fail applied notification", `UPDATE notifications SET verdict = 'failed', detail = ?
		WHERE subject = ? AND kind = ? AND verdict = 'applied'`, detail, subject, kind)
}
