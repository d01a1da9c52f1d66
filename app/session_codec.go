package app

import "antom-checkout/internal/sessioncodec"

// sessionCodec is how the app stores sessions (sessioncodec.Codec): only
// int64s, strings and string lists; gob sessions from before still read.
type sessionCodec = sessioncodec.Codec

// sessionJSONPrefix starts every session sessionCodec writes.
var sessionJSONPrefix = sessioncodec.Prefix
