// GEOSKit
