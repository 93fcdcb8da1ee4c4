import Foundation
import GeoJSON
import NIOCore
import Participation
import Publishing
import Regions
import Store
import Tiles

/// Views made from the store (cluster indexes, the tile renderer and its tiles, encoded cluster
/// answers, the extent), each made for one store change version and forgotten when the version
/// moves, whichever process wrote. Every request first brings the cache to the store's version
/// (`sync`), read after the request came, so a project taken down anywhere is gone from every
/// answer on the next request; requests that come together share one read. The whole public view
/// follows a small change through the change log (`PublicViewUpdate`) and is made again after a
/// large one; filtered and internal views are made again, kept within a budget of bytes, least
/// recently used first out.
actor ViewCache {
    let store: any ProjectStore
    let atlas: Atlas
    let budgetBytes: Int
    /// Tiles kept at most, in bytes.
    let tileBudgetBytes = 64 << 20
    /// Encoded /clusters answers kept at most, in bytes.
    static let answerBudgetBytes = 32 << 20

    /// The version followed; versions only grow.
    private var version: Int64?
    /// The whole public view at `version`, or the work that makes it.
    private var whole: Task<PublicViewUpdate, any Error>?
    /// Whether a request has asked for the whole public view, so a wake makes it again.
    private var publicViewAsked = false
    private var views: [ProjectQuery: (clusters: ProjectClusters, bytes: Int, used: UInt64)] = [:]
    private var viewBytes = 0
    private var building: [ProjectQuery: Task<ProjectClusters, any Error>] = [:]
    /// The public view's tile renderer at `version`, or the work that makes it.
    private var renderer: Task<TileRenderer, any Error>?
    private var tiles: [TileID: Tile?] = [:]
    private var tileBytes = 0
    private var clock: UInt64 = 0
    /// The box of the public positions at `version`, or the read that finds it.
    private var publicExtent: Task<BoundingBox?, any Error>?
    private var clusterAnswers = AnswerCache<ClusterAnswer>(budgetBytes: answerBudgetBytes)
    /// Cluster answers being encoded: requests for one wait for its one encoding.
    private var encoding: [ClusterAnswer: Task<ByteBuffer, any Error>] = [:]
    /// The read of the store's version that has not started yet, which a request joins; and the
    /// last read made or queued, after which the next one starts (one at a time).
    private var queuedRead: Task<Void, any Error>?
    private var lastRead: Task<Void, any Error>?

    /// What a /clusters answer is made from: the query's whole view, a zoom and a view box.
    struct ClusterAnswer: Hashable {
        var query: ProjectQuery
        var zoom: Int
        var view: [Double]
    }

    /// A rendered tile and its tag (a digest of its bytes).
    struct Tile: Sendable {
        /// The tile's bytes, shared by every response made from them.
        var bytes: ByteBuffer
        var etag: String
    }

    init(store: any ProjectStore, atlas: Atlas, budgetBytes: Int) {
        self.store = store
        self.atlas = atlas
        self.budgetBytes = budgetBytes
    }

    /// Brings the views to the store's version as a read that starts after this call finds it.
    /// Requests that come while a read runs share the next one, so the store is read once per
    /// read's time, however many requests come, and none is answered from a read begun before it.
    /// - Throws: the store's error when it cannot be read.
    func sync() async throws {
        if let queuedRead { return try await queuedRead.value }
        let before = lastRead
        let read = Task {
            _ = await before?.result
            try await self.readChanges()
        }
        queuedRead = read
        lastRead = read
        try await read.value
    }

    /// Reads the store's change version, with the ids written since the one followed, and
    /// forgets every view made before it moved; the whole public view goes on from the one before.
    private func readChanges() async throws {
        queuedRead = nil
        let read = if let version { try await store.changes(since: version) } else { ChangeSet(version: try await store.changeVersion(), ids: nil) }
        if let version, read.version == version { return }
        // A lower version is a store restored or made anew under the service: the whole view is
        // made again, never kept from a later state.
        let backwards = version.map { read.version < $0 } ?? false
        version = read.version
        views.removeAll()
        viewBytes = 0
        building.removeAll()
        renderer = nil
        tiles.removeAll()
        tileBytes = 0
        clusterAnswers.removeAll()
        encoding.removeAll()
        publicExtent = nil
        if !backwards, let before = whole, let ids = read.ids {
            whole = PublicViewUpdate.following(before, ids: ids, store: store, places: atlas)
        } else {
            whole = nil
        }
    }

    /// Brings the views to the store's version as soon as a write made anywhere is heard of
    /// (`ProjectStore.changeNotifications()`), and makes the whole public view again if requests
    /// use it, so the first request after that write finds it ready. A failure is left to that
    /// request, which reads the store again.
    func wake() async {
        do {
            try await sync()
            if publicViewAsked { _ = try await publicView() }
        } catch {}
    }

    /// The store change version the views follow now; nil before the first read.
    var followedVersion: Int64? { version }

    /// The box of the public positions (nil when none), read once per version: requests that
    /// come together share the one read, as a whole-table scan each would cost a copy of the
    /// table in every reader's cache.
    func extent() async throws -> BoundingBox? {
        try await sync()
        let store = self.store
        let task = publicExtent ?? Task { try await store.extent(includeInternal: false) }
        publicExtent = task
        do { return try await task.value } catch {
            if publicExtent == task { publicExtent = nil }
            throw error
        }
    }

    /// The clusters of a query's whole view (its page ignored), made once per version.
    func clusters(for query: ProjectQuery) async throws -> ProjectClusters {
        try await sync()
        return try await syncedClusters(for: query)
    }

    /// A /clusters answer: `encode`d from the query's clusters once per version and view, then
    /// kept (`AnswerCache`). Encoding runs off this actor, so other requests go on meanwhile, and
    /// once per answer, however many requests wait for it.
    func clusterAnswer(for query: ProjectQuery, zoom: Int, view: [Double],
                       encode: @escaping @Sendable (ProjectClusters) throws -> ByteBuffer) async throws -> ByteBuffer {
        try await sync()
        let key = ClusterAnswer(query: Self.wholeView(query), zoom: zoom, view: view)
        if let kept = clusterAnswers.answer(key) { return kept }
        let madeAt = version
        let task: Task<ByteBuffer, any Error>
        if let running = encoding[key] {
            task = running
        } else {
            let clusters = try await syncedClusters(for: query)
            task = encoding[key] ?? Task.detached { try encode(clusters) }
            encoding[key] = task
        }
        let answer: ByteBuffer
        do { answer = try await task.value } catch {
            if encoding[key] == task { encoding[key] = nil }
            throw error
        }
        if encoding[key] == task { encoding[key] = nil }
        if madeAt == version { clusterAnswers.keep(answer, for: key) }
        return answer
    }

    /// `query` without its page: what its clusters and their answers are kept by.
    private static func wholeView(_ query: ProjectQuery) -> ProjectQuery {
        var whole = query
        whole.limit = nil
        whole.offset = 0
        return whole
    }

    /// The clusters of a query's whole view at the version followed now.
    private func syncedClusters(for query: ProjectQuery) async throws -> ProjectClusters {
        let asked = Self.wholeView(query)
        if asked == ProjectQuery() { return try await publicView().view.clusters }
        clock += 1
        if let cached = views[asked] {
            views[asked]?.used = clock
            return cached.clusters
        }
        // One build per view and version, however many requests wait for it.
        let store = self.store, wanted = asked
        let task = building[asked] ?? Task { ProjectClusters(projects: try await store.query(wanted).projects) }
        building[asked] = task
        let madeAt = version
        let clusters = try await task.value
        if building[asked] == task { building[asked] = nil }
        if madeAt == version { keep(clusters, for: asked) }
        return clusters
    }

    /// The whole public view as the current version's work makes it, and whether that work is
    /// still the current one once done; work that failed is dropped, so the next request starts anew.
    private func publicView() async throws -> (view: PublicViewUpdate, current: Bool) {
        let task = whole ?? PublicViewUpdate.built(store: store)
        whole = task
        publicViewAsked = true
        do {
            let view = try await task.value
            return (view, whole == task)
        } catch {
            if whole == task { whole = nil }
            throw error
        }
    }

    /// How the current whole public view was made: through the index's update or anew.
    func publicViewMade() async throws -> ProjectClusters.Update {
        try await sync()
        return try await publicView().view.made
    }

    private func keep(_ clusters: ProjectClusters, for query: ProjectQuery) {
        let bytes = Self.estimatedBytes(clusters)
        guard bytes <= budgetBytes else { return }
        while viewBytes + bytes > budgetBytes, let oldest = views.min(by: { $0.value.used < $1.value.used })?.key {
            viewBytes -= views.removeValue(forKey: oldest)?.bytes ?? 0
        }
        views[query] = (clusters, bytes, clock)
        viewBytes += bytes
    }

    /// Bytes and number of the filtered and internal views kept now.
    var keptBytes: Int { viewBytes }
    var keptViews: Int { views.count }

    /// About what an index holds: its records and, per zoom, its nodes.
    static func estimatedBytes(_ clusters: ProjectClusters) -> Int {
        clusters.projects.count * 2048 + 4096
    }

    /// A tile of the public view with its tag; nil when it holds nothing.
    func tile(_ id: TileID) async throws -> Tile? {
        let (renderer, current) = try await currentRenderer()
        if current, let cached = tiles[id] { return cached }
        let rendered = try renderer.render(id).map { Tile(bytes: ByteBuffer(bytes: $0), etag: ETag.of($0)) }
        guard current else { return rendered }
        let size = (rendered?.bytes.readableBytes ?? 0) + 64
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
    /// version has already moved past (used once, not kept). It is made off this actor, once per
    /// version, however many requests wait for it.
    private func currentRenderer() async throws -> (renderer: TileRenderer, current: Bool) {
        try await sync()
        let (view, current) = try await publicView()
        let atlas = self.atlas
        let make = { @Sendable () throws -> TileRenderer in
            TileRenderer(clusters: view.clusters, counts: RegionCounts(views: view.clusters.projects), boundaries: try atlas.boundaries)
        }
        guard current else { return (try make(), false) }
        let task = renderer ?? Task.detached(operation: make)
        renderer = task
        do {
            let made = try await task.value
            return (made, renderer == task)
        } catch {
            if renderer == task { renderer = nil }
            throw error
        }
    }
}
