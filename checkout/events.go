package checkout

import (
	"context"
	"fmt"

	"antom-checkout/antom"
	"antom-checkout/db"
)

// Timeline event kinds.
const (
	EventState        = "state"        // a state change
	EventAntomCall    = "antom_call"   // one call to Antom
	EventNotification = "notification" // a notification and its verdict
	EventReconciler   = "reconciler"   // a decision of the background reconciler
	EventStaff        = "staff"        // something staff did
	EventBuyer        = "buyer"        // something the buyer did
)

// LinkSubject names a link attempt's timeline and hub subject.
func LinkSubject(id int64) string   { return fmt.Sprintf("link:%d", id) }
func walletSubject(id int64) string { return fmt.Sprintf("wallet:%d", id) }

// record appends to a timeline. A failure to record is logged, never
// allowed to undo the change it describes.
func (s *Service) record(ctx context.Context, q *db.Queries, subject, kind, detail string) {
	s.recordBy(ctx, q, subject, kind, "", detail)
}

type subjectKey struct{}

// withSubject tells ObserveCall which timeline the Antom calls made under
// ctx belong to.
func withSubject(ctx context.Context, subject string) context.Context {
	return context.WithValue(ctx, subjectKey{}, subject)
}

// ObserveCall puts an Antom call on the timeline of the subject it was
// made for: API, request id, result and latency. Wire it as the client's
// OnCall.
func (s *Service) ObserveCall(ctx context.Context, c antom.Call) {
	subject, _ := ctx.Value(subjectKey{}).(string)
	if subject == "" {
		return
	}
	detail := c.API
	if c.RequestID != "" {
		detail += " " + c.RequestID
	}
	switch {
	case c.ResultStatus != "":
		detail += fmt.Sprintf(" → %s/%s", c.ResultStatus, c.ResultCode)
	case c.Err != nil:
		detail += " → " + c.Kind.String()
	}
	detail += fmt.Sprintf(" in %d ms", c.Latency.Milliseconds())
	s.record(context.WithoutCancel(ctx), nil, subject, EventAntomCall, detail)
}
