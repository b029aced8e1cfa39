// swift-tools-version:6.2
import PackageDescription

// The library's Swift code must never trap inside a host process; these settings keep the core strict.
let strictSwift: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "libauthlete",
    products: [
        // libauthlete.so: the C ABI declared in include/authlete.h. `make` links it with the static Swift runtime,
        // the export list in Sources/Authlete/exports.map and the SONAME libauthlete.so.0.
        .library(name: "authlete", type: .dynamic, targets: ["Authlete"]),
        // The Swift API, for Swift programs that want the core without the C boundary.
        .library(name: "AuthleteCore", targets: ["AuthleteCore"]),
        // The local emulator of Authlete's CIBA fail API (tests, demo, users' offline CI).
        .executable(name: "authlete-emulator", targets: ["authlete-emulator"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
    ],
    targets: [
        // The public header, include/authlete.h, as a Clang module for the Swift implementation to check against.
        .systemLibrary(name: "CAuthleteHeader", path: "Sources/CAuthleteHeader"),
        // cJSON from Debian's libcjson-dev: JSON at the boundary.
        .systemLibrary(name: "CcJSON", path: "Sources/CcJSON", pkgConfig: "libcjson",
                       providers: [.apt(["libcjson-dev"])]),
        // The C that Swift cannot write: libcurl's variadic setopt, its share-lock callbacks, a thread-local buffer.
        .target(name: "CAuthleteSupport", path: "Sources/CAuthleteSupport",
                linkerSettings: [.linkedLibrary("curl")]),
        // The pure-Swift core: models, validation, the error model, configuration, retries, the client.
        .target(name: "AuthleteCore", dependencies: ["CAuthleteSupport", "CcJSON"], swiftSettings: strictSwift),
        // The thin C boundary: each function of include/authlete.h, implemented with @c @implementation.
        .target(name: "Authlete", dependencies: ["AuthleteCore", "CAuthleteHeader"],
                exclude: ["exports.map"],
                swiftSettings: strictSwift + [.enableExperimentalFeature("CImplementation")]),
        .target(name: "AuthleteEmulator", dependencies: [
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .executableTarget(name: "authlete-emulator", dependencies: [
            "AuthleteEmulator",
            "CAuthleteHeader",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .testTarget(name: "AuthleteCoreTests", dependencies: ["AuthleteCore"]),
        .testTarget(name: "AuthleteEmulatorTests", dependencies: [
            "AuthleteEmulator",
            .product(name: "HummingbirdTesting", package: "hummingbird"),
        ]),
    ]
)
