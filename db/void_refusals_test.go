package db_test

import (
	"testing"
	"time"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// A void Antom refused is kept with its code and message until the
// cancel is sent again: RefuseVoid ends only a PROCESSING cancel of a
// SUCCESS attempt; a cancel ended FAIL any other way records none.
func TestRefuseVoidKeepsTheRefusal(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		a := authorizedUntil(t, d, "ORD-VOID-REFUSED", time.Time{})
		refused := func() db.VoidRefusal {
			t.Helper()
			v, err := d.VoidRefusalOf(ctx, a.ID)
			check(t, err)
			return v
		}
		ok, err := d.RefuseVoid(ctx, a.ID, "PROCESS_FAIL", "no", time.Time{}, t0)
		check(t, err)
		eq(t, ok, false, "no void under way: nothing to refuse")
		eq(t, refused(), db.VoidRefusal{}, "none before")

		ok, err = d.RequestCancel(ctx, a.ID, "", t0)
		check(t, err)
		eq(t, ok, true, "void sent")
		at := t0.Add(time.Minute)
		ok, err = d.RefuseVoid(ctx, a.ID, "PROCESS_FAIL", "Refused at the issuer", time.Time{}, at)
		check(t, err)
		eq(t, ok, true, "refused")
		eq(t, refused(), db.VoidRefusal{At: at, Code: "PROCESS_FAIL", Message: "Refused at the issuer"}, "the refusal kept, no capture before it")

		// A capture refused, then a void refused again: the refusal names
		// the newest capture as of then, not a time.
		captured(t, d, a, "CAP-VOID-REFUSED-1", 500, db.CaptureFail)
		newest := lastCaptureID(t, d, a.ID)
		ok, err = d.RequestCancel(ctx, a.ID, "", t0)
		check(t, err)
		eq(t, ok, true, "void sent again")
		ok, err = d.RefuseVoid(ctx, a.ID, "PROCESS_FAIL", "again", time.Time{}, t0) // stamped before the capture's time: a clock behind
		check(t, err)
		eq(t, ok, true, "refused again")
		eq(t, refused(), db.VoidRefusal{At: t0, Code: "PROCESS_FAIL", Message: "again", CaptureID: newest}, "the refusal with the newest capture then")
		captured(t, d, a, "CAP-VOID-REFUSED-2", 500, db.CaptureProcessing)
		eq(t, refused().CaptureID, newest, "a capture sent since leaves the refusal's")
		got, err := d.AttemptByID(ctx, a.ID)
		check(t, err)
		eq(t, got.CancelStatus, db.CancelFail, "the cancel")

		other := authorizedUntil(t, d, "ORD-CANCEL-FAILED", time.Time{})
		ok, err = d.RequestCancel(ctx, other.ID, "", t0)
		check(t, err)
		eq(t, ok, true, "cancel sent")
		ok, err = d.SetCancelStatus(ctx, other.ID, db.CancelFail, time.Time{}, t0)
		check(t, err)
		eq(t, ok, true, "cancel FAIL")
		v, err := d.VoidRefusalOf(ctx, other.ID)
		check(t, err)
		eq(t, v, db.VoidRefusal{}, "a cancel ended FAIL otherwise records no refused void")
	})
}

