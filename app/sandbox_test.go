package app

import (
	"path/filepath"
	"testing"
)

// TestTokenKeyCreatedOnce: instances starting together on one DATA_DIR
// end with one key.
func TestTokenKeyCreatedOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "token_encryption_key")
	keys := make(chan string, 8)
	for range 8 {
		go func() {
			k, err := loadOrCreateTokenKey(path)
			if err != nil {
				t.Error(err)
			}
			keys <- string(k)
		}()
	}
	first := <-keys
	for range 7 {
		if k := <-keys; k != first || len(k) != 32 {
			t.Fatal("instances got different token keys")
		}
	}
}
