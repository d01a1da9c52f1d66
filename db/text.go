package db

import (
	"strings"
	"unicode/utf8"
)

// IsText reports whether s can be a value of a text column on both
// backends: valid UTF-8 without NUL, which PostgreSQL refuses (an error,
// not a row not found). A key read from a URL that is not (an order ref
// "%00" or "%ff") names no row: readers answer ErrNotFound without asking.
func IsText(s string) bool {
	return utf8.ValidString(s) && !strings.ContainsRune(s, 0)
}
