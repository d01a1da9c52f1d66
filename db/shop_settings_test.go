package db_test

import (
	"testing"
	"time"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// The shop settings a start stores are read back; a later start's value
// replaces one that differs, with its time, and leaves one that is the
// same with the time it was first set.
func TestShopSettings(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		got, err := d.ShopSettings(ctx)
		check(t, err)
		eq(t, len(got), 0, "settings of a new database")

		check(t, d.SetShopSettings(ctx, []db.ShopSetting{
			{Name: "CAPTURE_MODE", Value: "MANUAL"}, {Name: "MERCHANT_NAME", Value: "Teh & Kopi"},
		}, t0))
		t1 := t0.Add(time.Hour)
		check(t, d.SetShopSettings(ctx, []db.ShopSetting{
			{Name: "CAPTURE_MODE", Value: "AUTOMATIC"}, {Name: "MERCHANT_NAME", Value: "Teh & Kopi"},
		}, t1))
		got, err = d.ShopSettings(ctx)
		check(t, err)
		eq(t, len(got), 2, "settings stored")
		eq(t, got[0], db.ShopSetting{Name: "CAPTURE_MODE", Value: "AUTOMATIC", SetAt: t1}, "a changed value, set by the later start")
		eq(t, got[1], db.ShopSetting{Name: "MERCHANT_NAME", Value: "Teh & Kopi", SetAt: t0}, "the same value, set by the first start")
	})
}
