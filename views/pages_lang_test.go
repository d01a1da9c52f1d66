package views

import (
	"bytes"
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/a-h/templ"

	"antom-checkout/lang"
	"antom-checkout/lang/langtest"
)

// buyerPages renders every buyer page in every state its template knows,
// with the words a handler would put in its model said in l's language.
func buyerPages(l *lang.Localizer) map[string]templ.Component {
	at := time.Date(2026, 3, 4, 15, 6, 0, 0, time.UTC)
	page := func(nav string) Page {
		return Page{Title: l.T("shop.title"), Merchant: "Tea & Co.", Nav: nav, Sandbox: true, SandboxURL: "http://127.0.0.1:9/sandbox",
			BuyerEmail: "ana@example.com", Flash: l.T("auth.welcome"), Here: "/"}
	}
	guest := Page{Title: l.T("auth.signin_title"), Merchant: "Tea & Co.", Nav: "signin", Here: "/signin"}
	order := OrderSummary{Ref: "ORD-1", Name: l.T("product.matcha.name"), Icon: "matcha", Quantity: 2,
		Description: l.T("checkout.order_line", lang.Args{"Quantity": 2, "Product": l.T("product.matcha.name")}),
		Total:       l.Money("JPY", 4800, 0)}
	usd := func(minor int64) string { return l.Money("USD", minor, 2) }
	pages := map[string]templ.Component{
		"storefront": StorefrontPage(Storefront{Page: page("shop"), Error: l.T("shop.error_quantity", lang.Args{"Product": l.T("product.coffee.name")}), ErrorSlug: "coffee",
			Products: []Product{{Slug: "coffee", Name: l.T("product.coffee.name"), Description: l.T("product.coffee.about"), Icon: "coffee", Price: usd(1850)}},
			Test:     &TestPaymentForm{Currencies: []string{"USD", "JPY"}, Amount: "x", Currency: "USD", Error: l.T("amount.not_number", lang.Args{"Example": "12.50"})}}),
		"signin": SignInPage(AuthForm{Page: guest, Email: "ana@example.com", Next: "/orders",
			Errors: map[string]string{"": l.T("auth.wrong"), "password": l.T("auth.password_empty")}}),
		"signup":        SignUpPage(AuthForm{Page: guest, Errors: map[string]string{"email": l.T("auth.email_invalid")}}),
		"signup-clean":  SignUpPage(AuthForm{Page: guest}),
		"error":         Error(ErrorPage{Page: page(""), Status: 404, Message: l.T("error.not_found")}),
		"link-return":   LinkReturn(page("wallets"), l.T("link.return_thanks")),
		"my-orders-new": MyOrders(MyOrdersPage{Page: guest, Guest: true}),
		"confirm-unlink": ConfirmUnlink(ConfirmPage{Page: page("wallets"), Action: "/wallets/1/unlink", Back: "/wallets",
			Subject: WalletNamed{"GCash", "0917****123"}, Mark: "GCASH"}),
		"confirm-remove": ConfirmRemoveCard(ConfirmPage{Page: page("wallets"), Action: "/cards/1/remove", Back: "/wallets",
			Subject: WalletNamed{"Visa", "•••• 4242"}, Mark: "Visa"}),
		"wallets-empty": WalletsList(WalletsPage{Page: page("wallets"), Brands: []Brand{{"GCASH", "GCash"}}, Error: l.T("wallets.choose_listed")}),
		"wallets": WalletsList(WalletsPage{Page: page("wallets"), Brands: []Brand{{"GCASH", "GCash"}, {"TNG", "Touch 'n Go eWallet"}},
			Wallets: []WalletRow{{ID: 1, Wallet: "GCASH", Name: "GCash", UserLoginID: "0917****123", LinkedAt: at}},
			Cards:   []CardRow{{ID: 2, Label: "Visa •••• 4242", Brand: "Visa", Expiry: "12/29"}, {ID: 3, Label: "•••• 0005", Expiry: "01/30"}}}),
	}
	var rows []MyOrderRow
	for _, s := range []string{StatePaid, StatePartiallyRefunded, StateRefunded, StatePartlySettled, StateSettled, StateAuthorized, StateVoided, StateExpired, StateProcessing,
		StateCardPage, StateCancelling, StateFailed, StateUnconfirmed, StateCancelled, StateUnpaid} {
		rows = append(rows, MyOrderRow{Ref: "ORD-" + s, Description: order.Description, Icon: "matcha", Total: order.Total, State: s, CreatedAt: at})
	}
	for _, p := range []string{PendingReleasing, PendingCapturing, PendingCancelChecking} {
		rows = append(rows, MyOrderRow{Ref: "ORD-" + p, Description: order.Description, Icon: "matcha", Total: order.Total, State: StateAuthorized, Pending: p, CreatedAt: at})
	}
	rows = append(rows, MyOrderRow{Ref: "ORD-unpayable", Description: order.Description, Icon: "matcha", Total: order.Total, State: StateFailed, Unpayable: true, CreatedAt: at},
		MyOrderRow{Ref: "ORD-earlier", Description: order.Description, Icon: "matcha", Total: order.Total, State: StateCancelled, Unpayable: true, EarlierMayPay: true, CreatedAt: at})
	rows = append(rows, MyOrderRow{Ref: "ORD-partly-captured", Description: order.Description, Icon: "matcha", Total: order.Total, Charged: "$1.00", Part: true, State: StatePaid, CreatedAt: at})
	rows = append(rows, MyOrderRow{Ref: "ORD-part-refunded", Description: order.Description, Icon: "matcha", Total: order.Total, Charged: "$1.00", Part: true, Refunded: "$1.00", State: StateRefunded, CreatedAt: at})
	rows = append(rows, MyOrderRow{Ref: "ORD-refunded-settled", Description: order.Description, Icon: "matcha", Total: order.Total, Charged: order.Total, Refunded: "$1.00", Settled: "$2.00", State: StateRefunded, RestSettled: true, CreatedAt: at})
	pages["my-orders"] = MyOrders(MyOrdersPage{Page: page("orders"), Orders: rows, More: true})
	pages["my-orders-guest"] = MyOrders(MyOrdersPage{Page: guest, Orders: rows[:1], Guest: true})

	for name, m := range map[string]CheckoutPage{
		"guest":        {LastState: StateCancelled, LastByBuyer: true, Error: l.T("checkout.card_page_unsafe")},
		"guest-failed": {LastState: StateFailed, LastDecline: l.T("decline.card_funds")},
		"unconfirmed":  {LastState: StateUnconfirmed, LastDecline: l.T("decline.never_arrived")},
		// No new payment may start, an earlier one may still pay it.
		"used-up-earlier":      {LastState: StateUnconfirmed, LastDecline: l.T("decline.never_arrived_unpayable"), Unpayable: "checkout.attempts_used_up_earlier"},
		"refused-earlier":      {LastState: StateFailed, LastDecline: l.T("decline.card_declined_unpayable"), Unpayable: "checkout.too_many_attempts_earlier"},
		"not-for-sale-earlier": {LastState: StateCancelled, Unpayable: "checkout.not_for_sale_earlier"},
		"signed-in":            {SignedIn: true, Wallets: []PayWallet{{ID: 1, Name: "GCash", Account: "0917****123", Wallet: "GCASH"}}, Cards: []PayCard{{ID: 2, Name: "Visa", Account: "•••• 4242", Brand: "Visa"}}, LastState: StateCancelled},
		"signed-in-new":        {SignedIn: true, Relink: true, LastState: StateFailed, LastDecline: l.T("decline.wallet_relink")},
		"refused-told": {SignedIn: true, WalletError: l.T("notdone.wallet_unlinking_last_named", lang.Args{"Wallet": "GCash 0917****123"}),
			WalletErrorNamed: NamedWords{ID: "notdone.wallet_unlinking_last_named", Wallet: WalletNamed{"GCash", "0917****123"}},
			Told:             []ToldWallet{{Wallet: WalletNamed{"DANA", "0812****456"}, At: at, Words: "wallets.cancelled"}}},
		"refused-ended-last": {SignedIn: true, WalletError: "-", PickWallet: "KAKAOPAY",
			WalletErrorNamed: NamedWords{ID: "notdone.wallet_unusable_last_named", Wallet: WalletNamed{"Kakao Pay", "010-****-5678"}},
			WalletErrorEnded: EndedMethod{Method: WalletNamed{"Kakao Pay", "010-****-5678"}, At: at, Told: "wallets.unlinked_by_you"},
			Told:             []ToldWallet{{Wallet: WalletNamed{"DANA", "0812****456"}, At: at, Words: "wallets.cancelled"}}},
		"refused-ended": {SignedIn: true, WalletError: "-", Wallets: []PayWallet{{ID: 1, Name: "GCash", Account: "0917****123", Wallet: "GCASH"}},
			WalletErrorNamed: NamedWords{ID: "checkout.wallet_unusable_named", Wallet: WalletNamed{"GCash", "0917****124"}},
			WalletErrorEnded: EndedMethod{Method: WalletNamed{"GCash", "0917****124"}, At: at, Told: "wallets.unlinked_by_shop"}},
	} {
		m.Page, m.Order = page("shop"), order
		m.Brands = []Brand{{"GCASH", "GCash"}, {"KAKAOPAY", "Kakao Pay"}}
		pages["checkout-"+name] = Checkout(m)
		m.Page.Phone = true
		pages["checkout-phone-"+name] = Checkout(m)
	}

	cards := map[string]ResultCard{
		"paid":            {State: StatePaid, Charged: usd(1850), ChargedAt: at, MethodWallet: "GCASH", Method: "GCash 0917****123"},
		"partial":         {State: StatePaid, Partial: true, Charged: usd(1000), Authorized: usd(1850), AuthorizedAt: at, ChargedAt: at, MethodCard: "Visa", Method: "Visa •••• 4242"},
		"part-refd":       {State: StatePartiallyRefunded, Charged: usd(1850), Refunded: usd(500), Refunds: []RefundLine{{usd(500), at}}, Refunding: usd(100), ChargedAt: at, Method: l.T("checkout.card"), Card: true},
		"refunded":        {State: StateRefunded, Charged: usd(1850), Refunded: usd(1850), Refunds: []RefundLine{{usd(1850), at}}},
		"refunded-twice":  {State: StatePartiallyRefunded, Charged: usd(1850), Refunded: usd(1500), Refunds: []RefundLine{{usd(1000), at}, {usd(500), at.Add(14 * time.Minute)}}, ChargedAt: at, Card: true},
		"refunded-rest":   {State: StateRefunded, Charged: usd(1200), Refunded: usd(900), Refunds: []RefundLine{{usd(900), at}}, RefundHandled: usd(300), RefundsHandled: 1, RestSettled: true},
		"partial-refd":    {State: StatePartiallyRefunded, Partial: true, Charged: usd(500), Authorized: usd(1200), Refunded: usd(200), Refunds: []RefundLine{{usd(200), at}}, ChargedAt: at, Card: true},
		"partial-settled": {State: StateSettled, Partial: true, Charged: usd(500), Authorized: usd(1200), RefundHandled: usd(500), ChargedAt: at, Card: true},
		"refund-handled":  {State: StatePaid, Charged: usd(1850), ChargedAt: at, RefundFailed: usd(300), RefundHandled: usd(700), Method: "GCash 0917****123"},
		"partly-settled":  {State: StatePartlySettled, Charged: usd(1850), ChargedAt: at, RefundHandled: usd(700), Method: "GCash 0917****123"},
		"settled":         {State: StateSettled, Charged: usd(1850), ChargedAt: at, RefundHandled: usd(1850), Method: "GCash 0917****123"},
		"authorized":      {State: StateAuthorized, Authorized: usd(1850), AuthorizedAt: at, Card: true, MethodCard: "Visa", Method: "Visa •••• 4242"},
		"voided":          {State: StateVoided, Authorized: usd(1850), AuthorizedAt: at, Card: true},
		"auth-expired":    {State: StateExpired, Authorized: usd(1850), AuthorizedAt: at, AuthExpiredAt: at.Add(7 * 24 * time.Hour), Card: true},
		"auth-hold-ended": {State: StateAuthorized, Authorized: usd(1850), AuthorizedAt: at, HoldEnded: true, Card: true},
		"wallet":          {State: StateProcessing, Waiting: true, Wallet: WalletNamed{"GCash", "0917****123"}, Notice: NoticeTooSoon},
		"card":            {State: StateProcessing, Waiting: true, Card: true, Notice: NoticeStillOpen},
		"asking":          {State: StateProcessing, Waiting: true, Card: true, Notice: NoticeStillAsking},
		"other":           {State: StateProcessing, Waiting: true},
		"card-page":       {State: StateCardPage, Waiting: true, CardPageURL: "https://open-sea-global.alipay.com/page"},
		"expired":         {State: StateCardPage, Waiting: true},
		"cancelling":      {State: StateCancelling, Waiting: true, Notice: NoticeCancelOpen},
		"failed":          {State: StateFailed, Decline: l.T("decline.wallet_relink"), Code: "INVALID_ACCESS_TOKEN", Relink: true},
		"unconfirmed":     {State: StateUnconfirmed, Decline: l.T("decline.never_arrived"), Code: "ORDER_NOT_EXIST"},
		"left":            {State: StateCancelled, BuyerCancelled: true},
		"cancelled":       {State: StateCancelled},
		"returned":        {State: StateCancelled, Returned: usd(1850)},
		"unpaid":          {State: StateUnpaid},
		// States a result card's flags make (TestBuyerPagesSpaceTheirWords
		// and the language test missed them).
		"card-opening":      {State: StateProcessing, Waiting: true, Card: true, CardOpening: true},
		"card-not-opened":   {State: StateProcessing, Waiting: true, Card: true, CardNotOpened: true},
		"decided-by":        {State: StateProcessing, Waiting: true, DecidedBy: l.DateTime(at)},
		"page-refused":      {State: StateFailed, Card: true, PageRefused: true, Decline: l.T("decline.never_arrived")},
		"cancel-in-doubt":   {State: StateProcessing, Waiting: true, CancelInDoubt: true, CancelBy: CancelByBuyer},
		"cancel-held":       {State: StateAuthorized, Waiting: true, Authorized: usd(1850), AuthorizedAt: at, Card: true, CancelHeld: true},
		"releasing":         {State: StateAuthorized, Authorized: usd(1850), AuthorizedAt: at, Card: true, Releasing: true},
		"capturing":         {State: StateAuthorized, Authorized: usd(1850), AuthorizedAt: at, Card: true, Capturing: usd(1000)},
		"refunding-all":     {State: StatePaid, Charged: usd(1850), ChargedAt: at, Refunding: usd(1850), RefundsOnWay: 1, WholeRefundHead: "result.head_paid_refunding", Method: "GCash 0917****123"},
		"refund-confirming": {State: StatePaid, Charged: usd(1850), ChargedAt: at, RefundConfirming: usd(500), RefundsConfirming: 2, Method: "GCash 0917****123"},
		"refund-failed":     {State: StatePaid, Charged: usd(1850), ChargedAt: at, RefundFailed: usd(500), RefundFailures: 1, Contact: "help@demo-shop.example", Method: "GCash 0917****123"},
		"left-but-paid":     {State: StatePaid, Charged: usd(1850), ChargedAt: at, LeftButPaid: true, Card: true},
		// An order that can no longer be paid (Unpayable): no other way
		// to pay, the checkout page's words instead.
		"used-up-card-page":    {State: StateCardPage, Waiting: true, CardPageURL: "https://open-sea-global.alipay.com/page", Unpayable: "checkout.attempts_used_up"},
		"used-up-expired":      {State: StateCardPage, Waiting: true, Unpayable: "checkout.attempts_used_up"},
		"used-up-failed":       {State: StateFailed, Decline: l.T("decline.card_declined"), Code: "DO_NOT_HONOR", Unpayable: "checkout.attempts_used_up"},
		"used-up-left":         {State: StateCancelled, BuyerCancelled: true, Unpayable: "checkout.attempts_used_up"},
		"used-up-not-opened":   {State: StateProcessing, Waiting: true, Card: true, CardNotOpened: true, Unpayable: "checkout.attempts_used_up"},
		"not-for-sale-unpaid":  {State: StateUnpaid, Unpayable: "checkout.not_for_sale"},
		"used-up-refused-page": {State: StateCancelled, PageRefused: true, Unpayable: "checkout.attempts_used_up"},
		"used-up-cancelling":   {State: StateCancelling, Waiting: true, CancelBy: CancelByBuyer, Unpayable: "checkout.attempts_used_up"},
		"used-up-unconfirmed":  {State: StateUnconfirmed, Decline: l.T("decline.never_arrived"), Code: "ORDER_NOT_EXIST", Unpayable: "checkout.attempts_used_up"},
		"not-for-sale-failed":  {State: StateFailed, Decline: l.T("decline.card_declined"), Code: "DO_NOT_HONOR", Unpayable: "checkout.not_for_sale"},
		// No new payment may start, an earlier one may still pay it.
		"used-up-earlier-failed":    {State: StateFailed, Decline: l.T("decline.card_declined"), Code: "DO_NOT_HONOR", Unpayable: "checkout.attempts_used_up_earlier", EarlierMayPay: true, Live: true},
		"used-up-earlier-contact":   {State: StateUnconfirmed, Decline: l.T("decline.never_arrived"), Code: "ORDER_NOT_EXIST", Unpayable: "checkout.attempts_used_up_earlier", EarlierMayPay: true, Live: true, Contact: "ana@example.com"},
		"not-for-sale-earlier-left": {State: StateCancelled, BuyerCancelled: true, Unpayable: "checkout.not_for_sale_earlier", EarlierMayPay: true, Live: true},
		"given-back": {State: StatePaid, Charged: usd(1850), ChargedAt: at, Method: "GCash 0917****123", GivenBack: []GivenBackLine{
			{Method: WalletNamed{"DANA", "0812****5678"}, Amount: usd(1850), State: GivenBackAsked},
			{Method: WalletNamed{"Visa", "•••• 4242"}, Amount: usd(1850), State: GivenBackRefunded, At: at},
			{Method: WalletNamed{"DANA", "0812****5678"}, Amount: usd(1850), State: GivenBackPartOutside, Given: usd(500), Owed: usd(1350)}}},
	}
	for name, r := range cards {
		r.Ref, r.Key = "ORD-1", "k"
		if r.Charged != "" || r.Authorized != "" {
			r.PaymentID = "2026030411"
		}
		pages["result-"+name] = Result(ResultPage{Page: page("orders"), Order: order, Result: r})
	}

	for _, s := range []string{"PREPARING", "PENDING", "QUIET", "AUTHORIZED", "LINKED", "UNLINKED", "FAILED", "EXPIRED", "SUPERSEDED", "DECLINED"} {
		m := LinkPage{Page: page("wallets"), ID: 7, WalletName: "GCash", Wallet: "GCASH", Status: s, CodeValue: "https://wallet.example/qr/abc",
			ExpiresAt: at, Headline: l.T("link.pending_head", lang.Args{"Wallet": "GCash"}), Detail: SayLive(lang.WithLocalizer(context.Background(), l), "link.pending_detail", lang.Args{"Wallet": "GCash"}), ReturnTo: "/wallets"}
		pages["link-"+s] = Link(m)
		m.Page.Sandbox, m.Page.Phone = false, true
		pages["link-phone-"+s] = Link(m)
		m.OpenURL, m.CodeValue = "https://wallet.example/open", ""
		pages["link-open-"+s] = Link(m)
		m.OnPhone, m.CodeShown, m.LateDecline = true, true, l.T("link.late_decline", lang.Args{"Wallet": "GCash"})
		pages["link-open-late-"+s] = Link(m)
	}
	// Replaced, an agreement to its code still linking (StillLinks).
	gcash := lang.Args{"Wallet": "GCash"}
	for _, onPhone := range []bool{false, true} {
		head, detail := "link.superseded_head", "link.superseded_detail_open"
		if onPhone {
			head, detail = head+"_phone", detail+"_phone"
		}
		pages["link-superseded-open-"+map[bool]string{false: "qr", true: "phone"}[onPhone]] = Link(LinkPage{Page: page("wallets"), ID: 7, WalletName: "GCash", Wallet: "GCASH",
			Status: "SUPERSEDED", StillLinks: true, OnPhone: onPhone, CodeShown: !onPhone, ExpiresAt: at, ReturnTo: "/wallets",
			Headline: l.T(head, gcash), Detail: SayLive(lang.WithLocalizer(context.Background(), l), detail, gcash)})
	}
	return pages
}

