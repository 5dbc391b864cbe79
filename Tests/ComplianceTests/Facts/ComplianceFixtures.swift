import Foundation
import ISO20022
import Synchronization
@testable import Compliance

/// A clock the test moves by hand.
final class ManualClock: Sendable {
    private let current: Mutex<Date>

    init(_ start: Date = Date(timeIntervalSince1970: 1_795_000_000)) { current = Mutex(start) }

    var now: Date { current.withLock { $0 } }

    func advance(seconds: TimeInterval) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }

    /// The clock as the checkers take it.
    var function: @Sendable () -> Date { { self.now } }
}

/// Payments and sample messages for the compliance tests.
enum ComplianceFixtures {
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func sample(_ name: String) throws -> ISOMessage {
        let reading = MessageReader().read(contentsOf: packageRoot.appendingPathComponent("samples/messages/\(name)"))
        guard let message = reading.message else {
            throw FixtureError(description: "sample \(name) did not read: \(reading.report)")
        }
        return message
    }

    struct FixtureError: Error, CustomStringConvertible { var description: String }

    /// A EUR payment from BANKDEFF (DE) to BANKFRPP (FR), with every field the checks read.
    static func payment(_ amount: String = "100.00", currency: CurrencyCode = "EUR",
                        messageId: String = "MSG-1", debtorAgent: BIC? = "BANKDEFFXXX",
                        creditorAgent: BIC? = "BANKFRPPXXX", debtorIBAN: String? = "DE89370400440532013000",
                        uetr: UETR? = nil, endToEndId: String = "E2E-1", txId: String? = "TX-1",
                        position: Int = 1) -> PaymentFacts {
        PaymentFacts(
            messageId: messageId, sender: debtorAgent, instructingAgent: debtorAgent,
            debtorAgent: debtorAgent, creditorAgent: creditorAgent,
            debtorAccount: debtorIBAN.map { AccountIdentifier(iban: IBAN($0)) },
            creditorAccount: AccountIdentifier(iban: "FR1420041010050500013M02606"),
            amount: Money(amount: ExactDecimal(amount)!, currency: currency),
            debtorCountry: "DE", creditorCountry: "FR", uetr: uetr, endToEndId: endToEndId, txId: txId,
            path: PaymentFacts.path(ofTransaction: position))
    }
}
