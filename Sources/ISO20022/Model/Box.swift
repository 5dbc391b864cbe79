/// Stores a nested record behind an immutable, shared heap box.
///
/// The ISO 20022 records nest deeply; boxing keeps each struct small, so copying a payment is
/// a handful of reference-count operations rather than a copy of every field. The box is
/// immutable: setting the property replaces the box, which gives value semantics for free.
@propertyWrapper
public struct Box<Value: Sendable & Hashable>: Sendable, Hashable {
    private final class Storage: Sendable {
        let value: Value
        init(_ value: Value) { self.value = value }
    }

    private var storage: Storage

    public init(wrappedValue: Value) { self.storage = Storage(wrappedValue) }

    public var wrappedValue: Value {
        get { self.storage.value }
        set { self.storage = Storage(newValue) }
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.storage === rhs.storage || lhs.storage.value == rhs.storage.value
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(self.storage.value) }
}

/// ``Box`` for an optional record: absent values cost no allocation.
@propertyWrapper
public struct OptionalBox<Value: Sendable & Hashable>: Sendable, Hashable {
    private var box: Box<Value>?

    public init(wrappedValue: Value?) { self.box = wrappedValue.map { Box(wrappedValue: $0) } }

    public var wrappedValue: Value? {
        get { self.box?.wrappedValue }
        set { self.box = newValue.map { Box(wrappedValue: $0) } }
    }
}
