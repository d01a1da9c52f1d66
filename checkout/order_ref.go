package checkout

// maxRefLen bounds what may be an order's ref: ours are 23 characters
// ("ORD-20261122-" and 10, newOrderRef).
const maxRefLen = 64

// PossibleRef reports whether ref could be an order's ref: 1 to
// maxRefLen ASCII letters, digits, '-' or '_'. It says nothing of
// whether such an order exists (nothing is read): an address whose ref
// is not possible (a NUL, bytes that are not UTF-8, thousands of
// characters) names no order, whoever asks, and answering it so tells
// nobody which refs exist; a possible one may be any visitor's, and is
// looked up. Every page of an order's address (the path of
// "/orders/<ref>…", "/checkout/<ref>…") that holds a possible ref can be
// kept as a return address (IsLocalPath).
func PossibleRef(ref string) bool {
	if len(ref) == 0 || len(ref) > maxRefLen {
		return false
	}
	for i := 0; i < len(ref); i++ {
		switch c := ref[i]; {
		case 'A' <= c && c <= 'Z', 'a' <= c && c <= 'z', '0' <= c && c <= '9', c == '-', c == '_':
		default:
			return false
		}
	}
	return true
}
