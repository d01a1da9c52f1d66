package handlers

import (
	"errors"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
	"antom-checkout/lang"
	"antom-checkout/views"
)

// linkPage shows a link attempt: the QR code while it waits, then the
// result in plain words.
func (a *App) linkPage(c *gin.Context) {
	l, ok := a.buyerLink(c)
	if !ok {
		return
	}
	headline, detail := linkWords(c, l)
	a.render(c, http.StatusOK, views.Link(views.LinkPage{
		Page: a.page(c, "wallets.link_title", "wallets"), ID: l.ID, WalletName: l.WalletName, Wallet: l.Wallet,
		Status: l.Status, CodeValue: l.CodeValue, ExpiresAt: l.ExpiresAt, UserLoginID: l.UserLoginID,
		Headline: headline, Detail: detail, ReturnTo: l.ReturnTo, OpenURL: l.OpenURL, OnPhone: l.OnPhone, CodeShown: l.CodeShown,
		LateDecline: a.lateDecline(c, l), StillLinks: l.StillLinks, JustMade: a.linkJustMade(c, l),
		RenewRefused: a.linkRenewRefused(c, l),
	}))
}

// lateDecline says, once, that the buyer's decline in the wallet app came
// back (linkReturn) after this attempt had ended or the wallet had agreed,
// and changed nothing; "" when it did not, or when the attempt shows the
// decline itself.
func (a *App) lateDecline(c *gin.Context, l checkout.Link) string {
	ctx := c.Request.Context()
	if a.Sessions.GetInt64(ctx, sessionLateDecline) != l.ID {
		return ""
	}
	a.Sessions.Remove(ctx, sessionLateDecline)
	w := lang.Args{"Wallet": l.WalletName}
	switch l.Status {
	case "PENDING", checkout.LinkQuiet, "DECLINED":
		return ""
	case "AUTHORIZED":
		return say(c, "link.late_decline_agreed", w)
	}
	return say(c, "link.late_decline", w)
}

// linkJustMade says, once, that a renew kept this attempt, its code made
// seconds before (checkout.ErrLinkJustMade); "" otherwise.
func (a *App) linkJustMade(c *gin.Context, l checkout.Link) string {
	ctx := c.Request.Context()
	if a.Sessions.GetInt64(ctx, sessionLinkJustMade) != l.ID {
		return ""
	}
	a.Sessions.Remove(ctx, sessionLinkJustMade)
	return say(c, "link.just_made", lang.Args{"Seconds": int(checkout.LinkRenewEvery.Seconds())})
}

// linkRenewRefused says, once, that a renew of this attempt was refused
// (renewRefused): another press of the buyer's was still starting a
// link, or past the buyer's consults, when they may ask again — and,
// while its code (or, on a phone, its way to open the wallet) is live,
// that it still works; "" otherwise.
func (a *App) linkRenewRefused(c *gin.Context, l checkout.Link) string {
	ctx := c.Request.Context()
	if a.Sessions.GetInt64(ctx, sessionLinkRenewRefused) != l.ID {
		return ""
	}
	at := a.Sessions.GetInt64(ctx, sessionLinkRenewAt)
	a.Sessions.Remove(ctx, sessionLinkRenewRefused)
	a.Sessions.Remove(ctx, sessionLinkRenewAt)
	if at == 0 {
		return say(c, "wallets.link_busy")
	}
	args := lang.Args{"When": a.retryWords(c, time.Unix(at, 0)), "Wallet": l.WalletName}
	switch {
	case l.Status != "PENDING" && l.Status != checkout.LinkQuiet:
		return say(c, "wallets.link_throttled", args)
	case l.OnPhone:
		return say(c, "link.renew_refused_phone", args)
	}
	return say(c, "link.renew_refused", args)
}

// buyerLink loads the signed-in buyer's link attempt named in the path,
// answering 404 for anyone else's.
func (a *App) buyerLink(c *gin.Context) (checkout.Link, bool) {
	b, _ := buyerOf(c)
	id, ok := a.pathID(c)
	if !ok {
		return checkout.Link{}, false
	}
	l, err := a.Checkout.LinkForBuyer(c.Request.Context(), b.ID, id)
	if errors.Is(err, checkout.ErrNotFound) {
		a.notFound(c)
		return checkout.Link{}, false
	}
	if err != nil {
		a.serverError(c, err)
		return checkout.Link{}, false
	}
	return l, true
}

