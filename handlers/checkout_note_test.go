package handlers

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
)

// An aside left for the checkout page (noteTo) shows there, neutral, as
// on every other buyer page: the page takes its notices from the session,
// and one it took and did not show was gone for good.
func TestCheckoutPageShowsItsNote(t *testing.T) {
	ta := newTestApp(t)
	b := ta.client(t)
	ref := b.buy("coffee", "1")
	ctx, err := ta.Sessions.Load(context.Background(), b.sessionCookie())
	if err != nil {
		t.Fatal(err)
	}
	c, _ := gin.CreateTestContext(httptest.NewRecorder())
	c.Request = httptest.NewRequestWithContext(ctx, http.MethodGet, "/checkout/"+ref, nil)
	ta.leaveNotice(c, notice{For: noticePage("/checkout/" + ref), Msg: "notdone.confirm_link_foreign", Note: true, At: time.Now()})
	if _, _, err := ta.Sessions.Commit(ctx); err != nil {
		t.Fatal(err)
	}

	d := html(t, b.get("/checkout/"+ref).body)
	assertEqual(t, textOf(t, d, "note"), "That confirmation link has expired or came from elsewhere, so nothing was done. To go on, press the button again.", "the note")
	assertEqual(t, testid(html(t, b.get("/checkout/"+ref).body), "note").Length(), 0, "the note shown again")
}
