package checkout

import passwordvalidator "github.com/wagslane/go-password-validator"

// minBuyerEntropy is the fewest bits a buyer's password's characters
// give (passwordvalidator.GetEntropy; minStaffEntropy says how it
// counts): a buyer's account pays in one click with the wallets it
// linked. It refuses what is tried first whatever its length — a run
// ("12345678" 6.6, "abcd1234" 20.7, "asdfghjk" 9.4), one character again
// ("00000000" 6.6), eight digits ("19870512", a birthday: 26.6) — and
// takes a word with digits ("mango123" 36.2) or a short phrase ("kopi
// susu" 44.6), which sign-in's throttle guards.
const minBuyerEntropy = 28

// buyerPasswordGuessable reports whether p, a new password of the buyer
// account email, is too easy to guess: under minBuyerEntropy, or made
// of common passwords, the email or one phrase again (guessablePassword:
// "password1", "Summer2026!", "ann@example.com1").
func buyerPasswordGuessable(p, email string) bool {
	return passwordvalidator.GetEntropy(p) < minBuyerEntropy || readingsEntropy(p) < minBuyerFoldedEntropy || guessablePassword(p, email)
}

// minBuyerFoldedEntropy is the fewest bits a buyer's password's readings
// give (readingsEntropy), as many as minBuyerEntropy: "ABCDEFGH",
// "QWERTYUI" and "Abcd1234!" are runs, "MANGO123" is "mango123".
const minBuyerFoldedEntropy = minBuyerEntropy
