import Foundation
import XCTest

/// Where stance-predict reads from and writes to: files, directories, stdin, NewsMTSC
/// targets, `--output`, `--actors` and the model directory lookup.
final class PredictInputTests: XCTestCase {
    func testNewsMTSCTargetsAreClassifiedExactlyAsGiven() throws {
        let input = Harness.fixture("newsmtsc.jsonl")
        let outcome = try Harness.predict(["--format", "jsonl", input.path])
        XCTAssertEqual(outcome.status, 0, outcome.err)
        let rows = Harness.jsonObjects(outcome.out)

        var given: [String] = []
        for line in try String(contentsOf: input, encoding: .utf8).split(separator: "\n") {
            let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            for target in object["targets"] as? [[String: Any]] ?? [] {
                given.append("\(object["primary_gid"] ?? "")|\(target["from"] ?? "")|\(target["to"] ?? "")|\(target["mention"] ?? "")")
            }
        }
        // Exactly the given spans: Emmanuel Macron, a gazetteer actor in line 2, is not a target and must not appear.
        let produced = rows.map { "\($0["document"] ?? "")|\($0["start"] ?? "")|\($0["end"] ?? "")|\($0["mention"] ?? "")" }
        XCTAssertEqual(produced, given)
        for row in rows {
            XCTAssertEqual(row["resolved"] as? String, "given")
            let text = try XCTUnwrap(row["text"] as? String)
            XCTAssertEqual(Harness.codePointSlice(text, row["start"] as? Int ?? -1, row["end"] as? Int ?? -1), row["mention"] as? String)
        }
    }

    /// The example of an article with its known mentions (README): split into sentences, one
    /// row per target in the line's order, each row's offsets inside its own sentence.
    func testArticleWithGivenMentionsIsReadSentenceBySentence() throws {
        let input = Harness.packageRoot.appendingPathComponent("Examples/given/port-talks-mentions.jsonl")
        let outcome = try Harness.predict(["--format", "jsonl", input.path])
        XCTAssertEqual(outcome.status, 0, outcome.err)
        let rows = Harness.jsonObjects(outcome.out)
        let line = try XCTUnwrap(
            JSONSerialization.jsonObject(with: Data(contentsOf: input)) as? [String: Any])
        let text = try XCTUnwrap(line["text"] as? String)
        let targets = try XCTUnwrap(line["targets"] as? [[String: Int]])
        XCTAssertEqual(
            rows.map { $0["mention"] as? String },
            targets.map { Harness.codePointSlice(text, $0["from"] ?? -1, $0["to"] ?? -1) })
        XCTAssertEqual(rows.map { $0["sentence"] as? Int }, [1, 2, 2, 2, 3, 3, 4])
        for row in rows {
            let sentence = try XCTUnwrap(row["text"] as? String)
            XCTAssertLessThan(sentence.count, 200, "a row's text is its sentence, not the article")
            XCTAssertEqual(
                Harness.codePointSlice(sentence, row["start"] as? Int ?? -1, row["end"] as? Int ?? -1), row["mention"] as? String)
        }
        // "she" is Dana Okafor's: the detector's actor, so both share one stance in their sentence.
        XCTAssertEqual(rows[3]["actor"] as? String, "Dana Okafor")
        XCTAssertEqual(rows[3]["stance_probabilities"] as? [String: Double], rows[2]["stance_probabilities"] as? [String: Double])
    }

    func testStandardInputIsOneArticleOrJSONLines() throws {
        let article = try Data(contentsOf: Harness.fixture("article.txt"))
        let fromFile = Harness.jsonObjects(try Harness.predict(["--format", "jsonl", Harness.fixture("article.txt").path]).out)
        for arguments in [["-"], []] {
            let outcome = try Harness.predict(["--format", "jsonl"] + arguments, stdin: article)
            XCTAssertEqual(outcome.status, 0, outcome.err)
            let rows = Harness.jsonObjects(outcome.out)
            XCTAssertEqual(
                rows.map { $0["document"] as? String }, Array(repeating: "stdin", count: fromFile.count), "arguments \(arguments)")
            XCTAssertEqual(rows.map { $0["mention"] as? String }, fromFile.map { $0["mention"] as? String })
            XCTAssertEqual(rows.map { $0["start"] as? Int }, fromFile.map { $0["start"] as? Int })
        }
        // A stream whose first non-blank byte is `{` is JSON Lines: one article per line.
        let jsonl = try Data(contentsOf: Harness.fixture("corpus/nested/two.jsonl"))
        let outcome = try Harness.predict(["--format", "jsonl", "-"], stdin: Data("\n".utf8) + jsonl)
        XCTAssertEqual(outcome.status, 0, outcome.err)
        XCTAssertEqual(Set(Harness.jsonObjects(outcome.out).compactMap { $0["document"] as? String }), ["corpus-two-a", "corpus-two-b"])
    }

