package lang

import (
	"testing"
	"time"
)

// What a buyer page pays for its words: one message with arguments, an
// amount and a moment, in Korean (matching the language each time, as
// every call does).
func BenchmarkT(b *testing.B) {
	ko := For(Languages[3])
	args := Args{"Wallet": "Kakao Pay 010-****-5678"}
	for b.Loop() {
		ko.T("result.head_processing_wallet", args)
	}
}

func BenchmarkMoney(b *testing.B) {
	ko := For(Languages[3])
	for b.Loop() {
		ko.Money("USD", 1850, 2)
	}
}

func BenchmarkDateTime(b *testing.B) {
	ko := For(Languages[3])
	at := time.Date(2026, 12, 1, 15, 4, 0, 0, time.UTC)
	for b.Loop() {
		ko.DateTime(at)
	}
}
