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
