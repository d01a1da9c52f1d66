// Package e2e drives the real app, on the built-in sandbox, in headless
// Chromium. The tests skip when Chromium is missing, unless CI is set, in
// which case they fail. E2E_SCREENSHOTS=DIR saves a PNG of every page a
// test visits.
package e2e
