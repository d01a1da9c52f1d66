package checkout

import "time"

// zone is the shop's time zone, which the words staff read write times
// in (Options.Zone; nil: UTC).
func (s *Service) zone() *time.Location { return s.opts.Zone }

// storedZone is the zone of the times in words stored for later (the
// order's timeline): UTC, as every time the database holds, so that a
// timeline reads the same after SHOP_TIMEZONE changes or while instances
// differ; its page writes them in the shop's zone when drawn
// (views.StaffTimesIn).
var storedZone = time.UTC
