// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "partmap",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "partmap", targets: ["partmap"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
    ],
    targets: [
        .systemLibrary(name: "CGEOS", pkgConfig: "geos", providers: [.apt(["libgeos-dev"])]),
        .systemLibrary(name: "CPROJ", pkgConfig: "proj", providers: [.apt(["libproj-dev"])]),
        .target(name: "GeoJSON"),
        .target(name: "GEOSKit", dependencies: ["CGEOS", "GeoJSON"]),
        .target(name: "PROJKit", dependencies: ["CPROJ"]),
        .target(name: "Regions", dependencies: ["GeoJSON", "GEOSKit"]),
        .target(name: "Participation", dependencies: ["GeoJSON", "PROJKit", "Regions"]),
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        .target(name: "Clustering", dependencies: ["GeoJSON", "GEOSKit"]),
        .target(name: "Tiles", dependencies: ["CZlib", "GeoJSON", .product(name: "GRDB", package: "GRDB.swift")]),
        .target(
            name: "Publishing",
            dependencies: [
                "Clustering", "GEOSKit", "GeoJSON", "Participation", "Regions", "Store", "Tiles", .product(name: "Crypto", package: "swift-crypto"),
            ],
            // The web map's page, style and script, compiled in as `PackageResources`: a bundle beside
            // the binary (`Bundle.module`) would be missing once the binary is installed elsewhere.
            resources: [.embedInCode("Resources/index.html"), .embedInCode("Resources/map.css"), .embedInCode("Resources/map.js")]),
        .target(
            name: "Store",
            dependencies: ["GeoJSON", "GEOSKit", "Participation", "Regions", .product(name: "GRDB", package: "GRDB.swift")]),
        .target(
            name: "PostGISStore",
            dependencies: [
                "GeoJSON", "Participation", "Regions", "Store", .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"), .product(name: "NIOCore", package: "swift-nio"),
            ]),
        .target(
            name: "Server",
            dependencies: [
                "GeoJSON", "PROJKit", "Participation", "Publishing", "Regions", "Store", "Tiles",
                .product(name: "Hummingbird", package: "hummingbird"), .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"), .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"), .product(name: "Crypto", package: "swift-crypto"),
            ]),
        .executableTarget(
            name: "partmap",
            dependencies: [
                "Clustering", "GeoJSON", "Participation", "Regions", "PROJKit", "Publishing", "Server", "Store", "PostGISStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"), .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // What the test targets share: the package root, a seeded generator, the Python runner.
        .target(name: "TestSupport", path: "Tests/Support"),
        .testTarget(name: "GeoJSONTests", dependencies: ["GeoJSON"]),
        .testTarget(name: "GEOSKitTests", dependencies: ["GEOSKit", "GeoJSON"]),
        .testTarget(name: "ClusteringTests", dependencies: ["Clustering", "GeoJSON", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "PROJKitTests", dependencies: ["PROJKit", "TestSupport"]),
        .testTarget(name: "RegionsTests", dependencies: ["Regions", "GeoJSON", "TestSupport"]),
        .testTarget(name: "ParticipationTests", dependencies: ["Participation", "Regions", "GeoJSON", "TestSupport"]),
        .testTarget(name: "TilesTests", dependencies: ["Tiles", "TestSupport"]),
        .testTarget(name: "PublishingTests", dependencies: ["Publishing", "GeoJSON", "Tiles"]),
        .testTarget(
            name: "StoreTests",
            dependencies: [
                "Store", "PostGISStore", "Participation", "Regions", "GeoJSON", "TestSupport",
                .product(name: "GRDB", package: "GRDB.swift"), .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]),
        .testTarget(
            name: "ServerTests",
            dependencies: [
                "Server", "Store", "PostGISStore", "Participation", "Publishing", "Regions", "GeoJSON", "TestSupport",
                .product(name: "Hummingbird", package: "hummingbird"), .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"), .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]),
        .testTarget(name: "partmapTests", dependencies: ["TestSupport"], exclude: ["Golden"]),
    ],
    swiftLanguageModes: [.v6]
)

// Benchmarks are built only for `make bench` (PARTMAP_BENCHMARKS=1), so that the test suite
// never waits for the benchmark package and its dependencies.
if Context.environment["PARTMAP_BENCHMARKS"] != nil {
    package.dependencies.append(
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]))
    package.targets += [
        .executableTarget(
            name: "PartmapBenchmarks",
            dependencies: ["GeoJSON", "PROJKit", "Regions", .product(name: "Benchmark", package: "benchmark")],
            path: "Benchmarks/PartmapBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
        // The kernels the side-by-side scripts of Tools/bench time against their peers.
        .executableTarget(
            name: "partmap-kernels", dependencies: ["Clustering", "GeoJSON", "PROJKit", "Regions", "Store", "PostGISStore"], path: "Benchmarks/Kernels"),
    ]
}
