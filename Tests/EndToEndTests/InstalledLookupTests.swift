import Foundation
import XCTest

/// Model lookup outside the repository: `$STANCE_MODELS`, then `./Models`, then the
/// `share/stance/Models` directory beside an installed executable (`Scripts/install.sh`).
final class InstalledLookupTests: XCTestCase {
    /// A fake install: `PREFIX/bin/stance-predict` (a copy of the built executable) and
    /// `PREFIX/share/stance/Models` (the tiny models), under a directory the test removes.
    private func makePrefix(in root: URL) throws -> (prefix: URL, executable: URL) {
        let prefix = root.appendingPathComponent("prefix")
        let bin = prefix.appendingPathComponent("bin")
        let share = prefix.appendingPathComponent("share/stance")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: share, withIntermediateDirectories: true)
        let executable = bin.appendingPathComponent("stance-predict")
        try FileManager.default.copyItem(at: try Harness.executable("stance-predict"), to: executable)
        try FileManager.default.copyItem(at: try Harness.tinyModelDirectory(), to: share.appendingPathComponent("Models"))
        return (prefix, executable)
    }

    func testInstalledExecutableFindsShareModelsFromAnyDirectory() throws {
        let root = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let (_, installed) = try makePrefix(in: root)
        let elsewhere = root.appendingPathComponent("work")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        let article = Harness.fixture("article.txt").path

        let outcome = try Harness.run(executableURL: installed, ["--format", "jsonl", article], workingDirectory: elsewhere)
        XCTAssertEqual(outcome.status, 0, outcome.err)
        XCTAssertFalse(Harness.jsonObjects(outcome.out).isEmpty, "the installed models label the article")
        let reference = try Harness.predict(["--format", "jsonl", article])
        XCTAssertEqual(outcome.stdout, reference.stdout, "the share directory holds the same models as --model-dir")

        // No flags at all: stdin in, JSONL out (stdout is not a terminal).
        let piped = try Harness.run(
            executableURL: installed, [], stdin: try Data(contentsOf: Harness.fixture("article.txt")),
            workingDirectory: elsewhere)
        XCTAssertEqual(piped.status, 0, piped.err)
        XCTAssertFalse(Harness.jsonObjects(piped.out).isEmpty)
    }

    func testEnvironmentAndWorkingDirectoryModelsComeBeforeTheShareDirectory() throws {
        let root = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let (prefix, installed) = try makePrefix(in: root)
        let article = Harness.fixture("article.txt").path
        let elsewhere = root.appendingPathComponent("work")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        // Break the installed copy: whoever reads it fails, so success proves it was not read.
        let shareModels = prefix.appendingPathComponent("share/stance/Models")
        try Data("{".utf8).write(to: shareModels.appendingPathComponent("stance.json"))

        let broken = try Harness.run(executableURL: installed, ["--format", "jsonl", article], workingDirectory: elsewhere)
        assertFails(broken, mentioning: [shareModels.appendingPathComponent("stance.json").path])

        let byEnvironment = try Harness.run(
            executableURL: installed, ["--format", "jsonl", article],
            environment: ["STANCE_MODELS": try Harness.tinyModelDirectory().path],
            workingDirectory: elsewhere)
        XCTAssertEqual(byEnvironment.status, 0, byEnvironment.err)

        try FileManager.default.copyItem(at: try Harness.tinyModelDirectory(), to: elsewhere.appendingPathComponent("Models"))
        let byWorkingDirectory = try Harness.run(executableURL: installed, ["--format", "jsonl", article], workingDirectory: elsewhere)
        XCTAssertEqual(byWorkingDirectory.status, 0, byWorkingDirectory.err)
        XCTAssertEqual(byWorkingDirectory.stdout, byEnvironment.stdout)
    }

    func testMissingModelsNameEveryPlaceLookedAt() throws {
        let root = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let (prefix, installed) = try makePrefix(in: root)
        try FileManager.default.removeItem(at: prefix.appendingPathComponent("share/stance/Models"))
        let outcome = try Harness.run(
            executableURL: installed, ["--format", "jsonl", Harness.fixture("article.txt").path],
            workingDirectory: root)
        assertFails(
            outcome,
            mentioning: [
                root.appendingPathComponent("Models").path,
                prefix.appendingPathComponent("share/stance/Models").path, "--model-dir", "STANCE_MODELS",
            ])
    }
}
