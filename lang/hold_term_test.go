package lang

import (
	"strings"
	"testing"
)

// TestCardHoldOneTerm: each Chinese catalog calls the money an
// authorization holds on a card by one word, 凍結 / 冻结 (with 解除 /
// 释放 for its release) — never 圈存, Taiwan's banking term: zh-Hant
// speaks Hong Kong words, where a card's hold is 凍結.
func TestCardHoldOneTerm(t *testing.T) {
	for code, other := range map[string][]string{"zh-Hant": {"圈存", "冻结"}, "zh-Hans": {"圈存", "凍結"}} {
		for id, words := range catalog(t, code) {
			for _, w := range other {
				if strings.Contains(words, w) {
					t.Errorf("%s: %q says %s: %q", code, id, w, words)
				}
			}
		}
	}
}

// TestChineseOneRegister: each Chinese catalog addresses the buyer in one
// register — zh-Hans the polite 您 throughout, zh-Hant the plain 你 (a
// trial read both on one zh-Hant page).
func TestChineseOneRegister(t *testing.T) {
	for code, other := range map[string]string{"zh-Hant": "您", "zh-Hans": "你"} {
		for id, words := range catalog(t, code) {
			if strings.Contains(words, other) {
				t.Errorf("%s: %q says %s: %q", code, id, other, words)
			}
		}
	}
}
