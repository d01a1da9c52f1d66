package handlers

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"antom-checkout/db"
)

// Every buyer page's footer says how to reach the shop (MERCHANT_CONTACT):
// a mailto: link for an address, the URL for a web page, escaped. Without
// a contact no page shows a contact line or an empty link.
func TestEveryBuyerPageGivesTheShopsContact(t *testing.T) {
	for _, tt := range []struct{ contact, href, text string }{
		{"help@tea.example", "mailto:help@tea.example", "Contact the shop: help@tea.example"},
		{"https://tea.example/contact?topic=order&lang=en", "https://tea.example/contact?topic=order&lang=en", "Contact the shop: tea.example/contact?topic=order&lang=en"},
		{"", "", ""},
	} {
		t.Run(tt.contact, func(t *testing.T) {
			ta := newTestApp(t)
			ta.Contact = tt.contact
			b := ta.client(t)
			ref := b.buy("mug", "1")
			for _, path := range []string{"/", "/signin", "/signup", "/orders", "/checkout/" + ref, "/orders/" + ref, "/no-such-page"} {
				p := b.get(path)
				d := html(t, p.body)
				footer := testid(d, "shop-contact")
				if tt.contact == "" {
					if footer.Length() != 0 || strings.Contains(p.body, "mailto:") || strings.Contains(p.body, `data-testid="contact-link"`) {
						t.Fatalf("%s: a contact shows without MERCHANT_CONTACT", path)
					}
					continue
				}
				// The footer's "·" before "Payments by Antom" rides with the
				// contact (views' contactSentenceThen).
				if got := strings.TrimSuffix(textOf(t, d, "shop-contact"), " ·"); got != tt.text {
					t.Fatalf("%s: footer says %q, want %q", path, got, tt.text)
				}
				if href := footer.Find("a").AttrOr("href", ""); href != tt.href {
					t.Fatalf("%s: contact link %q, want %q", path, href, tt.href)
				}
				if strings.Contains(tt.contact, "&") && !strings.Contains(p.body, strings.ReplaceAll(tt.contact, "&", "&amp;")) {
					t.Fatalf("%s: the contact is not escaped", path)
				}
			}
		})
	}
}

// A failed refund the shop settled another way tells the buyer to
// contact the shop: with MERCHANT_CONTACT the sentence links to it, on the
// page and in the card order.js puts in place; without one it says so
// without a link.
func TestRefundHandledAnotherWayLinksTheContact(t *testing.T) {
	ta := newTestApp(t)
	ta.Contact = "help@tea.example"
	b := ta.client(t)
	b.signUp("payer@example.com")
	ref := b.buy("coffee", "2")
	attempt := ta.openAttempt(t, ref, ta.insertWallet(t, ta.buyerID(t, "payer@example.com"), "0917****pay"))
	ta.settle(t, ref, attempt, db.AttemptSuccess, "SUCCESS", "PAY-"+ref)
	ta.refund(t, ref, attempt, 700, db.RefundFail)
	failed, err := ta.DB.RefundByRequestID(context.Background(), "RF-"+ref+"-700")
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := ta.DB.MarkRefundHandled(context.Background(), failed.ID, "staff@tea.example", "bank transfer", ta.now); err != nil || !ok {
		t.Fatalf("mark handled: %v %v", ok, err)
	}
	want := "A refund of $7.00 could not be made through your payment. The shop says it has settled this with you another way; if this money has not reached you, contact the shop at help@tea.example."
	d := html(t, b.get("/orders/"+ref).body)
	assertEqual(t, textOf(t, d, "refund-handled"), want, "buyer's notice")
	assertEqual(t, testid(d, "refund-handled").Find("a").AttrOr("href", ""), "mailto:help@tea.example", "notice's link")

	p := b.get("/orders/" + ref + "/status")
	assertEqual(t, p.status, http.StatusOK, "status")
	var st struct{ HTML string }
	if err := json.Unmarshal([]byte(p.body), &st); err != nil {
		t.Fatal(err)
	}
	d = html(t, st.HTML)
	assertEqual(t, textOf(t, d, "refund-handled"), want, "notice in the card order.js puts in place")

	// In another language, the same link.
	b.post("/lang", url.Values{"lang": {"zh-Hans"}, "next": {"/orders/" + ref}})
	d = html(t, b.get("/orders/"+ref).body)
	assertEqual(t, textOf(t, d, "refund-handled"), "US$7.00 的退款未能通过您的付款方式完成。商家表示已通过其他方式与您结清此款项；如果您尚未收到这笔钱，请联系商家：help@tea.example。", "notice in Chinese")
	assertEqual(t, testid(d, "refund-handled").Find("a").AttrOr("href", ""), "mailto:help@tea.example", "notice's link in Chinese")

	ta.Contact = ""
	b.post("/lang", url.Values{"lang": {"en"}, "next": {"/orders/" + ref}})
	d = html(t, b.get("/orders/"+ref).body)
	assertEqual(t, textOf(t, d, "refund-handled"), "A refund of $7.00 could not be made through your payment. The shop says it has settled this with you another way; if this money has not reached you, contact the shop.", "notice without a contact")
	if testid(d, "refund-handled").Find("a").Length() != 0 {
		t.Fatal("an empty contact link")
	}
}

