package checkout

import (
	"encoding/json"
	"errors"
	"os"
	"regexp"
	"strings"
	"testing"

	"antom-checkout/antom/sandbox"
	"antom-checkout/db"
)

// readmeRecipe returns the fault body of the README's "Making staff
// actions fail" row for action, as the sandbox's switchboard.
func readmeRecipe(t *testing.T, action string) map[string]sandbox.APIFault {
	t.Helper()
	raw, err := os.ReadFile("../README.md")
	check(t, err)
	for _, line := range strings.Split(string(raw), "\n") {
		if !strings.HasPrefix(line, "| "+action+" |") {
			continue
		}
		body := regexp.MustCompile("`(\\{\"API\".*?\\})`").FindStringSubmatch(line)
		if body == nil {
			t.Fatalf("README row %q has no fault body", action)
		}
		var doc struct{ API map[string]map[string]int }
		check(t, json.Unmarshal([]byte(body[1]), &doc))
		out := map[string]sandbox.APIFault{}
		for api, f := range doc.API {
			out[api] = sandbox.APIFault{UnknownNext: f["UnknownNext"], DropNext: f["DropNext"],
				ServerErrorNext: f["ServerErrorNext"], NotFoundNext: f["NotFoundNext"]}
		}
		return out
	}
	t.Fatalf("README has no row %q", action)
	return nil
}

// arm sets recipe's faults; spent then says whether every armed call
// fired (none left over to hit a later call, as staff would find it).
func (e *env) arm(recipe map[string]sandbox.APIFault) (spent func() bool) {
	e.sb.Faults().Replace(recipe, sandbox.NotifyFault{})
	return func() bool {
		left, _ := e.sb.Faults().Snapshot()
		return len(left) == 0
	}
}

// The README's fault recipes give the screens it describes, with the
// fewest faults that do (the app resends a call whose outcome is
// unknown: refundTries, cancelTries), so none is left armed.
func TestReadmeFaultRecipes(t *testing.T) {
	t.Run("refund refused", func(t *testing.T) {
		e := newEnv(t, Options{})
		o, _ := paidOrder(t, e, "recipe-refused@example.com")
		spent := e.arm(readmeRecipe(t, "Refund, refused"))
		r, err := e.refund(o.Ref, "1")
		check(t, err)
		assertEqual(t, r.Status, RefundFail, "refund")
		assertEqual(t, spent(), true, "every armed fault fired")
	})
	t.Run("refund no answer", func(t *testing.T) {
		e := newEnv(t, Options{})
		o, _ := paidOrder(t, e, "recipe-unknown@example.com")
		spent := e.arm(readmeRecipe(t, "Refund, no answer"))
		r, err := e.refund(o.Ref, "1")
		check(t, err)
		e.svc.Wait()
		assertEqual(t, r.Status, RefundProcessing, "refund right after")
		assertEqual(t, e.adminOrder(o.Ref).Refunds[0].Status, RefundProcessing, "refund on the order page")
		assertEqual(t, spent(), true, "every armed fault fired")
		assertEqual(t, e.sb.Calls("payments/refund"), refundTries, "refund calls")
	})
	t.Run("refund answer dropped", func(t *testing.T) {
		// The row's variant: the refund done, its answers and its first
		// notification lost — as the README gives it. The sandbox's own
		// clock (scale 1): its resend of the lost notification is 2
		// minutes away, as with Antom, so the order page is read before
		// it, however slow the machine (at newEnv's 1/1000 it came
		// after 120 ms, and under load sometimes before the read).
		e := newEnvScaled(t, Options{}, 1)
		o, _ := paidOrder(t, e, "recipe-drop@example.com")
		e.sb.Faults().Replace(map[string]sandbox.APIFault{"payments/refund": {DropNext: refundTries}}, sandbox.NotifyFault{DropNext: 1})
		r, err := e.refund(o.Ref, "1")
		check(t, err)
		e.svc.Wait()
		assertEqual(t, r.Status, RefundProcessing, "refund right after")
		// The lost notification is sent (and dropped) by the sandbox's
		// dispatcher, on its own goroutine.
		e.waitFor(func() (string, Order) {
			if api, n := e.sb.Faults().Snapshot(); len(api) == 0 && n == (sandbox.NotifyFault{}) {
				return "spent", Order{}
			}
			return "armed", Order{}
		}, "spent")
		assertEqual(t, e.adminOrder(o.Ref).Refunds[0].Status, RefundProcessing, "refund on the order page")
	})
	t.Run("capture refused", func(t *testing.T) {
		e := newEnv(t, Options{CaptureMode: "MANUAL"})
		o := e.authorized("recipe-capture@example.com")
		spent := e.arm(readmeRecipe(t, "Capture, refused"))
		var refused *CaptureError
		if err := e.svc.Capture(e.ctx, "staff", o.Ref, 100); !errors.As(err, &refused) || refused.Code != "AUTH_NOT_FOUND" {
			t.Fatalf("capture: %v", err)
		}
		assertEqual(t, spent(), true, "every armed fault fired")
	})
	t.Run("void not confirmed", func(t *testing.T) {
		e := newEnv(t, Options{CaptureMode: "MANUAL"})
		o := e.authorized("recipe-void@example.com")
		spent := e.arm(readmeRecipe(t, "Void, not confirmed"))
		if err := e.svc.Void(e.ctx, "staff", o.Ref); !errors.Is(err, ErrVoidNotConfirmed) {
			t.Fatalf("void: %v", err)
		}
		assertEqual(t, e.attempt(o.Ref).CancelStatus, db.CancelProcessing, "the void is waiting for Antom")
		assertEqual(t, spent(), true, "every armed fault fired")
	})
}