// linkWords says a link attempt's state in plain words, in the page's
// language, the detail cut around its live sentence ("This page updates
// by itself", hidden once signed out). An attempt made for the buyer's
// own phone (OnPhone: the wallet opened on it, no QR code shown) is told
// without a QR code: it ended, and can be tried again ("Try linking
// again").
func linkWords(c *gin.Context, l checkout.Link) (headline string, detail views.LiveWords) {
	w := lang.Args{"Wallet": l.WalletName, "Login": l.UserLoginID}
	phone := func(qr, onPhone string) string {
		if l.OnPhone {
			return onPhone
		}
		return qr
	}
	switch l.Status {
	case checkout.LinkPreparing:
		return say(c, phone("link.preparing_head", "link.preparing_head_phone"), w), sayLive(c, phone("link.preparing_detail", "link.preparing_detail_phone"), w)
	case "PENDING":
		return say(c, phone("link.pending_head", "link.phone_head"), w), sayLive(c, phone("link.pending_detail", "link.phone_detail"), w)
	case checkout.LinkQuiet:
		return say(c, "linking.quiet_head", w), sayLive(c, phone("linking.quiet_detail", "linking.quiet_detail_phone"), w)
	case "AUTHORIZED":
		return say(c, "link.authorized_head", w), sayLive(c, "link.authorized_detail", w)
	case "LINKED":
		if l.LinkedAgain {
			return say(c, "linking.linked_again_head", w), sayLive(c, "linking.linked_again_detail", w)
		}
		return say(c, "link.linked_head", w), sayLive(c, "link.linked_detail", w)
	case checkout.LinkUnlinked:
		words := linkToldWords[l.Told]
		return say(c, words[0], w), sayLive(c, words[1], w)
	case "EXPIRED":
		return say(c, phone("link.expired_head", "link.expired_head_phone"), w), sayLive(c, phone("link.expired_detail", "link.expired_detail_phone"), w)
	case "DECLINED":
		return say(c, "link.declined_head", w), sayLive(c, phone("link.declined_detail", "link.declined_detail_phone"), w)
	case "SUPERSEDED":
		detail := phone("link.superseded_detail", "link.superseded_detail_phone")
		if l.StillLinks { // an agreement to it in the wallet still links
			detail = phone("link.superseded_detail_open", "link.superseded_detail_open_phone")
		}
		return say(c, phone("link.superseded_head", "link.superseded_head_phone"), w), sayLive(c, detail, w)
	case "FAILED":
		return say(c, "link.failed_head", w), sayLive(c, linkFailure(l.FailureCode, l.OnPhone), lang.Args{"Code": l.FailureCode})
	}
	return l.Status, views.LiveWords{}
}

// linkToldWords are a linked attempt's headline and detail once its
// wallet is no longer linked, by what became of it as the wallets box
// tells it (checkout.Link.Told): an unlink under way, cancelled in the
// wallet app, no longer valid, unlinked by the shop; unlinked here by
// the buyer (told nothing by name) under "".
var linkToldWords = map[checkout.WalletTold][2]string{
	"":                          {"link.unlinked_head", "link.unlinked_detail"},
	checkout.ToldUnlinking:      {"link.unlinking_head", "link.unlinking_detail"},
	checkout.ToldCancelled:      {"link.cancelled_head", "link.cancelled_detail"},
	checkout.ToldInvalid:        {"link.invalid_head", "link.invalid_detail"},
	checkout.ToldUnlinkedByShop: {"link.unlinked_by_shop_head", "link.unlinked_by_shop_detail"},
}

// linkFailure names the words for why linking failed, by Antom's code;
// onPhone: the attempt opened the wallet on the buyer's phone (no QR
// code to show again).
func linkFailure(code string, onPhone bool) string {
	switch code {
	case "INVALID_AUTHCODE":
		if onPhone {
			return "link.fail_authcode_phone"
		}
		return "link.fail_authcode"
	case checkout.LinkAnswerLost: // the wallet app may show it linked
		if onPhone {
			return "link.fail_answer_lost_phone"
		}
		return "link.fail_answer_lost"
	case "NO_PAY_OPTIONS":
		return "link.fail_no_pay_options"
	case "USER_NOT_EXIST", "USER_STATUS_ABNORMAL":
		return "link.fail_user"
	case "UNKNOWN":
		if onPhone {
			return "link.fail_unknown_phone"
		}
		return "link.fail_unknown"
	case "NO_LINK_URL", "NO_QR_CODE":
		return "link.fail_no_way"
	}
	if onPhone {
		return "link.fail_other_phone"
	}
	return "link.fail_other"
}

// sayLive is say for a message with a live sentence (views.SayLive).
func sayLive(c *gin.Context, id string, args lang.Args) views.LiveWords {
	return views.SayLive(c.Request.Context(), id, args)
}
