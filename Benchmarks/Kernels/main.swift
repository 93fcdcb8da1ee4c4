import Clustering
import Foundation
import GeoJSON
import PROJKit
import PostGISStore
import Regions
import Store

/// Times one partmap kernel on a file of points, the way Tools/bench times its peers:
/// the input is read first, then only the kernel is timed, `runs` times; prints one line,
/// `seconds=<median> points=<n>`.
///
///   partmap-kernels reproject POINTS.bin [RUNS]     EPSG:4326 → EPSG:3857, one batch
///   partmap-kernels assign POINTS.bin [RUNS]        country of each point (Data/)
///   partmap-kernels read FILE.geojson [RUNS]        the GeoJSON reader alone (no record rules)
///   partmap-kernels cluster POINTS.bin [RUNS]       zoom clusters 0–16 (radius 40, extent 512,
///                                                   minPoints 2), then 1,000 viewport queries
///                                                   and 200 one-point updates
///   partmap-kernels dbscan POINTS.bin [RUNS]        DBSCAN, eps 10 km, minPoints 5
///   partmap-kernels query STORE BOXES [RUNS]        each box of BOXES (W S E N per line) as a
///                                                   store query, warm; prints the median per query
///
/// POINTS.bin holds n longitudes then n latitudes, little-endian float64 (Tools/gen_points.py).
let arguments = CommandLine.arguments
if arguments.count >= 4, arguments[1] == "query" {
    exit(await queryKernel(store: arguments[2], boxes: arguments[3], runs: arguments.count > 4 ? Int(arguments[4]) ?? 5 : 5))
}
guard arguments.count >= 3, let data = FileManager.default.contents(atPath: arguments[2]) else {
    FileHandle.standardError.write(Data("usage: partmap-kernels reproject|assign POINTS.bin [RUNS]\n".utf8))
    exit(2)
}
let runs = arguments.count > 3 ? Int(arguments[3]) ?? 3 : 3
if arguments[1] == "read" {
    let seconds = median {
        var count = 0
        _ = data.withUnsafeBytes { GeoJSONReader(file: arguments[2]).read($0) { _, _ in count += 1 } }
    }
    print("seconds=\(seconds) bytes=\(data.count) MB/s=\(Double(data.count) / seconds / 1e6)")
    exit(0)
}
let values = data.withUnsafeBytes { Array($0.bindMemory(to: Double.self)) }
let count = values.count / 2
let longitudes = Array(values[..<count]), latitudes = Array(values[count...])

func median(_ body: () throws -> Void) rethrows -> Double {
    var times: [Double] = []
    for _ in 0 ..< runs {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    return times.sorted()[times.count / 2]
}

do {
    let seconds: Double
    switch arguments[1] {
    case "reproject":
        let transformer = try Transformer(from: .wgs84, to: .webMercator)
        seconds = try median {
            var xs = longitudes, ys = latitudes
            try transformer.transform(x: &xs, y: &ys)
        }
    case "cluster":
        let points = zip(longitudes, latitudes).map { ClusterPoint(longitude: $0, latitude: $1) }
        var index: ZoomClusters?
        seconds = median { index = ZoomClusters(points: points) }
        // Viewports of a 1280 × 800 screen at zooms 2 to 16, spread over the world.
        var generator = SystemRandomNumberGenerator()
        var queryTimes: [Double] = []
        var shown = 0
        for i in 0 ..< 1000 {
            let zoom = 2 + i % 15
            let width = min(360, 360 * 1280 / (256 * pow(2, Double(zoom)))), height = min(170, width * 800 / 1280)
            let west = width >= 360 ? -180 : Double.random(in: -180 ..< 180 - width, using: &generator)
            let south = height >= 170 ? -85 : Double.random(in: -85 ..< 85 - height, using: &generator)
            let start = DispatchTime.now().uptimeNanoseconds
            shown += index!.nodes(west: west, south: south, east: west + width, north: south + height, zoom: zoom).count
            queryTimes.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        let counts = [0, 4, 8, 12, 16].map { z in
            let nodes = index!.nodes(west: -180, south: -90, east: 180, north: 90, zoom: z)
            let clusters = nodes.filter { if case .cluster = $0 { true } else { false } }.count
            return "z\(z)=\(clusters)/\(nodes.count - clusters)"
        }
        // Live edits: 200 single updates, each removing one point and inserting one elsewhere, at any place in the order.
        var updateTimes: [Double] = []
        for _ in 0 ..< 200 {
            let added = ClusterPoint(longitude: .random(in: -180 ..< 180, using: &generator), latitude: .random(in: -85 ..< 85, using: &generator))
            let removed = Int.random(in: 0 ..< index!.count, using: &generator), at = Int.random(in: 0 ..< index!.count, using: &generator)
            let start = DispatchTime.now().uptimeNanoseconds
            try index!.update(removing: [removed], inserting: [(at, added)])
            updateTimes.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        print("viewport_median_ms=\(queryTimes.sorted()[500] * 1000) viewport_p99_ms=\(queryTimes.sorted()[990] * 1000) mean_shown=\(shown / 1000) "
            + "update_median_ms=\(updateTimes.sorted()[100] * 1000) update_p99_ms=\(updateTimes.sorted()[198] * 1000) \(counts.joined(separator: " "))")
    case "dbscan":
        let positions = zip(longitudes, latitudes).map { Position(longitude: $0, latitude: $1) }
        var result: DBSCAN?
        seconds = median { result = DBSCAN(positions: positions, epsKm: 10, minPoints: 5) }
        print("clusters=\(result!.clusterCount) core=\(result!.roles.filter { $0 == .core }.count)")
    case "assign":
        let atlas = try Atlas(dataDirectory: "Data")
        seconds = try median { _ = try atlas.boundaryIndices(longitudes: longitudes, latitudes: latitudes) }
    default:
        FileHandle.standardError.write(Data("unknown kernel \(arguments[1])\n".utf8))
        exit(2)
    }
    print("seconds=\(seconds) points=\(count)")
} catch {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(1)
}

/// Times store queries in process: every box once to warm up, then each box `runs` times.
func queryKernel(store location: String, boxes path: String, runs: Int) async -> Int32 {
    do {
        let atlas = try Atlas(dataDirectory: "Data")
        let store: any ProjectStore = location.hasPrefix("postgres")
            ? try await PostGISStore(url: location, places: atlas)
            : try SQLiteStore(path: location, places: atlas)
        let boxes = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map { line in
            let v = line.split(separator: " ").compactMap { Double($0) }
            return BoundingBox(west: v[0], south: v[1], east: v[2], north: v[3])
        }
        var times: [Double] = []
        var hits = 0
        for pass in 0 ... runs {
            for box in boxes {
                var query = ProjectQuery()
                query.area = .bbox(box)
                let start = DispatchTime.now().uptimeNanoseconds
                let result = try await store.query(query)
                let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                if pass > 0 { times.append(seconds) } else { hits += result.projects.count }
            }
        }
        await store.close()
        print("seconds=\(times.sorted()[times.count / 2]) queries=\(times.count) hits=\(Double(hits) / Double(boxes.count))")
        return 0
    } catch {
        FileHandle.standardError.write(Data("\(error)\n".utf8))
        return 1
    }
}