// lastCaptureID is the id of attempt id's newest capture (0 for none).
func lastCaptureID(t testing.TB, d *db.DB, id int64) int64 {
	t.Helper()
	var n int64
	check(t, d.Raw().QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) FROM captures WHERE attempt_id = ?`, id).Scan(&n))
	return n
}

// HeldVoidRefusals finds every authorization whose void Antom refused
// while its order holds it, with what checkout's rule weighs beside the
// refusal (the newest capture, an ending refusal, the expiry looks'
// end); not a cancel ended FAIL otherwise, nor an order no longer
// AUTHORIZED. SearchOrders' OnlyIDs then lists the ids checkout chose,
// and none for none.
func TestHeldVoidRefusals(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		refuse := func(ref string, captures ...string) db.Attempt {
			t.Helper()
			expires := t0.Add(time.Hour)
			if ref == "ORD-VR-LOOKED" {
				expires = time.Time{} // looked for, then the looks ended
			}
			a := authorizedUntil(t, d, ref, expires)
			for i, status := range captures {
				captured(t, d, a, ref+"-"+string(rune('A'+i)), 500, status)
			}
			changed, err := d.RequestCancel(ctx, a.ID, "", t0)
			ok(t, changed, err, true, "void sent")
			changed, err = d.RefuseVoid(ctx, a.ID, "PROCESS_FAIL", "no "+ref, time.Time{}, t0)
			ok(t, changed, err, true, "void refused")
			a, err = d.AttemptByID(ctx, a.ID)
			check(t, err)
			return a
		}
		plain := refuse("ORD-VR-PLAIN")
		afterFail := refuse("ORD-VR-AFTER-FAIL", db.CaptureFail)
		captureFail := lastCaptureID(t, d, afterFail.ID)
		captured(t, d, afterFail, "ORD-VR-AFTER-FAIL-B", 500, db.CaptureProcessing) // a capture sent since
		ended := refuse("ORD-VR-ENDED")
		_, err := d.Raw().ExecContext(ctx, `INSERT INTO captures (order_id, attempt_id, capture_request_id, currency, amount, status,
			result_code, created_at, updated_at) VALUES (?, ?, 'CAP-ENDED', 'USD', 500, 'FAIL', 'AUTH_CANCELLED', ?, ?)`,
			ended.OrderID, ended.ID, db.FormatTime(t0), db.FormatTime(t0))
		check(t, err)
		looked := refuse("ORD-VR-LOOKED")
		gone, err := d.EndAuthExpiryLook(ctx, looked.ID, 0, "CANCELLED", t0)
		ok(t, gone, err, true, "the looks ended")
		voided := refuse("ORD-VR-VOIDED")
		changed, err := d.SetOrderStatus(ctx, voided.OrderID, db.OrderAuthorized, db.OrderVoided, t0)
		ok(t, changed, err, true, "voided since")
		otherwise := authorizedUntil(t, d, "ORD-VR-CANCEL-FAILED", time.Time{})
		changed, err = d.RequestCancel(ctx, otherwise.ID, "", t0)
		ok(t, changed, err, true, "cancel sent")
		changed, err = d.SetCancelStatus(ctx, otherwise.ID, db.CancelFail, time.Time{}, t0)
		ok(t, changed, err, true, "cancel FAIL without a refusal")

		held, err := d.HeldVoidRefusals(ctx)
		check(t, err)
		type row struct {
			Ref                    string
			Status, EndedBy, Look  string
			Refused, Last, OrderID int64
			Message                string
		}
		var got []row
		for _, h := range held {
			o, err := d.OrderByID(ctx, h.Attempt.OrderID)
			check(t, err)
			got = append(got, row{o.Ref, h.OrderStatus, h.EndedBy, h.LookEnd, h.Refusal.CaptureID, h.LastCaptureID, h.Attempt.OrderID, h.Refusal.Message})
			eq(t, []any{h.Attempt.Status, h.Attempt.CancelStatus, h.Refusal.At}, []any{db.AttemptSuccess, db.CancelFail, t0}, o.Ref+": the attempt and its refusal")
		}
		eq(t, got, []row{
			{"ORD-VR-PLAIN", db.OrderAuthorized, "", "", 0, 0, plain.OrderID, "no ORD-VR-PLAIN"},
			{"ORD-VR-AFTER-FAIL", db.OrderAuthorized, "", "", captureFail, lastCaptureID(t, d, afterFail.ID), afterFail.OrderID, "no ORD-VR-AFTER-FAIL"},
			{"ORD-VR-ENDED", db.OrderAuthorized, "AUTH_CANCELLED", "", 0, lastCaptureID(t, d, ended.ID), ended.OrderID, "no ORD-VR-ENDED"},
			{"ORD-VR-LOOKED", db.OrderAuthorized, "", "CANCELLED", 0, 0, looked.OrderID, "no ORD-VR-LOOKED"},
		}, "the refused voids of orders still AUTHORIZED")

		search := func(ids ...int64) []string {
			t.Helper()
			rows, err := d.SearchOrders(ctx, db.OrderSearch{OnlyIDs: true, IDs: ids, Limit: 10})
			check(t, err)
			var refs []string
			for _, r := range rows {
				refs = append(refs, r.Ref)
			}
			return refs
		}
		eq(t, search(plain.OrderID, looked.OrderID), []string{"ORD-VR-LOOKED", "ORD-VR-PLAIN"}, "the orders chosen, newest first")
		eq(t, search(), []string(nil), "none chosen: none listed")
	})
}

// Migration 44 gives a void refused before it the newest capture sent by
// the refusal's time; a refusal-less attempt keeps 0.
func TestMigration44NamesTheCaptureBeforeTheRefusal(t *testing.T) {
	for _, b := range backends {
		t.Run(string(b), func(t *testing.T) {
			source := dbtest.Source(t, b)
			old, err := db.OpenAt(ctx, source, 43)
			check(t, err)
			a := authorizedUntil(t, old, "ORD-MIG44", time.Time{})
			capture := func(reqID string, at time.Time) {
				t.Helper()
				_, err := old.InsertCapture(ctx, db.Capture{OrderID: a.OrderID, AttemptID: a.ID, CaptureRequestID: reqID,
					Currency: "USD", Amount: 100, Status: db.CaptureFail, CreatedAt: at})
				check(t, err)
			}
			capture("CAP-BEFORE", t0)
			before := lastCaptureID(t, old, a.ID)
			capture("CAP-AFTER", t0.Add(2*time.Minute))
			_, err = old.Raw().ExecContext(ctx, `UPDATE payment_attempts SET cancel_status = 'FAIL', void_refused_at = ?,
				void_refused_code = 'PROCESS_FAIL' WHERE id = ?`, db.FormatTime(t0.Add(time.Minute)), a.ID)
			check(t, err)
			plain := authorizedUntil(t, old, "ORD-MIG44-NONE", time.Time{})
			check(t, old.Close())

			d, err := db.Open(ctx, source)
			check(t, err)
			defer d.Close()
			v, err := d.VoidRefusalOf(ctx, a.ID)
			check(t, err)
			eq(t, v.CaptureID, before, "the newest capture sent by the refusal's time")
			v, err = d.VoidRefusalOf(ctx, plain.ID)
			check(t, err)
			eq(t, v, db.VoidRefusal{}, "no refusal")
		})
	}
}
