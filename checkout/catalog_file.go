package checkout

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"os"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/pelletier/go-toml/v2"

	"antom-checkout/db"
	"antom-checkout/lang"
)

// Catalog is a merchant's own catalogue, read from the file the CATALOG
// setting names (README: Your own catalogue): the products for sale, in
// the file's order, with their words in the buyer pages' languages.
type Catalog struct {
	// Default is the language whose words stand in for a language the
	// file does not give: "en" unless the file says default_language.
	Default  string
	Products []CatalogProduct
	// Taglines are the storefront's line about the shop by language
	// (the file's [tagline]); none: the storefront says only how to pay.
	Taglines map[string]string
	// places is each product's index in Products by slug (place).
	places map[string]int
	// rows is the product row this instance sells each slug on: the
	// one SyncCatalog left at its start (pinned). nil until then.
	rows map[string]int64
}

// row is the product row this instance sells slug on (SyncCatalog's);
// ok is false without a file (c nil), before any sync, or for a slug not
// in the file.
func (c *Catalog) row(slug string) (id int64, ok bool) {
	if c == nil {
		return 0, false
	}
	id, ok = c.rows[slug]
	return id, ok
}

// Tagline is the storefront's line about the shop in language code, the
// default language's when the file gives none in it, "" when the file
// has no [tagline].
func (c *Catalog) Tagline(code string) string {
	if t, ok := c.Taglines[code]; ok {
		return t
	}
	return c.Taglines[c.Default]
}

// CatalogProduct is one product of a Catalog.
type CatalogProduct struct {
	Slug     string
	Price    Money
	Icon     string // one of CatalogIcons; "parcel" when the file names none
	Names    map[string]string
	Abouts   map[string]string
	Language string // the catalogue's default language
}

// CatalogIcons are the icons a product of a catalogue file may name: the
// pictures static/img/products holds. A file names one of them, never a
// URL or markup.
var CatalogIcons = []string{"coffee", "mug", "notebook", "matcha", "cloth", "teapot", "coldbrew", "parcel"}

// catalogFile is the file as written; toml.Decoder's strict mode refuses
// any key not here.
type catalogFile struct {
	DefaultLanguage string            `toml:"default_language"`
	Tagline         map[string]string `toml:"tagline"`
	Product         []catalogItem     `toml:"product"`
}

type catalogItem struct {
	Slug        string            `toml:"slug"`
	Price       int64             `toml:"price"`
	Currency    string            `toml:"currency"`
	Icon        string            `toml:"icon"`
	Name        map[string]string `toml:"name"`
	Description map[string]string `toml:"description"`
}

// listInWords matches the decoder's words for a list given where a
// language's words go (en = ["…"]), which name no line: its submatch is
// the field (Name, Description, Tagline).
var listInWords = regexp.MustCompile(`cannot decode TOML array into struct field checkout\.\w+\.(Name|Description|Tagline) of type map\[string\]string`)

// catalogSlug is a product's stable id: lower-case letters, digits and
// single hyphens, at most 64 characters (it is in form values and URLs).
var catalogSlug = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)

const (
	maxCatalogSlug     = 64
	maxCatalogName     = 120
	maxCatalogAbout    = 500
	maxCatalogTagline  = 200
	maxCatalogProducts = 500
	// maxCatalogPrice keeps ten of a product (an order's most) far
	// from int64's end.
	maxCatalogPrice = 100_000_000_000
)

// LoadCatalog reads and checks the catalogue file at path. Its error
// names the file, and the product and field at fault.
func LoadCatalog(path string) (*Catalog, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("catalog %s: %w", path, errors.Unwrap(err))
	}
	return ParseCatalog(path, data)
}

