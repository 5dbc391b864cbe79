import ISO20022

/// The commented `corridor.yaml` that `corridor init DIR` writes: a complete, working
/// configuration that explains every key, to be edited rather than written from scratch.
public enum ConfigurationTemplate {
    /// The template text with `gatewayBIC` as the gateway's own BIC (written as given).
    ///
    /// It has five sample participants with EUR, USD and GBP accounts, a settle, a forward and
    /// a reject route, per-payment and 24-hour limits, and no sanctions lists
    /// (`allowUnscreened: true`), since a fresh folder has none; its comments say how to add
    /// them.
    public static func commented(gatewayBIC: BIC) -> String {
        """
        # corridor.yaml: configuration of a Corridor instant-payment gateway.
        #
        # Check it with:  corridor config check --config corridor.yaml
        # Relative paths are taken from the folder holding this file. Amounts are written in
        # quotes ("1000.00") and may have no more decimals than their currency allows.

        gateway:
          # The gateway's own BIC: the sender (AppHdr From) of everything the gateway writes,
          # and the instructing agent of the payments it forwards.
          bic: \(gatewayBIC.rawValue)
          # Working folder: inbox/ (drop pacs.008 files here), processing/, outbox/, outbound/,
          # archive/, error/ and the settlement ledger.
          data: ./var
          # Instant-payment deadline, in seconds, for payments forwarded to another system.
          timeoutSeconds: 10

        # The banks that settle through the gateway, each with one prefunded account per
        # currency. minimumBalance (default "0.00") is the floor the balance may not go below;
        # a negative value grants intraday credit.
        participants:
          - bic: BANKDEFFXXX
            name: Bank DE
            accounts:
              - { currency: EUR, balance: "1000000.00", minimumBalance: "0.00" }
              - { currency: USD, balance: "250000.00" }
          - bic: BANKFRPPXXX
            name: Bank FR
            accounts:
              - { currency: EUR, balance: "1000000.00" }
          - bic: BANKNL2AXXX
            name: Bank NL
            accounts:
              - { currency: EUR, balance: "500000.00" }
          - bic: BANKGB2LXXX
            name: Bank GB
            accounts:
              - { currency: GBP, balance: "800000.00" }
              - { currency: EUR, balance: "200000.00" }
              - { currency: USD, balance: "300000.00" }
          - bic: BANKIE2DXXX
            name: Bank IE
            accounts:
              - { currency: EUR, balance: "300000.00" }
              - { currency: GBP, balance: "100000.00" }

        # What to do with each payment. Routes are tried in order; the first match wins.
        # match keys (all given must hold; an empty or absent match takes every payment):
        #   instructedAgent  creditor agent: BANKDEFFXXX, BANKDEFF (any branch) or a prefix "BANKDE*"
        #   country          creditor agent's country, e.g. US
        #   currency         settlement currency, e.g. EUR
        #   minAmount, maxAmount   inclusive bounds on the settlement amount
        #   serviceLevel, localInstrument   codes such as SEPA, INST
        # action:
        #   settle   book between the two participants' accounts
        #   forward  reserve the funds and write the payment to outbound/<route name>/,
        #            instructing nextAgent (required)
        #   reject   reject with reason, an ExternalStatusReason1Code such as AG01 (required)
        routes:
          - name: blocked
            match: { currency: RUB }
            action: reject
            reason: AG01
          - name: fednow
            match: { country: US }
            action: forward
            nextAgent: FRNYUS33XXX
          - name: domestic
            match: { currency: EUR }
            action: settle
          - name: sterling
            match: { currency: GBP }
            action: settle
          - name: dollar
            match: { currency: USD }
            action: settle

        # Sanctions screening of debtor, creditor and their agents.
        screening:
          # Sanctions list files or folders (OFAC SDN, UN SC, UK HMT/OFSI, EU FSF), e.g.
          #   lists: [ ./sanctions/ofac_sdn, ./sanctions/un_sc ]
          # Until lists are added, payments pass unscreened; remove allowUnscreened (or set
          # it to false) once they are, so that a missing list can never go unnoticed.
          lists: []
          allowUnscreened: true
          # Match scores run from 0 to 1. At or above blockThreshold a payment is rejected;
          # from reviewThreshold up to it, onReview decides:
          #   hold (status PDNG until `corridor review` decides) | reject | pass
          reviewThreshold: 0.85
          blockThreshold: 0.92
          onReview: hold
          # Payments involving these countries are rejected outright.
          embargoedCountries: [ KP, IR, SY, CU ]
          # Also screen unstructured remittance information (more reviews).
          screenRemittance: false

        # Limits per currency. Either a per-payment cap (maxAmount), or a rolling window
        # (window: 30s, 15m, 24h or 7d) capping the total (maxTotal) and/or number (maxCount)
        # of payments per debtor agent ("*" for each agent, or one BIC; quote the "*") or per
        # debtor account (debtorAccount: true).
        limits:
          - { currency: EUR, maxAmount: "100000.00" }
          - { currency: EUR, debtorAgent: "*", window: 24h, maxTotal: "5000000.00" }
          - { currency: USD, debtorAccount: true, window: 1h, maxCount: 20 }

        """
    }
}
