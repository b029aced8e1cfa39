import Testing
@testable import AuthleteCore

/// The generic request checks and response reads, on the CIBA endpoints' descriptions.
@Suite struct EndpointSchemaTests {
    static let issueOK = #"{"resultCode":"A183001","resultMessage":"[A183001] An auth_req_id was issued successfully.","action":"OK","responseContent":"{\"auth_req_id\":\"r1\",\"interval\":5,\"expires_in\":600}","authReqId":"r1","expiresIn":600,"interval":5}"#

    @Test func readsAnIssueAnswer() throws {
        let parsed = try Endpoint.cibaIssue.response.parse(Self.issueOK)
        #expect(parsed.action == 3 && parsed.httpStatus == 200)
        #expect(parsed.text(CibaIssueMember.resultCode) == "A183001")
        #expect(parsed.text(CibaIssueMember.authReqId) == "r1")
        #expect(parsed.number(CibaIssueMember.expiresIn) == 600)
        #expect(parsed.number(CibaIssueMember.interval) == 5)
    }

    @Test(arguments: [
        ("26862190133482", Int64(26862190133482)),
        ("9007199254740993", Int64(9007199254740993)),      // 2^53 + 1: a double would give ...992
        ("9223372036854775807", Int64.max),
        ("-9223372036854775808", Int64.min),
    ])
    func readsInt64MembersExactly(text: String, value: Int64) throws {
        let json = #"{"action":"USER_IDENTIFICATION","clientId": "# + text + #" ,"ticket":"t"}"#
        let parsed = try Endpoint.cibaAuthentication.response.parse(json)
        #expect(parsed.number(CibaAuthenticationMember.clientId) == value)
    }

    @Test(arguments: ["9223372036854775808", "1.5", "1e3", "1.0", "\"26862190133482\"", "true"])
    func refusesInt64MembersThatAreNotIntegersWithinInt64(text: String) {
        let json = #"{"action":"USER_IDENTIFICATION","clientId":"# + text + "}"
        #expect(throws: AuthleteError.self) { try Endpoint.cibaAuthentication.response.parse(json) }
        #expect((try? Endpoint.cibaAuthentication.response.parse(json)) == nil)
    }

    @Test func readsArraysObjectsAndEnumerations() throws {
        let json = """
        {"action":"USER_IDENTIFICATION","deliveryMode":"PING","hintType":"LOGIN_HINT","userCodeRequired":true,
         "scopes":[{"name":"openid","defaultEntry":false,"descriptions":null},{"name":"email"}],
         "claimNames":["email","email_verified"],"acrs":[],"requestedExpiry":120,
         "authorizationDetails": { "elements" : [ {"type":"payment", "amount" : 9007199254740993 , "note":"a b"} ] },
         "grant":null,"unknownMember":{"x":[1,2]}}
        """
        let parsed = try Endpoint.cibaAuthentication.response.parse(json)
        #expect(parsed.action == 4 && parsed.httpStatus == 0)
        #expect(parsed.number(CibaAuthenticationMember.deliveryMode) == 2)
        #expect(parsed.number(CibaAuthenticationMember.hintType) == 1)
        #expect(parsed.number(CibaAuthenticationMember.userCodeRequired) == 1)
        #expect(parsed.list(CibaAuthenticationMember.scopes) == ["openid", "email"])
        #expect(parsed.list(CibaAuthenticationMember.claimNames) == ["email", "email_verified"])
        #expect(parsed.values[CibaAuthenticationMember.acrs] == .list([]))
        #expect(parsed.number(CibaAuthenticationMember.requestedExpiry) == 120)
        // The object's own text, compacted: the big number is not rounded, the string's space stays.
        #expect(parsed.text(CibaAuthenticationMember.authorizationDetails)
                == #"{"elements":[{"type":"payment","amount":9007199254740993,"note":"a b"}]}"#)
        #expect(parsed.values[CibaAuthenticationMember.grant] == nil)
    }

    @Test func findsOwnTextsOutOfOrderPastEscapedQuotesAndUnknownMembers() throws {
        // Members in an order of their own, an unknown member first, strings ending in escaped quotes and
        // backslashes before the members read from their own text.
        let json = #"{"x":{"a":"}]\"","b":["\\"]},"ticket":"t\\","serviceAttributes":[{"key":"k\"","value":"v\\"}],"# +
            #""action":"USER_IDENTIFICATION","clientId":-42,"grant":null,"clientAttributes":[]}"#
        let parsed = try Endpoint.cibaAuthentication.response.parse(json)
        #expect(parsed.action == 4)
        #expect(parsed.text(CibaAuthenticationMember.ticket) == #"t\"#)
        #expect(parsed.text(CibaAuthenticationMember.serviceAttributes) == #"[{"key":"k\"","value":"v\\"}]"#)
        #expect(parsed.number(CibaAuthenticationMember.clientId) == -42)
        #expect(parsed.values[CibaAuthenticationMember.grant] == nil)
        #expect(parsed.text(CibaAuthenticationMember.clientAttributes) == "[]")
    }

