package views

import (
	"context"
	"strings"
	"testing"
)

// An Antom result code on staff pages breaks only after its underscores:
// each is followed by a <wbr> (no space, no other break), and the words
// read back whole.
func TestCodeTextBreaksAfterUnderscores(t *testing.T) {
	for code, want := range map[string]string{
		"INVALID_ACCESS_TOKEN":             "INVALID_<wbr>ACCESS_<wbr>TOKEN",
		"USER_PAYMENT_VERIFICATION_FAILED": "USER_<wbr>PAYMENT_<wbr>VERIFICATION_<wbr>FAILED",
		"SUCCESS":                          "SUCCESS",
		"ODD_":                             "ODD_",
	} {
		var b strings.Builder
		if err := codeText(code).Render(context.Background(), &b); err != nil {
			t.Fatal(err)
		}
		if b.String() != want {
			t.Errorf("%s: %q, want %q", code, b.String(), want)
		}
	}
}

// The inbox shows a notification's body indented, a member a line, so
// that a narrow line breaks it at its spaces (a code whole on its own
// line); a body that is not JSON is shown as it is.
func TestIndentedBodyPutsEachMemberOnItsLine(t *testing.T) {
	got := indentedBody(`{"result":{"resultCode":"INVALID_ACCESS_TOKEN","resultStatus":"F"}}`)
	if !strings.Contains(got, "\n    \"resultCode\": \"INVALID_ACCESS_TOKEN\",\n") {
		t.Errorf("indented:\n%s", got)
	}
	if got := indentedBody("[not JSON: 46 bytes]"); got != "[not JSON: 46 bytes]" {
		t.Errorf("not JSON: %q", got)
	}
}
