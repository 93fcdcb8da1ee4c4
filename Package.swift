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
    ],
    targets: [
        .systemLibrary(name: "CGEOS", pkgConfig: "geos", providers: [.apt(["libgeos-dev"])]),
        .systemLibrary(name: "CPROJ", pkgConfig: "proj", providers: [.apt(["libproj-dev"])]),
        .target(name: "GeoJSON"),
        .target(name: "GEOSKit", dependencies: ["CGEOS", "GeoJSON"]),
        .target(name: "PROJKit", dependencies: ["CPROJ"]),
        .target(name: "Regions", dependencies: ["GeoJSON", "GEOSKit"]),
        .target(name: "Participation", dependencies: ["GeoJSON", "Regions"]),
        .target(name: "Publishing", dependencies: ["GeoJSON", "Participation", "Regions"]),
        .executableTarget(
            name: "partmap",
            dependencies: [
                "GeoJSON", "Participation", "Regions", "PROJKit", "Publishing",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // What the test targets share: the package root, a seeded generator, the Python runner.
        .target(name: "TestSupport", path: "Tests/Support"),
        .testTarget(name: "GeoJSONTests", dependencies: ["GeoJSON"]),
        .testTarget(name: "GEOSKitTests", dependencies: ["GEOSKit", "GeoJSON"]),
        .testTarget(name: "PROJKitTests", dependencies: ["PROJKit", "TestSupport"]),
        .testTarget(name: "RegionsTests", dependencies: ["Regions", "GeoJSON", "GEOSKit", "TestSupport"]),
        .testTarget(name: "ParticipationTests", dependencies: ["Participation", "Regions", "GeoJSON", "TestSupport"]),
        .testTarget(name: "PublishingTests", dependencies: ["Publishing", "GeoJSON"]),
        .testTarget(name: "partmapTests", dependencies: ["TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
