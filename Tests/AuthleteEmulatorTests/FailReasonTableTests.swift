import AuthleteEmulator
import Testing

@Test func placeholderCompiles() { #expect(FailReason.allCases.count == 9) }
