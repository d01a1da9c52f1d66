package app

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync/atomic"
)

// TEST_CRASH_AT is a test-only setting that `make crash` uses to kill the
// app at exact points of a flow, which a kill from outside would only hit
// by luck. Its value is a point, optionally followed by #n:
//
//	after:<api>   an answer from Antom's <api> ("pay", "refund",
//	              "applyToken", "capture", …, as antom.Call names it) has
//	              arrived and nothing of it is stored yet
//	notify-tx     a notification has been applied inside its database
//	              transaction, which is not committed yet
//
// The n-th time (default 1) the app reaches the point it kills itself
// with SIGKILL, as `kill -9` would: no deferred function, no shutdown.
// Unset (the default) it does nothing. Never set it in production.
type crashPoint struct {
	point string
	n     int64
}

// parseCrashAt reads TEST_CRASH_AT; "" is no crash point.
func parseCrashAt(v string) (crashPoint, error) {
	if v == "" {
		return crashPoint{}, nil
	}
	point, count, hasCount := strings.Cut(v, "#")
	c := crashPoint{point: point, n: 1}
	if hasCount {
		n, err := strconv.ParseInt(count, 10, 64)
		if err != nil || n < 1 {
			return crashPoint{}, errors.New("the count after # must be a whole number ≥ 1")
		}
		c.n = n
	}
	api, isAfter := strings.CutPrefix(point, "after:")
	if point != "notify-tx" && (!isAfter || api == "") {
		return crashPoint{}, errors.New(`must be "after:<api>" or "notify-tx", optionally followed by #n (test only)`)
	}
	return c, nil
}

// crashHook returns the function the app calls at every named point, or
// nil when TEST_CRASH_AT is unset.
func crashHook(v string, warn func(msg string)) func(point string) {
	c, err := parseCrashAt(v)
	if err != nil || c.point == "" {
		return nil
	}
	var hits atomic.Int64
	return func(point string) {
		if point != c.point || hits.Add(1) != c.n {
			return
		}
		warn(fmt.Sprintf("TEST_CRASH_AT=%s: killing the process (SIGKILL)", v))
		self, err := os.FindProcess(os.Getpid())
		if err == nil {
			self.Kill() // SIGKILL on Unix
		}
		select {} // never go on past the point
	}
}
