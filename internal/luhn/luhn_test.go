package luhn

import "testing"

// Test card numbers pass; one digit changed, or two swapped, fails.
func TestValid(t *testing.T) {
	for digits, want := range map[string]bool{
		"4111111111111111": true, "4242424242424242": true, "5555555555554444": true, "378282246310005": true,
		"4111111111111112": false, "4242424242424224": false, "378282246310006": false,
	} {
		if got := Valid(digits); got != want {
			t.Errorf("Valid(%s) = %v, want %v", digits, got, want)
		}
	}
}
