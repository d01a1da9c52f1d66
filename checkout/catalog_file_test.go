package checkout

import (
	"os"
	"strconv"
	"strings"
	"testing"
)

// goodProduct is one product of a catalogue file, written out whole;
// cases change one thing in it.
const goodProduct = `
[[product]]
slug = "green-tea"
price = 1250
currency = "USD"
icon = "teapot"
[product.name]
en = "Green tea"
th = "ชาเขียว"
[product.description]
en = "100 g of sencha."
`

// A catalogue file with a mistake anywhere is refused whole, with one
// line naming the file, the product and the field.
func TestCatalogFileRefusals(t *testing.T) {
	cases := []struct{ name, file, want string }{
		{"unknown key", strings.Replace(goodProduct, `icon = "teapot"`, `icon = "teapot"`+"\nimage = \"https://x.example/a.png\"", 1), `line 7: product "green-tea": unknown key "product.image"`},
		{"unknown top key", "shop = 1\n" + goodProduct, `line 1: unknown key "shop"`},
		{"unknown key in the second product", goodProduct + strings.Replace(strings.Replace(goodProduct, "green-tea", "oolong", 1), "[product.description]", "[product.descripton]", 1), `line 21: product "oolong": unknown key "product.descripton"`},
		{"bad currency", strings.Replace(goodProduct, `"USD"`, `"XYZ"`, 1), `product "green-tea": currency "XYZ": not one this shop takes`},
		{"lower-case currency", strings.Replace(goodProduct, `"USD"`, `"usd"`, 1), `product "green-tea": currency "usd"`},
		{"zero price", strings.Replace(goodProduct, "1250", "0", 1), `product "green-tea": price 0: must be above 0`},
		{"negative price", strings.Replace(goodProduct, "1250", "-5", 1), `product "green-tea": price -5: must be above 0`},
		{"price not whole", strings.Replace(goodProduct, "1250", "12.50", 1), `line 4: product #1: price = 12.50: must be a whole number of the currency's minor units, without quotes or a decimal point`},
		{"price in quotes", strings.Replace(goodProduct, "1250", `"1250"`, 1), `line 4: product #1: price = "1250": must be a whole number`},
		{"currency as a number", strings.Replace(goodProduct, `"USD"`, `840`, 1), `product #1: currency = 840: must be text in double quotes`},
		{"duplicate slug", goodProduct + goodProduct, `product #2: slug "green-tea": a second product with the same slug`},
		{"no English name", strings.Replace(goodProduct, `en = "Green tea"`, ``, 1), `product "green-tea": name.en: missing`},
		{"no name at all", strings.Replace(strings.Replace(goodProduct, `en = "Green tea"`, ``, 1), `th = "ชาเขียว"`, ``, 1), `product "green-tea": name.en: missing`},
		{"declared default missing", "default_language = \"th\"\n" + strings.Replace(goodProduct, `th = "ชาเขียว"`, ``, 1), `product "green-tea": name.th: missing`},
		{"slug with capitals", strings.Replace(goodProduct, `"green-tea"`, `"Green-Tea"`, 1), `product #1: slug "Green-Tea": use lower-case letters`},
		{"slug with slash", strings.Replace(goodProduct, `"green-tea"`, `"tea/../x"`, 1), `product #1: slug "tea/../x"`},
		{"slug with space", strings.Replace(goodProduct, `"green-tea"`, `"green tea"`, 1), `product #1: slug "green tea"`},
		{"no slug", strings.Replace(goodProduct, `slug = "green-tea"`, ``, 1), `product #1: slug: missing`},
		{"test payment's slug", strings.Replace(goodProduct, `"green-tea"`, `"test-payment"`, 1), `slug "test-payment": taken by the sandbox's test payment`},
		{"icon URL", strings.Replace(goodProduct, `"teapot"`, `"https://x.example/a.svg"`, 1), `product "green-tea": icon "https://x.example/a.svg": not one of`},
		{"unknown language", strings.Replace(goodProduct, `th = `, `fr = `, 1), `product "green-tea": name.fr: "fr" is not one of`},
		{"markup-free lines", strings.Replace(goodProduct, `"Green tea"`, `"Green\ntea"`, 1), `name.en: U+000A at character 6: must be text on one line`},
		{"direction override", strings.Replace(goodProduct, `"Green tea"`, `"Green \u202Etea"`, 1), `name.en: U+202E at character 7`},
		{"bad default language", "default_language = \"fr\"\n" + goodProduct, `default_language "fr" is not one of`},
		{"no products", "default_language = \"en\"\n", `no [[product]]`},
		{"not TOML", "[[product]\n", `line 1`},
		{"tagline in an unknown language", "[tagline]\nen = \"Teas\"\nfr = \"Thés\"\n" + goodProduct, `tagline.fr: "fr" is not one of`},
		{"tagline without the default language's", "[tagline]\nth = \"ชา\"\n" + goodProduct, `tagline.en: missing`},
		{"tagline on two lines", "[tagline]\nen = \"Teas\\nand more\"\n" + goodProduct, `tagline.en: U+000A at character 5`},
		// A merchant's trial: each said what to write, not the decoder's terms.
		{"name as text", strings.Replace(goodProduct, "[product.name]\nen = \"Green tea\"\nth = \"ชาเขียว\"\n", "name = \"Green tea\" # the name\n", 1),
			`line 7: product #1: name = "Green tea": must be words by language: a line [product.name], then a line for each language (en = "…")`},
		{"tagline as text", "tagline = \"Teas\"\n" + goodProduct, `line 1: tagline = "Teas": must be words by language: a line [tagline]`},
		{"words as a list", strings.Replace(goodProduct, `en = "Green tea"`, `en = ["Green tea"]`, 1), `name: each language's words must be text in double quotes (en = "…"), not a list`},
		{"price below any number", strings.Replace(goodProduct, "1250", "-99999999999999999999", 1), `line 4: product #1: price = -99999999999999999999: must be above 0`},
		{"a quoted # is no comment", strings.Replace(goodProduct, "1250", `'12#50' # the price`, 1), `line 4: product #1: price = '12#50': must be a whole number`},
		{"an escaped backslash ends its string", strings.Replace(goodProduct, "1250", `"a\\" # x"`, 1), `price = "a\\": must be a whole number`},
		{"an escaped quote does not", strings.Replace(goodProduct, "1250", `"a\" # x" # y`, 1), `price = "a\" # x": must be a whole number`},
		{"price past any number", strings.Replace(goodProduct, "1250", "99999999999999999999", 1), `line 4: product #1: price = 99999999999999999999: too high (at most 100000000000)`},
		{"one bracket", strings.Replace(goodProduct, "[[product]]", "[product]", 1), `line 2: [product] must be [[product]]: two brackets`},
		{"no currency", strings.Replace(goodProduct, "currency = \"USD\"\n", "", 1), `product "green-tea": currency: missing (one of`},
		{"a name nothing of which shows", strings.Replace(goodProduct, `"Green tea"`, `"\u200b \u200d"`, 1), `name.en: empty, or nothing in it shows`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, err := ParseCatalog("shop.toml", []byte(tc.file))
			if err == nil {
				t.Fatalf("accepted: %+v", c)
			}
			if !strings.HasPrefix(err.Error(), "catalog shop.toml: ") || !strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), "\n") {
				t.Fatalf("error %q, want one line naming the file and %q", err, tc.want)
			}
		})
	}
}

