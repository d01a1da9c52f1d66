// Command bare is the benchmarks' floor: a bare gin server that does only
// what cannot be left out of the app's answers, in a process of its own
// like the app's, so that start-up, peak RSS, pages and notifications are
// each measured beside it in the same run (bench/bare_test.go). It is not
// part of the app.
//
// It listens on ADDR and answers
//
//	GET /healthz        200, once the keys below are read;
//	POST /antom/notify  verified as the app verifies a notification (the
//	                    sandbox's Antom public key and client id from
//	                    DATA_DIR/sandbox, the signature over the raw body,
//	                    at most 64 KiB, and the path "/antom/notify", the
//	                    client-id, the request-time), then acknowledged with
//	                    Antom's body; nothing stored nor applied. Refused:
//	                    401, nothing recorded;
//	any other GET       the bytes of the file PAGE_FILE as PAGE_TYPE (404
//	                    without PAGE_FILE).
package main

import (
	"io"
	"log"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/gin-gonic/gin"

	"antom-checkout/antom"
	"antom-checkout/antom/sandbox"
)

// maxNotifyBody is the most of a notification read, in bytes, as the
// app's.
const maxNotifyBody = 64 << 10

func main() {
	creds, err := sandbox.ReadCredentials(filepath.Join(os.Getenv("DATA_DIR"), "sandbox"))
	if err != nil {
		log.Fatalf("bare: the sandbox's credentials in DATA_DIR: %v", err)
	}
	verifier := &antom.NotifyVerifier{PublicKey: creds.AntomPublicKey, ClientID: creds.ClientID, Path: "/antom/notify"}
	var page []byte
	if name := os.Getenv("PAGE_FILE"); name != "" {
		if page, err = os.ReadFile(name); err != nil {
			log.Fatalf("bare: PAGE_FILE: %v", err)
		}
	}
	ctype := os.Getenv("PAGE_TYPE")

	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	r.GET("/healthz", func(c *gin.Context) { c.Status(http.StatusOK) })
	r.POST("/antom/notify", func(c *gin.Context) {
		body, err := io.ReadAll(http.MaxBytesReader(c.Writer, c.Request.Body, maxNotifyBody))
		if err != nil {
			c.String(http.StatusRequestEntityTooLarge, "notification too large or unreadable")
			return
		}
		if err := verifier.Verify(c.Request.Header, body); err != nil {
			c.String(http.StatusUnauthorized, "notification refused")
			return
		}
		antom.WriteAck(c.Writer, creds.ClientID, time.Now())
	})
	r.NoRoute(func(c *gin.Context) {
		if c.Request.Method != http.MethodGet || page == nil {
			c.Status(http.StatusNotFound)
			return
		}
		c.Data(http.StatusOK, ctype, page)
	})
	log.Fatal(http.ListenAndServe(os.Getenv("ADDR"), r))
}