// TestBuyerPagesInEveryLanguage renders every buyer page, in every state
// its template shows, in each language: each is <html lang> of its
// language with no English word left on it (lang/langtest).
func TestBuyerPagesInEveryLanguage(t *testing.T) {
	for _, l := range lang.Languages {
		loc := lang.For(l)
		ctx := lang.WithLocalizer(context.Background(), loc)
		for name, comp := range buyerPages(loc) {
			var buf bytes.Buffer
			if err := comp.Render(ctx, &buf); err != nil {
				t.Fatalf("%s %s: %v", l.Code, name, err)
			}
			t.Run(l.Code+"/"+name, func(t *testing.T) {
				langtest.Check(t, buf.String(), l.Code, "Tea & Co.", "GCash", "Kakao Pay", "Touch 'n Go eWallet", "Visa", "ana@example.com")
				if l.Code == "ko" {
					particlesKnown(t, buf.String())
				}
			})
		}
	}
}

// TestPartialCaptureStaysSaidAfterRefunds: after a partial capture, the
// result page of a refunded or settled order still says, in every
// language, that only part was charged and the rest released — next to
// the order's total (the authorization) it would read as if all was paid.
func TestPartialCaptureStaysSaidAfterRefunds(t *testing.T) {
	for _, l := range lang.Languages {
		loc := lang.For(l)
		ctx := lang.WithLocalizer(context.Background(), loc)
		usd := func(minor int64) string { return loc.Money("USD", minor, 2) }
		want := loc.T("result.detail_partial", lang.Args{"Charged": usd(500), "Authorized": usd(1200)})
		for _, state := range []string{StatePaid, StatePartiallyRefunded, StateRefunded, StatePartlySettled, StateSettled} {
			r := ResultCard{Ref: "ORD-1", Key: "k", PaymentID: "P1", State: state, Partial: true, Card: true,
				Charged: usd(500), Authorized: usd(1200), Refunded: usd(200), RefundHandled: usd(200)}
			var buf bytes.Buffer
			if err := Result(ResultPage{Page: Page{Title: "t"}, Result: r}).Render(ctx, &buf); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(pageText(t, &buf), want) {
				t.Errorf("%s %s: the page does not say %q", l.Code, state, want)
			}
		}
	}
}

