package db

import (
	"context"
	"fmt"
	"time"
)

// ShopSetting is one of the settings every instance must share, as the
// latest start stored it: its value, and when a start set that value
// (a later start with the same value leaves SetAt as it was).
type ShopSetting struct {
	Name  string
	Value string
	SetAt time.Time
}

// ShopSettings reads the stored shop settings, by name.
func (q *Queries) ShopSettings(ctx context.Context) ([]ShopSetting, error) {
	return queryAll(ctx, q.q, "shop settings", func(row scanner) (ShopSetting, error) {
		var s ShopSetting
		var at string
		err := row.Scan(&s.Name, &s.Value, &at)
		s.SetAt = parseTime(at)
		return s, err
	}, `SELECT name, value, set_at FROM shop_settings ORDER BY name`)
}

// SetShopSettings makes settings (their Name and Value) the shop's, as
// of now: a setting whose stored value differs, or none is stored, takes
// the new value and now; one stored with the same value keeps when it
// was set.
func (q *Queries) SetShopSettings(ctx context.Context, settings []ShopSetting, now time.Time) error {
	for _, s := range settings {
		if _, err := q.q.ExecContext(ctx, `INSERT INTO shop_settings (name, value, set_at) VALUES (?, ?, ?)
			ON CONFLICT (name) DO UPDATE SET value = excluded.value, set_at = excluded.set_at
			WHERE shop_settings.value <> excluded.value`, s.Name, s.Value, formatTime(now)); err != nil {
			return fmt.Errorf("db: set shop setting %s: %w", s.Name, err)
		}
	}
	return nil
}
