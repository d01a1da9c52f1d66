package sandbox

import (
	"reflect"
	"testing"
)

// An order's description is cut at its quantity, with the spaces that
// join it to the item — no-break ones too, as Thai's catalog writes
// them — so that the card page keeps it on the item's line; and its
// words kept whole (lang.Language.Whole: Thai's "โทโคนาเมะ") are parts
// of their own, which the page boxes — one beside the quantity goes in the
// quantity's part, which keeps both on one line.
func TestDescriptionPartsKeepTheQuantityAndWholeWords(t *testing.T) {
	type p = descriptionPart
	for _, c := range []struct {
		desc string
		want []p
	}{
		{"กาน้ำชาโทโคนาเมะ ×\u00a01", []p{{"กาน้ำชา", false, true}, {"โทโคนาเมะ ×\u00a01", true, false}}},
		{"แก้วเคลือบอีนาเมลสำหรับแคมป์ ×\u00a02", []p{{"แก้วเคลือบ", false, false}, {"อีนาเมล", false, true}, {"สำหรับ", false, false}, {"แคมป์ ×\u00a02", true, false}}},
		{"2 × Ceremonial matcha", []p{{"2 × ", true, false}, {"Ceremonial matcha", false, false}}},
		{"2 × มัทฉะเกรดพิธีชงชา", []p{{"2 × มัทฉะ", true, false}, {"เกรด", false, false}, {"พิธีชงชา", false, true}}},
		{"กาน้ำชาโทโคนาเมะ\u00a0×\u00a01", []p{{"กาน้ำชา", false, true}, {"โทโคนาเมะ\u00a0×\u00a01", true, false}}},
		{"1 × กาน้ำชาโทโคนาเมะ", []p{{"1 × กาน้ำชา", true, false}, {"โทโคนาเมะ", false, true}}},
		{"Tea set", []p{{"Tea set", false, false}}},
		{"", nil},
	} {
		if got := (cardView{Description: c.desc}).DescriptionParts(); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%q: %+v, want %+v", c.desc, got, c.want)
		}
	}
}
