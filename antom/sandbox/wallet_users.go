package sandbox

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"fmt"
	"maps"
	"slices"
)

// testPassword is every seeded test user's password.
const testPassword = "sandbox"

// TestUser is a seeded test wallet user: what to type in the wallet app's
// sign-in form, the masked userLoginId Antom reports for them, and the
// balances they start with, in minor units by currency.
type TestUser struct {
	Login       string
	Password    string
	Wallet      string // customerBelongsTo, e.g. "GCASH"
	UserLoginID string // masked, e.g. "0917****123"
	Balances    map[string]int64
}

// TestUsers lists the seeded test wallet users, three per Scan to Link
// wallet. The first two of each wallet hold USD 1,000.00, JPY 100,000 and
// the wallet's local currency; the third holds only USD 5.00 and JPY 500,
// for insufficient-balance tests.
func TestUsers() []TestUser {
	var out []TestUser
	for _, b := range walletBrands() {
		for i, id := range testLogins(b.Code) {
			u := TestUser{Login: id[0], Password: testPassword, Wallet: b.Code, UserLoginID: id[1]}
			if i < 2 {
				u.Balances = map[string]int64{"USD": 100_000, "JPY": 100_000, b.Currency: b.Local}
			} else {
				u.Balances = map[string]int64{"USD": 500, "JPY": 500}
			}
			out = append(out, u)
		}
	}
	return out
}

// testLogins returns a wallet's test users as {login, masked userLoginId};
// the last one is the low-balance user.
func testLogins(wallet string) [][2]string {
	switch wallet {
	case "ALIPAY_CN":
		return [][2]string{{"13800138001", "138****8001"}, {"13900139002", "139****9002"}, {"13700137009", "137****7009"}}
	case "ALIPAY_HK":
		return [][2]string{{"852-97123410", "852-97****10"}, {"852-61234567", "852-61****67"}, {"852-55501239", "852-55****39"}}
	case "GCASH":
		return [][2]string{{"09171234123", "0917****123"}, {"09981234567", "0998****567"}, {"09051234009", "0905****009"}}
	case "DANA":
		return [][2]string{{"081234567890", "0812****7890"}, {"085712345678", "0857****5678"}, {"081100000009", "0811****0009"}}
	case "KAKAOPAY":
		return [][2]string{{"010-1234-5678", "010-****-5678"}, {"010-9876-5432", "010-****-5432"}, {"010-5555-0009", "010-****-0009"}}
	case "TNG":
		return [][2]string{{"+60123456789", "+60*****6789"}, {"+60198765432", "+60*****5432"}, {"+60111000009", "+60*****0009"}}
	case "TRUEMONEY":
		return [][2]string{{"+66812344902", "+66*****4902"}, {"+66898765432", "+66*****5432"}, {"+66800000009", "+66*****0009"}}
	}
	return nil
}

// sortedCurrencies returns a balance map's currencies in order.
func sortedCurrencies(m map[string]int64) []string {
	return slices.Sorted(maps.Keys(m))
}

// passwordHash is how a user's password is stored.
func passwordHash(login, password string) string {
	sum := sha256.Sum256([]byte(login + "\x00" + password))
	return hex.EncodeToString(sum[:])
}

// passwordMatches compares in constant time.
func passwordMatches(login, password, stored string) bool {
	return subtle.ConstantTimeCompare([]byte(passwordHash(login, password)), []byte(stored)) == 1
}

// Balance returns a test user's balance in currency, in minor units; a
// currency the user holds none of is 0.
func (s *Sandbox) Balance(ctx context.Context, login, currency string) (int64, error) {
	minor, found, err := s.balance(ctx, login, currency)
	if err != nil {
		return 0, err
	}
	if !found {
		return 0, fmt.Errorf("sandbox: balance: %q: %w", login, ErrUnknownUser)
	}
	return minor, nil
}
