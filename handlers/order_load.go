package handlers

import "net/url"

func checkoutPath(ref string) string { return "/checkout/" + url.PathEscape(ref) }

func resultPath(ref string) string { return "/orders/" + url.PathEscape(ref) }
