// The tokens the emulator mints in push mode, and reading the `sub` of an id_token_hint. Access and refresh tokens
// are random like tickets. The ID token is an unsigned JWT (`alg` none): the product treats it as opaque, and a
// reader can still see its claims. An id_token_hint's payload is read without verifying its signature.

enum IDToken {
    static func make(issuer: String, subject: String, audience: Int64, audienceAsArray: Bool, issuedAt: Int64,
                     lifetime: Int, authTime: Int64?, acr: String?, claims: [String: JSONValue]) -> String {
        var members: [(String, JSONFragment)] = [
            ("iss", .string(issuer)), ("sub", .string(subject)),
            ("aud", audienceAsArray ? .array([.string(String(audience))]) : .string(String(audience))),
            ("iat", .int64(issuedAt)), ("exp", .int64(issuedAt + Int64(lifetime))),
        ]
        if let authTime { members.append(("auth_time", .int64(authTime))) }
        if let acr { members.append(("acr", .string(acr))) }
        let taken = Set(members.map(\.0))
        members += claims.sorted { $0.key < $1.key }.filter { !taken.contains($0.key) }.map { ($0.key, .value($0.value)) }
        let header = TicketStore.base64URL(JSONWriter.text([("alg", .string("none")), ("typ", .string("JWT"))]))
        return header + "." + TicketStore.base64URL(JSONWriter.text(members)) + "."
    }

    /// The `sub` claim of a JWT's payload, unverified; nil when the text is not a JWT with a string `sub`.
    static func unverifiedSubject(_ jwt: String) -> String? {
        let parts = jwt.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 2 else { return nil }
        let standard = String(parts[1].map { $0 == "-" ? "+" : $0 == "_" ? "/" : $0 })
        guard let bytes = Base64.decode(standard), case .object(let claims)? = try? JSONParser.parse(bytes),
              case .string(let sub)? = claims["sub"]
        else { return nil }
        return sub
    }
}
