package app

import (
	"strconv"
	"strings"
	"time"
	// The zones' rules are part of the binary: SHOP_TIMEZONE reads the
	// same on a host or image without /usr/share/zoneinfo.
	_ "time/tzdata"
)

// loadZone reads SHOP_TIMEZONE: an IANA time zone name (Asia/Bangkok,
// Asia/Jakarta); empty is UTC, as the pages were before the setting.
// "Local" is refused: the shop's time must not change with the host the
// app runs on.
func loadZone(raw string) (*time.Location, error) {
	name := strings.TrimSpace(raw)
	if name == "" {
		return time.UTC, nil
	}
	zone, err := time.LoadLocation(name)
	if err != nil || name == "Local" {
		return nil, &settingError{"SHOP_TIMEZONE", "unknown time zone " + strconv.Quote(name) +
			": must be an IANA time zone name, e.g. Asia/Bangkok or Asia/Jakarta (unset: UTC)"}
	}
	return zone, nil
}