// ParseCatalog checks a catalogue file's contents (data, read from the
// file name). Every problem it reports names the file, and the product
// (by slug, or by its place when the slug is the problem) and the field.
func ParseCatalog(name string, data []byte) (*Catalog, error) {
	fail := func(format string, args ...any) error {
		return fmt.Errorf("catalog %s: "+format, append([]any{name}, args...)...)
	}
	var f catalogFile
	data = bytes.TrimPrefix(data, []byte("\ufeff")) // a byte-order mark, as Windows' Notepad saves UTF-8
	dec := toml.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		var strict *toml.StrictMissingError
		if errors.As(err, &strict) && len(strict.Errors) > 0 {
			e := strict.Errors[0]
			row, _ := e.Position()
			return nil, fail("line %d: %sunknown key %q (README: Your own catalogue lists the keys)", row, productAt(data, row), strings.Join(e.Key(), "."))
		}
		var de *toml.DecodeError
		if errors.As(err, &de) {
			row, _ := de.Position()
			if wrong := wrongType(data, row, de.Error()); wrong != "" {
				return nil, fail("line %d: %s%s", row, productAt(data, row), wrong)
			}
			if strings.Contains(de.Error(), "cannot store a table in a slice") {
				return nil, fail("line %d: [product] must be [[product]]: two brackets, on the line before each product", row)
			}
			return nil, fail("line %d: %s", row, de.Error())
		}
		if m := listInWords.FindStringSubmatch(err.Error()); m != nil {
			return nil, fail("%s: each language's words must be text in double quotes (en = \"…\"), not a list", strings.ToLower(m[1]))
		}
		return nil, fail("%v", err)
	}
	c := &Catalog{Default: lang.English.Code}
	if f.DefaultLanguage != "" {
		if !knownLanguage(f.DefaultLanguage) {
			return nil, fail("default_language %q is not one of %s", f.DefaultLanguage, languageCodes())
		}
		c.Default = f.DefaultLanguage
	}
	if err := checkWords("tagline", f.Tagline, c.Default, maxCatalogTagline, false); err != nil {
		return nil, fail("%v", err)
	}
	c.Taglines = f.Tagline
	if len(f.Product) == 0 {
		return nil, fail("no [[product]]: a catalogue sells at least one")
	}
	if len(f.Product) > maxCatalogProducts {
		return nil, fail("%d products, at most %d", len(f.Product), maxCatalogProducts)
	}
	seen := map[string]bool{}
	for i, it := range f.Product {
		p, err := it.check(c.Default)
		if err != nil {
			who := fmt.Sprintf("product %q", it.Slug)
			if it.Slug == "" || !catalogSlug.MatchString(it.Slug) {
				who = fmt.Sprintf("product #%d", i+1)
			}
			return nil, fail("%s: %v", who, err)
		}
		if seen[p.Slug] {
			return nil, fail("product #%d: slug %q: a second product with the same slug", i+1, p.Slug)
		}
		seen[p.Slug] = true
		c.Products = append(c.Products, p)
	}
	c.places = make(map[string]int, len(c.Products))
	for i, p := range c.Products {
		c.places[p.Slug] = i
	}
	return c, nil
}

// check is one product of the file, or what is wrong with it, field
// first.
func (it catalogItem) check(def string) (CatalogProduct, error) {
	switch {
	case it.Slug == "":
		return CatalogProduct{}, errors.New("slug: missing")
	case len(it.Slug) > maxCatalogSlug || !catalogSlug.MatchString(it.Slug):
		return CatalogProduct{}, fmt.Errorf("slug %q: use lower-case letters a-z, digits and single hyphens, at most %d characters", it.Slug, maxCatalogSlug)
	case it.Slug == db.TestPaymentSlug:
		return CatalogProduct{}, fmt.Errorf("slug %q: taken by the sandbox's test payment", it.Slug)
	}
	digits, ok := minorUnits[it.Currency]
	if it.Currency == "" {
		return CatalogProduct{}, fmt.Errorf("currency: missing (one of %s)", strings.Join(catalogCurrencies(), ", "))
	}
	if !ok {
		return CatalogProduct{}, fmt.Errorf("currency %q: not one this shop takes (%s)", it.Currency, strings.Join(catalogCurrencies(), ", "))
	}
	if it.Price <= 0 {
		return CatalogProduct{}, fmt.Errorf("price %d: must be above 0, in minor units of %s (%d decimals: 1850 is %s)", it.Price, it.Currency, digits, Money{it.Currency, 1850})
	}
	if it.Price > maxCatalogPrice {
		return CatalogProduct{}, fmt.Errorf("price %d: too high (at most %d)", it.Price, int64(maxCatalogPrice))
	}
	icon := it.Icon
	if icon == "" {
		icon = "parcel"
	}
	if !slices.Contains(CatalogIcons, icon) {
		return CatalogProduct{}, fmt.Errorf("icon %q: not one of %s", it.Icon, strings.Join(CatalogIcons, ", "))
	}
	if err := checkWords("name", it.Name, def, maxCatalogName, true); err != nil {
		return CatalogProduct{}, err
	}
	if err := checkWords("description", it.Description, def, maxCatalogAbout, false); err != nil {
		return CatalogProduct{}, err
	}
	return CatalogProduct{Slug: it.Slug, Price: Money{it.Currency, it.Price}, Icon: icon,
		Names: it.Name, Abouts: it.Description, Language: def}, nil
}

