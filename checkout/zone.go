package checkout

import "time"

// zone is the shop's time zone, which the words staff read write times
// in (Options.Zone; nil: UTC).
func (s *Service) zone() *time.Location { return s.opts.Zone }
