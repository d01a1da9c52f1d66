package handlers

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
	"antom-checkout/views"
)

type linkStatus struct {
	Status   string `json:"status"`
	Headline string `json:"headline"`
	// Detail, Live and After are the detail's words before its live
	// sentence, the sentence ("This page updates by itself": hidden once
	// signed out), and the words after it (views.LiveWords).
	Detail string `json:"detail"`
	Live   string `json:"live"`
	After  string `json:"after"`
	// HeadlineHTML and DetailHTML are the same words as the page renders
	// them, the language's Whole words boxed (views.LinkLiveHTML):
	// link.js puts these in place.
	HeadlineHTML string `json:"headlineHtml"`
	DetailHTML   string `json:"detailHtml"`
	UserLoginID  string `json:"userLoginId,omitempty"`
	// ReturnTo: where the page goes once linked (linkContinue, which
	// says so where linking started).
	ReturnTo string `json:"returnTo"`
	// ListenUntil: SUPERSEDED, an agreement to its code still links until
	// then (Unix milliseconds; checkout.Link.StillLinks): link.js goes on
	// listening. Absent otherwise.
	ListenUntil int64 `json:"listenUntil,omitempty"`
}

// linkStatusPoll answers as soon as the attempt's status differs from
// ?seen=, or after pollWindow with the status unchanged, in the
// language of the page that asks (pageLanguage). Once the buyer has
// signed out (in another tab: at once, buyerSessionEnd; before it asks:
// requireBuyerPoll) it answers 401 {"signedOut":true}, for link.js's
// signed-out bar.
func (a *App) linkStatusPoll(c *gin.Context) {
	pageLanguage(c)
	var l checkout.Link
	load := func() (string, bool) {
		var ok bool
		l, ok = a.buyerLink(c)
		return l.Status, ok
	}
	id, _ := strconv.ParseInt(c.Param("id"), 10, 64) // a bad id: load answers 404
	end, stop := a.buyerSessionEnd(c)
	defer stop()
	if !a.waitForChangeSignedIn(c, checkout.LinkSubject(id), c.Query("seen"), load, always, end) {
		return
	}
	headline, detail := linkWords(c, l)
	s := linkStatus{Status: l.Status, Headline: headline, Detail: detail.Before, Live: detail.Live, After: detail.After, UserLoginID: l.UserLoginID, ReturnTo: linkContinuePath(l.ID)}
	s.HeadlineHTML, s.DetailHTML = views.LinkLiveHTML(c.Request.Context(), headline, detail)
	if l.StillLinks {
		s.ListenUntil = l.ExpiresAt.UnixMilli()
	}
	c.JSON(http.StatusOK, s)
}
