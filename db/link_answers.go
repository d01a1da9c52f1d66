package db

import (
	"context"
	"fmt"
	"time"
)

// KeepTokenAnswer stores applyToken's S answer (sealed) on an AUTHORIZED
// attempt that has none yet. It reports false when the attempt is no
// longer AUTHORIZED or already holds an answer.
func (q *Queries) KeepTokenAnswer(ctx context.Context, id int64, sealed []byte, now time.Time) (bool, error) {
	return q.changed(ctx, "keep token answer", `UPDATE link_attempts
		SET token_answer_sealed = ?, updated_at = ?
		WHERE id = ? AND status = 'AUTHORIZED' AND token_answer_sealed IS NULL`,
		sealed, formatTime(now), id)
}

// LinkTokenAnswer returns the sealed applyToken answer kept on an
// attempt; nil when there is none.
func (q *Queries) LinkTokenAnswer(ctx context.Context, id int64) ([]byte, error) {
	var sealed []byte
	if err := q.q.QueryRowContext(ctx, `SELECT token_answer_sealed FROM link_attempts WHERE id = ?`, id).Scan(&sealed); err != nil {
		return nil, fmt.Errorf("db: link token answer: %w", err)
	}
	return sealed, nil
}

// ForgetTokenAnswer drops the kept answer once its tokens are saved on a
// wallet: no second copy of them stays behind.
func (q *Queries) ForgetTokenAnswer(ctx context.Context, id int64) error {
	if _, err := q.q.ExecContext(ctx, `UPDATE link_attempts SET token_answer_sealed = NULL WHERE id = ?`, id); err != nil {
		return fmt.Errorf("db: forget token answer: %w", err)
	}
	return nil
}

// LinkAttemptByAuthCode returns the attempt an authCode (by its keyed
// hash) was stored on; ErrNotFound if none.
func (q *Queries) LinkAttemptByAuthCode(ctx context.Context, codeHash string) (LinkAttempt, error) {
	return q.linkAttempt(ctx, `WHERE auth_code_hash = ?`, codeHash)
}
