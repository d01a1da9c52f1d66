package checkout

import (
	"context"
	"path/filepath"
	"testing"

	"antom-checkout/db"
)

// The notify-tx test hook runs inside the notification's transaction:
// after the notification is applied and put in the inbox, before the
// commit (what `make crash` kills the process at).
func TestHookInsideNotificationTransaction(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "checkout.db")
	database, err := db.Open(ctx, path)
	check(t, err)
	defer database.Close()
	reader, err := db.Open(ctx, path) // a second connection sees only what is committed
	check(t, err)
	defer reader.Close()
	sealer, err := NewSealer([]byte("0123456789abcdef0123456789abcdef"))
	check(t, err)
	var seen []int
	hook := func(point string) {
		rows, err := reader.NotificationsPage(ctx, "", 10, 0)
		check(t, err)
		if point == PointNotifyTx {
			seen = append(seen, len(rows))
		}
	}
	svc := NewService(Deps{DB: database, Sealer: sealer, Options: Options{TestHook: hook}})
	body := []byte(`{"notifyType":"PAYMENT_RESULT","paymentRequestId":"PR-nobody","result":{"resultStatus":"S","resultCode":"SUCCESS"}}`)
	verdict, err := svc.ReceiveNotification(ctx, Inbound{RequestTime: "2026-11-22T10:00:00+08:00", Body: body})
	check(t, err)
	assertEqual(t, verdict, VerdictStale, "verdict")
	assertEqual(t, len(seen), 1, "hook calls at notify-tx")
	assertEqual(t, seen[0], 0, "inbox rows committed when the hook ran")
	rows, err := reader.NotificationsPage(ctx, "", 10, 0)
	check(t, err)
	assertEqual(t, len(rows), 1, "inbox rows after the commit")
}
