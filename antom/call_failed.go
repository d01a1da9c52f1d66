package antom

import (
	"context"
	"errors"
)

// Failed reports whether the call itself failed, as an outage shows: it
// was not sent, no answer came (a timeout, a reset), or the answer was an
// HTTP error or not signed by Antom. A signed answer is Antom's word
// whatever it says — F (a declined payment), U such as PAYMENT_IN_PROCESS
// — and a call its caller cancelled (a buyer gone, a shutdown) did not fail.
func (c Call) Failed() bool {
	switch {
	case c.Err == nil || errors.Is(c.Err, context.Canceled):
		return false
	case c.Kind == KindNotSent || c.Unverified || c.HTTPStatus == 0:
		return true
	}
	return c.HTTPStatus < 200 || c.HTTPStatus > 299
}
