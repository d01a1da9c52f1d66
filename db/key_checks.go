package db

import (
	"context"
	"fmt"
	"time"
)

// KeepKeyCheck stores sealed as the key check called name unless one is
// stored already, and returns the one stored: this start's when it was
// the first, else the first start's. Of instances starting together on a
// new database one check is kept (INSERT … ON CONFLICT DO NOTHING), and
// every other compares its key against it.
func (q *Queries) KeepKeyCheck(ctx context.Context, name string, sealed []byte, now time.Time) ([]byte, error) {
	if _, err := q.q.ExecContext(ctx, `INSERT INTO key_checks (name, sealed, created_at) VALUES (?, ?, ?)
		ON CONFLICT (name) DO NOTHING`, name, sealed, formatTime(now)); err != nil {
		return nil, fmt.Errorf("db: keep key check: %w", err)
	}
	var kept []byte
	if err := q.q.QueryRowContext(ctx, `SELECT sealed FROM key_checks WHERE name = ?`, name).Scan(&kept); err != nil {
		return nil, fmt.Errorf("db: keep key check: %w", err)
	}
	return kept, nil
}
