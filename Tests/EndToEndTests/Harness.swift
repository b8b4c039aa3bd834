import Foundation
import StanceFeatures
import StanceKit
import XCTest

/// What one run of a built executable produced.
struct ProcessOutcome {
    /// Exit status (or signal number when the process was killed).
    var status: Int32
    /// Everything written to standard output.
    var stdout: Data
    /// Everything written to standard error.
    var stderr: Data

    /// Standard output as text (invalid UTF-8 shows as U+FFFD, which a test would then notice).
    var out: String { String(decoding: stdout, as: UTF8.self) }
    /// Standard error as text.
    var err: String { String(decoding: stderr, as: UTF8.self) }
    /// The non-empty lines of standard error.
    var errorLines: [String] { err.split(separator: "\n", omittingEmptySubsequences: true).map(String.init) }
}

/// A failure of the harness itself (not of the program under test).
struct HarnessError: Error, CustomStringConvertible {
    /// What went wrong and what to do.
    var description: String
}

/// Locates the package, its fixtures and the built executables, and runs them.
enum Harness {
    /// The package root, found from this file's path so the tests run from any directory.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Tests/EndToEndTests/Fixtures (read by path; they are not SwiftPM resources).
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// A fixture file's URL.
    static func fixture(_ name: String) -> URL { fixtures.appendingPathComponent(name) }

    /// Generous bound on one run: a hung command (e.g. waiting on stdin) fails instead of stalling CI.
    static let timeoutSeconds: TimeInterval = 120

    /// Directories that may hold the executables: on Linux the test runner is an executable in
    /// the products directory itself (`Bundle.main`); on macOS it is a `.xctest` bundle there.
    static var productDirectoryCandidates: [URL] {
        var candidates = [Bundle.main.bundleURL]
        candidates += Bundle.allBundles.map(\.bundleURL).filter { $0.pathExtension == "xctest" }.map { $0.deletingLastPathComponent() }
        if let argument = CommandLine.arguments.first {
            candidates.append(URL(fileURLWithPath: argument).resolvingSymlinksInPath().deletingLastPathComponent())
        }
        return candidates
    }

