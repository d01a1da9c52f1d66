package checkout

import (
	"time"

	"antom-checkout/db"
)

// LinkQuiet is a Link's Status when its QR code (or, on a phone, the way
// to open the wallet) has been shown for Options.LinkQuietAfter without
// news from the wallet. The attempt is still PENDING and its code still
// works if it was not used; but a buyer who did agree may wait for ever:
// Antom's AUTHCODE_CREATED may be lost, and it is sent again only 2
// minutes later (API.md §6.1), when the authCode it carries (alive "about
// 1 minute", §6.2, seeds 000/001) has expired. The page says so, without
// claiming that linking failed, and offers a new code.
const LinkQuiet = "QUIET"

// DefaultLinkQuietAfter is Options.LinkQuietAfter's default: an authCode
// lives about a minute, so a buyer who agreed as the code appeared and
// has had no news a minute later will not get any from this code.
const DefaultLinkQuietAfter = time.Minute

// linkQuiet reports whether attempt l, PENDING with a code shown, has
// been quiet for quietAfter at now. A PENDING attempt changes only when
// its code is stored (SetLinkCode, SetLinkOpenURL), so its UpdatedAt is
// when the code was shown.
func linkQuiet(l db.LinkAttempt, quietAfter time.Duration, now time.Time) bool {
	return l.Status == db.LinkPending && (l.CodeValue != "" || l.OpenURL != "") && !now.Before(l.UpdatedAt.Add(quietAfter))
}
