package checkout

import (
	"context"
	"fmt"
	"time"

	"antom-checkout/db"
)

// endLaterLinks ends, in q's transaction, the buyer's attempts for l's
// wallet made after l and still PENDING, once l has linked wallet wid:
// the attempt that replaced l (RenewLink: "show a QR code for another
// phone", a new code) or another press of Link since. The buyer agreed
// to l's code, so theirs stop showing a code to scan and read as linked
// to wid (db.SupersedeByLink). Should the buyer have agreed to one of
// them as well, its code still links (awaitsAgreement), as two
// agreements for one wallet do. It returns the ids it ended, for their
// pages to be told after the commit.
func (s *Service) endLaterLinks(ctx context.Context, q *db.Queries, l db.LinkAttempt, wid int64, now time.Time) ([]int64, error) {
	later, err := q.LaterPendingLinks(ctx, l.BuyerID, l.Wallet, l.ID, now)
	if err != nil {
		return nil, err
	}
	var ended []int64
	for _, o := range later {
		ok, err := q.SupersedeByLink(ctx, o.ID, wid, now)
		if err != nil {
			return nil, err
		}
		if !ok {
			continue // agreed to, expired or ended meanwhile: left as it is
		}
		ended = append(ended, o.ID)
		s.record(ctx, q, LinkSubject(o.ID), EventState, fmt.Sprintf("ended: attempt %d, made before this one, linked %s (the buyer agreed to its code); this page says linked", l.ID, BrandName(l.Wallet)))
	}
	return ended, nil
}
