package checkout

import (
	"context"
	"fmt"

	"antom-checkout/db"
)

func staffSubject(id int64) string { return fmt.Sprintf("staff:%d", id) }

// recordBy appends to a timeline with who did it (a staff email). Like
// record, a failure is logged and never undoes the change.
func (s *Service) recordBy(ctx context.Context, q *db.Queries, subject, kind, actor, detail string) {
	if q == nil {
		q = s.db.Queries
	}
	e := db.Event{At: s.now(), Subject: subject, Kind: kind, Detail: detail, Actor: actor, HTTPRequestID: HTTPRequestID(ctx)}
	if err := q.InsertEvent(ctx, e); err != nil {
		s.log.Error("timeline", "subject", subject, "err", err)
	}
}
