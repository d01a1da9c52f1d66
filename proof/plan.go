package proof

import (
	"math/rand/v2"

	"antom-checkout/antom/sandbox"
)

// Ways a job pays.
const (
	payByWallet = "wallet" // one click with the linked wallet
	payByCard   = "card"   // Antom's hosted card page (or a kept card)
	payInTabs   = "tabs"   // wallet and card at once, from two tabs of one order
	linkAgain   = "link"   // no order: link the wallet once more (Scan to Link)
)

// What staff do with a paid (or authorised) order.
const (
	refundPart  = "refund part"
	refundFull  = "refund all"
	refundTwice = "refund, form sent twice"
	refundOver  = "two refunds, more than was paid"
	captureFull = "capture all"
	capturePart = "capture part"
	voidAuth    = "void"
)

// job is one buyer's errand: an order, how it is paid and what staff do
// with it afterwards.
type job struct {
	n       int
	buyer   int // index into the buyers; guest for a card payment by a guest
	guest   bool
	product string
	qty     int
	how     string
	double  bool // double-click the pay button
	check   bool // press "check again" while it is processing
	retry   bool // pay again once after a failure
	card    cardPay
	staff   string // a refund*, capture* or void constant, or ""
	refund  string // after a capture: a refund* constant, or ""
}

// workload is what a run drives: the jobs before and after the app
// restarts with CAPTURE_MODE=MANUAL.
type workload struct {
	automatic, manual []job
}

// walletProducts are the catalogue items one-click payments buy, by
// weight: mostly US dollars, the cold brew kit (…91: U then success on
// the sandbox) among them, some yen.
var walletProducts = []string{"coffee", "mug", "notebook", "notebook", "coldbrew", "coffee", "mug", "matcha", "furoshiki", "teapot"}

// planWorkload draws the jobs from the seed: wallet payments (the last
// sixth after the restart) and card payments (half before, half after),
// shuffled together in each phase. buyers is how many signed-in buyers
// there are.
func planWorkload(seed int64, wallet, card, buyers int) workload {
	rng := rand.New(rand.NewPCG(uint64(seed), 0x10b5))
	var w workload
	walletBefore := wallet - wallet/6
	for i := 0; i < wallet; i++ {
		j := walletJob(rng, buyers)
		if i < walletBefore {
			w.automatic = append(w.automatic, j)
		} else {
			w.manual = append(w.manual, j)
		}
	}
	for i := 0; i < card; i++ {
		manual := i >= card/2
		j := cardJob(rng, buyers, manual)
		if manual {
			w.manual = append(w.manual, j)
		} else {
			w.automatic = append(w.automatic, j)
		}
	}
	for _, phase := range []*[]job{&w.automatic, &w.manual} {
		rng.Shuffle(len(*phase), func(a, b int) { (*phase)[a], (*phase)[b] = (*phase)[b], (*phase)[a] })
	}
	n := 0
	for _, phase := range [][]job{w.automatic, w.manual} {
		for i := range phase {
			n++
			phase[i].n = n
		}
	}
	return w
}

// walletJob is a one-click payment, sometimes double-clicked, sometimes
// from two tabs at once, sometimes refunded.
func walletJob(rng *rand.Rand, buyers int) job {
	j := job{buyer: rng.IntN(buyers), product: walletProducts[rng.IntN(len(walletProducts))], qty: 1, how: payByWallet}
	if rng.IntN(8) == 0 {
		j.qty = 2
	}
	j.double = rng.IntN(7) == 0
	j.check = rng.IntN(10) == 0
	j.retry = rng.IntN(2) == 0
	if rng.IntN(20) == 0 {
		j.how = payInTabs
		j.card = cardPay{number: cardVisa}
	}
	j.staff = refundChoice(rng, 7)
	return j
}

// cardJob is a hosted card payment: a test card, 3-D Secure or not, a
// kept card, now and then a page left without paying; AUTOMATIC orders
// may be refunded, MANUAL ones captured (then maybe refunded) or voided.
func cardJob(rng *rand.Rand, buyers int, manual bool) job {
	j := job{buyer: rng.IntN(buyers), product: walletProducts[rng.IntN(len(walletProducts))], qty: 1, how: payByCard}
	j.guest = rng.IntN(10) < 3
	switch n := rng.IntN(100); {
	case n < 35:
		j.card.number = cardVisa
	case n < 50:
		j.card.number = cardMastercard
	case n < 70:
		j.card.number, j.card.code = card3DS, code3DS
	case n < 75:
		j.card.number, j.card.code = card3DS, "000000"
	case n < 85:
		j.card.number = cardDeclined
	case n < 90:
		j.card.number = cardNoFunds
	case n < 98:
		j.card.number, j.card.keptCard = cardVisa, "kept" // a kept card if the buyer has one
	default:
		j.card.number, j.card.abandon = cardVisa, true
	}
	if j.guest {
		j.card.keptCard = ""
	} else if j.card.keptCard == "" {
		j.card.keep = rng.IntN(5) == 0
	}
	j.retry = rng.IntN(3) == 0
	if !manual {
		j.staff = refundChoice(rng, 7)
		return j
	}
	switch n := rng.IntN(100); {
	case n < 40:
		j.staff = captureFull
	case n < 60:
		j.staff = capturePart
	case n < 85:
		j.staff = voidAuth
	}
	if j.staff == captureFull || j.staff == capturePart {
		j.refund = refundChoice(rng, 4)
	}
	return j
}

// refundChoice draws a refund one time in every: part, all, the form
// sent twice, or two refunds adding up to more than was paid.
func refundChoice(rng *rand.Rand, every int) string {
	if rng.IntN(every) != 0 {
		return ""
	}
	return []string{refundPart, refundPart, refundFull, refundFull, refundTwice, refundTwice, refundOver}[rng.IntN(7)]
}

// proofUsers are the sandbox test users the buyers link: every funded
// one, then one low-balance user so that some payments are refused.
func proofUsers() []sandbox.TestUser {
	var funded, poor []sandbox.TestUser
	for _, u := range sandbox.TestUsers() {
		if u.Balances["USD"] >= 100000 {
			funded = append(funded, u)
		} else {
			poor = append(poor, u)
		}
	}
	return append(funded, poor[0])
}
