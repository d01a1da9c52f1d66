package handlers

import "net/http"

// fromThisSite says whether a GET that acts (a refund lookup, which
// records what Antom says and who looked) comes from this site's own
// pages, or was typed, bookmarked or reloaded: the same rule the
// cross-origin protection holds every POST to (Sec-Fetch-Site, else
// Origin against Host; a request with neither is not a browser's
// cross-site one). A link followed from another site is not.
func fromThisSite(r *http.Request) bool {
	post := r.Clone(r.Context())
	post.Method = http.MethodPost
	return http.NewCrossOriginProtection().Check(post) == nil
}
