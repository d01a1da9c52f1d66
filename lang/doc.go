// Package lang says the buyer pages' words in the buyer's language and
// formats their amounts and dates for it.
//
// The words live in message catalogs, one TOML file per language under
// catalog/ (en.toml is the source), embedded in the binary and read with
// go-i18n on a language's first use. A message is named by its ID
// ("checkout.pay_with"); arguments are go-i18n template fields
// ({{.Wallet}}). The language is chosen by Match from the buyer's choice
// (a cookie) or the browser's Accept-Language; handlers put its Localizer
// in the request's context (WithLocalizer) and views read it back (From).
//
// Adding a string: give it an ID and English words in catalog/en.toml,
// then the same ID in every other catalog; TestCatalogsComplete fails
// until every language has it. Adding a language: add its file to
// catalog/ and a line to Languages.
package lang
