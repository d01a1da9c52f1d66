package lang

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"sync"
	"time"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"github.com/pelletier/go-toml/v2"
	"golang.org/x/text/message"

	"antom-checkout/internal/memo"
)

//go:embed catalog/*.toml
var catalogFS embed.FS

// Args are a message's arguments, by the names its words use ({{.Wallet}}).
// An Amount among them is written as the language writes money.
type Args map[string]any

// Amount is money a message shows (checkout.Money is one): its ISO 4217
// currency, minor units, and the number of those digits after the
// decimal mark.
type Amount interface {
	AmountParts() (currency string, minor int64, digits int)
}

// data is args as a message's template reads them: amounts formatted.
func (l *Localizer) data(args []Args) Args {
	if len(args) == 0 || args[0] == nil {
		return nil
	}
	out := make(Args, len(args[0]))
	for k, v := range args[0] {
		if a, ok := v.(Amount); ok {
			v = l.Money(a.AmountParts())
		}
		out[k] = v
	}
	return out
}

// Localizer says messages in one language and formats for it. It is
// safe for concurrent use.
type Localizer struct {
	lang    Language
	loc     *i18n.Localizer
	printer *message.Printer
	// said and has keep what T without arguments and Has answered for a
	// message ID, symbols what Money writes for a currency, and amounts
	// what it wrote for an amount: the catalogs and CLDR's data are part
	// of the binary, so an answer never changes. Each holds at most
	// memoLimit entries.
	said, symbols *memo.Map[string, string]
	has           *memo.Map[string, bool]
	amounts       *memo.Map[amount, string]
	// mark is DecimalMark's answer, worked out once.
	mark string
	// zone is the time zone dates and times are written in (In); nil:
	// UTC.
	zone *time.Location
}

// In returns a Localizer of l's language that writes dates and times in
// zone (the shop's, SHOP_TIMEZONE), sharing l's catalog and memos (none
// of which holds a date). l itself is unchanged: For's Localizers, shared
// by every request, stay in UTC.
func (l *Localizer) In(zone *time.Location) *Localizer {
	if zone == time.UTC {
		zone = nil // UTC, as For's: the shared Localizer, no copy per request
	}
	if zone == l.zone {
		return l
	}
	c := *l
	c.zone = zone
	return &c
}

// Zone is the time zone l writes dates and times in: UTC unless In said
// another.
func (l *Localizer) Zone() *time.Location { return orUTC(l.zone) }

// memoLimit bounds each of a Localizer's memos: far more than the
// catalogs' messages, so only IDs no catalog has (said as themselves,
// never kept) could reach it — and amounts, past the first 4096 a
// language wrote (written afresh each time after).
const memoLimit = 4096

// localizers hold each language's Localizer, made on its first use: a
// catalog is read (its TOML parsed) only once a page speaks its language.
// Reading all seven when the package loaded took ~30 ms of a cold start,
// a third of the app's start-up, and ~4.7 MB of allocations.
var localizers = map[string]func() *Localizer{}

func init() {
	for _, l := range Languages {
		// A catalog that does not read is a fault of the build, as it was
		// when they were read at init: TestCatalogsLoad reads them all.
		// OnceValue panics again on every later call.
		localizers[l.Code] = sync.OnceValue(func() *Localizer {
			b, err := loadBundle(l)
			if err != nil {
				panic(err)
			}
			return newLocalizer(l, b)
		})
	}
}

// newLocalizer returns a Localizer of l over b, its memos empty.
func newLocalizer(l Language, b *i18n.Bundle) *Localizer {
	lz := &Localizer{lang: l, loc: i18n.NewLocalizer(b, l.Code), printer: message.NewPrinter(l.tag),
		said: memo.New[string, string](memoLimit), symbols: memo.New[string, string](memoLimit),
		has: memo.New[string, bool](memoLimit), amounts: memo.New[amount, string](memoLimit)}
	lz.mark = decimalMark(lz.printer)
	return lz
}

// loadBundle returns a bundle of l's catalog alone. A message it lacks is
// said in English by Localizer.localize, from English's own bundle: one
// copy of the English messages, however many languages are in use.
func loadBundle(l Language) (*i18n.Bundle, error) {
	b := i18n.NewBundle(l.tag)
	msgs, err := catalogMessages(l)
	if err != nil {
		return nil, fmt.Errorf("lang: catalog %s: %w", l.Code, err)
	}
	if err := b.AddMessages(l.tag, msgs...); err != nil {
		return nil, fmt.Errorf("lang: catalog %s: %w", l.Code, err)
	}
	return b, nil
}

// For returns the Localizer of a language.
func For(l Language) *Localizer {
	if loc, ok := localizers[l.Code]; ok {
		return loc()
	}
	return localizers[English.Code]()
}

type ctxKey struct{}

