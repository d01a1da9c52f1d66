package app

import (
	"context"
	"fmt"
	"net"
	"net/url"
	"strings"
	"sync"
	"time"

	"antom-checkout/db"
)

// settingsEvery is how often each instance compares its shared settings
// with the shop's (watchSettings).
const settingsEvery = 30 * time.Second

// sharedSettings are the settings every instance on one database must
// share that nothing else checks (README: Running several instances), as
// this instance has them. None is a secret: keys and tokens never go
// here.
func (c Config) sharedSettings() []db.ShopSetting {
	return []db.ShopSetting{
		{Name: "CAPTURE_MODE", Value: c.CaptureMode},
		{Name: "MERCHANT_NAME", Value: c.MerchantName},
		{Name: "MERCHANT_CONTACT", Value: c.MerchantContact},
		{Name: "SHOP_TIMEZONE", Value: c.Zone.String()},
		{Name: "PUBLIC_URL", Value: c.PublicURL.String()},
	}
}

// settingsWatch is what this instance's last check of its shared
// settings found: the stored ones that differ from its own.
type settingsWatch struct {
	mu     sync.Mutex
	differ map[string]db.ShopSetting // setting → the shop's, where ours differs
}

// keepSettings makes this start's shared settings the shop's. A setting
// stored by an earlier start with another value is not refused — a
// rolling restart that changes CAPTURE_MODE has instances differ for a
// while — but said in one WARN line each: the latest start's settings
// are the shop's, and the instances still running the old value say so
// on their next check (checkSettings).
func (a *App) keepSettings(ctx context.Context) error {
	stored, err := a.db.ShopSettings(ctx)
	if err != nil {
		return fmt.Errorf("app: shop settings: %w", err)
	}
	shop := map[string]db.ShopSetting{}
	for _, s := range stored {
		shop[s.Name] = s
	}
	own := a.cfg.sharedSettings()
	for _, s := range own {
		was, ok := shop[s.Name]
		if !ok || sameSetting(s.Name, was.Value, s.Value) {
			continue
		}
		a.log.Warn(fmt.Sprintf("%s=%s differs from %s, set by a start at %s: every instance on this database must share it; "+
			"this start makes %s the shop's — restart any others with it, or this one with %s",
			s.Name, s.Value, was.Value, was.SetAt.Format(time.RFC3339), s.Value, was.Value),
			"setting", s.Name, "value", s.Value, "was", was.Value, "was_set_at", was.SetAt)
	}
	if err := a.db.SetShopSettings(ctx, own, time.Now()); err != nil {
		return fmt.Errorf("app: shop settings: %w", err)
	}
	a.noteSettings(nil)
	return nil
}

// checkSettings compares this instance's shared settings with the
// shop's, as the latest start of any instance stored them: while one
// differs, /healthz names it and checkout_settings_differ is 1 for it. A
// WARN line says so once when it starts to differ (or the shop's value
// changes again), an INFO line once it is the same again.
func (a *App) checkSettings(ctx context.Context) error {
	stored, err := a.db.ShopSettings(ctx)
	if err != nil {
		return fmt.Errorf("app: check shop settings: %w", err)
	}
	own := map[string]string{}
	for _, s := range a.cfg.sharedSettings() {
		own[s.Name] = s.Value
	}
	differ := map[string]db.ShopSetting{}
	for _, s := range stored {
		if v, ok := own[s.Name]; ok && !sameSetting(s.Name, v, s.Value) {
			differ[s.Name] = s
		}
	}
	a.noteSettings(differ)
	return nil
}

// sameSetting reports whether two values of shared setting name are the
// same: as written, or, for PUBLIC_URL, as the same address
// (publicURLKey) — "https://Shop.example:443/" and "https://shop.example"
// send Antom and buyers to one place.
func sameSetting(name, a, b string) bool {
	if a == b {
		return true
	}
	return name == "PUBLIC_URL" && publicURLKey(a) == publicURLKey(b)
}

// publicURLKey is a PUBLIC_URL in the one spelling of its address: scheme
// and host in lower case, the scheme's default port (80, 443) dropped,
// and the slash of an empty path too. A value that does not parse is
// kept as written.
func publicURLKey(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return raw
	}
	u.Scheme = strings.ToLower(u.Scheme)
	host, port := strings.ToLower(u.Hostname()), u.Port()
	if (u.Scheme == "http" && port == "80") || (u.Scheme == "https" && port == "443") {
		port = ""
	}
	u.Host = host
	if port != "" {
		u.Host = net.JoinHostPort(host, port)
	} else if strings.Contains(host, ":") {
		u.Host = "[" + host + "]" // an IPv6 address keeps its brackets
	}
	if u.Path == "/" && u.RawQuery == "" && u.Fragment == "" {
		u.Path, u.RawPath = "", ""
	}
	return u.String()
}

// noteSettings records what a check found and says what changed.
func (a *App) noteSettings(differ map[string]db.ShopSetting) {
	w := &a.settings
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, s := range a.cfg.sharedSettings() {
		now, differs := differ[s.Name]
		was, differed := w.differ[s.Name]
		switch {
		case differs && (!differed || was.Value != now.Value):
			a.log.Warn(fmt.Sprintf("%s=%s on this instance differs from the shop's %s, set by a start at %s: every instance must share it; "+
				"restart this one with %s, or the others with %s",
				s.Name, s.Value, now.Value, now.SetAt.Format(time.RFC3339), now.Value, s.Value),
				"setting", s.Name, "value", s.Value, "shop", now.Value, "shop_set_at", now.SetAt)
		case !differs && differed:
			a.log.Info(s.Name+" on this instance is the shop's again", "setting", s.Name, "value", s.Value)
		}
		if a.metrics != nil {
			a.metrics.SettingDiffers(s.Name, differs)
		}
	}
	w.differ = differ
}

// settingsDiffer names the settings in which this instance differs from
// the shop's, in sharedSettings' order, as the last check found.
func (a *App) settingsDiffer() []string {
	w := &a.settings
	w.mu.Lock()
	defer w.mu.Unlock()
	var names []string
	for _, s := range a.cfg.sharedSettings() {
		if _, ok := w.differ[s.Name]; ok {
			names = append(names, s.Name)
		}
	}
	return names
}

// watchSettings checks the shared settings at each tick (Serve's ticker:
// every settingsEvery; a test's own channel) until ctx ends. A check that
// fails (the database unreachable: /healthz says so) leaves what the last
// one found.
func (a *App) watchSettings(ctx context.Context, ticks <-chan time.Time) {
	failing := false // a database out for an hour says so once, not 120 times
	for {
		select {
		case <-ctx.Done():
			return
		case <-ticks:
		}
		err := a.checkSettings(ctx)
		switch {
		case err != nil && ctx.Err() == nil && !failing:
			a.log.Warn("shop settings check", "err", err)
		case err == nil && failing:
			a.log.Info("shop settings check works again")
		}
		failing = err != nil
	}
}
