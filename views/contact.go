package views

import (
	"strings"

	"github.com/a-h/templ"
)

// The shop's contact (Page.Contact, ResultCard.Contact) is MERCHANT_CONTACT
// as the app checked it at start: an email address (name@shop.example,
// letters, digits and . _ + - only) or an https:// URL. "" means the shop
// gave none: pages then show no contact line and no link.

// contactHref is where the contact leads: mailto: for an email address,
// else the URL itself.
func contactHref(contact string) templ.SafeURL {
	if isContactURL(contact) {
		return templ.SafeURL(contact)
	}
	return templ.SafeURL("mailto:" + contact)
}

// contactText is the contact as a buyer reads it: the address, or the
// URL without its scheme and final slash.
func contactText(contact string) string {
	if !isContactURL(contact) {
		return contact
	}
	return strings.TrimSuffix(strings.TrimPrefix(contact, "https://"), "/")
}

func isContactURL(contact string) bool { return strings.HasPrefix(contact, "https://") }
