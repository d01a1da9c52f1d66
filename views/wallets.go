package views

import "time"

// WalletRow is one linked wallet on "My wallets".
type WalletRow struct {
	ID          int64
	Wallet      string // Antom's wallet code, for its badge
	Name        string // brand name
	UserLoginID string // masked by the wallet
	LinkedAt    time.Time
}

// CardRow is one kept card on "My wallets".
type CardRow struct {
	ID     int64
	Label  string // "Visa •••• 4242"
	Brand  string // "Visa", for its badge
	Expiry string
}

// Brand is a wallet that can be linked.
type Brand struct {
	Code, Name string
}

// WalletsPage lists a buyer's wallets and offers to link another.
type WalletsPage struct {
	Page
	Wallets []WalletRow
	// Told: wallets not linked again that the page tells by name (an
	// unlink under way, a link the wallet side cancelled or Antom no
	// longer accepts); it says what became of them.
	Told []ToldWallet
	// HadWallets: a wallet was linked before and is not any more: with
	// none linked, the page says "no wallet any more", never "yet".
	HadWallets bool
	Cards      []CardRow
	Brands     []Brand
	Error      string // why linking could not start
}

// ToldWallet is a wallet of the buyer's no longer offered at checkout,
// told by name (checkout.BuyerWalletsTold): the buyer may not know what
// became of it.
type ToldWallet struct {
	Wallet WalletNamed // "GCash", "0917****123"
	At     time.Time   // when it ended (zero while an unlink is under way)
	Words  string      // the message ID that tells it: wallets.unlinking, wallets.cancelled, wallets.invalid
}

// LinkPage is the Scan to Link page: QR code, countdown, then the result.
type LinkPage struct {
	Page
	ID          int64
	WalletName  string
	Status      string // PREPARING, PENDING, QUIET (pending, no news for a while), AUTHORIZED, LINKED, UNLINKED (linked, since unlinked), FAILED, EXPIRED, SUPERSEDED, DECLINED
	CodeValue   string
	ExpiresAt   time.Time
	UserLoginID string
	Headline    string    // plain words for the state
	Detail      LiveWords // its live sentence hidden once signed out
	ReturnTo    string
	Wallet      string // the wallet's code, for its badge
	// OpenURL opens the wallet on this phone (a WAP consult), while
	// pending.
	OpenURL string
	// OnPhone: the attempt opened the wallet on the buyer's phone (a WAP
	// consult; no QR code was shown), in any status: the button that
	// starts again says "Try linking again", not "Show a new QR code".
	OnPhone bool
	// CodeShown: a QR code was shown for this attempt (its consult gave
	// one). Without one — the consult still out, or it failed — the
	// button that starts again says "Try again", not "Show a new QR code".
	CodeShown bool
	// LateDecline, when set, says that the buyer's decline in the wallet
	// app arrived too late to change anything; the page then stays put
	// (no automatic return once linked) so that it can be read.
	LateDecline string
	// JustMade, when set, says that the buyer asked for a new code (or to
	// try again) within seconds of this one: it is kept, and shown.
	JustMade string
	// RenewRefused, when set, says that the buyer's renew of this attempt
	// was refused (too many codes asked for in a short time): nothing new
	// was made, and, while its code is live, that it still works.
	RenewRefused string
	// StillLinks: SUPERSEDED, but an agreement to its code in the wallet
	// still links until ExpiresAt (checkout.Link.StillLinks): the page
	// goes on listening until then.
	StillLinks bool
}

// Waiting reports whether the page should keep waiting for the wallet.
func (p LinkPage) Waiting() bool {
	return p.CodeLive() || p.Status == "AUTHORIZED" || p.Status == "PREPARING" || p.StillLinks
}

// listenUntil is when a StillLinks page stops listening (link.js): its
// attempt's time, in Unix milliseconds; "" on any other page.
func (p LinkPage) listenUntil() string {
	if !p.StillLinks {
		return ""
	}
	return unixMilli(p.ExpiresAt)
}