// A failed payment's reason code follows its label as each language
// writes it: after a full-width colon, no space (原因代码：CODE).
func TestReasonCodeFollowsItsLabel(t *testing.T) {
	for lang, want := range map[string]string{
		"en": "Reason code: USER_BALANCE_NOT_ENOUGH", "zh-Hans": "原因代码：USER_BALANCE_NOT_ENOUGH",
		"zh-Hant": "原因代碼：USER_BALANCE_NOT_ENOUGH", "ko": "사유 코드: USER_BALANCE_NOT_ENOUGH",
	} {
		t.Run(lang, func(t *testing.T) {
			ta := newTestApp(t)
			b := ta.client(t)
			b.signUp("payer@example.com")
			ref := b.buy("coffee", "2")
			ta.settle(t, ref, ta.openAttempt(t, ref, ta.insertWallet(t, ta.buyerID(t, "payer@example.com"), "0917****pay")),
				db.AttemptFail, "USER_BALANCE_NOT_ENOUGH", "")
			b.post("/lang", url.Values{"lang": {lang}, "next": {"/orders/" + ref}})
			d := html(t, b.get("/orders/"+ref).body)
			code := testid(d, "result-code")
			// The text as rendered, spaces not collapsed.
			assertEqual(t, strings.TrimSpace(code.Text()), want, "reason code")
			assertEqual(t, code.Find(".mono").Text(), "USER_BALANCE_NOT_ENOUGH", "the code in mono type")
		})
	}
}

// An order the shop ended — its authorization expired, or voided — has
// no way forward but "Continue shopping": the card itself gives the
// shop's contact (MERCHANT_CONTACT), not only the footer, and says
// nothing of it without one. A state with a way forward does not.
func TestEndedOrdersGiveTheShopsContact(t *testing.T) {
	ctx := context.Background()
	for _, contact := range []string{"help@tea.example", ""} {
		ta := newTestApp(t)
		ta.Contact = contact
		guest := ta.client(t)
		ends := map[string]func(ref string, id int64){
			"expired": func(ref string, id int64) {
				if ok, err := ta.DB.EndAuthorization(ctx, ta.order(t, ref).ID, db.OrderExpired, ta.now); err != nil || !ok {
					t.Fatalf("expire: %v %v", ok, err)
				}
			},
			"voided": func(ref string, id int64) {
				if ok, err := ta.DB.SetOrderStatus(ctx, ta.order(t, ref).ID, db.OrderAuthorized, db.OrderVoided, ta.now); err != nil || !ok {
					t.Fatalf("void: %v %v", ok, err)
				}
			},
			"authorized": func(string, int64) {},
		}
		for state, end := range ends {
			ref := guest.buy("mug", "1")
			id := ta.cardAttempt(t, ref, "MANUAL", 14*time.Minute)
			ta.authorizeCard(t, ref, id)
			if err := ta.DB.SetAttemptCard(ctx, id, "VISA", "4242", ta.now, ta.now); err != nil { // expires now
				t.Fatal(err)
			}
			end(ref, id)
			d := html(t, guest.get("/orders/"+ref).body)
			assertEqual(t, testid(d, "result").AttrOr("data-status", ""), state, "state")
			card := testid(d, "result")
			ask := card.Find(`[data-testid="result-ask-shop"]`)
			if contact == "" || state == "authorized" {
				assertEqual(t, ask.Length(), 0, state+" with contact "+contact+": the card's contact line")
				continue
			}
			assertEqual(t, textOf(t, d, "result-ask-shop"), "Questions about this order? Contact the shop at help@tea.example.", state+": the card's contact line")
			assertEqual(t, ask.Find("a").AttrOr("href", ""), "mailto:help@tea.example", state+": the contact's link")
		}
	}
}
