package handlers

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/gin-gonic/gin"

	"antom-checkout/views"
)

// What the admin's lists (orders, notifications) share: the words of a
// filter value they do not know, and their pages — the page number read
// from the address, the links to the pages beside it, and what a page
// that names none says.

// unknownFilterWords says that a list's filter has no such what as raw
// (its first 40 characters); the page lists those it has.
func unknownFilterWords(what, raw string) string {
	if r := []rune(raw); len(r) > 40 {
		raw = string(r[:40]) + "…"
	}
	return fmt.Sprintf("There is no %s “%s” to filter by, so nothing is listed. Choose one of these, or none for all:", what, raw)
}

// maxListPage is the highest page number an admin list is asked for
// (20 million rows at 20 a page): any higher is a mistyped address.
const maxListPage = 1_000_000

// queryPage reads ?page=: 1 when it is absent or empty; a whole number
// from 1 to maxListPage otherwise. Anything else (letters, 0, -1, "1.5",
// a number past the limit) gives 0 and what to tell staff, in English.
func queryPage(c *gin.Context) (int, string) {
	raw := c.Query("page")
	if raw == "" {
		return 1, ""
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n < 1 || n > maxListPage || strconv.Itoa(n) != raw {
		if r := []rune(raw); len(r) > 20 {
			raw = string(r[:20]) + "…"
		}
		return 0, fmt.Sprintf("There is no page “%s”: a page is a whole number from 1 to %d, so nothing is listed.", raw, maxListPage)
	}
	return n, ""
}

// listPages leads from page n of the list at path (its search and
// filters keep) to the pages beside it, answered 200; a page past the
// first that lists nothing (rows 0) instead says that the list ends
// before it and links the first page, answered 404 — not "nothing
// matches": the first page may list some.
func listPages(path string, keep url.Values, n, rows int, hasNext bool) (views.ListPages, int) {
	if rows == 0 && n > 1 {
		return views.ListPages{PageError: pastLastPage(n), FirstURL: firstPage(path, keep)}, http.StatusNotFound
	}
	prev, next := pageLinks(path, keep, n, hasNext)
	return views.ListPages{PrevURL: prev, NextURL: next}, http.StatusOK
}

// pastLastPage says that page n of a list holds nothing because the list
// ends before it (not that nothing matches: its first page may).
func pastLastPage(n int) string {
	return fmt.Sprintf("Page %d is past the last page, so nothing is listed.", n)
}

// firstPage is the first page of a list, keeping the query.
func firstPage(path string, keep url.Values) string {
	prev, _ := pageLinks(path, keep, 2, false)
	return prev
}

// pageLinks returns the previous and next page URLs keeping the query
// ("" where there is none); empty values are left out.
func pageLinks(path string, keep url.Values, page int, hasNext bool) (prev, next string) {
	if page > 1 {
		prev = pageURL(path, keep, page-1)
	}
	if hasNext {
		next = pageURL(path, keep, page+1)
	}
	return prev, next
}

// pageURL is page n of a list, keeping the query; empty values are left
// out.
func pageURL(path string, keep url.Values, n int) string {
	q := url.Values{}
	for k, vs := range keep {
		if len(vs) > 0 && vs[0] != "" {
			q.Set(k, vs[0])
		}
	}
	if n > 1 {
		q.Set("page", strconv.Itoa(n))
	}
	if len(q) == 0 {
		return path
	}
	return path + "?" + q.Encode()
}
