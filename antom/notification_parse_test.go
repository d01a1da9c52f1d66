package antom

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// notificationKinds are the four bodies a Notification is read as.
var notificationKinds = []any{NotifyAuthorization{}, NotifyPayment{}, NotifyCapture{}, NotifyRefund{}}

// jsonName is a struct field's JSON member name.
func jsonName(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
	return name
}

// TestNotificationFieldsCoverEveryKind: every member of every kind has a
// field of the same name and type in notificationFields (else decoding
// once would lose it), and no two of its names differ only in case
// (json matches names in any case: one would take the other's member).
func TestNotificationFieldsCoverEveryKind(t *testing.T) {
	all := reflect.TypeFor[notificationFields]()
	byName := map[string]reflect.StructField{}
	folded := map[string]string{}
	for i := range all.NumField() {
		f := all.Field(i)
		name := jsonName(f)
		byName[name] = f
		if other, ok := folded[strings.ToLower(name)]; ok {
			t.Errorf("members %q and %q differ only in case", other, name)
		}
		folded[strings.ToLower(name)] = name
	}
	for _, kind := range notificationKinds {
		k := reflect.TypeOf(kind)
		for i := range k.NumField() {
			f := k.Field(i)
			got, ok := byName[jsonName(f)]
			if !ok {
				t.Errorf("%s.%s (%q) has no field in notificationFields", k.Name(), f.Name, jsonName(f))
				continue
			}
			if got.Type != f.Type {
				t.Errorf("%s.%s is %s, notificationFields has %s", k.Name(), f.Name, f.Type, got.Type)
			}
		}
	}
}

// filled returns a T with every string set to a value of its own (from
// *n), every Bool true: a body in which every member is there.
func filled[T any](n *int) T {
	var v T
	fill(reflect.ValueOf(&v).Elem(), n)
	return v
}

func fill(v reflect.Value, n *int) {
	switch v.Kind() {
	case reflect.String:
		*n++
		v.SetString(fmt.Sprintf("v%d", *n))
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Struct:
		for i := range v.NumField() {
			fill(v.Field(i), n)
		}
	}
}

func marshalled(t testing.TB, v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// assertReadsAsBefore checks that ParseNotification and each kind read
// from it give what decoding body on its own gives: PeekKind's outcome,
// and each kind's value, or an error where its own decoding has one.
func assertReadsAsBefore(t *testing.T, body []byte) {
	t.Helper()
	n, err := ParseNotification(body)
	wantKind, wantErr := PeekKind(body)
	if (err == nil) != (wantErr == nil) {
		t.Fatalf("%s: ParseNotification error %v, PeekKind's %v", body, err, wantErr)
	}
	if err != nil {
		return
	}
	if n.Kind() != wantKind {
		t.Errorf("%s: kind %+v, want %+v", body, n.Kind(), wantKind)
	}
	check := func(got any, gotErr error, want any) {
		t.Helper()
		wantErr := json.Unmarshal(body, want)
		want = reflect.ValueOf(want).Elem().Interface()
		if (gotErr == nil) != (wantErr == nil) {
			t.Errorf("%s: as %T: error %v, want %v", body, want, gotErr, wantErr)
		} else if gotErr == nil && !reflect.DeepEqual(got, want) {
			t.Errorf("%s: as %T:\n got %+v\nwant %+v", body, want, got, want)
		}
	}
	a, aErr := n.Authorization()
	check(a, aErr, &NotifyAuthorization{})
	p, pErr := n.Payment()
	check(p, pErr, &NotifyPayment{})
	c, cErr := n.Capture()
	check(c, cErr, &NotifyCapture{})
	r, rErr := n.Refund()
	check(r, rErr, &NotifyRefund{})
}

// notificationBodies are bodies of every kind with every member, and
// ones that are wrong in the ways a sender can get them wrong.
func notificationBodies(t testing.TB) []string {
	var n int
	auth := filled[NotifyAuthorization](&n)
	auth.AuthorizationNotifyType = NotifyAuthCodeCreated
	pay := filled[NotifyPayment](&n)
	pay.NotifyType = NotifyPaymentResult
	capture := filled[NotifyCapture](&n)
	capture.NotifyType = NotifyCaptureResult
	refund := filled[NotifyRefund](&n)
	refund.NotifyType = NotifyRefundResult
	bodies := []string{
		marshalled(t, auth), marshalled(t, pay), marshalled(t, capture), marshalled(t, refund),
		loadVector(t, "notifyPayment").Body,
		// a wrong type in a member of another kind: ignored by this one
		`{"notifyType":"PAYMENT_RESULT","paymentRequestId":"R1","refundAmount":5,"result":{"resultStatus":"S"}}`,
		`{"notifyType":"REFUND_RESULT","refundRequestId":"F1","cardInfo":{"threeDSResult":{"challenged":"maybe"}}}`,
		`{"authorizationNotifyType":"TOKEN_CANCELED","accessToken":"T","paymentAmount":[]}`,
		// a wrong type in one of its own
		`{"notifyType":"PAYMENT_RESULT","paymentRequestId":"R1","paymentAmount":{"currency":"USD","value":725}}`,
		`{"notifyType":"PAYMENT_RESULT","paymentRequestId":7}`,
		`{"notifyType":"CAPTURE_RESULT","result":"S"}`,
		// members in another case, twice, and both types named
		`{"NOTIFYTYPE":"PAYMENT_RESULT","PaymentRequestID":"R2","paymentRequestId":"R3","ARN":"a"}`,
		`{"notifyType":"PAYMENT_RESULT","authorizationNotifyType":"TOKEN_CANCELED","accessToken":"T"}`,
		// not a notification
		``, `[]`, `null`, `{"result":{}}`, `not json`, `{"notifyType":5}`, `{"notifyType":"PAYMENT_RESULT"`,
	}
	return bodies
}

// TestParseNotificationReadsAsBefore: decoding once reads every body as
// decoding it for each kind did.
func TestParseNotificationReadsAsBefore(t *testing.T) {
	for _, body := range notificationBodies(t) {
		assertReadsAsBefore(t, []byte(body))
	}
}

// FuzzParseNotification: the same, for any body.
func FuzzParseNotification(f *testing.F) {
	for _, body := range notificationBodies(f) {
		f.Add([]byte(body))
	}
	f.Fuzz(func(t *testing.T, body []byte) { assertReadsAsBefore(t, body) })
}

// TestParseNotificationDecodesOnce: a notification whose members all
// have their types is decoded once, not again for its kind.
func TestParseNotificationDecodesOnce(t *testing.T) {
	body := []byte(loadVector(t, "notifyPayment").Body)
	n, err := ParseNotification(body)
	assertTrue(t, err == nil, "parses")
	allocs := testing.AllocsPerRun(100, func() { n.Payment() })
	assertEqual(t, allocs, 0, "allocations reading it as notifyPayment")
}