// TestRefundedWithTheRestSettled: an order refunded through Antom for
// part of it and settled another way for the rest is refunded, and its
// page says, in every language, what was refunded and that the rest was
// settled another way, never that all was refunded through the payment.
func TestRefundedWithTheRestSettled(t *testing.T) {
	for _, l := range lang.Languages {
		loc := lang.For(l)
		ctx := lang.WithLocalizer(context.Background(), loc)
		usd := func(minor int64) string { return loc.Money("USD", minor, 2) }
		r := ResultCard{Ref: "ORD-1", Key: "k", PaymentID: "P1", State: StateRefunded, Charged: usd(1200),
			Refunded: usd(900), RefundHandled: usd(300), RefundsHandled: 1, RestSettled: true}
		var buf bytes.Buffer
		if err := Result(ResultPage{Page: Page{Title: "t"}, Result: r}).Render(ctx, &buf); err != nil {
			t.Fatal(err)
		}
		page := pageText(t, &buf)
		for _, want := range []string{
			loc.T("result.head_refunded"),
			loc.T("result.detail_refunded_rest_settled", lang.Args{"Refunded": usd(900), "Charged": usd(1200)}),
			loc.T("result.refund_handled", lang.Args{"Amount": usd(300)}),
		} {
			if !strings.Contains(page, want) {
				t.Errorf("%s: the page does not say %q", l.Code, want)
			}
		}
		if full := loc.T("result.detail_refunded", lang.Args{"Charged": usd(1200)}); strings.Contains(page, full) {
			t.Errorf("%s: the page says %q", l.Code, full)
		}
	}
}

