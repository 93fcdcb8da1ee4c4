import Foundation
import Participation
import Publishing
import Regions
import Store
import Tiles

/// Views made from the store (cluster indexes, the tile renderer and its tiles, the extent), each
/// made once per store change version and forgotten when the version moves, whichever process
/// wrote. Every request first brings the cache to the store's version (`sync`), so a project
/// taken down anywhere is gone from every answer on the next request. Filtered and internal
/// views are kept within a budget of bytes, least recently used first out.
actor ViewCache {
    let store: any ProjectStore
    let atlas: Atlas
    let budgetBytes: Int
    /// Tiles kept at most, in bytes.
    let tileBudgetBytes = 64 << 20

    private var version: Int64?
    private var views: [ProjectQuery: (clusters: ProjectClusters, bytes: Int, used: UInt64)] = [:]
    private var viewBytes = 0
    private var building: [ProjectQuery: Task<ProjectClusters, any Error>] = [:]
    private var renderer: TileRenderer?
    private var tiles: [TileID: Tile?] = [:]
    private var tileBytes = 0
    private var clock: UInt64 = 0
    private var publicExtent: BoundingBox??

    /// A rendered tile and its tag (a digest of its bytes).
    struct Tile: Sendable {
        var bytes: [UInt8]
        var etag: String
    }

    init(store: any ProjectStore, atlas: Atlas, budgetBytes: Int) {
        self.store = store
        self.atlas = atlas
        self.budgetBytes = budgetBytes
    }

    /// Reads the store's change version and forgets every view made before it moved.
    /// - Throws: the store's error when it cannot be read.
    func sync() async throws {
        let current = try await store.changeVersion()
        guard current != version else { return }
        version = current
        views.removeAll()
        viewBytes = 0
        building.removeAll()
        renderer = nil
        tiles.removeAll()
        tileBytes = 0
        publicExtent = nil
    }

    /// The box of the public positions (nil when none), read once per version.
    func extent() async throws -> BoundingBox? {
        try await sync()
        if let cached = publicExtent { return cached }
        let madeAt = version
        let box = try await store.extent(includeInternal: false)
        if madeAt == version { publicExtent = .some(box) }
        return box
    }

    /// The clusters of a query's whole view (its page ignored), made once per version.
    func clusters(for query: ProjectQuery) async throws -> ProjectClusters {
        try await sync()
        var whole = query
        whole.limit = nil
        whole.offset = 0
        clock += 1
        if let cached = views[whole] {
            views[whole]?.used = clock
            return cached.clusters
        }
        // One build per view and version, however many requests wait for it.
        let store = self.store, asked = whole
        let task = building[whole] ?? Task { ProjectClusters(projects: try await store.query(asked).projects) }
        building[whole] = task
        let madeAt = version
        let clusters = try await task.value
        if building[whole] == task { building[whole] = nil }
        if madeAt == version { keep(clusters, for: whole) }
        return clusters
    }

    private func keep(_ clusters: ProjectClusters, for query: ProjectQuery) {
        let bytes = Self.estimatedBytes(clusters)
        // The whole public view is always kept: every tile and the map's data come from it.
        let isWhole = query == ProjectQuery()
        guard isWhole || bytes <= budgetBytes else { return }
        while !isWhole && viewBytes + bytes > budgetBytes,
              let oldest = views.filter({ $0.key != ProjectQuery() }).min(by: { $0.value.used < $1.value.used })?.key {
            viewBytes -= views.removeValue(forKey: oldest)?.bytes ?? 0
        }
        views[query] = (clusters, bytes, clock)
        if !isWhole { viewBytes += bytes }
    }

    /// Bytes and number of the filtered and internal views kept now.
    var keptBytes: Int { viewBytes }
    var keptViews: Int { views.keys.filter { $0 != ProjectQuery() }.count }

    /// About what an index holds: its records and, per zoom, its nodes.
    static func estimatedBytes(_ clusters: ProjectClusters) -> Int {
        clusters.projects.count * 2048 + 4096
    }

    /// A tile of the public view with its tag; nil when it holds nothing.
    func tile(_ id: TileID) async throws -> Tile? {
        let (renderer, current) = try await currentRenderer()
        if current, let cached = tiles[id] { return cached }
        let rendered = try renderer.render(id).map { Tile(bytes: $0, etag: ETag.of($0)) }
        guard current else { return rendered }
        let size = (rendered?.bytes.count ?? 0) + 64
        if tileBytes + size > tileBudgetBytes {
            tiles.removeAll()
            tileBytes = 0
        }
        tiles[id] = rendered
        tileBytes += size
        return rendered
    }

    /// The renderer of the public view's tiles.
    func tileRenderer() async throws -> TileRenderer { try await currentRenderer().renderer }

    /// The renderer, and whether it is the current version's (kept) or made from a view the
    /// version has already moved past (used once, not kept).
    private func currentRenderer() async throws -> (renderer: TileRenderer, current: Bool) {
        let clusters = try await clusters(for: ProjectQuery())
        if let renderer { return (renderer, true) }
        guard let kept = views[ProjectQuery()]?.clusters else {
            return (TileRenderer(clusters: clusters, counts: RegionCounts(views: clusters.projects), boundaries: atlas.boundaries), false)
        }
        let made = TileRenderer(clusters: kept, counts: RegionCounts(views: kept.projects), boundaries: atlas.boundaries)
        renderer = made
        return (made, true)
    }
}
