package antom

import "testing"

// BenchmarkRedact masks a payment notification's body (every inbox row
// is redacted once, when stored).
func BenchmarkRedact(b *testing.B) {
	body := []byte(loadVector(b, "notifyPayment_card").Body)
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		Redact(body)
	}
}
