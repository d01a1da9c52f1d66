package db

import (
	"context"
	"time"
)

// LookedAbsent records that a Refund lookup by staff member by answered,
// at now, that Antom has no refund id (ORDER_NOT_EXIST), if id is a
// refund we closed as failed ourselves (FAIL, SourceOurs): the lookup was
// made after we closed it. Only the first such answer is kept (until
// FoundProcessing forgets it); it takes the place of an earlier finding
// that Antom was processing it (found_processing_at, found_processing_by
// emptied). It reports whether it recorded one.
func (q *Queries) LookedAbsent(ctx context.Context, id int64, by string, now time.Time) (bool, error) {
	return q.changed(ctx, "refund looked absent", `UPDATE refunds SET absent_looked_at = ?, absent_looked_by = ?,
		found_processing_at = '', found_processing_by = '', updated_at = ?
		WHERE id = ? AND status = 'FAIL' AND final_source = 'OURS' AND absent_looked_at = ''`,
		formatTime(now), by, formatTime(now), id)
}
