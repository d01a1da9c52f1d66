package checkout

import (
	"context"
	"fmt"
	"time"

	"antom-checkout/db"
)

// endOtherLinks ends, in q's transaction, the buyer's other attempts for
// l's wallet still waiting for an agreement (db.OtherWaitingLinks), once
// l has linked wallet wid: the attempt that replaced l (RenewLink: "show
// a QR code for another phone", a new code), the one l replaced — whose
// page still says an agreement to its code links — or another press of
// Link since. The buyer agreed to l's code, so their pages stop showing
// a code to scan, or promising one, and read as linked to wid
// (db.SupersedeByLink). Should the buyer have agreed to one of them as
// well, its code still links, as two agreements for one wallet do. It
// returns the ids it ended, for their pages to be told after the commit.
func (s *Service) endOtherLinks(ctx context.Context, q *db.Queries, l db.LinkAttempt, wid int64, now time.Time) ([]int64, error) {
	others, err := q.OtherWaitingLinks(ctx, l.BuyerID, l.Wallet, l.ID, now)
	if err != nil {
		return nil, err
	}
	var ended []int64
	for _, o := range others {
		ok, err := q.SupersedeByLink(ctx, o.ID, wid, now)
		if err != nil {
			return nil, err
		}
		if !ok {
			continue // agreed to, expired or ended meanwhile: left as it is
		}
		ended = append(ended, o.ID)
		s.record(ctx, q, LinkSubject(o.ID), EventState, fmt.Sprintf("ended: attempt %d linked %s (the buyer agreed to its code); this page says linked", l.ID, BrandName(l.Wallet)))
	}
	return ended, nil
}
