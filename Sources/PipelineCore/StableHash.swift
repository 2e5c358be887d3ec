/// Hashes that are the same in every process and on every machine.
///
/// Anything that decides an output (ids, shingles, MinHash, LSH band keys) must use these,
/// never Swift's `Hasher`, which is seeded per process.
public enum StableHash {
    /// FNV-1a offset basis (64-bit).
    public static let fnvOffset: UInt64 = 0xcbf2_9ce4_8422_2325
    @usableFromInline static let fnvPrime: UInt64 = 0x0000_0100_0000_01b3

    /// 64-bit FNV-1a of the UTF-8 bytes of `text`, finished with a SplitMix64 mix so that
    /// nearby inputs spread over all bits.
    ///
    ///     StableHash.fnv1a64("soldati")   // the same value in every process
    @inlinable
    public static func fnv1a64(_ text: some StringProtocol, seed: UInt64 = 0) -> UInt64 {
        var hash = fnvOffset ^ mix(seed)
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= fnvPrime
        }
        return mix(hash)
    }

    /// 64-bit FNV-1a of raw bytes, finished with a SplitMix64 mix.
    @inlinable
    public static func fnv1a64<Bytes: Sequence>(bytes: Bytes, seed: UInt64 = 0) -> UInt64 where Bytes.Element == UInt8 {
        var hash = fnvOffset ^ mix(seed)
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= fnvPrime
        }
        return mix(hash)
    }

    /// Combines two hashes into one, order-sensitively.
    @inlinable
    public static func combine(_ first: UInt64, _ second: UInt64) -> UInt64 {
        mix(first ^ (second &+ 0x9e37_79b9_7f4a_7c15 &+ (first << 6) &+ (first >> 2)))
    }

    /// The SplitMix64 finalizer: a bijective mix of all 64 bits.
    @inlinable
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9e37_79b9_7f4a_7c15
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// 16 lowercase hex digits.
    public static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}

/// A deterministic pseudo-random generator (SplitMix64) for seeded corpora and MinHash
/// permutations.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// Creates a generator; the same seed always yields the same sequence.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
