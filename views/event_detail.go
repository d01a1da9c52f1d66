package views

import "strings"

// detailPiece is a run of an order timeline entry's detail: Masked, a
// masked account or card ("010-****-5678", "••••4444") that reads whole.
type detailPiece struct {
	Text   string
	Masked bool
}

// detailPieces cuts a timeline entry's detail (stored words, as
// checkout wrote them) at its spaces, each word with the space after it,
// and marks the words holding a mask ('*' or '•'): a wallet's masked
// login ID breaks at its hyphens on a phone otherwise ("010-" on one
// line, "****-5678" on the next), where the attempts table and the
// wallets page keep it whole. Joined, the pieces are the detail.
func detailPieces(s string) []detailPiece {
	var out []detailPiece
	for _, w := range strings.SplitAfter(s, " ") {
		masked := strings.ContainsAny(w, "*•")
		if n := len(out); n > 0 && !masked && !out[n-1].Masked {
			out[n-1].Text += w
			continue
		}
		out = append(out, detailPiece{Text: w, Masked: masked})
	}
	return out
}
