package antom

import "testing"

// InProcess tells a request Antom has and is working on from a U whose
// outcome is unknown.
func TestInProcess(t *testing.T) {
	for code, want := range map[string]bool{
		CodePaymentInProcess: true, CodeAuthInProcess: true, CodeCaptureInProcess: true, CodeRefundInProcess: true,
		CodeUnknownException: false, CodeRequestTrafficExceedLimit: false, CodeSuccess: false, "": false,
		"SOMETHING_IN_PROCESS": false,
	} {
		if got := InProcess(code); got != want {
			t.Errorf("InProcess(%q) = %v, want %v", code, got, want)
		}
	}
}
