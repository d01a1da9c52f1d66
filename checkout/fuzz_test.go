package checkout

import (
	"context"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"antom-checkout/antom"
	"antom-checkout/db"
)

// FuzzReceiveNotification feeds the notification decoder and dispatcher
// bodies Antom might send — seeded with the vectors' notifications, which
// apply to the fixture's records — as if their signature had verified.
// Whatever the body: no panic; a notification that is not applied
// changes no order, payment, capture, refund, wallet, card or link; and
// the same body again changes nothing (money never moves twice).
func FuzzReceiveNotification(f *testing.F) {
	fx := newNotifyFixture(f)
	for _, seed := range fx.seeds(f) {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		svc, d := fx.fresh(t)
		ctx := context.Background()
		before := domainState(t, d)
		verdict, err := svc.ReceiveNotification(ctx, Inbound{RequestTime: "2026-11-22T10:00:00+08:00", Body: body})
		svc.Wait()
		after := domainState(t, d)
		if (err != nil || verdict != VerdictApplied) && after != before {
			t.Fatalf("verdict %q (err %v) changed the state:\nbefore %s\nafter  %s", verdict, err, before, after)
		}
		if _, err := svc.ReceiveNotification(ctx, Inbound{RequestTime: "2026-11-22T10:00:00+08:00", Body: body}); err == nil || err == ErrUnhandled {
			svc.Wait()
		}
		if again := domainState(t, d); again != after {
			t.Fatalf("the same notification again changed the state:\nfirst %s\nagain %s", after, again)
		}
	})
}

// notifyFixture is a database holding what the vectors' notifications are
// about: a pending link attempt for notifyAuthorization's authState, a
// wallet with TOKEN_CANCELED's access token, processing attempts for both
// notifyPayment vectors, a processing refund and capture.
type notifyFixture struct {
	template []byte // the database file, copied for every input
	dir      string
	sealer   *Sealer
	client   *antom.Client
	n        int
}

const (
	fuzzRefundRequestID  = "fuzz-refund-0001"
	fuzzCaptureRequestID = "fuzz-capture-0001"
)

