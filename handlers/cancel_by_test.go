package handlers

import (
	"testing"

	"antom-checkout/checkout"
	"antom-checkout/views"
)

// Every answer of checkout.CancelAskedBy has the same value in views,
// and words there: the order page never shows a cancel without whose it
// is.
func TestCancelByValuesAgree(t *testing.T) {
	for _, p := range [][2]string{
		{checkout.CancelByBuyer, views.CancelByBuyer}, {checkout.CancelByStaff, views.CancelByStaff},
		{checkout.CancelBySurplus, views.CancelBySurplus}, {checkout.CancelByOtherPaid, views.CancelByOtherPaid},
		{checkout.CancelByClosed, views.CancelByClosed}, {checkout.CancelByNoPage, views.CancelByNoPage},
		{checkout.CancelByExpiry, views.CancelByExpiry},
	} {
		if p[0] != p[1] || views.CancelAskedWords(p[1]) == "" {
			t.Errorf("checkout %q, views %q (words %q)", p[0], p[1], views.CancelAskedWords(p[1]))
		}
	}
}
