package checkout

import (
	"antom-checkout/antom"
	"antom-checkout/db"
)

// refusedExpired reports whether Antom refused a capture of attempt
// attemptID's authorization with AUTH_EXPIRED (among captures, the
// order's): the authorization expired, whatever authExpiryTime we hold,
// and nothing can capture or void it any more. settleCapture closes the
// order as EXPIRED then, else the reconciler does (db's refusedExpired).
func refusedExpired(captures []db.Capture, attemptID int64) bool {
	for _, c := range captures {
		if c.AttemptID == attemptID && c.Status == db.CaptureFail && c.ResultCode == antom.CodeAuthExpired {
			return true
		}
	}
	return false
}

// captureRefused is the *CaptureError of a capture of attempt a's
// authorization that Antom refused with code and message; AUTH_EXPIRED
// (the order is EXPIRED now: settleCapture) says so in Expired.
func (s *Service) captureRefused(a db.Attempt, code, message string) *CaptureError {
	e := &CaptureError{Code: code, Message: message}
	if code == antom.CodeAuthExpired {
		e.Expired = expiredWords(expiredAt(a, s.now()))
	}
	return e
}
