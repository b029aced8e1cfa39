// Identifying and authenticating the client of a backchannel authentication request. The client is named by the
// Basic user name (`clientId`) or by `client_id` in `parameters`, each its numeric id or its alias. The method
// performed is client_secret_basic when Basic credentials came, else client_secret_post when `client_secret` is in
// `parameters`, else none; it must be the client's registered method (CLIENT_SECRET_BASIC or CLIENT_SECRET_POST:
// the emulator performs no other) and the secret must match.

struct IdentifiedClient {
    let client: ClientConfig
    let aliasUsed: Bool
    let method: ClientAuthMethod
}

enum ClientAuthentication {
    typealias Rejection = BackchannelAuthentication.Rejection

    static func authenticate(_ fields: RequestFields, _ parameters: Parameters, service: ServiceConfig)
        -> Result<IdentifiedClient, Rejection>
    {
        let basicId = fields.string("clientId")
        let names = [basicId, parameters.value("client_id")].compactMap { $0 }
        guard !names.isEmpty else {
            return .failure(.unauthorized("No client is identified: neither clientId nor client_id was given."))
        }
        var found: [(client: ClientConfig, aliasUsed: Bool)] = []
        for name in names {
            guard let match = service.client(identifiedBy: name) else {
                return .failure(.unauthorized("The client is unknown."))
            }
            found.append(match)
        }
        guard let (client, aliasUsed) = found.first,
              found.allSatisfy({ $0.client.clientId == client.clientId })
        else {
            return .failure(.unauthorized("clientId and client_id name different clients."))
        }
        let method: ClientAuthMethod
        let presented: String?
        if basicId != nil {
            (method, presented) = (.clientSecretBasic, fields.string("clientSecret"))
        } else if let secret = parameters.value("client_secret") {
            (method, presented) = (.clientSecretPost, secret)
        } else {
            return .failure(.unauthorized("The client did not authenticate (public clients cannot use CIBA)."))
        }
        guard method == client.authMethod, let secret = client.clientSecret, let presented,
              constantTimeEquals(secret, presented)
        else {
            return .failure(.unauthorized("Client authentication failed."))
        }
        return .success(IdentifiedClient(client: client, aliasUsed: aliasUsed, method: method))
    }
}
