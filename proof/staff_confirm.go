package proof

import (
	"context"
	"fmt"
	"net/url"
	"strings"

	"golang.org/x/net/html"
)

// confirmSuffix ends a confirmation's address (the app's handlers: the
// action's path with it).
const confirmSuffix = "/confirm"

// act does what staff do with a form that moves money: post it and, when
// the app sends them (303) to its confirmation, open that page and press
// its Confirm, posting exactly the fields the page holds (its signature
// and seal among them). It returns the last answer's status: the
// confirmation's (303 once done or refused with a notice, 422 for bad
// input), or the first form's when it went nowhere to confirm (a refusal,
// bad input). A confirmation page that does not show (the action already
// done by another tab: "nothing to confirm") returns its redirect's 303.
func (s *staff) act(ctx context.Context, target string, form url.Values) (int, error) {
	p, err := s.browser.post(ctx, target, form)
	if err != nil || p.status != 303 || !toConfirmation(p.location) {
		return p.status, err
	}
	shown, err := s.browser.get(ctx, p.location)
	if err != nil || shown.status != 200 {
		return shown.status, err
	}
	action, fields, err := confirmForm(shown.body)
	if err != nil {
		return 0, fmt.Errorf("confirmation of %s: %w", target, err)
	}
	done, err := s.browser.post(ctx, action, fields)
	return done.status, err
}

// toConfirmation reports whether location is a confirmation's address.
func toConfirmation(location string) bool {
	path, _, _ := strings.Cut(location, "?")
	return strings.HasSuffix(path, confirmSuffix)
}

// confirmForm reads the confirmation page's form (the one that posts
// confirm=yes): where it posts and its hidden fields, as a browser would
// send them.
func confirmForm(body string) (string, url.Values, error) {
	doc, err := html.Parse(strings.NewReader(body))
	if err != nil {
		return "", nil, err
	}
	var action string
	var fields url.Values
	var walk func(n *html.Node, form string, in url.Values)
	walk = func(n *html.Node, form string, in url.Values) {
		if n.Type == html.ElementNode && n.Data == "form" {
			form, in = attr(n, "action"), url.Values{}
		}
		if n.Type == html.ElementNode && n.Data == "input" && in != nil && attr(n, "type") == "hidden" {
			in.Add(attr(n, "name"), attr(n, "value"))
			if attr(n, "name") == "confirm" && attr(n, "value") == "yes" {
				action, fields = form, in
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, form, in)
		}
	}
	walk(doc, "", nil)
	if fields == nil {
		return "", nil, fmt.Errorf("no form with confirm=yes on the page")
	}
	return action, fields, nil
}

// attr is n's attribute key ("" without it).
func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}
