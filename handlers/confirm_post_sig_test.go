package handlers

import (
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/gin-gonic/gin"

	"antom-checkout/views"
)

// A staff confirmation's Confirm is signed for the path its form posts
// to (the page's Action), not for the address that showed the page: a
// confirmation shown at one path whose form posts to another acts when
// pressed by the sign-in it was shown to, where a signature over the
// page's own path would be refused as another sign-in's.
func TestConfirmSignsWhatItsFormPostsTo(t *testing.T) {
	ta := newAdminApp(t)
	const shown, posts = "/admin/asks", "/admin/acts"
	done := 0
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	r.POST(shown, func(c *gin.Context) { ta.askToConfirm(c, url.Values{"x": {"1"}}, nil) })
	r.GET(shown+confirmSuffix, func(c *gin.Context) {
		ta.askToConfirm(c, nil, func() (views.AdminConfirm, error) {
			return views.AdminConfirm{Question: "Act?", Action: posts, Button: "Act", Back: "/admin"}, nil
		})
	})
	r.POST(posts, ta.confirmedBySignIn(map[string]string{posts: "/admin"}), func(c *gin.Context) {
		done++
		c.Status(http.StatusNoContent)
	})
	srv := httptest.NewServer(ta.withSessions(r))
	t.Cleanup(srv.Close)
	jar, _ := cookiejar.New(nil)
	b := &browserClient{t: t, base: srv.URL, http: &http.Client{Jar: jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}

	at := b.post(shown, url.Values{"x": {"1"}}).location
	form := html(t, b.get(at).body).Find(`[data-testid="confirm"] form`)
	assertEqual(t, form.AttrOr("action", ""), posts, "the form's action")
	posted := url.Values{}
	form.Find("input[type=hidden]").Each(func(_ int, s *goquery.Selection) {
		posted.Add(s.AttrOr("name", ""), s.AttrOr("value", ""))
	})
	if posted.Get(confirmSigParam) == "" || posted.Get("confirm") != "yes" {
		t.Fatalf("the confirmation's form carries %v", posted)
	}
	p := b.post(posts, posted)
	assertEqual(t, p.status, http.StatusNoContent, "Confirm pressed by the sign-in it was shown to")
	assertEqual(t, done, 1, "the action done")
}
