package handlers

import "strings"

// phoneOS tells from a User-Agent whether the buyer is on a phone, which
// cannot scan its own screen, and the phone's osType for Antom's env (IOS
// or ANDROID, the only values Antom takes). Tablets and computers are not
// phones: they show a QR code for a phone to scan.
func phoneOS(userAgent string) (osType string, phone bool) {
	switch {
	case strings.Contains(userAgent, "Windows Phone"):
		return "", false // neither of Antom's osTypes
	case strings.Contains(userAgent, "iPhone"), strings.Contains(userAgent, "iPod"):
		return "IOS", true
	case strings.Contains(userAgent, "Android") && strings.Contains(userAgent, "Mobile"):
		return "ANDROID", true // Android tablets leave "Mobile" out
	}
	return "", false
}
