import GeoJSON

/// The reference data of Data/ (country boundaries, the UN M49 table, the GeoNames gazetteer),
/// answering every question `Places` asks. The M49 table is read at once; the boundaries (with
/// their index and the countries' points) and the gazetteer are read at once too, unless the
/// atlas is made with `loadingNow: false`: then each is read on first use, so that a command
/// needing only M49 names (a summary from a store's columns) does not pay for the rest.
public final class Atlas: Places {
    /// A point outside every polygon belongs to the nearest country within this many degrees:
    /// coastal capitals (Suva, Apia, Anadyr) lie up to ~0.03° off the 1:50m coastline.
    public static let nearestCountryTolerance = 0.05

    /// The file names inside the data folder.
    public static let boundariesFile = "countries-ne50.geojson"
    /// The UN M49 table (UN Statistics Division's "Standard country or area codes"): one row per country.
    public static let m49File = "m49-regions.csv"
    /// Rows the M49 table lacks (Kosovo), in the same columns.
    public static let m49ExtraFile = "m49-extra.csv"
    /// GeoNames' cities with a population of 15,000 or more (`cities15000.txt`), tab-separated.
    public static let gazetteerFile = "cities15000.tsv"

    /// What the boundaries file gives, made together: the polygons, their index and the countries' points.
    struct Geography: Sendable {
        var boundaries: [CountryBoundary]
        var index: CountryIndex
        var countryPoints: [String: Position]
    }

    let m49: M49Table
    /// Every M49 area some country belongs to, sorted by code.
    public let m49Areas: [M49Area]
    private let geography: LazyPart<Geography>
    private let gazetteer: LazyPart<Gazetteer>

    /// The boundary polygons, in file order, with the M49 areas each one is assigned.
    /// - Throws: `RegionsError` naming the boundaries file when it cannot be read (an atlas made
    ///   with `loadingNow: false` reads it here, at first use).
    public var boundaries: [CountryBoundary] { get throws { try geography.load().boundaries } }

    /// Reads the M49 table and, when `loadingNow`, everything else.
    /// - Throws: `RegionsError` naming the file (and line) that cannot be read.
    public init(dataDirectory: String, loadingNow: Bool = true) throws {
        let path = { @Sendable (file: String) in dataDirectory + "/" + file }
        let m49 = try M49Table(regionsPath: path(Self.m49File), extraPath: path(Self.m49ExtraFile))
        self.m49 = m49
        m49Areas = Self.areas(of: m49)
        let makeGazetteer = { @Sendable in try Gazetteer(path: path(Self.gazetteerFile)) }
        let makeGeography = { @Sendable in
            let boundaries = try CountryBoundary.load(path: path(Self.boundariesFile), m49: m49)
            let index = CountryIndex(polygons: boundaries.map(\.parts))
            return Geography(boundaries: boundaries, index: index,
                             countryPoints: Self.countryPoints(m49: m49, boundaries: boundaries, index: index))
        }
        if loadingNow {
            gazetteer = LazyPart(ready: try makeGazetteer())
            geography = LazyPart(ready: try makeGeography())
        } else {
            gazetteer = LazyPart(makeGazetteer)
            geography = LazyPart(makeGeography)
        }
    }

    /// Reads whatever is not read yet (the boundaries and the gazetteer): answers that need them
    /// are then exact, and a file that cannot be read is an error here rather than an unknown place.
    /// - Throws: `RegionsError` naming the file (and line) that cannot be read.
    public func load() throws {
        _ = try geography.load()
        _ = try gazetteer.load()
    }

