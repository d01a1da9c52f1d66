package proof

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"strconv"
	"strings"

	"antom-checkout/antom/sandbox"
)

// The kinds of fault a schedule draws from (the sandbox's switchboard).
const (
	faultUnknown       = "unknown"        // U UNKNOWN_EXCEPTION, work not done
	faultDrop          = "drop"           // work done, answer dropped (a timeout after the work)
	faultServerError   = "5xx"            // HTTP 500, work not done
	faultLatency       = "latency"        // every call of the API slowed down for the round
	faultNotFound      = "not-found"      // F ORDER_NOT_EXIST from an inquiry or cancel that has not seen the payment yet
	faultNoPage        = "no-page"        // pay does the work but answers without a page address
	faultNotifyDrop    = "notify-drop"    // notifications not delivered (sent again later)
	faultNotifyDup     = "notify-dup"     // notifications delivered twice at once
	faultNotifyReorder = "notify-reorder" // notifications held back behind later ones
	faultNotifyBadSig  = "notify-badsig"  // notifications with a signature that does not verify
)

// faultKinds lists every kind, in the order FaultMix.String writes them.
var faultKinds = []string{faultUnknown, faultDrop, faultServerError, faultLatency, faultNotFound, faultNoPage,
	faultNotifyDrop, faultNotifyDup, faultNotifyReorder, faultNotifyBadSig}

// faultAPIs are the APIs the app calls, each as often as it is listed: a
// round's API fault hits one of them, or every API ("*").
var faultAPIs = []string{
	"payments/pay", "payments/pay", "payments/pay",
	"payments/inquiryPayment", "payments/inquiryPayment",
	"payments/cancel", "payments/refund", "payments/refund", "payments/inquiryRefund",
	"payments/capture", "payments/capture", "authorizations/consult", "authorizations/applyToken", "*",
}

// FaultMix weighs the kinds of fault the schedule draws from; a kind
// with weight 0 (or absent) never fires.
type FaultMix map[string]int

// DefaultFaultMix is every kind, U answers and dropped answers most.
func DefaultFaultMix() FaultMix {
	return FaultMix{faultUnknown: 3, faultDrop: 3, faultServerError: 2, faultLatency: 2, faultNotFound: 1, faultNoPage: 1,
		faultNotifyDrop: 2, faultNotifyDup: 2, faultNotifyReorder: 1, faultNotifyBadSig: 2}
}

// ParseFaultMix reads "unknown=3,drop=2,…"; "none" is no fault at all.
func ParseFaultMix(s string) (FaultMix, error) {
	m := FaultMix{}
	if strings.TrimSpace(s) == "none" {
		return m, nil
	}
	for part := range strings.SplitSeq(s, ",") {
		kind, weight, ok := strings.Cut(strings.TrimSpace(part), "=")
		n, err := strconv.Atoi(weight)
		if !ok || err != nil || n < 0 {
			return nil, fmt.Errorf("fault mix %q: want kind=weight, e.g. unknown=3", part)
		}
		if !slices.Contains(faultKinds, kind) {
			return nil, fmt.Errorf("fault mix: unknown kind %q (kinds: %s)", kind, strings.Join(faultKinds, ", "))
		}
		m[kind] = n
	}
	return m, nil
}

// String writes the mix as ParseFaultMix reads it.
func (m FaultMix) String() string {
	var parts []string
	for _, k := range faultKinds {
		if m[k] > 0 {
			parts = append(parts, fmt.Sprintf("%s=%d", k, m[k]))
		}
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, ",")
}

// faultRound is one setting of the switchboard and what it says in words.
type faultRound struct {
	doc  sandbox.FaultsDoc
	desc string
}

// schedule draws rounds settings of the switchboard from the seed: each
// resets the faults, then arms one to three kinds from the mix. The same
// seed, rounds and mix give the same schedule.
func schedule(seed int64, rounds int, mix FaultMix) []faultRound {
	rng := rand.New(rand.NewPCG(uint64(seed), 0x5eed))
	total := 0
	for _, k := range faultKinds {
		total += mix[k]
	}
	out := make([]faultRound, rounds)
	for i := range out {
		doc := sandbox.FaultsDoc{Reset: true, API: map[string]sandbox.APIFaultDoc{}, Notify: &sandbox.NotifyFault{}}
		var desc []string
		for range 1 + rng.IntN(3) {
			if total == 0 {
				break
			}
			desc = append(desc, arm(rng, &doc, pick(rng, mix, total)))
		}
		if len(desc) == 0 {
			desc = []string{"no fault"}
		}
		sort.Strings(desc)
		out[i] = faultRound{doc: doc, desc: strings.Join(desc, ", ")}
	}
	return out
}

// pick draws a kind by weight.
func pick(rng *rand.Rand, mix FaultMix, total int) string {
	n := rng.IntN(total)
	for _, k := range faultKinds {
		if n < mix[k] {
			return k
		}
		n -= mix[k]
	}
	panic("unreachable")
}

// arm adds one fault of kind to doc and describes it.
func arm(rng *rand.Rand, doc *sandbox.FaultsDoc, kind string) string {
	n := 2 + rng.IntN(7)
	switch kind {
	case faultNotifyDrop:
		doc.Notify.DropNext += n
	case faultNotifyDup:
		doc.Notify.DuplicateNext += n
	case faultNotifyReorder:
		doc.Notify.ReorderNext += n
	case faultNotifyBadSig:
		doc.Notify.CorruptSignatureNext += n
	case faultNotFound:
		api := []string{"payments/inquiryPayment", "payments/cancel", "payments/inquiryRefund"}[rng.IntN(3)]
		f := doc.API[api]
		f.NotFoundNext += n
		doc.API[api] = f
		return fmt.Sprintf("%s×%d on %s", kind, n, api)
	case faultNoPage:
		f := doc.API["payments/pay"]
		f.NoPageNext += n
		doc.API["payments/pay"] = f
		return fmt.Sprintf("%s×%d on payments/pay", kind, n)
	default:
		api := faultAPIs[rng.IntN(len(faultAPIs))]
		f := doc.API[api]
		switch kind {
		case faultUnknown:
			f.UnknownNext += n
		case faultDrop:
			f.DropNext += n
		case faultServerError:
			f.ServerErrorNext += n
		case faultLatency:
			f.Latency = int64(50 + rng.IntN(750))
			doc.API[api] = f
			return fmt.Sprintf("%s %dms on %s", kind, f.Latency, api)
		}
		doc.API[api] = f
		return fmt.Sprintf("%s×%d on %s", kind, n, api)
	}
	return fmt.Sprintf("%s×%d", kind, n)
}
