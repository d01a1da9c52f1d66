package checkout

import (
	"context"
	"net/url"
	"strings"

	"antom-checkout/antom"
)

// linkEnv settles how a link attempt is made: WAP (the wallet opens on
// the buyer's own phone) needs an osType Antom knows (IOS, ANDROID);
// anything else is Scan to Link, WEB.
func linkEnv(env antom.Env) antom.Env {
	if env.TerminalType == antom.TerminalWap && (env.OSType == "IOS" || env.OSType == "ANDROID") {
		return env
	}
	env.TerminalType, env.OSType = antom.TerminalWeb, ""
	return env
}

// openURLOf is where a phone goes to open the wallet, from a WAP consult's
// answer (API.md §4.1): the app link (a universal or app link opens the
// wallet app, or its web page without the app), else the web page
// (normalUrl, then authUrl), and only then the scheme URL, which works
// only with the app installed. "" when the answer has no usable address.
func openURLOf(resp *antom.ConsultResponse) string {
	for _, u := range []string{resp.ApplinkURL, resp.NormalURL, resp.AuthURL, resp.SchemeURL} {
		if openable(u) {
			return u
		}
	}
	return ""
}

// openable accepts an absolute web address, or an app's own scheme; never
// one a browser would run or read locally.
func openable(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme == "" || len(raw) > 2048 {
		return false
	}
	switch strings.ToLower(u.Scheme) {
	case "https", "http":
		return u.Host != ""
	case "javascript", "data", "vbscript", "file", "blob", "about":
		return false
	}
	return true
}

// storeOpenURL keeps a WAP consult's address; it returns a failure code
// when there is none to keep, consultTooLate when the attempt has ended
// meanwhile (nothing kept).
func (s *Service) storeOpenURL(ctx context.Context, id int64, resp *antom.ConsultResponse) string {
	open := openURLOf(resp)
	if open == "" {
		return "NO_LINK_URL"
	}
	stored, err := s.db.SetLinkOpenURL(ctx, id, open, s.now())
	switch {
	case err != nil:
		s.log.Error("store open URL", "link", id, "err", err)
		return "STORE_FAILED"
	case !stored:
		return consultTooLate
	}
	return ""
}

// ReturnedLink is the buyer's link attempt of an authState: where a phone
// that linked in the wallet comes back to (authRedirectUrl carries the
// authState). ErrNotFound for an unknown authState or someone else's.
// The authCode the redirect also carries is not used: the same code comes
// with notifyAuthorization AUTHCODE_CREATED, verified, and applyToken runs
// once per attempt from there.
func (s *Service) ReturnedLink(ctx context.Context, buyerID int64, authState string) (Link, error) {
	l, err := s.db.LinkAttemptByState(ctx, authState)
	if err != nil || l.BuyerID != buyerID {
		return Link{}, ErrNotFound
	}
	return s.LinkForBuyer(ctx, buyerID, l.ID)
}
