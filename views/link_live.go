package views

import (
	"bytes"
	"context"
)

// LinkLiveHTML is a link attempt's headline and detail as the link page
// renders them (@words, @liveSentence): escaped, with the language's
// Whole words boxed, for link.js to put in place when the attempt's state
// changes. Set as plain text the boxes were lost, and a page that
// expired while open broke Thai's "อีก|ครั้ง" and Chinese's "二|維碼" at
// 390 px where the same page, reloaded, did not.
func LinkLiveHTML(ctx context.Context, headline string, detail LiveWords) (head, body string) {
	var h, d bytes.Buffer
	if words(headline).Render(ctx, &h) != nil || liveSentence(detail).Render(ctx, &d) != nil {
		return "", ""
	}
	return h.String(), d.String()
}
