package antom

import (
	"net/http"
	"time"
)

// isoOffset is ISO-8601 with a numeric offset, as Antom writes times.
const isoOffset = "2006-01-02T15:04:05-07:00"

// WriteAck acknowledges a notification (API.md §6.1): 200, the fixed body
// AckBody, and lower-case response-time and client-id headers, written into
// the header map directly so Go does not canonicalise them. The ack is not
// signed. Call it only after verifying and durably storing the
// notification.
func WriteAck(w http.ResponseWriter, clientID string, now time.Time) {
	h := w.Header()
	h["Content-Type"] = []string{"application/json"}
	h["response-time"] = []string{now.Format(isoOffset)}
	h["client-id"] = []string{clientID}
	w.WriteHeader(http.StatusOK)
	// A failed write means Antom has gone; it will send again.
	w.Write([]byte(AckBody))
}