func newNotifyFixture(tb testing.TB) *notifyFixture {
	tb.Helper()
	ctx := context.Background()
	dir := tb.TempDir()
	sealer, err := NewSealer([]byte("0123456789abcdef0123456789abcdef"))
	fatal(tb, err)
	// Antom cannot be reached: work that follows a notification (applyToken)
	// fails fast and changes nothing it should not.
	client, err := antom.NewClient(antom.Config{
		GatewayURL: "http://127.0.0.1:1", ClientID: "SANDBOX_5X00000000000000",
		PrivateKey: vectorPrivateKey(tb, "merchant_private_pkcs8.b64"), AntomPublicKey: vectorPublicKey(tb, "antom_public_x509.b64"),
		AllowAnyGateway: true, HTTPClient: &http.Client{Timeout: time.Second},
	})
	fatal(tb, err)
	path := filepath.Join(dir, "template.db")
	d, err := db.Open(ctx, path)
	fatal(tb, err)
	now := time.Now()
	buyer, err := d.InsertBuyer(ctx, "fuzz@example.com", []byte("x"), now)
	fatal(tb, err)
	_, err = d.InsertLinkAttempt(ctx, db.LinkAttempt{AuthState: "auth-state-7f3c9a2e-4b1d-4e8a-9c55-0d2f1a6b3e01",
		BuyerID: buyer, Wallet: "ALIPAY_HK", ReturnTo: "/wallets", Status: db.LinkPending, CreatedAt: now, ExpiresAt: now.Add(24 * time.Hour)})
	fatal(tb, err)
	token := "28288803001291161724296551000BgIrDiWzU0171000529"
	wallet, err := d.InsertWallet(ctx, db.Wallet{BuyerID: buyer, Wallet: "ALIPAY_HK", UserLoginID: "852-97****10",
		AccessTokenSealed: sealer.Seal([]byte(token), sealPurposeAccessToken), AccessTokenHash: sealer.Lookup(token),
		Status: db.WalletActive, LinkedAt: now})
	fatal(tb, err)
	order := func(ref, currency string, amount int64, status string) int64 {
		id, err := d.InsertOrder(ctx, db.Order{Ref: ref, BuyerID: buyer, ProductID: 1, Quantity: 1, Currency: currency,
			Amount: amount, Status: status, CreatedAt: now})
		fatal(tb, err)
		return id
	}
	attempt := func(a db.Attempt) int64 {
		a.ExpiresAt, a.NextCheckAt, a.CreatedAt = now.Add(time.Hour), now.Add(time.Hour), now
		id, err := d.InsertAttempt(ctx, a)
		fatal(tb, err)
		return id
	}
	wait := order("FUZZWALLET", "HKD", 1000, db.OrderProcessing)
	attempt(db.Attempt{OrderID: wait, PaymentRequestID: "pay-req-20260817-0001", Method: db.MethodWallet, WalletID: wallet,
		Currency: "HKD", Amount: 1000, Status: db.AttemptProcessing})
	card := order("FUZZCARD", "USD", 2000, db.OrderProcessing)
	attempt(db.Attempt{OrderID: card, PaymentRequestID: "pay-req-20260817-0002", Method: db.MethodCard,
		Currency: "USD", Amount: 2000, Status: db.AttemptProcessing, CaptureMode: antom.CaptureManual})
	paid := order("FUZZPAID", "USD", 3000, db.OrderPaid)
	paidAttempt := attempt(db.Attempt{OrderID: paid, PaymentRequestID: "fuzz-paid-0001", Method: db.MethodCard,
		Currency: "USD", Amount: 3000, Status: db.AttemptProcessing, CaptureMode: antom.CaptureManual})
	ok, err := d.SettleAttempt(ctx, paidAttempt, db.AttemptProcessing, "", db.Settlement{Status: db.AttemptSuccess,
		Code: antom.CodeSuccess, PaymentID: "fuzz-payment-0001", PaidAt: now, Source: db.SourceAntom}, now)
	if err != nil || !ok {
		tb.Fatalf("settle the paid attempt: %v %v", ok, err)
	}
	_, err = d.InsertRefund(ctx, db.Refund{OrderID: paid, AttemptID: paidAttempt, RefundRequestID: fuzzRefundRequestID,
		Currency: "USD", Amount: 500, Status: db.RefundProcessing, NextCheckAt: now.Add(time.Hour), CreatedAt: now})
	fatal(tb, err)
	_, err = d.InsertCapture(ctx, db.Capture{OrderID: paid, AttemptID: paidAttempt, CaptureRequestID: fuzzCaptureRequestID,
		Currency: "USD", Amount: 3000, Status: db.CaptureProcessing, CreatedAt: now})
	fatal(tb, err)
	_, err = d.SQL().Exec(`PRAGMA wal_checkpoint(TRUNCATE)`)
	fatal(tb, err)
	fatal(tb, d.Close())
	template, err := os.ReadFile(path)
	fatal(tb, err)
	return &notifyFixture{template: template, dir: dir, sealer: sealer, client: client}
}

// fresh returns a service over a new copy of the fixture's database.
func (fx *notifyFixture) fresh(t *testing.T) (*Service, *db.DB) {
	t.Helper()
	fx.n++
	path := filepath.Join(fx.dir, fmt.Sprintf("input-%d.db", fx.n))
	fatal(t, os.WriteFile(path, fx.template, 0o600))
	d, err := db.Open(context.Background(), path)
	fatal(t, err)
	svc := NewService(Deps{DB: d, Antom: fx.client, Sealer: fx.sealer, Options: Options{RetryBase: time.Millisecond}})
	t.Cleanup(func() {
		svc.Wait()
		d.Close()
		for _, suffix := range []string{"", "-wal", "-shm"} {
			os.Remove(path + suffix)
		}
	})
	return svc, d
}

// seeds are the vectors' notifications, which apply to the fixture, and
// notifyRefund and notifyCapture for its refund and capture.
func (fx *notifyFixture) seeds(tb testing.TB) [][]byte {
	tb.Helper()
	var out [][]byte
	for _, name := range []string{"notifyAuthorization.json", "notifyAuthorization_tokenCanceled.json", "notifyPayment.json", "notifyPayment_card.json"} {
		b, err := os.ReadFile(filepath.Join("..", "antom", "testdata", "vectors", name))
		fatal(tb, err)
		var v struct{ Body string }
		fatal(tb, json.Unmarshal(b, &v))
		out = append(out, []byte(v.Body))
	}
	return append(out,
		[]byte(`{"notifyType":"REFUND_RESULT","result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success."},"refundStatus":"SUCCESS","refundRequestId":"`+fuzzRefundRequestID+`","refundId":"R-1","refundAmount":{"currency":"USD","value":"500"},"refundTime":"2026-11-22T10:00:00+08:00"}`),
		[]byte(`{"notifyType":"CAPTURE_RESULT","result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success."},"captureRequestId":"`+fuzzCaptureRequestID+`","paymentId":"fuzz-payment-0001","captureId":"C-1","captureAmount":{"currency":"USD","value":"3000"},"captureTime":"2026-11-22T10:00:00+08:00"}`),
		[]byte(`{"notifyType":"PAYMENT_RESULT","result":{"resultCode":"USER_BALANCE_NOT_ENOUGH","resultStatus":"F","resultMessage":"no"},"paymentRequestId":"pay-req-20260817-0001","paymentAmount":{"currency":"HKD","value":"1000"}}`),
		[]byte(`{"notifyType":"PAYMENT_PENDING","result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success."},"paymentRequestId":"pay-req-20260817-0002"}`),
		[]byte(`{"notifyType":"UPDATE_AMOUNT_RESULT"}`),
		[]byte(`{}`),
	)
}

