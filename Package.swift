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
        .testTarget(name: "GeoJSONTests", dependencies: ["GeoJSON"], resources: [.copy("Fixtures")]),
        .testTarget(name: "GEOSKitTests", dependencies: ["GEOSKit", "GeoJSON"]),
        .testTarget(name: "PROJKitTests", dependencies: ["PROJKit"]),
        .testTarget(name: "RegionsTests", dependencies: ["Regions", "GeoJSON", "GEOSKit"]),
        .testTarget(
            name: "ParticipationTests", dependencies: ["Participation", "Regions", "GeoJSON"],
            resources: [.copy("Fixtures")]),
        .testTarget(name: "PublishingTests", dependencies: ["Publishing", "GeoJSON"]),
        .testTarget(name: "partmapTests", dependencies: ["partmap"], resources: [.copy("Fixtures")]),
    ],
    swiftLanguageModes: [.v6]
)
