/// A coding key for any string or index, used to list the keys an object really has.
struct AnyCodingKey: CodingKey, Hashable {
    var stringValue: String
    var intValue: Int?

    init(stringValue: String) {
        self.stringValue = stringValue
        self.intValue = nil
    }

    init(intValue: Int) {
        self.stringValue = String(intValue)
        self.intValue = intValue
    }
}

/// The keys of an object that accepts none (`"stages": {"normalize": {}}`).
enum NoKeys: CodingKey, CaseIterable {
    var stringValue: String { switch self {} }
    var intValue: Int? { switch self {} }
    init?(stringValue: String) { nil }
    init?(intValue: Int) { nil }
}

/// Thrown while decoding when an object holds a key its type does not declare.
struct UnknownConfigKey: Error {
    /// Path of the offending key, the key included.
    var codingPath: [any CodingKey]
    /// The keys that object accepts, for the message.
    var known: [String]
}

extension Decoder {
    /// A keyed container that first checks that the object has no key outside `Key.allCases`.
    ///
    /// - Throws: ``UnknownConfigKey`` for the first unknown key in alphabetical order.
    func strictContainer<Key: CodingKey & CaseIterable>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        let known = Key.allCases.map(\.stringValue)
        let all = try container(keyedBy: AnyCodingKey.self)
        let unknown = all.allKeys.filter { !known.contains($0.stringValue) }.sorted { $0.stringValue < $1.stringValue }
        if let first = unknown.first {
            throw UnknownConfigKey(codingPath: codingPath + [first], known: known)
        }
        return try container(keyedBy: Key.self)
    }
}

extension KeyedDecodingContainer {
    /// `decodeIfPresent` whose errors always carry the full key path, including `key` itself
    /// (JSONDecoder leaves it out of some errors, such as `2.5` for an integer).
    func strict<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        do {
            return try decodeIfPresent(type, forKey: key)
        } catch let error as DecodingError {
            let keyPath = codingPath + [key]
            switch error {
            case .typeMismatch(let type, let context) where context.codingPath.count < keyPath.count:
                throw DecodingError.typeMismatch(type, DecodingError.Context(codingPath: keyPath, debugDescription: context.debugDescription))
            case .dataCorrupted(let context) where context.codingPath.count < keyPath.count:
                throw DecodingError.dataCorrupted(DecodingError.Context(codingPath: keyPath, debugDescription: context.debugDescription))
            case .valueNotFound(let type, let context) where context.codingPath.count < keyPath.count:
                throw DecodingError.valueNotFound(type, DecodingError.Context(codingPath: keyPath, debugDescription: context.debugDescription))
            default:
                throw error
            }
        } catch let error as UnknownConfigKey {
            throw error
        } catch {
            // JSONDecoder reports some value problems (a fraction for an integer) with an
            // internal error type that loses the key path; keep the path here.
            throw DecodingError.dataCorrupted(DecodingError.Context(codingPath: codingPath + [key], debugDescription: "\(error)"))
        }
    }
}
