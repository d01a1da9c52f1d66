package checkout

// Observer is told about outcomes worth counting (the app's metrics). Its
// methods must be quick and must not block: they run on request paths.
type Observer interface {
	// Notification: one notification Antom sent us, by kind
	// (PAYMENT_RESULT, …) and verdict (Verdict*, or "error" when it could
	// not be stored and was not acknowledged).
	Notification(kind, verdict string)
	// PaymentSettled: a payment attempt reached its final status
	// (db.AttemptSuccess, AttemptFail, AttemptCancelled) by method
	// (db.MethodWallet, MethodCard), told after commit. Once per attempt,
	// but for Antom's late word overturning a final status we decided
	// ourselves (e.g. SUCCESS after our FAIL on ORDER_NOT_EXIST): that is
	// told too.
	PaymentSettled(method, status string)
}

// VerdictError labels a notification that could not be stored (it was
// answered 5xx, so Antom sends it again). It is never stored as a verdict.
const VerdictError = "error"

type noObserver struct{}

func (noObserver) Notification(string, string)   {}
func (noObserver) PaymentSettled(string, string) {}