// checkWords checks a product's name or description, or the shop's
// tagline, by language: known
// language codes only, printable text on one line, the default
// language's present when required.
func checkWords(field string, words map[string]string, def string, limit int, required bool) error {
	for code, s := range words {
		if !knownLanguage(code) {
			return fmt.Errorf("%s.%s: %q is not one of %s", field, code, code, languageCodes())
		}
		if !visible(s) { // refund_handled.go's rule for staff notes
			return fmt.Errorf("%s.%s: empty, or nothing in it shows (only spaces or invisible characters)", field, code)
		}
		if n := utf8.RuneCountInString(s); n > limit {
			return fmt.Errorf("%s.%s: %d characters, at most %d", field, code, n, limit)
		}
		if at, r, bad := notText(s); bad {
			return fmt.Errorf("%s.%s: %U at character %d: must be text on one line (no line breaks, control or direction-override characters)", field, code, r, at)
		}
	}
	if _, ok := words[def]; !ok && (required || len(words) > 0) {
		return fmt.Errorf("%s.%s: missing (the default language's words stand in for the others)", field, def)
	}
	return nil
}

func knownLanguage(code string) bool {
	return slices.ContainsFunc(lang.Languages, func(l lang.Language) bool { return l.Code == code })
}

func languageCodes() string {
	codes := make([]string, len(lang.Languages))
	for i, l := range lang.Languages {
		codes[i] = l.Code
	}
	return strings.Join(codes, ", ")
}

// catalogCurrencies are the currencies a product may be priced in,
// sorted.
func catalogCurrencies() []string {
	out := make([]string, 0, len(minorUnits))
	for c := range minorUnits {
		out = append(out, c)
	}
	slices.Sort(out)
	return out
}

// Words are the product's name and description in the language code,
// the default language's where the file gives none for it.
func (p CatalogProduct) Words(code string) (name, about string) {
	name, ok := p.Names[code]
	if !ok {
		name = p.Names[p.Language]
	}
	about, ok = p.Abouts[code]
	if !ok {
		about = p.Abouts[p.Language]
	}
	return name, about
}

// Row is the product as the products table keeps it: the English words
// (the admin's, and the name an order keeps showing once the product is
// no longer for sale), else the default language's.
// Its Words are Words in each language the file gives a name or
// description in, and Lang the default language: what an order keeps of
// the product it was bought as (db.SyncProducts).
func (p CatalogProduct) Row() db.Product {
	row := p.sold()
	codes := slices.Sorted(maps.Keys(p.Names))
	for code := range p.Abouts {
		if _, ok := p.Names[code]; !ok {
			codes = append(codes, code)
		}
	}
	slices.Sort(codes)
	words := make([]db.ProductWord, len(codes))
	for i, code := range codes {
		words[i].Lang = code
		words[i].Name, words[i].About = p.Words(code)
	}
	row.Lang, row.Words = p.Language, words
	return row
}

// sold is Row without its words: what asSold needs at every order.
func (p CatalogProduct) sold() db.Product {
	name, about := p.Words(lang.English.Code)
	return db.Product{Slug: p.Slug, Name: name, Description: about, Icon: p.Icon, Currency: p.Price.Currency, Price: p.Price.Minor}
}

// place is the product slug's index in the file, -1 when it is not
// there.
func (c *Catalog) place(slug string) int {
	if c.places != nil { // ParseCatalog's: every page view of a product asks
		if i, ok := c.places[slug]; ok {
			return i
		}
		return -1
	}
	return slices.IndexFunc(c.Products, func(p CatalogProduct) bool { return p.Slug == slug })
}

