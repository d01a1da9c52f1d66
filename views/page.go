// Package views renders every page with templ. View models live beside
// the templates; handlers fill them and never build HTML themselves.
package views

// Page is what the layout needs on every page.
type Page struct {
	Title      string
	Merchant   string // the shop's name (MERCHANT_NAME)
	Contact    string // how buyers reach the shop (MERCHANT_CONTACT: email address or https URL); "" for none
	Nav        string // which navigation item is current: "shop", "wallets", …
	Sandbox    bool   // the app talks to the built-in Antom sandbox
	SandboxURL string // the sandbox's control page, when Sandbox
	BuyerEmail string // the signed-in buyer, if any
	Phone      bool   // the browser is a phone's: it cannot scan a QR code on its own screen
	Flash      string // a one-time notice from the previous action
	Here       string // this page's address, where the language switcher returns
	// Note: a one-time aside about the previous action, neither news of
	// success nor bad news (a form sent while signed out, not done);
	// shown neutral. "" for none.
	Note string
	// Neutral: the page cannot know whether anyone is signed in (a
	// cross-site post's refusal, which a browser sends without our
	// SameSite=Lax cookies), so its header shows neither "Sign in" nor an
	// account. BuyerEmail is then "".
	Neutral bool
}

// ErrorPage is the model of 4xx and 5xx pages.
type ErrorPage struct {
	Page
	Status  int
	Message string
	// Back leads back where the visitor came from (a path of ours),
	// with the words BackWords; "": to the shop.
	Back, BackWords string
}
