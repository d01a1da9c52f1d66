// Package luhn holds the Luhn check (ISO/IEC 7812-1, annex B) that every
// card number passes: the sandbox's card page checks a number typed with
// it, and checkout's staff text refuses one with it.
package luhn

// Valid reports whether digits, a string of ASCII digits only, pass the
// Luhn check. "" passes; callers check the length first.
func Valid(digits string) bool {
	sum, double := 0, false
	for i := len(digits) - 1; i >= 0; i-- {
		d := int(digits[i] - '0')
		if double {
			if d *= 2; d > 9 {
				d -= 9
			}
		}
		sum += d
		double = !double
	}
	return sum%10 == 0
}