// WithLocalizer returns ctx carrying l, for the views rendered with it.
func WithLocalizer(ctx context.Context, l *Localizer) context.Context {
	return context.WithValue(ctx, ctxKey{}, l)
}

// From returns the Localizer in ctx, English when there is none (the
// admin, and anything rendered outside a buyer request).
func From(ctx context.Context) *Localizer {
	if l, ok := ctx.Value(ctxKey{}).(*Localizer); ok {
		return l
	}
	return For(English)
}

// Lang is the Localizer's language.
func (l *Localizer) Lang() Language { return l.lang }

// T says the message id in l's language with args (at most one Args).
// A message this language lacks is said in English, and one no catalog
// has reads as its id: both are caught by the package's tests, never
// hidden from them.
func (l *Localizer) T(id string, args ...Args) string {
	plain := len(args) == 0 || args[0] == nil
	if plain {
		if s, ok := l.said.Load(id); ok {
			return s
		}
	}
	s, err := l.localize(&i18n.LocalizeConfig{MessageID: id, TemplateData: l.data(args)})
	if s == "" && err != nil {
		return id
	}
	s = l.particlesAfter(s)
	if plain {
		l.said.Store(id, s)
	}
	return s
}

// N says the message id whose words depend on count (go-i18n plural
// forms: English has "one" and "other"; Chinese, Korean, Indonesian,
// Malay and Thai only "other"), with count as {{.Count}} among args.
func (l *Localizer) N(id string, count int, args ...Args) string {
	data := l.data(args)
	if data == nil {
		data = Args{}
	}
	data["Count"] = count
	s, err := l.localize(&i18n.LocalizeConfig{MessageID: id, TemplateData: data, PluralCount: count})
	if s == "" && err != nil {
		return id
	}
	return l.particlesAfter(s)
}

// localize says cfg's message from l's catalog, or from English's when
// l's lacks it — with English's plural forms, and cfg's data as l
// formatted it.
func (l *Localizer) localize(cfg *i18n.LocalizeConfig) (string, error) {
	s, err := l.loc.Localize(cfg)
	var missing *i18n.MessageNotFoundErr
	if errors.As(err, &missing) && l.lang.Code != English.Code {
		return For(English).loc.Localize(cfg)
	}
	return s, err
}

// Has reports whether l's own catalog has the message id (no fallback).
func (l *Localizer) Has(id string) bool {
	if has, ok := l.has.Load(id); ok {
		return has
	}
	_, err := l.loc.Localize(&i18n.LocalizeConfig{MessageID: id})
	has := err == nil
	// Only a message of l's or English's catalog is kept: the memo stays
	// bounded by the catalogs.
	if has || l.lang.Code != English.Code && For(English).Has(id) {
		l.has.Store(id, has)
	}
	return has
}

// Catalog returns a language's messages as its catalog file writes them
// (ID → words with their {{.Field}}s), for tests and tools.
func Catalog(l Language) (map[string]string, error) {
	msgs, err := catalogMessages(l)
	if err != nil {
		return nil, err
	}
	out := make(map[string]string, len(msgs))
	for _, m := range msgs {
		out[m.ID] = m.Other
	}
	return out, nil
}

// SameOnPurpose returns the IDs of the messages a language writes as
// English does on purpose: its catalog gives them a description saying
// why (total = { other = "Total", description = "…" }). Any other message
// whose words are English's is untranslated.
func SameOnPurpose(l Language) (map[string]bool, error) {
	msgs, err := catalogMessages(l)
	if err != nil {
		return nil, err
	}
	out := map[string]bool{}
	for _, m := range msgs {
		if m.Description != "" {
			out[m.ID] = true
		}
	}
	return out, nil
}

// Pattern reports a message that is a pattern more than words (dates,
// months, "2 × Matcha"), which many languages write as English does.
func Pattern(id string) bool {
	return strings.HasPrefix(id, "format.") || strings.HasPrefix(id, "month.") || id == "checkout.order_line"
}

// catalogMessages are l's catalog's messages, each argument holding the
// words that belong to it (heldArgs).
func catalogMessages(l Language) ([]*i18n.Message, error) {
	buf, err := fs.ReadFile(catalogFS, "catalog/"+l.Code+".toml")
	if err != nil {
		return nil, err
	}
	f, err := i18n.ParseMessageFileBytes(buf, l.Code+".toml", map[string]i18n.UnmarshalFunc{"toml": toml.Unmarshal})
	if err != nil {
		return nil, err
	}
	for _, m := range f.Messages {
		m.Zero, m.One, m.Two = heldArgs(l.Code, m.Zero), heldArgs(l.Code, m.One), heldArgs(l.Code, m.Two)
		m.Few, m.Many, m.Other = heldArgs(l.Code, m.Few), heldArgs(l.Code, m.Many), heldArgs(l.Code, m.Other)
	}
	return f.Messages, nil
}
