package lang

import (
	"maps"
	"slices"
	"strings"
	"testing"
)

// Chinese says linking a wallet one way in each script — 绑定 and 綁定,
// as every button that links does — never 关联 (Simplified) nor 連結
// beside 綁定 (Traditional, where 連結 is a web link): a refusal that told
// the buyer the link could not be "关联" under a page headed "绑定" read
// as two things. A message Simplified Chinese says 绑定 in says 綁定 in
// Traditional, and no Simplified message says 关联.
func TestChineseSaysLinkingOneWay(t *testing.T) {
	hans, hant := catalog(t, "zh-Hans"), catalog(t, "zh-Hant")
	links := 0
	for _, id := range slices.Sorted(maps.Keys(hans)) {
		if strings.Contains(hans[id], "关联") {
			t.Errorf("zh-Hans %s calls linking 关联, not 绑定: %q", id, hans[id])
		}
		if !strings.Contains(hans[id], "绑定") {
			continue
		}
		links++
		if words := hant[id]; !strings.Contains(words, "綁定") || strings.Contains(words, "連結") {
			t.Errorf("zh-Hant %s does not call linking 綁定 alone: %q", id, words)
		}
	}
	if links < 20 {
		t.Fatalf("only %d Simplified messages speak of linking: the catalogs were not read", links)
	}
}
