package sandbox

import (
	"context"
	"fmt"

	"antom-checkout/antom"
)

// saveMerchant upserts a merchant row.
func (s *Sandbox) saveMerchant(ctx context.Context, m Merchant) error {
	pub, err := antom.EncodePublicKey(m.PublicKey)
	if err != nil {
		return fmt.Errorf("sandbox: save merchant: %w", err)
	}
	_, err = s.writer.ExecContext(ctx, `
		INSERT INTO merchants (client_id, public_key, notify_url, name, updated_at)
		VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (client_id) DO UPDATE SET
			public_key = excluded.public_key,
			notify_url = excluded.notify_url,
			name = excluded.name,
			updated_at = excluded.updated_at`,
		m.ClientID, pub, m.NotifyURL, m.Name, s.now().UnixMilli())
	if err != nil {
		return fmt.Errorf("sandbox: save merchant: %w", err)
	}
	return nil
}

// allMerchants reads every merchant row.
func (s *Sandbox) allMerchants(ctx context.Context) ([]Merchant, error) {
	rows, err := s.db.QueryContext(ctx,
		`SELECT client_id, public_key, notify_url, name FROM merchants ORDER BY client_id`)
	if err != nil {
		return nil, fmt.Errorf("sandbox: load merchants: %w", err)
	}
	defer rows.Close()
	var out []Merchant
	for rows.Next() {
		var m Merchant
		var pub string
		if err := rows.Scan(&m.ClientID, &pub, &m.NotifyURL, &m.Name); err != nil {
			return nil, fmt.Errorf("sandbox: load merchants: %w", err)
		}
		if m.PublicKey, err = antom.ParsePublicKey(pub); err != nil {
			return nil, fmt.Errorf("sandbox: load merchant %s: %w", m.ClientID, err)
		}
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sandbox: load merchants: %w", err)
	}
	return out, nil
}
