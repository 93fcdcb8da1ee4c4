import GeoJSON

/// A UN M49 area: a region, sub-region or intermediate region.
public struct M49Area: Sendable, Hashable {
    /// The three-digit M49 code, zeros kept (`002`).
    public var code: String
    /// The English name (`Africa`).
    public var name: String

    /// An area from its three-digit code and name.
    public init(code: String, name: String) {
        self.code = code
        self.name = name
    }
}

/// What a point's position says about where it is: the country it falls in and that country's M49 areas.
public struct RegionAssignment: Sendable, Hashable {
    /// ISO 3166-1 alpha-2 code (Kosovo's user-assigned "XK" included); nil for the polygons that
    /// have none (Northern Cyprus, Somaliland, …), which still have M49 areas.
    public var country: String?
    /// The M49 region (`002` Africa), nil for none.
    public var region: M49Area?
    /// The M49 sub-region (`202` Sub-Saharan Africa).
    public var subregion: M49Area?
    /// The M49 intermediate region (`014` Eastern Africa), which only some sub-regions have.
    public var intermediateRegion: M49Area?

    /// An assignment from its country and areas.
    public init(country: String?, region: M49Area?, subregion: M49Area?, intermediateRegion: M49Area?) {
        self.country = country
        self.region = region
        self.subregion = subregion
        self.intermediateRegion = intermediateRegion
    }
}

/// The reference data that records are checked and placed against.
/// `Atlas` (loaded from Data/) is the implementation every command uses.
public protocol Places: Sendable {
    /// Whether `code` is a known ISO 3166-1 alpha-2 code (upper case).
    func isCountryCode(_ code: String) -> Bool
    /// The country's published point: its M49 table centroid, else a point on its polygon's surface.
    /// - Throws: why the reference data it needs cannot be read, naming the file.
    func countryPoint(_ code: String) throws -> Position?
    /// The most populous gazetteer city of that name (case-insensitive) in that country.
    /// - Throws: why the reference data it needs cannot be read, naming the file.
    func cityPoint(named name: String, country code: String) throws -> Position?
    /// The M49 areas of a country given by its alpha-2 code.
    func assignment(forCountry code: String) -> RegionAssignment?
    /// The country and M49 areas of each position, nil where it falls in no country
    /// (nor within the nearest-country tolerance). One call for a whole batch.
    /// - Throws: why the reference data it needs cannot be read, naming the file.
    func assign(_ positions: [Position]) throws -> [RegionAssignment?]
    /// Reads whatever the answers above need that is not read yet (what an `Atlas` made with
    /// `loadingNow: false` defers), so that a file that cannot be read is an error here, before a
    /// long pass, rather than midway. A store calls it before a pass that places stored projects.
    /// - Throws: why the reference data cannot be read, naming the file.
    func load() throws
}

extension Places {
    /// Places that hold everything from the start have nothing more to read.
    public func load() throws {}
}
