package checkout

import "slices"

// WalletBrand is an e-wallet buyers can link with Scan to Link.
type WalletBrand struct {
	Code string // Antom's customerBelongsTo / paymentMethodType
	Name string // what buyers call it
}

// walletBrands are the wallets seed 000 lists for Scan to Link.
var walletBrands = [...]WalletBrand{
	{"ALIPAY_CN", "Alipay"},
	{"ALIPAY_HK", "AlipayHK"},
	{"GCASH", "GCash"},
	{"DANA", "DANA"},
	{"KAKAOPAY", "Kakao Pay"},
	{"TNG", "Touch 'n Go eWallet"},
	{"TRUEMONEY", "TrueMoney"},
}

// WalletBrands lists the wallets that can be linked.
func WalletBrands() []WalletBrand { return slices.Clone(walletBrands[:]) }

// BrandName returns a wallet's name, or the code when unknown.
func BrandName(code string) string {
	for _, b := range walletBrands {
		if b.Code == code {
			return b.Name
		}
	}
	return code
}

func knownWallet(code string) bool {
	for _, b := range walletBrands {
		if b.Code == code {
			return true
		}
	}
	return false
}