// stateColumns are, per table, the columns whose change is a change of
// state a buyer, the merchant or the money sees. Scheduling fields (next
// inquiry, leases, counters, updated_at) are left out: a quarantined
// notification rightly brings the next inquiry forward.
var stateColumns = []struct{ table, columns string }{
	{"orders", "status, currency, amount, paid_at"},
	{"payment_attempts", "status, result_code, payment_id, currency, amount, paid_at, final_source, cancel_status, surplus, card_id, card_brand, card_last4, auth_expires_at"},
	{"captures", "status, result_code, capture_id, currency, amount"},
	{"refunds", "status, result_code, refund_id, currency, amount, refunded_at, final_source, automatic"},
	{"wallets", "status, access_token_hash, access_token_sealed, refresh_token_sealed, ended_at, end_reason"},
	{"cards", "status, token_hash, token_sealed"},
	{"link_attempts", "status, auth_code_hash, failure_code, COALESCE(wallet_id, 0)"},
}

// domainState is a digest of every row's state columns (the inbox and
// the timeline are left out too).
func domainState(t *testing.T, d *db.DB) string {
	t.Helper()
	h := sha256.New()
	var counts []string
	for _, tc := range stateColumns {
		rows, err := d.SQL().Query(`SELECT id, ` + tc.columns + ` FROM ` + tc.table + ` ORDER BY id`)
		fatal(t, err)
		cols, err := rows.Columns()
		fatal(t, err)
		n := 0
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			fatal(t, rows.Scan(ptrs...))
			fmt.Fprintf(h, "%s|%v\n", tc.table, vals)
			n++
		}
		fatal(t, rows.Err())
		rows.Close()
		counts = append(counts, fmt.Sprintf("%s=%d", tc.table, n))
	}
	return strings.Join(counts, " ") + fmt.Sprintf(" sha256=%x", h.Sum(nil))
}

func vectorPrivateKey(tb testing.TB, name string) *rsa.PrivateKey {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("..", "antom", "testdata", "vectors", "keys", name))
	fatal(tb, err)
	k, err := antom.ParsePrivateKey(string(b))
	fatal(tb, err)
	return k
}

func vectorPublicKey(tb testing.TB, name string) *rsa.PublicKey {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("..", "antom", "testdata", "vectors", "keys", name))
	fatal(tb, err)
	k, err := antom.ParsePublicKey(string(b))
	fatal(tb, err)
	return k
}

func fatal(tb testing.TB, err error) {
	tb.Helper()
	if err != nil {
		tb.Fatal(err)
	}
}

// The fuzz seeds are genuine for the fixture: each kind applies (so the
// fuzzer starts from notifications that change state, not only from
// refusals), and the last two are kept unhandled without changing
// anything: a kind this version does not apply, and one naming no kind.
func TestNotifyFuzzSeedsApplyToTheFixture(t *testing.T) {
	fx := newNotifyFixture(t)
	seeds := fx.seeds(t)
	want := []string{VerdictApplied, VerdictApplied, VerdictApplied, VerdictApplied, VerdictApplied, VerdictApplied,
		VerdictApplied, VerdictApplied, VerdictUnhandled, VerdictUnhandled}
	for i, body := range seeds {
		svc, d := fx.fresh(t)
		before := domainState(t, d)
		v, err := svc.ReceiveNotification(context.Background(), Inbound{RequestTime: "t", Body: body})
		svc.Wait()
		if v != want[i] {
			t.Errorf("seed %d: verdict %q (err %v), want %q", i, v, err, want[i])
		}
		if changed := domainState(t, d) != before; changed != (want[i] == VerdictApplied && i != 7) {
			t.Errorf("seed %d (%s): state changed = %v", i, v, changed)
		}
	}
}
