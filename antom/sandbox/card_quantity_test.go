package sandbox

import (
	"reflect"
	"testing"
)

// An order's description is cut at its quantity, with the spaces that
// join it to the item — no-break ones too, as Thai's catalog writes
// them — so that the card page keeps it on the item's line.
func TestDescriptionPartsKeepTheQuantity(t *testing.T) {
	type p = descriptionPart
	for _, c := range []struct {
		desc string
		want []p
	}{
		{"กาน้ำชาโทโคนาเมะ ×\u00a01", []p{{"กาน้ำชาโทโคนาเมะ", false}, {" ×\u00a01", true}}},
		{"2 × Ceremonial matcha", []p{{"2 × ", true}, {"Ceremonial matcha", false}}},
		{"Tea set", []p{{"Tea set", false}}},
		{"", nil},
	} {
		if got := (cardView{Description: c.desc}).DescriptionParts(); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%q: %+v, want %+v", c.desc, got, c.want)
		}
	}
}
