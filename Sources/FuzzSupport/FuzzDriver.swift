import Foundation

#if FUZZING
/// libFuzzer's driver entry point (`int LLVMFuzzerRunDriver(int *argc, char ***argv,
/// int (*callback)(const uint8_t *, size_t))`), present when the binary is linked with
/// `-sanitize=fuzzer`.
@_silgen_name("LLVMFuzzerRunDriver")
private func runDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt
#endif

/// The C callback libFuzzer calls once per input: a pointer and a byte count.
public typealias FuzzCallback = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

/// Runs a fuzz harness in one of two ways.
///
/// Built by `scripts/fuzz` (`-sanitize=fuzzer -DFUZZING`), the process is a libFuzzer binary and
/// every command-line argument goes to libFuzzer (`-max_total_time=600 corpus/`). Built normally,
/// it replays inputs: each argument is a file or a directory of files, and each file's bytes go
/// through the harness once, so a crash input found by the fuzzer reproduces in a debug build:
///
///     swift run FuzzIngest crash-3f2a…        // "replayed 1 input(s)"
public enum FuzzDriver {
    /// Starts the driver and never returns.
    ///
    /// - Parameters:
    ///   - callback: the harness as a C function pointer (a closure that captures nothing), used
    ///     by libFuzzer.
    ///   - replay: the same harness as a Swift function, used in replay mode.
    public static func main(callback: FuzzCallback, replay: ([UInt8]) -> Void) -> Never {
        #if FUZZING
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(runDriver(&argc, &argv, callback))
        #else
        var count = 0
        for argument in CommandLine.arguments.dropFirst() {
            for file in files(at: argument) {
                guard let data = FileManager.default.contents(atPath: file) else {
                    FileHandle.standardError.write(Data("cannot read \(file)\n".utf8))
                    exit(66)
                }
                replay([UInt8](data))
                count += 1
            }
        }
        print("replayed \(count) input(s)")
        exit(0)
        #endif
    }

    /// The regular files at `path`: the path itself, or a directory's files in name order.
    private static func files(at path: String) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            return [path]
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.sorted().map { path + "/" + $0 }
    }
}

/// Copies libFuzzer's input into an array (an empty input may come with a null pointer).
public func fuzzBytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
    guard let data, size > 0 else { return [] }
    return Array(UnsafeBufferPointer(start: data, count: size))
}
