package checkout

import (
	"context"
	"fmt"
	"strings"

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

type actorKindKey struct{}

// withActor tells the lines an action's own follow-up writes under ctx
// (a cancel sent and resent while the action waits, and what came of
// it) whose action they are: kind is EventStaff or EventBuyer. They then
// carry the request id ctx already carries, and are not labelled the
// reconciler's (outcomeKind).
func withActor(ctx context.Context, kind string) context.Context {
	return context.WithValue(ctx, actorKindKey{}, kind)
}

// askerEvent is the timeline kind and actor of a line saying what actor
// asked, as handlers name them: "staff <email>" is EventStaff by <email>
// (as staff's other lines), anyone else ("buyer <email>") EventBuyer,
// whose lines name no actor (the subject is the buyer's own).
func askerEvent(actor string) (kind, by string) {
	if email, ok := strings.CutPrefix(actor, "staff "); ok {
		return EventStaff, email
	}
	return EventBuyer, ""
}

// outcomeKind is the kind of the app's own line on what came of a call an
// action under ctx made (a cancel not confirmed, refused, not sent):
// EventReconciler in the reconciler's own passes, else EventState — the
// staff's or buyer's action has its own line, and this one, the outcome,
// is tied to it by the request id ctx carries, not labelled as theirs.
func outcomeKind(ctx context.Context) string {
	if k := actorOf(ctx); k == EventReconciler {
		return k
	}
	return EventState
}

// actorOf is the kind withActor gave ctx: EventReconciler when none did
// (the reconciler's own passes, which carry no request id).
func actorOf(ctx context.Context) string {
	if k, ok := ctx.Value(actorKindKey{}).(string); ok {
		return k
	}
	return EventReconciler
}

// withSubject tells ObserveCall which timeline the Antom calls made under
// ctx belong to.
func withSubject(ctx context.Context, subject string) context.Context {
	return context.WithValue(ctx, subjectKey{}, subject)
}

type callEventKey struct{}

// ObserveSend gives an Antom call its place on the timeline of the subject
// it is made for as it is sent ("pay PR-… sent"), so that what happens
// while it runs — a notification that overtakes its answer — comes after
// it; ObserveCall then says how it ended. Wire it as the client's OnSend.
//
// A call made from a context without a request id (no HTTP request, no
// reconciler pass: ownRequestID) gets one of its own here, which its
// timeline entry and its log line (OnCall's context) carry.
func (s *Service) ObserveSend(ctx context.Context, api, requestID string) context.Context {
	ctx = ownRequestID(ctx, OwnCallRequestPrefix)
	subject, _ := ctx.Value(subjectKey{}).(string)
	if subject == "" {
		return ctx
	}
	detail := api
	if requestID != "" {
		detail += " " + requestID
	}
	e := db.Event{At: s.now(), Subject: subject, Kind: EventAntomCall, Detail: detail + " sent", HTTPRequestID: HTTPRequestID(ctx)}
	id, err := s.db.InsertEventID(context.WithoutCancel(ctx), e)
	if err != nil {
		s.log.Error("timeline", "subject", subject, "err", err)
		return ctx
	}
	return context.WithValue(ctx, callEventKey{}, id)
}

// ObserveCall puts an Antom call on the timeline of the subject it was
// made for: API, request id, what Antom answered (callOutcome) and latency — in the place ObserveSend
// gave it, if it did. Wire it as the client's OnCall.
func (s *Service) ObserveCall(ctx context.Context, c antom.Call) {
	subject, _ := ctx.Value(subjectKey{}).(string)
	if subject == "" {
		return
	}
	detail := c.API
	if c.RequestID != "" {
		detail += " " + c.RequestID
	}
	detail += " → " + callOutcome(c) + fmt.Sprintf(" in %d ms", c.Latency.Milliseconds())
	if id, ok := ctx.Value(callEventKey{}).(int64); ok {
		if err := s.db.SetEventDetail(context.WithoutCancel(ctx), id, detail); err != nil {
			s.log.Error("timeline", "subject", subject, "err", err)
		}
		return
	}
	s.record(context.WithoutCancel(ctx), nil, subject, EventAntomCall, detail)
}

// callOutcome words how an Antom call ended for the timeline, so that the
// call's own result is never read as the payment's: an inquiry's line
// leads with the status it reports ("paymentStatus FAIL (ORDER_IS_CLOSED);
// Antom answered S/SUCCESS"), any other answer is labelled as the call's
// ("Antom answered U/PAYMENT_IN_PROCESS"), a call without an answer
// says so ("no answer: outcome unknown"), and so does one whose answer
// Antom did not sign (an HTTP 500 from a proxy, a bad signature): "no
// verified answer from Antom (HTTP 500); outcome unknown" — what such a
// body claims is never told as Antom's answer. A signed answer with a
// 5xx status, which the client does not take either, names its status.
func callOutcome(c antom.Call) string {
	answered := ""
	if c.ResultStatus != "" {
		answered = "Antom answered " + c.ResultStatus + "/" + c.ResultCode
	}
	switch {
	case c.Err != nil && c.Unverified:
		return fmt.Sprintf("no verified answer from Antom (HTTP %d); outcome unknown", c.HTTPStatus)
	case c.Err != nil && c.HTTPStatus >= 500:
		status := fmt.Sprintf("Antom answered HTTP %d", c.HTTPStatus)
		if c.ResultStatus != "" {
			status += " (" + c.ResultStatus + "/" + c.ResultCode + ")"
		}
		return status + "; outcome unknown"
	case c.State != "" && answered != "":
		return c.State + "; " + answered
	case answered != "":
		return answered
	case c.Err != nil:
		return "no answer: " + c.Kind.String()
	}
	return "Antom answered"
}
