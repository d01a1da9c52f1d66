package db

import (
	"context"
	"time"
)

// FoundProcessing records that an answer at now says Antom is processing
// refund id, if id is still a refund we closed as failed ourselves (FAIL,
// SourceOurs), found by by: the staff member whose Refund lookup asked,
// "" for the reconciler's watch (found_processing_at, found_processing_by).
// It forgets the Refund lookup that said Antom had no refund id
// (absent_looked_at, absent_looked_by: LookedAbsent): Antom is making it,
// so what that lookup let staff do (retry it, settle it another way,
// refund anew) waits again for a lookup (checkout's needsLookup). It
// records only a change — the first finding, or one after a lookup said
// none — and reports whether it made one (false when it was found
// processing already and no lookup said none since).
func (q *Queries) FoundProcessing(ctx context.Context, id int64, by string, now time.Time) (bool, error) {
	return q.changed(ctx, "refund found processing", `UPDATE refunds SET absent_looked_at = '', absent_looked_by = '',
		found_processing_at = ?, found_processing_by = ?, updated_at = ?
		WHERE id = ? AND status = 'FAIL' AND final_source = 'OURS' AND (absent_looked_at <> '' OR found_processing_at = '')`,
		formatTime(now), by, formatTime(now), id)
}