// pageText is the text of a rendered page's body, as read: a word kept
// whole (lang.Language.Whole) is in a box of its own, its sentence's text
// split across elements.
func pageText(t *testing.T, page *bytes.Buffer) string {
	t.Helper()
	d, err := goquery.NewDocumentFromReader(page)
	if err != nil {
		t.Fatal(err)
	}
	return d.Find("body").Text()
}

// bothForms finds a Korean particle written in both forms and what
// precedes it on the page.
var bothForms = regexp.MustCompile(`(\S*?)(을\(를\)|이\(가\)|은\(는\)|과\(와\)|와\(과\)|\(으\)로)`)

// particlesKnown fails if the Korean page keeps a particle's both forms
// after a word whose reading is known: a digit (an amount, an account),
// a Korean word, or a brand the page names.
func particlesKnown(t *testing.T, page string) {
	t.Helper()
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	text := doc.Find("body").Text()
	for _, m := range bothForms.FindAllStringSubmatch(text, -1) {
		before := []rune(m[1])
		if len(before) == 0 {
			continue
		}
		last := before[len(before)-1]
		known := last >= '0' && last <= '9' || last >= 0xAC00 && last <= 0xD7A3
		for _, name := range []string{"GCash", "Kakao Pay", "Pay", "eWallet", "Visa", "DANA"} {
			known = known || strings.HasSuffix(m[1], name)
		}
		if known {
			t.Errorf("%q keeps both forms after a word Korean knows how to read", m[0])
		}
	}
}
