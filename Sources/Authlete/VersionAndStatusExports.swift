import AuthleteCore
internal import CAuthleteHeader
internal import CAuthleteSupport
#if canImport(Glibc)
internal import Glibc
#endif

@c @implementation
public func authlete_version() -> UnsafePointer<CChar>? { StaticNames.pointer(versionString) }

@c @implementation
public func authlete_version_number() -> UInt32 { UInt32(LibraryVersion.number) }

@c @implementation
public func authlete_status_name(_ status: Int32) -> UnsafePointer<CChar>? {
    StaticNames.pointer(Status(rawValue: status)?.constantName ?? "AUTHLETE_ERR_UNKNOWN")
}

@c @implementation
public func authlete_last_error() -> UnsafePointer<CChar>? { UnsafePointer(las_last_error_buffer()) }

@c @implementation
public func authlete_free(_ pointer: UnsafeMutableRawPointer?) { free(pointer) }

/// The version as a static C string (the same literal as AUTHLETE_VERSION_STRING; a test keeps them equal).
private let versionString: StaticString = "0.2.0"

/// Static names handed to C: StaticString literals are NUL-terminated and live as long as the library.
enum StaticNames {
    static func pointer(_ name: StaticString) -> UnsafePointer<CChar> {
        UnsafeRawPointer(name.utf8Start).assumingMemoryBound(to: CChar.self)
    }
}
