package checkout

import (
	"bytes"
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"antom-checkout/antom"
	"antom-checkout/antom/sandbox"
	"antom-checkout/db"
)

// otherCaptured is a network between us and the sandbox that makes
// Antom's answers name another captured amount: a capture's
// captureAmount and inquiryPayment's CAPTURE transactionAmount become
// value (minor units, the same currency). It signs what it changed with
// key, the Antom key the client it serves trusts.
type otherCaptured struct {
	key      *rsa.PrivateKey
	clientID string
	value    int64
}

func (o *otherCaptured) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := http.DefaultTransport.RoundTrip(r)
	if err != nil {
		return resp, err
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	var m map[string]any
	if json.Unmarshal(body, &m) == nil {
		other := func(a any) {
			if amount, ok := a.(map[string]any); ok {
				amount["value"] = strconv.FormatInt(o.value, 10)
			}
		}
		switch {
		case strings.HasSuffix(r.URL.Path, "/payments/capture"):
			other(m["captureAmount"])
		case strings.HasSuffix(r.URL.Path, "/payments/inquiryPayment"):
			ts, _ := m["transactions"].([]any)
			for _, t := range ts {
				if t, ok := t.(map[string]any); ok && t["transactionType"] == "CAPTURE" {
					other(t["transactionAmount"])
				}
			}
		}
		if body, err = json.Marshal(m); err != nil {
			return nil, err
		}
	}
	sig, err := antom.Sign(o.key, antom.Message{Method: http.MethodPost, Path: r.URL.Path, ClientID: o.clientID,
		Time: resp.Header.Get("response-time"), Body: body})
	if err != nil {
		return nil, err
	}
	resp.Header.Set("Signature", sig)
	resp.Body, resp.ContentLength = io.NopCloser(bytes.NewReader(body)), int64(len(body))
	resp.Header.Del("Content-Length")
	return resp, nil
}

// answersCapturedOf makes e's service hear every capture answer and
// inquiryPayment name value as the captured amount; Antom's
// notifications are kept from it (dropped, to be sent again later).
func (e *env) answersCapturedOf(value int64) {
	e.t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	check(e.t, err)
	cfg := e.clientCfg
	cfg.AntomPublicKey = &key.PublicKey
	cfg.HTTPClient = &http.Client{Transport: &otherCaptured{key: key, clientID: cfg.ClientID, value: value}}
	client, err := antom.NewClient(cfg)
	check(e.t, err)
	e.svc.antom = client
	e.sb.Faults().SetNotify(sandbox.NotifyFault{DropNext: 1 << 20})
}

// A capture Antom answers S for another amount than we asked — to staff's
// call, to the reconciler's inquiryPayment, to the reconciler's resend —
// is not settled as if it matched: the capture stays PROCESSING, the
// order AUTHORIZED, and the order's timeline names both amounts. Antom
// took the money once.
func TestCaptureAnsweredWithAnotherAmountIsNotSettled(t *testing.T) {
	const says = "Antom names captureAmount 5800 JPY as captured, but we asked for ¥5,000: not applied"
	const listed = "Antom names transactionAmount 5800 JPY as captured, but we asked for ¥5,000: not applied"
	notSettled := func(t *testing.T, e *env, ref, line string) {
		t.Helper()
		assertEqual(t, e.lastCapture(ref).Status, db.CaptureProcessing, "the capture")
		o, err := e.db.OrderByRef(e.ctx, ref)
		check(t, err)
		assertEqual(t, o.Status, db.OrderAuthorized, "the order")
		if !e.timelineHas(ref, line) {
			t.Fatalf("the order's timeline does not say %q", line)
		}
		p, err := e.sb.Payment(e.ctx, e.attempt(ref).PaymentID)
		check(t, err)
		assertEqual(t, p.Captured, int64(5000), "captured at Antom")
	}
	t.Run("staff's capture, then the reconciler's inquiry", func(t *testing.T) {
		e := newEnv(t, Options{CaptureMode: antom.CaptureManual})
		o := e.authorized("captured-other@example.com")
		e.answersCapturedOf(5800)
		if err := e.svc.Capture(e.ctx, staffActor, o.Ref, 5000); !errors.Is(err, ErrCaptureNotConfirmed) {
			t.Fatalf("a capture answered S for another amount: %v, want ErrCaptureNotConfirmed", err)
		}
		notSettled(t, e, o.Ref, "answered S, but "+says)
		check(t, e.svc.Reconcile(e.ctx))
		notSettled(t, e, o.Ref, "not confirmed yet: "+listed)
		assertEqual(t, e.sb.Calls("payments/capture"), 1, "capture calls")
	})
	t.Run("the reconciler's resend", func(t *testing.T) {
		e := newEnv(t, Options{CaptureMode: antom.CaptureManual})
		o := e.authorized("captured-other-resend@example.com")
		c := e.unknownCapture(o.Ref, 5000) // not done at Antom
		e.answersCapturedOf(5800)
		check(t, e.svc.Reconcile(e.ctx))
		assertEqual(t, c.Status, db.CaptureProcessing, "the capture before")
		notSettled(t, e, o.Ref, "not confirmed yet: "+says)
		assertEqual(t, e.sb.Calls("payments/capture"), 2, "capture calls")
	})
}
