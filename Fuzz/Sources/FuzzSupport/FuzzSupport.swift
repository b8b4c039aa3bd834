import Foundation

@testable import StanceFeatures
@testable import StanceKit

/// libFuzzer's driver (in libclang_rt.fuzzer, linked by `-sanitize=fuzzer`).
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// Shared fixtures and invariant checks of the fuzz targets.
public enum FuzzSupport {
    /// The stance package root (two levels above `Fuzz/Sources/FuzzSupport`).
    public static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The model directory: `$STANCE_MODELS`, else the package's `Models/`.
    public static var modelDirectory: URL {
        if let env = ProcessInfo.processInfo.environment["STANCE_MODELS"], !env.isEmpty { return URL(fileURLWithPath: env) }
        return packageRoot.appendingPathComponent("Models")
    }

    /// The shipped gazetteer, loaded once.
    public static let gazetteer: ActorGazetteer = {
        do { return try ActorGazetteer.load(from: modelDirectory.appendingPathComponent("actors.json")) } catch {
            fatalError("fuzz setup: cannot load the gazetteer: \(error)")  // setup, not a user-input path
        }
    }()

    /// The shipped stance and sentiment classifiers, loaded once.
    public static let classifiers: [TextClassifier] = {
        do {
            return try ["stance.json", "sentiment.json"].map { try TextClassifier.load(modelDirectory.appendingPathComponent($0)) }
        } catch {
            fatalError("fuzz setup: cannot load the models: \(error)")  // setup, not a user-input path
        }
    }()

    /// Hands the process to libFuzzer with `callback` as the target; never returns.
    ///
    /// Each target's `main.swift` calls this: SwiftPM gives an executable target a Swift
    /// `main`, which would shadow libFuzzer's, so the Swift `main` starts the driver itself.
    public static func run(_ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> Never {
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, callback))
    }

    /// Fuzz input as text the way the tools read it (UTF-8/UTF-16 with replacement).
    public static func text(_ data: UnsafeRawBufferPointer) -> String {
        TextNormalizer.decode(Data(data))
    }

    /// Crashes with `message` when `condition` fails, so libFuzzer records the input.
    @inline(__always)
    public static func check(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
        if !condition() {
            FileHandle.standardError.write(Data("invariant violated: \(message())\n".utf8))
            abort()
        }
    }

    /// Probabilities must be finite, in [0, 1] and sum to 1.
    public static func checkProbabilities(_ p: [Double], _ what: String) {
        check(!p.isEmpty, "\(what): no probabilities")
        check(p.allSatisfy { $0.isFinite && $0 >= 0 && $0 <= 1 }, "\(what): probability not finite or outside [0, 1]: \(p)")
        check(abs(p.reduce(0, +) - 1) < 1e-9, "\(what): probabilities sum to \(p.reduce(0, +))")
    }
}