// CodeLive reports whether the QR code (or "Open <wallet>") is shown:
// PENDING, or QUIET — shown a while without news from the wallet, and
// still usable if it was not used.
func (p LinkPage) CodeLive() bool {
	return p.Status == "PENDING" || p.Status == "QUIET"
}

// CanRenew reports whether the page offers to link again (a new QR code,
// or the wallet opened again on the phone: OnPhone).
func (p LinkPage) CanRenew() bool {
	switch p.Status {
	case "FAILED", "EXPIRED", "SUPERSEDED", "DECLINED", "UNLINKED", "QUIET":
		return true
	}
	return false
}

// continueTo is where the page goes once linked (its Continue, and
// link.js): the server's /continue, which goes back to ReturnTo saying
// there that the wallet is linked.
func (p LinkPage) continueTo() string { return "/wallets/link/" + itoa64(p.ID) + "/continue" }

func unixMilli(t time.Time) string { return itoa64(t.UnixMilli()) }

// relinkTold are the told words (ToldWallet.Words) of a wallet whose link
// has ended, which the buyer can link again below; an unlink under way
// says no more than that it can no longer be used.
var relinkTold = map[string]bool{
	"wallets.cancelled":        true,
	"wallets.invalid":          true,
	"wallets.unlinked_by_shop": true,
}

// relinkWords is the message that says, once under the told wallets ws,
// that they can be linked again below: "it" for one, "them" for several
// — the wallet a refusal above them names counted among them (above:
// refusalSaysRelinkBelow) —; "" when none of ws can.
func relinkWords(ws []ToldWallet, above bool) string {
	n := 0
	if above {
		n++
	}
	for _, w := range ws {
		if relinkTold[w.Words] {
			n++
		}
	}
	switch {
	case n == 0 || n == 1 && above:
		return ""
	case n > 1:
		return "wallets.link_again_several"
	case n == 1:
		return "wallets.link_again"
	}
	return ""
}

// relinkBelowWords are the words of a refused wallet's notice (checkout's
// wallets box, WalletErrorNamed) that leave linking it again to the told
// wallets' closing sentence under them (relinkWords): the notice said
// "Link it again or pay by card.", and the box under it "You can link it
// again below." of another wallet — twice, the second "it" read as the
// nearer wallet. The box then says it once, of them all.
var relinkBelowWords = map[string]string{
	"notdone.wallet_unusable_last_named":  "notdone.wallet_unusable_last_named_below",
	"notdone.wallet_unlinking_last_named": "notdone.wallet_unlinking_last_named_below",
}

// refusalSaysRelinkBelow reports whether checkout page m's refused
// wallet's notice leaves linking again to the told wallets under it
// (relinkBelowWords): it has words for that, and the box tells a wallet
// that can be linked again.
func (m CheckoutPage) refusalSaysRelinkBelow() bool {
	_, ok := relinkBelowWords[m.WalletErrorNamed.ID]
	return ok && len(m.Wallets) == 0 && relinkWords(m.Told, false) != ""
}

// lastRelinkSaysBelow reports whether the notice naming the last
// payment's refused wallet (LastRelink) leaves linking it again to the
// told wallets' closing sentence under it, as refusalSaysRelinkBelow.
func (m CheckoutPage) lastRelinkSaysBelow() bool {
	return m.LastRelink.ID != "" && len(m.Wallets) == 0 && relinkWords(m.Told, false) != ""
}

// lastRelinkWords is the message ID of the notice naming the last
// payment's refused wallet (LastRelink): without "Link it again" when
// the box under it says so (lastRelinkSaysBelow).
func (m CheckoutPage) lastRelinkWords() string {
	if m.lastRelinkSaysBelow() && m.LastRelink.ID == "decline.wallet_relink_named" {
		return "decline.wallet_relink_named_below"
	}
	return m.LastRelink.ID
}

// walletErrorWords is the message ID of m's refused wallet's notice
// (WalletErrorNamed), as refusalSaysRelinkBelow has it.
func (m CheckoutPage) walletErrorWords() string {
	if m.refusalSaysRelinkBelow() {
		return relinkBelowWords[m.WalletErrorNamed.ID]
	}
	return m.WalletErrorNamed.ID
}
