package antom

import (
	"errors"
	"strconv"
)

// Amount is Antom's money: an ISO 4217 currency and a positive integer in
// minor units, as a string (USD 1.00 → "100", JPY 1 → "1"; API.md §2.3).
// Which currencies have which minor unit is the caller's business.
type Amount struct {
	Currency string `json:"currency"`
	Value    string `json:"value"`
}

// MinorAmount builds an Amount from minor units.
func MinorAmount(currency string, minor int64) Amount {
	return Amount{Currency: currency, Value: strconv.FormatInt(minor, 10)}
}

// Minor returns the value in minor units. Only plain non-negative digits
// are accepted.
func (a Amount) Minor() (int64, error) {
	if a.Value == "" || len(a.Value) > 18 {
		return 0, errors.New("antom: amount: value is not a count of minor units")
	}
	for _, r := range a.Value {
		if r < '0' || r > '9' {
			return 0, errors.New("antom: amount: value is not a count of minor units")
		}
	}
	return strconv.ParseInt(a.Value, 10, 64)
}