    /// Each country's published point: the M49 table's centroid, with its longitude brought into
    /// -180..180 (the table gives Fiji 195.3), unless that point falls outside the country's own
    /// polygons (Fiji's centroid is open sea): then a point on the country's largest polygon.
    private static func countryPoints(m49: M49Table, boundaries: [CountryBoundary], index: CountryIndex) -> [String: Position] {
        var largest: [String: Int] = [:]
        for (i, boundary) in boundaries.enumerated() {
            guard let code = boundary.assignment.country else { continue }
            if let j = largest[code], index.areas[j] >= index.areas[i] { continue }
            largest[code] = i
        }
        var points: [String: Position] = [:]
        for country in m49.byAlpha2.values {
            guard var point = country.point else { continue }
            if point.longitude > 180 { point.longitude -= 360 }
            if point.longitude < -180 { point.longitude += 360 }
            let found = index.locate(x: point.longitude, y: point.latitude, tolerance: nearestCountryTolerance)
            if let own = largest[country.alpha2], found.map({ boundaries[$0].assignment.country }) != country.alpha2 {
                point = boundaries[own].pointOnSurface ?? point
            }
            points[country.alpha2] = point
        }
        for (code, i) in largest where points[code] == nil {
            points[code] = boundaries[i].pointOnSurface
        }
        return points
    }

    // MARK: Places

    /// Whether the M49 table has an alpha-2 code `code` (upper case).
    public func isCountryCode(_ code: String) -> Bool {
        m49.byAlpha2[code] != nil
    }

    /// The country's published point in degrees (see `countryPoints`); nil for an unknown code.
    /// - Throws: `RegionsError` naming the boundaries file when it cannot be read.
    public func countryPoint(_ code: String) throws -> Position? {
        try geography.load().countryPoints[code]
    }

    /// The gazetteer's most populous city of that name (any case) in that country, in degrees.
    /// - Throws: `RegionsError` naming the gazetteer when it cannot be read.
    public func cityPoint(named name: String, country code: String) throws -> Position? {
        try gazetteer.load().city(named: name, country: code)?.position
    }

    /// The country's M49 areas, from the table.
    public func assignment(forCountry code: String) -> RegionAssignment? {
        m49.byAlpha2[code]?.assignment
    }

    /// The country and M49 areas of each position (degrees) from the boundaries: the smallest
    /// polygon holding it, else the nearest within `nearestCountryTolerance` degrees, else nil.
    /// - Throws: `RegionsError` naming the boundaries file when it cannot be read.
    public func assign(_ positions: [Position]) throws -> [RegionAssignment?] {
        let geography = try geography.load()
        let found = geography.index.locate(
            xs: positions.map(\.longitude), ys: positions.map(\.latitude),
            tolerance: Self.nearestCountryTolerance)
        return found.map { $0 < 0 ? nil : geography.boundaries[Int($0)].assignment }
    }

    /// The index of the boundary holding each point (smallest wins, nearest within the
    /// tolerance as a fallback), -1 for none: the flat form of `assign` for large batches.
    /// - Throws: `RegionsError` naming the boundaries file when it cannot be read.
    public func boundaryIndices(longitudes: [Double], latitudes: [Double]) throws -> [Int32] {
        try geography.load().index.locate(xs: longitudes, ys: latitudes, tolerance: Self.nearestCountryTolerance)
    }

    /// Every alpha-2 code the M49 table knows, sorted.
    public var countryCodes: [String] {
        m49.byAlpha2.keys.sorted()
    }

    /// Every M49 region, sub-region and intermediate region that some country belongs to.
    private static func areas(of m49: M49Table) -> [M49Area] {
        var areas = Set<M49Area>()
        for country in m49.byAlpha2.values {
            for area in [country.assignment.region, country.assignment.subregion, country.assignment.intermediateRegion] {
                if let area { areas.insert(area) }
            }
        }
        return areas.sorted { $0.code < $1.code }
    }

    /// The M49 area with this name (any case) or code ("2", "002"), if there is one.
    public func m49Area(_ nameOrCode: String) -> M49Area? {
        let code = M49Table.threeDigits(nameOrCode)
        return m49Areas.first { $0.code == code || $0.name.lowercased() == nameOrCode.lowercased() }
    }

    /// The country's name in the M49 table.
    public func countryName(_ code: String) -> String? {
        m49.byAlpha2[code]?.name
    }
}
