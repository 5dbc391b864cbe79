// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Corridor",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "corridor", targets: ["corridor"]),
        .library(name: "ISO20022", targets: ["ISO20022"]),
        .library(name: "Compliance", targets: ["Compliance"]),
        .library(name: "Settlement", targets: ["Settlement"]),
        .library(name: "Gateway", targets: ["Gateway"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        .target(name: "ISO20022", dependencies: ["CLibXML2"]),
        .target(name: "Compliance", dependencies: ["ISO20022"]),
        .target(
            name: "Settlement",
            dependencies: [
                "ISO20022",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        .target(
            name: "Gateway",
            dependencies: [
                "ISO20022", "Compliance", "Settlement",
                .product(name: "Yams", package: "Yams"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ]
        ),
        .executableTarget(
            name: "corridor",
            dependencies: [
                "Gateway",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "corridor-bench",
            dependencies: [
                "Gateway", "Settlement", "Compliance", "ISO20022",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Benchmarks/CorridorBench"
        ),
        .testTarget(name: "ISO20022Tests", dependencies: ["ISO20022"]),
        .testTarget(name: "ComplianceTests", dependencies: ["Compliance"]),
        .testTarget(name: "SettlementTests", dependencies: ["Settlement"]),
        .testTarget(name: "GatewayTests", dependencies: ["Gateway"]),
    ]
)