// The README's example file reads, and a language a product does not
// give says the default language's words.
func TestCatalogExampleFile(t *testing.T) {
	c, err := LoadCatalog("../catalog.example.toml")
	check(t, err)
	if len(c.Products) != 3 {
		t.Fatalf("%d products, want 3", len(c.Products))
	}
	p := c.Products[0]
	assertEqual(t, p.Slug, "house-blend", "first product")
	assertEqual(t, p.Price, Money{"USD", 1600}, "its price")
	name, about := p.Words("th")
	assertEqual(t, name, "กาแฟเบลนด์ประจำร้าน", "Thai name")
	assertEqual(t, about, "เมล็ดกาแฟทั้งเมล็ด 500 กรัม คั่วตามสั่ง", "Thai description")
	name, about = p.Words("ko")
	assertEqual(t, name, "하우스 블렌드 커피", "Korean name")
	assertEqual(t, about, "500 g of whole beans, roasted to order.", "Korean description (English's)")
	assertEqual(t, c.Products[2].Icon, "parcel", "icon when none is named")
	assertEqual(t, c.Products[2].Price, Money{"JPY", 5000}, "yen price")
	if _, err := LoadCatalog("no-such-catalog.toml"); err == nil || !strings.Contains(err.Error(), "catalog no-such-catalog.toml: ") {
		t.Fatalf("missing file: %v", err)
	}
}

// Every icon a catalogue file may name is a picture the app serves.
func TestCatalogIconsAreServed(t *testing.T) {
	for _, icon := range CatalogIcons {
		if _, err := os.Stat("../static/img/products/" + icon + ".svg"); err != nil {
			t.Errorf("icon %s: %v", icon, err)
		}
	}
}

// Names pasted from real text keep their spaces: a no-break space (as the
// app's own catalogs write), CJK's full-width space, the zero-width space
// Thai text carries and an emoji's zero-width joiner are text, not
// refused as unprintable.
func TestCatalogFileTakesEverySpaceOfRealText(t *testing.T) {
	for _, name := range []string{"Green\u00a0tea", "緑茶\u3000特選", "ชา\u200bเขียว", "Tea 👩\u200d🍳"} {
		file := strings.Replace(goodProduct, `"Green tea"`, strconv.Quote(name), 1)
		if _, err := ParseCatalog("shop.toml", []byte(file)); err != nil {
			t.Errorf("%q refused: %v", name, err)
		}
	}
}

// A file saved with a byte-order mark (Windows' Notepad saves UTF-8 so)
// reads as without it.
func TestCatalogFileWithAByteOrderMark(t *testing.T) {
	c, err := ParseCatalog("shop.toml", []byte("\ufeff"+goodProduct))
	if err != nil || len(c.Products) != 1 || c.Products[0].Slug != "green-tea" {
		t.Fatalf("with a byte-order mark: %+v, %v", c, err)
	}
}