    func testDirectoryIsReadRecursivelyForTextAndJSONLFilesInPathOrder() throws {
        let outcome = try Harness.predict(["--format", "table", Harness.fixture("corpus").path])
        XCTAssertEqual(outcome.status, 0, outcome.err)
        let headers = outcome.out.split(separator: "\n").filter { $0.hasPrefix("== ") }
            .map { $0.dropFirst(3).split(separator: " ").first.map(String.init) ?? "" }
        // nested/two.jsonl sorts before one.txt; README.md is not an article.
        XCTAssertEqual(headers, ["corpus-two-a", "corpus-two-b", "one"])
        XCTAssertFalse(outcome.out.contains("Not an article"))
    }

    func testOutputFileHoldsTheResultAndStdoutStaysEmpty() throws {
        let directory = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let destination = directory.appendingPathComponent("rows.csv")
        let toStdout = try Harness.predict(["--format", "csv", Harness.fixture("article.txt").path])
        let toFile = try Harness.predict(["--format", "csv", "--output", destination.path, Harness.fixture("article.txt").path])
        XCTAssertEqual(toFile.status, 0, toFile.err)
        XCTAssertEqual(toFile.stdout, Data())
        XCTAssertEqual(try Data(contentsOf: destination), toStdout.stdout)
        XCTAssertEqual(try Harness.contents(of: directory), ["rows.csv"], "no temporary file may remain")
        // An existing file is replaced, not appended to.
        let again = try Harness.predict(["--format", "csv", "--output", destination.path, Harness.fixture("article.txt").path])
        XCTAssertEqual(again.status, 0, again.err)
        XCTAssertEqual(try Data(contentsOf: destination), toStdout.stdout)
    }

    func testExtraActorsFileAddsActorsToTheGazetteer() throws {
        let directory = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let actors = directory.appendingPathComponent("dock-actors.json")
        // A lower-case role description: the detector cannot discover it as a capitalised name on its own.
        try Data(
            #"{"formatVersion": 1, "actors": [{"name": "Dockworkers' Union", "kind": "organisation", "titles": ["the dockers"]}]}"#.utf8
        )
        .write(to: actors)
        let text = Data("Yesterday the dockers said they were ready to reopen talks with Keir Starmer.\n".utf8)
        let without = try Harness.predict(["--format", "jsonl", "-"], stdin: text)
        XCTAssertEqual(without.status, 0, without.err)
        XCTAssertEqual(Harness.jsonObjects(without.out).compactMap { $0["actor"] as? String }, ["Keir Starmer"])
        let with = try Harness.predict(["--format", "jsonl", "--actors", actors.path, "-"], stdin: text)
        XCTAssertEqual(with.status, 0, with.err)
        let rows = Harness.jsonObjects(with.out)
        XCTAssertEqual(
            rows.compactMap { $0["actor"] as? String }, ["Dockworkers' Union", "Keir Starmer"],
            "the extra actor is found and the shipped gazetteer still applies")
        XCTAssertEqual(rows.first?["mention"] as? String, "the dockers")

        let broken = directory.appendingPathComponent("broken-actors.json")
        try Data(#"{"formatVersion": 1, "actors": [{"name": "No Kind"}]}"#.utf8).write(to: broken)
        assertFails(
            try Harness.predict(["--format", "jsonl", "--actors", broken.path, "-"], stdin: text), mentioning: ["broken-actors.json"])
    }

    func testModelDirectoryComesFromFlagThenEnvironment() throws {
        let tiny = try Harness.tinyModelDirectory()
        let arguments = ["--format", "jsonl", Harness.fixture("article.txt").path]
        let byFlag = try Harness.run("stance-predict", ["--model-dir", tiny.path] + arguments)
        let byEnvironment = try Harness.run("stance-predict", arguments, environment: ["STANCE_MODELS": tiny.path])
        XCTAssertEqual(byFlag.status, 0, byFlag.err)
        XCTAssertEqual(byEnvironment.status, 0, byEnvironment.err)
        XCTAssertEqual(byEnvironment.stdout, byFlag.stdout)
        let flagWins = try Harness.run(
            "stance-predict", ["--model-dir", tiny.path] + arguments,
            environment: ["STANCE_MODELS": "/nonexistent-stance-models"])
        XCTAssertEqual(flagWins.status, 0, flagWins.err)
        XCTAssertEqual(flagWins.stdout, byFlag.stdout)
        let missing = try Harness.run("stance-predict", arguments, environment: ["STANCE_MODELS": "/nonexistent-stance-models"])
        assertFails(missing, mentioning: ["/nonexistent-stance-models"])
    }

    /// The shipped models in ./Models, found from the package root without any flag.
    func testShippedModelsInPackageModelsDirectoryAreUsedByDefault() throws {
        _ = try Harness.shippedModelDirectory()
        let outcome = try Harness.run("stance-predict", ["--format", "jsonl", Harness.fixture("article.txt").path])
        XCTAssertEqual(outcome.status, 0, outcome.err)
        let rows = Harness.jsonObjects(outcome.out)
        XCTAssertEqual(Set(rows.compactMap { $0["actor"] as? String }), ["Emmanuel Macron", "Vladimir Putin", "Keir Starmer", "leaders"])
        for row in rows {
            let text = try XCTUnwrap(row["text"] as? String)
            XCTAssertEqual(Harness.codePointSlice(text, row["start"] as? Int ?? -1, row["end"] as? Int ?? -1), row["mention"] as? String)
        }
    }
}
