import AuthleteCore
public import CAuthleteHeader
#if canImport(Glibc)
internal import Glibc
#endif

/// What an authlete_ciba_flow points to: the core flow, and what it has answered as C strings and response
/// objects, so that getters hand out borrowed pointers that live as long as the flow.
final class FlowBox {
    let flow = BackchannelFlow()
    private(set) var request: ResponseObject?
    private(set) var issue: ResponseObject?
    /// The answer's header names, header values and body, malloc'd (freed on deinit).
    private(set) var names: [UnsafeMutablePointer<CChar>] = []
    private(set) var values: [UnsafeMutablePointer<CChar>] = []
    private(set) var body: UnsafeMutablePointer<CChar>?
    /// Authlete's bodies of /backchannel/authentication and /issue, malloc'd.
    private(set) var requestBody: UnsafeMutablePointer<CChar>?
    private(set) var issueBody: UnsafeMutablePointer<CChar>?

    deinit { release() }

    private func release() {
        for pointer in names + values { free(pointer) }
        free(body)
        free(requestBody)
        free(issueBody)
        names = []
        values = []
        body = nil
    }

    /// Runs one step of the flow, then mirrors what it produced for the C getters.
    func step(_ body: (BackchannelFlow) throws(AuthleteError) -> Void) throws(AuthleteError) {
        var failure: AuthleteError?
        do { try body(flow) } catch { failure = error }
        do {
            try mirror()
        } catch {
            throw failure ?? error
        }
        if let failure { throw failure }
    }

    private func mirror() throws(AuthleteError) {
        if request == nil, let response = flow.authentication, let text = flow.authenticationBody {
            request = response
            requestBody = try Boundary.allocate(text)
        }
        if issue == nil, let response = flow.issue, let text = flow.issueBody {
            issue = response
            issueBody = try Boundary.allocate(text)
        }
        guard body == nil, let answer = flow.answer else { return }
        for header in answer.headers {
            names.append(try Boundary.allocate(header.name))
            values.append(try Boundary.allocate(header.value))
        }
        body = try Boundary.allocate(answer.body)
    }

    static func borrow(_ pointer: OpaquePointer?) -> FlowBox? { OpaqueHandle<FlowBox>.borrow(pointer) }
}

/// Runs a flow step on a C flow handle.
private func flowStep(_ flow: OpaquePointer?, _ step: (BackchannelFlow) throws(AuthleteError) -> Void) -> authlete_status {
    Boundary.run { () throws(AuthleteError) in
        guard let box = FlowBox.borrow(flow) else { throw Boundary.nullArgument("flow") }
        try box.step(step)
    }
}

@c @implementation
public func authlete_ciba_flow_new(_ out: UnsafeMutablePointer<OpaquePointer?>?) -> authlete_status {
    out?.pointee = nil
    return Boundary.run { () throws(AuthleteError) in
        guard let out else { throw Boundary.nullArgument("out") }
        out.pointee = OpaqueHandle.handOut(FlowBox())
    }
}

@c @implementation
public func authlete_ciba_flow_free(_ flow: OpaquePointer?) { OpaqueHandle<FlowBox>.release(flow) }

@c @implementation
public func authlete_ciba_flow_start(_ flow: OpaquePointer?, _ client: OpaquePointer?, _ serviceID: UnsafePointer<CChar>?,
                                     _ parameters: UnsafePointer<CChar>?, _ authorization: UnsafePointer<CChar>?,
                                     _ clientCertificate: UnsafePointer<CChar>?) -> authlete_status {
    flowStep(flow) { (flow) throws(AuthleteError) in
        guard flow.stage == .new else { throw AuthleteError(.invalidArgument, "the flow has already started") }
        do throws(AuthleteError) {
            guard let box = OpaqueHandle<ClientBox>.borrow(client) else { throw Boundary.nullArgument("client") }
            let service = try Boundary.requiredString(serviceID, "service_id", limit: 128)
            let request: CheckedRequest
            do throws(AuthleteError) {
                request = try AuthenticationRequest.make(parameters, authorization, clientCertificate)
            } catch {
                throw box.client.redacted(error)
            }
            try flow.start(client: box.client, serviceID: service, request: request)
        } catch {
            // Bad arguments to start end the request too: the client must still get a well-formed answer.
            flow.fail()
            throw error
        }
    }
}

@c @implementation
public func authlete_ciba_flow_current_stage(_ flow: OpaquePointer?) -> Int32 { FlowBox.borrow(flow)?.flow.stage.rawValue ?? 0 }

@c @implementation
public func authlete_ciba_flow_request(_ flow: OpaquePointer?) -> OpaquePointer? {
    FlowBox.borrow(flow)?.request.map(OpaqueHandle.lend)
}

@c @implementation
public func authlete_ciba_flow_reject(_ flow: OpaquePointer?, _ reason: Int32, _ errorDescription: UnsafePointer<CChar>?,
                                      _ errorURI: UnsafePointer<CChar>?) -> authlete_status {
    flowStep(flow) { (flow) throws(AuthleteError) in
        guard let reason = FailReason(rawValue: reason) else {
            throw AuthleteError(.invalidArgument, "reason \(reason) is not an authlete_ciba_fail_reason")
        }
        let description = try Boundary.optionalString(errorDescription, "error_description", limit: FailRequest.fieldLimit)
        let uri = try Boundary.optionalString(errorURI, "error_uri", limit: FailRequest.fieldLimit)
        try flow.reject(reason, errorDescription: description, errorURI: uri)
    }
}

@c @implementation
public func authlete_ciba_flow_accept(_ flow: OpaquePointer?) -> authlete_status {
    flowStep(flow) { (flow) throws(AuthleteError) in try flow.accept() }
}

@c @implementation
public func authlete_ciba_flow_issue_response(_ flow: OpaquePointer?) -> OpaquePointer? {
    FlowBox.borrow(flow)?.issue.map(OpaqueHandle.lend)
}

@c @implementation
public func authlete_ciba_flow_http_status(_ flow: OpaquePointer?) -> Int32 { FlowBox.borrow(flow)?.flow.answer?.status ?? 0 }

@c @implementation
public func authlete_ciba_flow_header_count(_ flow: OpaquePointer?) -> Int { FlowBox.borrow(flow)?.names.count ?? 0 }

@c @implementation
public func authlete_ciba_flow_header_name(_ flow: OpaquePointer?, _ index: Int) -> UnsafePointer<CChar>? {
    guard let names = FlowBox.borrow(flow)?.names, names.indices.contains(index) else { return nil }
    return UnsafePointer(names[index])
}

@c @implementation
public func authlete_ciba_flow_header_value(_ flow: OpaquePointer?, _ index: Int) -> UnsafePointer<CChar>? {
    guard let values = FlowBox.borrow(flow)?.values, values.indices.contains(index) else { return nil }
    return UnsafePointer(values[index])
}

@c @implementation
public func authlete_ciba_flow_body(_ flow: OpaquePointer?) -> UnsafePointer<CChar>? {
    FlowBox.borrow(flow)?.body.map { UnsafePointer($0) }
}

@c @implementation
public func authlete_ciba_flow_request_body(_ flow: OpaquePointer?) -> UnsafePointer<CChar>? {
    FlowBox.borrow(flow)?.requestBody.map { UnsafePointer($0) }
}

@c @implementation
public func authlete_ciba_flow_issue_body(_ flow: OpaquePointer?) -> UnsafePointer<CChar>? {
    FlowBox.borrow(flow)?.issueBody.map { UnsafePointer($0) }
}
