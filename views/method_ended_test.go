package views

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"antom-checkout/lang"
)

// A kept card removed and a wallet unlinked since the checkout page was
// shown are told by one notice (EndedMethod), in every language: who
// ended it and on what date, then what is left on the page — for the
// wallet too, as for the card (it said "Pick another or link it again."
// and nothing of paying by card) — in the box it was offered in, the
// method named whole as its button was.
func TestEndedCardAndWalletAreOneNotice(t *testing.T) {
	at := time.Date(2026, 12, 7, 3, 0, 0, 0, time.UTC)
	visa, gcash := WalletNamed{"Visa", "•••• 4242"}, WalletNamed{"GCash", "0917****124"}
	others := []PayWallet{{ID: 1, Name: "GCash", Account: "0917****123", Wallet: "GCASH"}}
	kept := []PayCard{{ID: 2, Name: "Mastercard", Account: "•••• 5100", Brand: "Mastercard"}}
	told := []ToldWallet{{Wallet: WalletNamed{"DANA", "0812****456"}, At: at, Words: "wallets.cancelled"}}
	for _, c := range []struct {
		name, box, told, words string
		method                 WalletNamed
		m                      CheckoutPage
	}{
		{"card, others kept", "card-section", "checkout.card_removed_by_you", "checkout.card_ended_others", visa,
			CheckoutPage{Cards: kept, CardError: "-", CardErrorEnded: EndedMethod{Method: visa, At: at, Told: "checkout.card_removed_by_you"}}},
		{"card, none kept", "card-section", "checkout.card_removed_by_shop", "checkout.card_ended_last", visa,
			CheckoutPage{CardError: "-", CardErrorEnded: EndedMethod{Method: visa, At: at, Told: "checkout.card_removed_by_shop"}}},
		{"wallet, others linked", "wallet-section", "wallets.unlinked_by_you", "checkout.wallet_ended_named", gcash,
			CheckoutPage{Wallets: others, WalletError: "-", WalletErrorNamed: NamedWords{ID: "checkout.wallet_unusable_named", Wallet: gcash},
				WalletErrorEnded: EndedMethod{Method: gcash, At: at, Told: "wallets.unlinked_by_you"}}},
		{"wallet, none linked", "wallet-section", "wallets.unlinked_by_shop", "notdone.wallet_ended_last_named", gcash,
			CheckoutPage{WalletError: "-", WalletErrorNamed: NamedWords{ID: "notdone.wallet_unusable_last_named", Wallet: gcash},
				WalletErrorEnded: EndedMethod{Method: gcash, At: at, Told: "wallets.unlinked_by_shop"}}},
		{"card kept again", "card-section", "checkout.card_removed_by_you_again", "checkout.ended_again", visa,
			CheckoutPage{Cards: kept, CardError: "-", CardErrorEnded: EndedMethod{Method: visa, At: at, Told: "checkout.card_removed_by_you_again", Again: true}}},
		{"wallet linked again", "wallet-section", "checkout.wallet_unlinked_by_shop_again", "checkout.ended_again", gcash,
			CheckoutPage{Wallets: others, WalletError: "-", WalletErrorNamed: NamedWords{ID: "checkout.wallet_unusable_named", Wallet: gcash},
				WalletErrorEnded: EndedMethod{Method: gcash, At: at, Told: "checkout.wallet_unlinked_by_shop_again", Again: true}}},
		{"wallet, none linked, told below", "wallet-section", "wallets.unlinked_by_shop", "notdone.wallet_ended_last_named_below", gcash,
			CheckoutPage{WalletError: "-", Told: told, WalletErrorNamed: NamedWords{ID: "notdone.wallet_unusable_last_named", Wallet: gcash},
				WalletErrorEnded: EndedMethod{Method: gcash, At: at, Told: "wallets.unlinked_by_shop"}}},
	} {
		for _, l := range lang.Languages {
			say := lang.For(l)
			ctx := lang.WithLocalizer(context.Background(), say)
			m := c.m
			m.SignedIn, m.Page, m.Order = true, Page{Title: "Checkout", Merchant: "Tea & Co.", Here: "/"}, OrderSummary{Ref: "ORD-1", Name: "Matcha", Icon: "matcha", Quantity: 1, Total: "$18.50"}
			var buf bytes.Buffer
			if err := Checkout(m).Render(ctx, &buf); err != nil {
				t.Fatal(err)
			}
			d, err := goquery.NewDocumentFromReader(&buf)
			if err != nil {
				t.Fatal(err)
			}
			notice := d.Find("[data-testid=pay-error]")
			if notice.Length() != 1 || notice.ParentsFiltered("[data-testid="+c.box+"]").Length() != 1 {
				t.Fatalf("%s %s: %d notices, want one in %s", l.Code, c.name, notice.Length(), c.box)
			}
			name := c.method.Said()
			want := say.T(c.words, lang.Args{"Told": say.T(c.told, lang.Args{"Card": name, "Wallet": name, "When": say.Date(at)})})
			if got := strings.Join(strings.Fields(notice.Text()), " "); got != strings.Join(strings.Fields(want), " ") {
				t.Errorf("%s %s: %q, want %q", l.Code, c.name, got, want)
			}
			if got := notice.Find(".pay-name").Text() + " " + notice.Find(".pay-account").Last().Text(); got != name {
				t.Errorf("%s %s: names %q whole, want %q", l.Code, c.name, got, name)
			}
		}
	}
	// The wallet's ways forward say what is left on the page as the
	// card's do: each ends naming this page, in English and so in every
	// language whose card words do.
	en := lang.For(lang.English)
	for _, id := range []string{"checkout.card_ended_others", "checkout.card_ended_last", "checkout.wallet_ended_named",
		"notdone.wallet_ended_last_named", "notdone.wallet_ended_last_named_below"} {
		if w := en.T(id, lang.Args{"Told": ""}); !strings.HasSuffix(w, " on this page.") {
			t.Errorf("%s: %q says nothing of what is left on the page", id, w)
		}
	}
	// Kept or linked again since: every language names it and its date
	// in each of the words that say so.
	for _, l := range lang.Languages {
		say := lang.For(l)
		for _, id := range []string{"checkout.wallet_unlinked_by_you_again", "checkout.wallet_unlinked_by_shop_again", "checkout.wallet_cancelled_again",
			"checkout.wallet_invalid_again", "checkout.card_removed_by_you_again", "checkout.card_removed_by_shop_again"} {
			w := say.T(id, lang.Args{"Card": "NAME", "Wallet": "NAME", "When": "WHEN"})
			if !strings.Contains(w, "NAME") || !strings.Contains(w, "WHEN") || strings.Contains(w, "<no value>") {
				t.Errorf("%s %s: %q", l.Code, id, w)
			}
		}
	}
	// The last kept card gone, the new card's button reads "Pay by card"
	// (not "Pay with a new card", which is beside kept cards): the notice
	// says the button's words, in every language.
	for _, l := range lang.Languages {
		say := lang.For(l)
		button, w := say.T("checkout.pay_by_card"), say.T("checkout.card_ended_last", lang.Args{"Told": ""})
		if !strings.Contains(strings.ToLower(w), strings.ToLower(button)) {
			t.Errorf("%s: %q does not say the button's words %q", l.Code, w, button)
		}
	}
}
