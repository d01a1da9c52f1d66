package handlers

import "net/url"

func checkoutPath(ref string) string { return "/checkout/" + url.PathEscape(ref) }

func resultPath(ref string) string { return "/orders/" + url.PathEscape(ref) }

// cardPagePath waits for Antom's card page of order ref (orderCardPage).
func cardPagePath(ref string) string { return resultPath(ref) + "/card-page" }