    @Test(arguments: [
        #"{"action":"OK","authReqId":5}"#,               // a string member as a number
        #"{"action":"OK","expiresIn":"600"}"#,           // an int32 member as a string
        #"{"action":"OK","expiresIn":2147483648}"#,      // outside int32
        #"{"action":"TEAPOT"}"#,                         // unknown action
        #"{"resultCode":"A183001"}"#,                    // no action
        #"["action","OK"]"#,                             // not an object
    ])
    func refusesWhatIsNotAnIssueAnswer(json: String) {
        do {
            _ = try Endpoint.cibaIssue.response.parse(json)
            Issue.record("accepted \(json)")
        } catch {
            #expect(error.status == .protocol)
        }
    }

    @Test func unknownEnumerationNamesReadAsAbsent() throws {
        let parsed = try Endpoint.cibaComplete.response.parse(#"{"action":"NO_ACTION","deliveryMode":"CARRIER_PIGEON"}"#)
        #expect(parsed.values[CibaCompleteMember.deliveryMode] == nil)
    }

    @Test func checksACompleteRequest() throws {
        let json = #"{"ticket":"t","result":"AUTHORIZED","subject":"john","authTime":1700000000,"scopes":["openid"],"properties":[{"key":"k","value":"v","hidden":true}],"claims":"{\"given_name\":\"John\"}","sub":null}"#
        let request = try CheckedRequest(Endpoint.cibaComplete.request, json: json)
        #expect(request.values[CibaCompleteField.authTime] == .integer(1_700_000_000))
        #expect(request.values[CibaCompleteField.sub] == nil)
        #expect(String(decoding: request.jsonBytes, as: UTF8.self)
                == #"{"ticket":"t","result":"AUTHORIZED","subject":"john","claims":"{\"given_name\":\"John\"}","authTime":1700000000,"scopes":["openid"],"properties":[{"key":"k","value":"v","hidden":true}]}"#)
        #expect(throws: AuthleteError.self) { try request.formBytes() } // properties cannot be form-encoded
    }

    @Test func formEncodesArraysAsOneKeyPerElement() throws {
        let request = try CheckedRequest(Endpoint.cibaComplete.request,
                                         json: #"{"ticket":"t 1","result":"ACCESS_DENIED","scopes":["openid","email"],"authTime":0}"#)
        #expect(String(decoding: try request.formBytes(), as: UTF8.self)
                == "ticket=t%201&result=ACCESS_DENIED&authTime=0&scopes=openid&scopes=email")
    }

    @Test(arguments: [
        (#"{"ticket":"t","result":"AUTHORIZED"}"#, "subject is required when result is AUTHORIZED"),
        (#"{"ticket":"t","result":"DENIED","subject":"s"}"#, #"unknown result "DENIED""#),
        (#"{"result":"ACCESS_DENIED"}"#, #"lacks the required key "ticket""#),
        (#"{"ticket":"","result":"ACCESS_DENIED"}"#, "ticket is empty"),
        (#"{"ticket":"t","result":"ACCESS_DENIED","authTime":-1}"#, "authTime must be 0 or more"),
        (#"{"ticket":"t","result":"ACCESS_DENIED","authTime":1.5}"#, #""authTime" must be an integer"#),
        (#"{"ticket":"t","result":"ACCESS_DENIED","claims":"[1]"}"#, "claims must hold a JSON object"),
        (#"{"ticket":"t","result":"ACCESS_DENIED","scopes":["a",1]}"#, #""scopes" must be an array of strings"#),
        (#"{"ticket":"t","result":"ACCESS_DENIED","errorUri":"relative"}"#, "errorUri is not an absolute URI"),
        (#"{"ticket":"t","result":"ACCESS_DENIED","idTokenAudType":"list"}"#, #"unknown idTokenAudType "list""#),
        (#"{"ticket":"t","ticket":"u","result":"ACCESS_DENIED"}"#, #"the key "ticket" appears more than once"#),
        (#"{"ticket":"t","result":"ACCESS_DENIED","extra":1}"#, #"unknown key "extra""#),
    ])
    func refusesBadCompleteRequests(json: String, fragment: String) {
        do {
            _ = try CheckedRequest(Endpoint.cibaComplete.request, json: json)
            Issue.record("accepted \(json)")
        } catch {
            #expect(error.status == .invalidArgument)
            #expect(error.detail.contains(fragment), "\(error.detail)")
        }
    }

    @Test func authenticationRequiresParameters() {
        #expect(throws: AuthleteError.self) { try CheckedRequest(Endpoint.cibaAuthentication.request, json: #"{"clientId":"1"}"#) }
        #expect(throws: AuthleteError.self) { try CheckedRequest(Endpoint.cibaAuthentication.request, json: #"{"parameters":null}"#) }
        #expect((try? CheckedRequest(Endpoint.cibaAuthentication.request, json: #"{"parameters":""}"#)) != nil)
    }
}
