import Benchmark
import GeoJSON
import PROJKit
import Regions

/// Kernel benchmarks on fixed synthetic inputs (`make bench`); the side-by-side ratios against
/// peers are Tools/bench's.
let benchmarks: @Sendable () -> Void = {
    var generator = SystemRandomNumberGenerator()
    let count = 100_000
    let longitudes = (0 ..< count).map { _ in Double.random(in: -180 ..< 180, using: &generator) }
    let latitudes = (0 ..< count).map { _ in Double.random(in: -85 ..< 85, using: &generator) }
    let configuration = Benchmark.Configuration(metrics: [.wallClock, .throughput, .peakMemoryResident], scalingFactor: .kilo)

    Benchmark("reproject 4326→3857, 100k points", configuration: configuration) { benchmark in
        let transformer = try Transformer(from: .wgs84, to: .webMercator)
        for _ in benchmark.scaledIterations {
            var xs = longitudes, ys = latitudes
            try transformer.transform(x: &xs, y: &ys)
            blackHole(xs)
        }
    }

    Benchmark("assign countries, 100k points", configuration: configuration) { benchmark in
        let atlas = try Atlas(dataDirectory: "Data")
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try atlas.boundaryIndices(longitudes: longitudes, latitudes: latitudes))
        }
    }

    let document = "{\"type\":\"FeatureCollection\",\"features\":[" + (0 ..< 10_000).map { i in
        "{\"type\":\"Feature\",\"id\":\"p\(i)\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[\(longitudes[i]),\(latitudes[i])]},\"properties\":{\"title\":\"Project \(i)\",\"participationLevel\":\"led\",\"participantGroups\":[\"children\",\"youngPeople\"]}}"
    }.joined(separator: ",\n") + "]}"
    Benchmark("read GeoJSON, 10k features", configuration: configuration) { benchmark in
        let bytes = Array(document.utf8)
        for _ in benchmark.scaledIterations {
            bytes.withUnsafeBytes { buffer in
                blackHole(GeoJSONReader(file: "bench").read(buffer) { _, feature in blackHole(feature) })
            }
        }
    }
}
