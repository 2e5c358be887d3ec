import Testing
@testable import PipelineCore

/// FIPS 180-4 test vectors, fed whole, byte by byte, and in uneven chunks.
struct SHA256Tests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func knownDigests(text: String, hex: String) {
        #expect(SHA256Digest.hex(of: Array(text.utf8)) == hex)
        #expect(SHA256Digest.hex(of: text.utf8) == hex)
        #expect(SHA256Digest.hex(of: Array(text.utf8)[...]) == hex)
    }

    @Test func millionAsInUnevenChunks() {
        let bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        let expected = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
        #expect(SHA256Digest.hex(of: bytes) == expected)
        var hasher = SHA256Digest()
        var offset = 0
        var step = 1
        while offset < bytes.count {
            let end = min(bytes.count, offset + step)
            hasher.update(bytes[offset..<end])
            offset = end
            step = step % 150 + 7
        }
        #expect(hasher.finalizeHex() == expected)
    }
}
