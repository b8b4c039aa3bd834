import Foundation
import XCTest

@testable import StanceFeatures

/// Paths of the text helpers' fixtures, found from this file so no SwiftPM resources are needed.
enum TextFixtures {
    /// `Tests/StanceFeaturesTests/Fixtures`, following symlinks to the real checkout.
    static var directory: URL {
        URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("Fixtures")
    }

    /// The package root (three levels above this file).
    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// The small fictional gazetteer used by the unit tests.
    static func gazetteer() throws -> ActorGazetteer {
        try ActorGazetteer.load(from: directory.appendingPathComponent("test-actors.json"))
    }
}

final class ActorGazetteerTests: XCTestCase {
    private var temporaryFiles: [URL] = []

    override func tearDown() {
        for url in temporaryFiles { try? FileManager.default.removeItem(at: url) }
        super.tearDown()
    }

    private func write(_ json: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("gazetteer-test-\(UUID().uuidString).json")
        try Data(json.utf8).write(to: url)
        temporaryFiles.append(url)
        return url
    }

    /// The quick blank test agrees with trimming `CharacterSet.whitespaces` on every ASCII
    /// character, on Unicode spaces, and on mixes of both.
    func testBlankTestAgreesWithFoundationTrimming() {
        var samples = [
            "", " ", "\t", "  \t ", "\n", "\r", " a ", "Putin", "\u{00A0}", "\u{3000}", "\u{2009}x", "\u{200B}",
            "\u{2028}", " \u{00A0}\t", "é", " é ", "\u{0301}", " \u{0301}",
        ]
        samples += (0..<128).map { String(UnicodeScalar(UInt8($0))) }
        samples += (0x80..<0x3100).compactMap { Unicode.Scalar($0).map { " " + String($0) + "\t" } }
        for text in samples {
            XCTAssertEqual(
                ActorGazetteer.isBlank(text), text.trimmingCharacters(in: .whitespaces).isEmpty,
                text.unicodeScalars.map(\.value).description)
        }
    }

    func testLoadsFixtureWithOptionalFields() throws {
        let gazetteer = try TextFixtures.gazetteer()
        XCTAssertEqual(gazetteer.actors.count, 9)
        XCTAssertEqual(
            gazetteer.actors[0],
            Actor(
                name: "Ana Costa", kind: .person, gender: .female, country: "Veloria", aliases: ["Ana Costa", "Costa"],
                titles: ["Velorian President", "the Velorian president", "Veloria's president", "the president"]))
        // "officials" omits titles and metonyms, and has no gender or country.
        XCTAssertEqual(gazetteer.actors[7], Actor(name: "officials", kind: .group, aliases: ["officials"]))
    }

    func testUnknownKindNamesFileAndEntryPath() throws {
        let json = """
            {"formatVersion": 1, "actors": [
              {"name": "A", "kind": "person", "aliases": ["A"]},
              {"name": "B", "kind": "persn", "aliases": ["B"]}]}
            """
        let url = try write(json)
        XCTAssertThrowsError(try ActorGazetteer.load(from: url)) { error in
            guard case .malformed(let file, let line, let path, let reason) = error as? ActorGazetteerError else {
                return XCTFail("unexpected error \(error)")
            }
            XCTAssertEqual(file, url.path)
            XCTAssertEqual(line, 3)
            XCTAssertEqual(path, "actors[1].kind")
            XCTAssertTrue(reason.contains("person, government, organisation, country, group"), reason)
            XCTAssertTrue("\(error)".hasPrefix("\(url.path):3: invalid actor gazetteer at actors[1].kind:"), "\(error)")
        }
    }

    func testMissingNameIsReportedWithItsIndex() throws {
        let url = try write("{\"formatVersion\": 1, \"actors\": [{\"name\": \"A\", \"kind\": \"group\"},\n\n {\"kind\": \"group\"}]}")
        XCTAssertThrowsError(try ActorGazetteer.load(from: url)) { error in
            XCTAssertEqual(
                error as? ActorGazetteerError,
                .malformed(file: url.path, line: 3, path: "actors[1]", reason: "missing required key \"name\""))
        }
    }

    func testDuplicateNamesAreRejected() throws {
        let url = try write(
            """
            {"formatVersion": 1, "actors": [
              {"name": "Lund", "kind": "person"}, {"name": "Costa", "kind": "person"},
              {"name": "Lund", "kind": "group"}]}
            """)
        XCTAssertThrowsError(try ActorGazetteer.load(from: url)) { error in
            XCTAssertEqual(
                error as? ActorGazetteerError, .duplicateName(file: url.path, name: "Lund", indices: [0, 2], lines: [2, 3]))
            XCTAssertEqual(
                "\(error)",
                "\(url.path):3: actor name \"Lund\" is used by actors[0] (line 2), actors[2] (line 3); "
                    + "give each entry a unique name or merge them")
        }
        XCTAssertThrowsError(try ActorGazetteer(actors: [Actor(name: "X", kind: .group), Actor(name: "X", kind: .person)]))
    }