    /// The built executable `name`, or an error saying how to build it.
    static func executable(_ name: String) throws -> URL {
        for directory in productDirectoryCandidates {
            let url = directory.appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        throw HarnessError(
            description: "executable \(name) not found next to the test bundle (looked in "
                + productDirectoryCandidates.map(\.path).joined(separator: ", ") + "); run `swift build` with the same --scratch-path first"
        )
    }

    /// Runs a built executable with the package root as working directory.
    ///
    /// Output goes to temporary files rather than pipes, so a chatty child can never
    /// block on a full pipe. Standard input is `/dev/null` unless `stdin` is given, so a
    /// command that falls back to reading stdin cannot hang the test.
    static func run(
        _ name: String, _ arguments: [String], stdin: Data? = nil,
        environment: [String: String] = [:], workingDirectory: URL = packageRoot
    ) throws -> ProcessOutcome {
        try run(executableURL: try executable(name), arguments, stdin: stdin, environment: environment, workingDirectory: workingDirectory)
    }

    /// Runs any program (e.g. `/usr/bin/script` to give a command a terminal) like `run(_:_:)`.
    static func run(
        executableURL: URL, _ arguments: [String], stdin: Data? = nil,
        environment: [String: String] = [:], workingDirectory: URL = packageRoot
    ) throws -> ProcessOutcome {
        let name = executableURL.lastPathComponent
        let process = Process()
        process.executableURL = executableURL
        process.arguments = arguments
        process.currentDirectoryURL = workingDirectory
        // The ambient STANCE_MODELS must not decide which models a test uses.
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "STANCE_MODELS")
        env.merge(environment) { _, new in new }
        process.environment = env

        let scratch = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("stdout")
        let errURL = scratch.appendingPathComponent("stderr")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let outHandle = try FileHandle(forWritingTo: outURL)
        let errHandle = try FileHandle(forWritingTo: errURL)
        process.standardOutput = outHandle
        process.standardError = errHandle
        if let stdin {
            let inURL = scratch.appendingPathComponent("stdin")
            try stdin.write(to: inURL)
            process.standardInput = try FileHandle(forReadingFrom: inURL)
        } else {
            process.standardInput = FileHandle.nullDevice
        }

        try process.run()
        let deadline = Date().addingTimeInterval(timeoutSeconds)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            throw HarnessError(description: "\(name) \(arguments.joined(separator: " ")) did not finish within \(Int(timeoutSeconds)) s")
        }
        process.waitUntilExit()
        try outHandle.close()
        try errHandle.close()
        return ProcessOutcome(
            status: process.terminationStatus,
            stdout: try Data(contentsOf: outURL), stderr: try Data(contentsOf: errURL))
    }

    /// Runs stance-predict with the tiny models (`--model-dir`) and `arguments`.
    static func predict(_ arguments: [String], stdin: Data? = nil, environment: [String: String] = [:]) throws -> ProcessOutcome {
        try run("stance-predict", ["--model-dir", try tinyModelDirectory().path] + arguments, stdin: stdin, environment: environment)
    }

    /// A fresh empty directory under the system temporary directory.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("stance-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The names of the entries in a directory, sorted.
    static func contents(of directory: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
    }

    /// The shipped model directory (`./Models`), failing clearly while its models are absent.
    static func shippedModelDirectory() throws -> URL {
        let directory = packageRoot.appendingPathComponent("Models")
        for file in ["stance.json", "sentiment.json", "actors.json"]
        where !FileManager.default.fileExists(atPath: directory.appendingPathComponent(file).path) {
            throw HarnessError(
                description:
                    "Models/\(file) is missing; train the shipped models (see Models/README.md) before running the end-to-end tests")
        }
        return directory
    }

    /// A model directory with stance and sentiment models trained on `Fixtures/tiny-train.jsonl`
    /// and the shipped gazetteer, built once per test run.
    ///
    /// Most tests check the commands' plumbing (formats, offsets, errors), not the quality of
    /// the predictions, so a model trained on a few sentences serves them; it loads in
    /// milliseconds where the shipped models take seconds in a debug build.
    static func tinyModelDirectory() throws -> URL { try tinyModels.get() }

    private static let tinyModels: Result<URL, any Error> = Result { try buildTinyModels() }

    /// Where the tiny models live for this test process; removed when the process exits.
    private static let tinyModelsRoot = FileManager.default.temporaryDirectory
        .appendingPathComponent("stance-e2e-models-\(ProcessInfo.processInfo.processIdentifier)")

    private static func buildTinyModels() throws -> URL {
        let directory = tinyModelsRoot
        try? FileManager.default.removeItem(at: directory)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: Harness.tinyModelsRoot) }
        let gazetteerURL = packageRoot.appendingPathComponent("Models/actors.json")
        let gazetteer = try ActorGazetteer.load(from: gazetteerURL)
        let corpus = try LabeledCorpus.read([fixture("tiny-train.jsonl")])
        // Features occurring once must count: the fixture is far too small for the default floor of 2.
        var features = FeatureConfiguration.default
        features.bagOfWords.minimumDocumentFrequency = 1
        features.actorContext.minimumDocumentFrequency = 1
        for task in StanceTask.allCases {
            let run = TextTrainingRun(
                task: task, configuration: TextTrainingConfiguration(features: features),
                lexicons: Lexicons(
                    open: ["ready to"], skeptical: ["doubted"], hardline: ["rejected"],
                    positive: ["praised"], negative: ["accused"]),
                extractor: InstanceExtractor(gazetteer: gazetteer))
            let model = try run.fit(run.examples(corpus), digest: corpus.digest)
            try model.write(to: directory.appendingPathComponent(task.modelFileName))
        }
        try FileManager.default.copyItem(at: gazetteerURL, to: directory.appendingPathComponent("actors.json"))
        return directory
    }

    /// A copy of the tiny model directory, inside `parent` (which the test removes), that a test may edit.
    static func editableModelDirectory(in parent: URL) throws -> URL {
        let source = try tinyModelDirectory()
        let copy = parent.appendingPathComponent("models")
        try FileManager.default.copyItem(at: source, to: copy)
        return copy
    }

    /// Rewrites a JSON file through `edit` (used to corrupt model copies on purpose).
    static func editJSON(_ url: URL, _ edit: (inout [String: Any]) throws -> Void) throws {
        guard var object = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] else {
            throw HarnessError(description: "\(url.path) is not a JSON object")
        }
        try edit(&object)
        try JSONSerialization.data(withJSONObject: object).write(to: url)
    }

    /// Parses every line of JSONL output into an object, failing on the first bad line.
    static func jsonObjects(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> [[String: Any]] {
        var objects: [[String: Any]] = []
        for (number, row) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where !row.isEmpty {
            guard let object = try? JSONSerialization.jsonObject(with: Data(row.utf8)) as? [String: Any] else {
                XCTFail("output line \(number + 1) is not a JSON object: \(row)", file: file, line: line)
                continue
            }
            objects.append(object)
        }
        return objects
    }

    /// The code points `start..<end` of `text`, or nil when the range is outside it.
    static func codePointSlice(_ text: String, _ start: Int, _ end: Int) -> String? {
        let scalars = Array(text.unicodeScalars)
        guard start >= 0, start <= end, end <= scalars.count else { return nil }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[start..<end])
        return String(view)
    }
}

/// Assertions every failing command must satisfy: the exit status, and exactly one
/// line on stderr that contains each of `fragments` (file name, line number, problem).
func assertFails(
    _ outcome: ProcessOutcome, status: Int32 = 1, mentioning fragments: [String],
    file: StaticString = #filePath, line: UInt = #line
) {
    XCTAssertEqual(outcome.status, status, "exit status; stderr: \(outcome.err)", file: file, line: line)
    XCTAssertEqual(outcome.errorLines.count, 1, "stderr should be exactly one line, got:\n\(outcome.err)", file: file, line: line)
    for fragment in fragments {
        XCTAssertTrue(outcome.err.contains(fragment), "stderr should mention \(fragment): \(outcome.err)", file: file, line: line)
    }
}
