/// Rules of CIBA requests that span several fields (referred to by the generated endpoint descriptions).
enum RequestRules {
    /// /complete: `subject` is required when `result` is AUTHORIZED (and sent whenever given).
    @Sendable static func subjectWhenAuthorized(_ values: [RequestValue?]) -> String? {
        guard values.indices.contains(CibaCompleteField.result), values.indices.contains(CibaCompleteField.subject),
              case .text(let result)? = values[CibaCompleteField.result], result == "AUTHORIZED" else { return nil }
        return values[CibaCompleteField.subject] == nil ? "subject is required when result is AUTHORIZED" : nil
    }
}
