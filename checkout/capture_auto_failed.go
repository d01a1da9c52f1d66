package checkout

import (
	"context"
	"encoding/json"

	"antom-checkout/antom"
	"antom-checkout/db"
)

// capturedBeforeFailIn, for attempt a just settled FAIL as Antom says,
// inside the caller's transaction: an automatic capture of it applied
// before (its CAPTURE_RESULT S came first, autoCaptureRules) contradicts
// the failure — Antom says it took the money of a payment it says
// failed. Nothing changes (no money is moved on either word); it returns
// the words to add to the settlement's timeline line, naming the capture
// and its amount, "" when none was applied. The capture's inbox row
// says so too (InboxEntry.FailedSince). Only a card payment in
// AUTOMATIC mode can have one: any other is not read about (no round
// trip more on settling it).
func capturedBeforeFailIn(ctx context.Context, q *db.Queries, a db.Attempt) (string, error) {
	if a.Method != db.MethodCard || a.CaptureMode != antom.CaptureAutomatic {
		return "", nil
	}
	cs, err := q.AutomaticCaptures(ctx, a.ID)
	if err != nil || len(cs) == 0 {
		return "", err
	}
	c := cs[0]
	return "; but Antom's automatic capture " + c.CaptureID + " of " + Money{c.Currency, c.Amount}.String() +
		" was applied before: money captured on a payment Antom now says failed — look the payment up in Antom Dashboard" +
		" (nothing was changed here: no refund, no capture undone)", nil
}

// failedSince is, of rows, the automatic captures applied (a
// CAPTURE_RESULT naming no capture of ours, VerdictApplied) of a payment
// Antom has settled FAIL since: inbox row id → that payment's
// paymentRequestId (db.FailedAutomaticCaptures). One read for the page.
func (s *Service) failedSince(ctx context.Context, rows []db.Notification) (map[int64]string, error) {
	keys := map[int64]string{}
	var ids []string
	for _, n := range rows {
		if n.Kind != antom.NotifyCaptureResult || n.Verdict != VerdictApplied {
			continue
		}
		var c antom.NotifyCapture
		if json.Unmarshal([]byte(n.BodyRedacted), &c) != nil || c.PaymentID == "" {
			continue
		}
		keys[n.ID] = automaticCaptureKey(c)
		ids = append(ids, keys[n.ID])
	}
	failed, err := s.db.FailedAutomaticCaptures(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := map[int64]string{}
	for id, key := range keys {
		if requestID, ok := failed[key]; ok {
			out[id] = requestID
		}
	}
	return out, nil
}
