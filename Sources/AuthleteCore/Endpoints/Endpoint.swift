/// One Authlete API as the library calls it: where it lives, what its request may hold and what its answer holds.
/// Each endpoint is described once (the generated CIBA descriptions); one send path serves them all.
public final class Endpoint: Sendable {
    /// The path after `/api/{serviceId}/` (v3) or `/api/` (v2), e.g. "backchannel/authentication/issue".
    public let path: StaticString
    public let request: RequestSchema
    public let response: ResponseSchema

    public init(path: StaticString, request: RequestSchema, response: ResponseSchema) {
        self.path = path
        self.request = request
        self.response = response
    }
}
