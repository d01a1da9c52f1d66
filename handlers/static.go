package handlers

import (
	"net/http"

	"antom-checkout/static"
)

func staticFS() http.FileSystem { return http.FS(static.Files) }
