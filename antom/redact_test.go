package antom

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

func TestRedact(t *testing.T) {
	secrets := []string{vecAccessToken, vecRefreshToken, "281001139639787089651362", "CARDTOK"}
	for _, name := range []string{"pay_agreement", "applyToken", "applyToken_refresh", "notifyAuthorization", "notifyAuthorization_tokenCanceled"} {
		v := loadVector(t, name)
		for _, body := range []string{v.Body, bodyOr(v.Response)} {
			out := Redact([]byte(body))
			for _, s := range secrets {
				assertTrue(t, !strings.Contains(string(out), s), name+": leaked "+s)
			}
			assertTrue(t, json.Valid(out), name+": still JSON")
		}
	}
	in := `{ "paymentMethod" : { "paymentMethodType":"CARD", "paymentMethodId" : "CARDTOK" },` +
		`"cardInfo":{"cardToken":"CARDTOK","cardNo":"****1111"},"extendInfo":"{\"accessToken\":\"CARDTOK\",\"userId\":\"u1\"}",` +
		`"list":[{"authCode":"CARDTOK"}],"note":"accessToken","acc\u0065ssToken":"CARDTOK","refreshToken":null}`
	out := string(Redact([]byte(in)))
	assertTrue(t, !strings.Contains(out, "CARDTOK"), "leaked: "+out)
	assertTrue(t, strings.Contains(out, `"paymentMethodId" : "[redacted]"`), "spacing kept: "+out)
	assertTrue(t, strings.Contains(out, `"cardNo":"****1111"`) && strings.Contains(out, `"note":"accessToken"`), "other values kept: "+out)
	assertTrue(t, strings.Contains(out, `\"userId\":\"u1\"`), "nested JSON kept: "+out)
	assertTrue(t, json.Valid([]byte(out)), "valid: "+out)
	assertEqual(t, string(Redact([]byte(`{"accessToken":"abc`))), `[not JSON: 19 bytes]`, "unterminated")
	assertEqual(t, string(redactJSON([]byte(`{"accessToken":"abc`))), `{"accessToken":"[redacted]"`, "unterminated, masked where found")
	for _, body := range []string{"accessToken=AT_LEAK_FOUR&authCode=AC_LEAK_FIVE", "token AT_LEAK_FOUR", "", "accessToken: AT_LEAK_FOUR\n"} {
		out := string(Redact([]byte(body)))
		assertTrue(t, !strings.Contains(out, "AT_LEAK") && !strings.Contains(out, "AC_LEAK"), "non-JSON leaked: "+out)
		assertEqual(t, out, fmt.Sprintf("[not JSON: %d bytes]", len(body)), "non-JSON placeholder")
	}
	// Form-encoded (or query, or "name: value") text carried in a string
	// value: the value after each credential's name is masked, the rest
	// kept; "&" stays as it is, and masking again changes nothing.
	for _, c := range []struct{ in, want string }{
		{`{"x":"accessToken=AT_LEAK_1&authCode=AC_LEAK_2&userId=u1"}`, `{"x":"accessToken=[redacted]&authCode=[redacted]&userId=u1"}`},
		{`{"u":"https://shop.example/back?refresh_token=RT_LEAK_3#top"}`, `{"u":"https://shop.example/back?refresh_token=[redacted]#top"}`},
		{`{"log":["cardToken: 'CT_LEAK_4', PaymentMethodId = PM_LEAK_5;"]}`, `{"log":["cardToken: '[redacted]', PaymentMethodId = [redacted];"]}`},
		{`{"q":"AUTH_CODE%3DAC_LEAK_6"}`, `{"q":"AUTH_CODE%3D[redacted]"}`},
		{`{"authState":"AS_LEAK_9","u":"https://shop.example/back?authState=AS_LEAK_10&x=1"}`, `{"authState":"[redacted]","u":"https://shop.example/back?authState=[redacted]&x=1"}`},
		{`{"e":"acc\u0065ssToken=AT_LEAK_7"}`, `{"e":"accessToken=[redacted]"}`},
		{`{"extendInfo":"{\"note\":\"authCode=AC_LEAK_8\"}"}`, `{"extendInfo":"{\"note\":\"authCode=[redacted]\"}"}`},
		{`{"note":"accessToken","code":"tokens: 3","t":"token=not a credential's name"}`, `{"note":"accessToken","code":"tokens: 3","t":"token=not a credential's name"}`},
	} {
		out := string(Redact([]byte(c.in)))
		assertEqual(t, out, c.want, "text in a string value")
		assertTrue(t, !strings.Contains(out, "LEAK"), "leaked: "+out)
		assertTrue(t, json.Valid([]byte(out)), "valid: "+out)
		assertEqual(t, RedactStored(out), out, "masked again")
		assertEqual(t, RedactStored(c.in), c.want, "a body stored by an older Redact, shown again")
	}
	assertEqual(t, RedactStored("[not JSON: 19 bytes]"), "[not JSON: 19 bytes]", "placeholder kept")
	plain := `{"result":{"resultCode":"SUCCESS"},"paymentId":"P1"}`
	assertEqual(t, string(Redact([]byte(plain))), plain, "nothing to mask")
}

// bodyOr returns the response body of r, or "{}".
func bodyOr(r *vectorResponse) string {
	if r == nil {
		return "{}"
	}
	return r.Body
}

// TestRedactValidIsRedactOfJSON: on valid JSON, RedactValid masks as
// Redact does (it only skips the check).
func TestRedactValidIsRedactOfJSON(t *testing.T) {
	for _, name := range vectorNames() {
		body := []byte(loadVector(t, name).Body)
		if len(body) == 0 {
			continue
		}
		assertEqual(t, string(RedactValid(body)), string(Redact(body)), name)
	}
}
