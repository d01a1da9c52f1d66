package db

import (
	"context"
	"time"
)

// FoundProcessing forgets, at now, the Refund lookup that said Antom had
// no refund id (absent_looked_at, absent_looked_by: LookedAbsent) once a
// later answer says Antom is processing it, if id is still a refund we
// closed as failed ourselves (FAIL, SourceOurs): Antom is making it, so
// what that lookup let staff do (retry it, settle it another way, refund
// anew) waits again for a lookup (checkout's needsLookup). It reports
// whether it forgot one (false when none was recorded).
func (q *Queries) FoundProcessing(ctx context.Context, id int64, now time.Time) (bool, error) {
	return q.changed(ctx, "refund found processing", `UPDATE refunds SET absent_looked_at = '', absent_looked_by = '', updated_at = ?
		WHERE id = ? AND status = 'FAIL' AND final_source = 'OURS' AND absent_looked_at <> ''`,
		formatTime(now), id)
}