// Rows are the catalogue's products as the products table keeps them.
func (c *Catalog) Rows() []db.Product {
	out := make([]db.Product, len(c.Products))
	for i, p := range c.Products {
		out[i] = p.Row()
	}
	return out
}

// productAt names the product whose table holds line row of a catalogue
// file ("product \"tea\": ", or "product #2: " before its slug reads),
// "" for a line before the first: an unknown key's place, which the
// strict decoder gives by line alone.
func productAt(data []byte, row int) string {
	n := 0
	for i, line := range strings.Split(string(data), "\n") {
		if i >= row {
			break
		}
		if strings.HasPrefix(strings.TrimSpace(line), "[[product]]") {
			n++
		}
	}
	if n == 0 {
		return ""
	}
	var f catalogFile
	if toml.Unmarshal(data, &f) == nil && n <= len(f.Product) && catalogSlug.MatchString(f.Product[n-1].Slug) {
		return fmt.Sprintf("product %q: ", f.Product[n-1].Slug)
	}
	return fmt.Sprintf("product #%d: ", n)
}

// notText finds the first character of s that has no place in a line of
// a page's text: a control character (a line break, a tab, NUL), a line
// or paragraph separator, or one that overrides the text's direction
// (which could make a name read as something else). Spaces of every
// kind (U+00A0, U+3000) and zero-width ones (U+200B in Thai, U+200D in
// emoji) are text. at counts characters from 1.
func notText(s string) (at int, r rune, bad bool) {
	for _, r := range s {
		at++
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' || (r >= '\u202A' && r <= '\u202E') || (r >= '\u2066' && r <= '\u2069') {
			return at, r, true
		}
	}
	return 0, 0, false
}

// wrongType says, in the file's own terms, what is wrong with the value
// on line row (counted from 1) of data when the decoder found it of
// another type than its key takes (decoderSays, the decoder's words: a
// price of 32.00 or "32", a currency of 840): the key and the value as
// written, and what it should be. "" for any other fault.
func wrongType(data []byte, row int, decoderSays string) string {
	outOfRange := strings.Contains(decoderSays, "out of range")
	if !strings.Contains(decoderSays, "cannot") && !outOfRange {
		return ""
	}
	lines := strings.Split(string(data), "\n")
	if row < 1 || row > len(lines) {
		return ""
	}
	key, value, ok := strings.Cut(lines[row-1], "=")
	if !ok {
		return ""
	}
	key, value = strings.TrimSpace(key), strings.TrimSpace(beforeComment(value))
	switch {
	case key == "price" && outOfRange && strings.HasPrefix(value, "-"):
		return fmt.Sprintf("price = %s: must be above 0", value)
	case key == "price" && outOfRange:
		return fmt.Sprintf("price = %s: too high (at most %d)", value, int64(maxCatalogPrice))
	case outOfRange:
		return ""
	case key == "name" || key == "description" || key == "tagline":
		table := "[product." + key + "]"
		if key == "tagline" {
			table = "[tagline]"
		}
		return fmt.Sprintf("%s = %s: must be words by language: a line %s, then a line for each language (en = \"…\")", key, value, table)
	}
	if key == "price" {
		return fmt.Sprintf("price = %s: must be a whole number of the currency's minor units, without quotes or a decimal point (3200 is $32.00 in USD, ¥3,200 in JPY)", value)
	}
	return fmt.Sprintf("%s = %s: must be text in double quotes", key, value)
}

// beforeComment is a TOML line's value without its comment: up to the
// first # outside a string ("…", where \ escapes, or '…', where nothing
// does).
func beforeComment(value string) string {
	var quote rune // the open string's quote, 0 outside one
	escaped := false
	for i, r := range value {
		switch {
		case escaped:
			escaped = false
		case quote == '"' && r == '\\':
			escaped = true
		case quote == 0 && (r == '"' || r == '\''):
			quote = r
		case r == quote:
			quote = 0
		case quote == 0 && r == '#':
			return value[:i]
		}
	}
	return value
}