    func testEmptyAliasInAFileIsReportedWithItsLine() throws {
        let url = try write(
            """
            {"formatVersion": 1, "actors": [
              {"name": "A", "kind": "group", "aliases": ["A"]},
              {"name": "B", "kind": "group",
               "aliases": ["B", " "]}
            ]}
            """)
        XCTAssertThrowsError(try ActorGazetteer.load(from: url)) { error in
            guard case .invalidEntry(_, let line, let index, let name, _) = error as? ActorGazetteerError else {
                return XCTFail("\(error)")
            }
            XCTAssertEqual(line, 3)
            XCTAssertEqual(index, 1)
            XCTAssertEqual(name, "B")
        }
    }

    func testEmptyNameAndEmptySurfaceAreRejected() {
        XCTAssertThrowsError(try ActorGazetteer(actors: [Actor(name: " ", kind: .group)])) { error in
            guard case .invalidEntry(_, nil, 0, _, _) = error as? ActorGazetteerError else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try ActorGazetteer(actors: [Actor(name: "Y", kind: .group, aliases: ["Y", ""])])) { error in
            guard case .invalidEntry(_, nil, 0, "Y", _) = error as? ActorGazetteerError else { return XCTFail("\(error)") }
        }
    }

    func testUnsupportedVersionSaysWhatToDo() throws {
        let url = try write(#"{"formatVersion": 2, "actors": []}"#)
        XCTAssertThrowsError(try ActorGazetteer.load(from: url)) { error in
            XCTAssertEqual(error as? ActorGazetteerError, .unsupportedVersion(file: url.path, found: 2))
            XCTAssertTrue("\(error)".contains("expected 1"), "\(error)")
        }
    }

    func testInvalidJSONAndMissingFileNameTheFile() throws {
        let url = try write("{\"formatVersion\": 1, \"actors\": [\n {\"name\": \"A\", \"kind\": \"group\",, }\n]}")
        XCTAssertThrowsError(try ActorGazetteer.load(from: url)) { error in
            guard case .malformed(let file, let line, _, _) = error as? ActorGazetteerError else { return XCTFail("\(error)") }
            XCTAssertEqual(file, url.path)
            XCTAssertEqual(line, 2)
        }
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("no-such-gazetteer-\(UUID()).json")
        XCTAssertThrowsError(try ActorGazetteer.load(from: missing)) { error in
            guard case .unreadable(let file, _) = error as? ActorGazetteerError else { return XCTFail("\(error)") }
            XCTAssertEqual(file, missing.path)
        }
    }

    func testMergingOverridesByNameInPlaceAndAppendsNewEntries() throws {
        let base = try TextFixtures.gazetteer()
        let user = try ActorGazetteer(actors: [
            Actor(name: "Marek Lund", kind: .person, gender: .male, aliases: ["Marek Lund", "Lund", "M. Lund"]),
            Actor(name: "Sara Holm", kind: .person, gender: .female, aliases: ["Sara Holm", "Holm"]),
        ])
        let merged = base.merging(user)
        XCTAssertEqual(merged.actors.count, base.actors.count + 1)
        XCTAssertEqual(merged.actors[1].aliases, ["Marek Lund", "Lund", "M. Lund"])
        XCTAssertEqual(merged.actors[1].titles, [])
        XCTAssertEqual(merged.actors.last?.name, "Sara Holm")
        // The merged patterns are live: the new alias and the new actor are found.
        let text = "M. Lund met Holm."
        let mentions = MentionDetector(gazetteer: merged).mentions(in: text, sentences: SentenceSplitter().split(text).sentences)
        XCTAssertEqual(mentions.map(\.actor), ["Marek Lund", "Sara Holm"])
    }

    func testEncodedGazetteerLoadsBackIdentical() throws {
        let gazetteer = try TextFixtures.gazetteer()
        let url = try write(String(decoding: try gazetteer.encoded(), as: UTF8.self))
        XCTAssertEqual(try ActorGazetteer.load(from: url).actors, gazetteer.actors)
    }

    func testShippedGazetteerLoads() throws {
        let url = TextFixtures.packageRoot.appendingPathComponent("Models/actors.json")
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw XCTSkip("Models/actors.json is not in this checkout yet (\(url.path))")
        }
        let gazetteer = try ActorGazetteer.load(from: url)
        XCTAssertGreaterThanOrEqual(gazetteer.actors.count, 200)
        for name in ["Donald Trump", "Vladimir Putin", "Volodymyr Zelensky", "Kremlin", "NATO"] {
            XCTAssertTrue(gazetteer.actors.contains { $0.name == name }, name)
        }
    }
}
