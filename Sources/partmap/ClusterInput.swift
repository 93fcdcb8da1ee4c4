import ArgumentParser
import Clustering
import Participation
import Publishing
import Regions
import Store

/// The projects `partmap cluster` clusters by zoom, in id order (ids compared byte by byte): of
/// each mapped project in the query's view, only its id, position and tally, in flat arrays. A
/// file is read in batches and no record is kept; the few projects an answer shows alone are read
/// again. A store's answer is kept whole, as the store gave it.
struct ClusterInput {
    private(set) var ids: [String] = []
    /// Degrees, one per project.
    private(set) var longitudes: [Double] = [], latitudes: [Double] = []
    /// The distinct tallies (`ProjectClusters.point`), `width` counts each, and each project's
    /// (its number among them): projects of the same level, groups and sector share one.
    private(set) var tallyRows: [Int32] = [], rowOf: [Int32] = []
    private(set) var width = 0
    private var rowNumbers: [[Int32]: Int32] = [:]
    private let source: SourceOptions
    private let query: ProjectQuery
    private let atlas: Atlas
    /// The mapped projects of a store's answer, in order; nil for a file.
    private var kept: [Project]?

    /// The query's projects from the file (which must have no error) or the store.
    /// - Throws: `ExitCode(ExitStatus.badInput)` after reporting the file's problems, or what the
    ///   store or an area's GEOS test throws.
    init(source: SourceOptions, query: ProjectQuery, atlas: Atlas) async throws {
        (self.source, self.query, self.atlas) = (source, query, atlas)
        guard let path = source.from else {
            let mapped = try await source.answer(query, atlas: atlas).projects.filter { $0.position != nil }
            add(mapped)
            kept = mapped
            return
        }
        // A clean GeoJSON file is read a piece at a time; any other, or one with a problem, whole.
        if try ProjectFile.readInPieces(path: path, places: atlas, deliver: { add(try query.scan($0, places: atlas).projects) }) {
            sortByID()
            return
        }
        (ids, longitudes, latitudes, rowOf) = ([], [], [], [])
        let problems = try ProjectFile.read(path: path, places: atlas, delimiter: try source.csv.scalar()) { batch in
            add(try query.scan(batch, places: atlas).projects)
        }
        if problems.contains(where: { !$0.isWarning }) {
            Problems.report(problems)
            throw ExitCode(ExitStatus.badInput)
        }
        sortByID()
    }

    var count: Int { ids.count }

    /// The index over these projects.
    func clusters(_ options: ZoomClusterOptions) -> ZoomClusters {
        ZoomClusters(longitudes: longitudes, latitudes: latitudes, tallyRows: tallyRows, rowOf: rowOf, width: width, options: options)
    }

    /// The projects at `indices`, in that order: kept ones, or those read again from the file.
    /// - Throws: a `ValidationError` when the file no longer holds one of them.
    func projects(at indices: [Int]) throws -> [Project] {
        if let kept { return indices.map { kept[$0] } }
        guard let path = source.from, !indices.isEmpty else { return [] }
        var wanted: [String: [Int]] = [:]
        for (k, i) in indices.enumerated() { wanted[ids[i], default: []].append(k) }
        var found = [Project?](repeating: nil, count: indices.count)
        func keep(_ batch: [Project]) throws {
            for view in try query.scan(batch, places: atlas).projects {
                for k in wanted[view.id] ?? [] { found[k] = view }
            }
        }
        if try !ProjectFile.readInPieces(path: path, places: atlas, deliver: keep) {
            found = [Project?](repeating: nil, count: indices.count)
            _ = try ProjectFile.read(path: path, places: atlas, delimiter: try source.csv.scalar(), deliver: keep)
        }
        return try indices.indices.map { k in
            guard let project = found[k] else { throw ValidationError("\(path): changed while it was read (project \(ids[indices[k]]) is gone)") }
            return project
        }
    }

    private mutating func add(_ projects: [Project]) {
        for project in projects {
            guard let position = project.position else { continue }
            let point = ProjectClusters.point(project)
            ids.append(project.id)
            longitudes.append(position.longitude)
            latitudes.append(position.latitude)
            if let row = rowNumbers[point.tally] {
                rowOf.append(row)
            } else {
                let row = Int32(rowNumbers.count)
                rowNumbers[point.tally] = row
                tallyRows += point.tally
                rowOf.append(row)
            }
            width = point.tally.count
        }
    }

    /// Puts the batches' projects in id order, as one scan of the whole file gives them.
    private mutating func sortByID() {
        func precedes(_ a: Int, _ b: Int) -> Bool { ids[a].utf8.lexicographicallyPrecedes(ids[b].utf8) }
        guard ids.indices.dropFirst().contains(where: { precedes($0, $0 - 1) }) else { return }
        let order = ids.indices.sorted(by: precedes)
        ids = order.map { ids[$0] }
        longitudes = order.map { longitudes[$0] }
        latitudes = order.map { latitudes[$0] }
        rowOf = order.map { rowOf[$0] }
    }
}
