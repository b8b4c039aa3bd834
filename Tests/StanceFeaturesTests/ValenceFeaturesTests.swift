import Foundation
import XCTest

@testable import StanceFeatures

/// The word-valence block (`val:…`), the mention's own words (`tgt:…`) and the valence file loader.
final class ValenceFeaturesTests: XCTestCase {
    private var lexicons: Lexicons {
        var l = FeatureFixtures.lexicons
        l.valence = ["corrupt": -2.5, "hero": 2.6, "good": 1.9, "lied": -2.4, "slightly": 0.2]
        return l
    }

    private func row(
        _ sentence: String, target: String, others: [String] = [],
        change: (inout FeatureConfiguration) -> Void = { $0.actorContext.valence = true }
    ) -> [String: Double] {
        let example = FeatureFixtures.example(sentence, target: target, others: others)
        let featurizer = Featurizer.fit([example], configuration: FeatureFixtures.configuration(change), lexicons: lexicons)
        return FeatureFixtures.named(featurizer, featurizer.vector(for: example))
    }

    func testRatedWordsCountBySideOfTheMention() {
        let r = row("Smith called Jones a hero, but Brown lied.", target: "Jones", others: ["Smith", "Brown"])
        XCTAssertEqual(r["val:sent:pos"], 1)
        XCTAssertEqual(r["val:sent:pos2"], 1)
        XCTAssertEqual(r["val:sent:neg"], 1)
        XCTAssertEqual(r["val:seg:pos"], 1, "hero follows Jones in its own segment")
        XCTAssertEqual(r["val:near:pos"], 1)
        XCTAssertEqual(r["val:out:neg"], 1, "lied is in the contrast clause")
        XCTAssertNil(r["val:seg:neg"])
    }

    func testNegationFlipsValence() {
        let r = row("Jones was not a hero.", target: "Jones")
        XCTAssertEqual(r["val:seg:neg"], 1)
        XCTAssertNil(r["val:seg:pos"])
        XCTAssertEqual(r["val:net:sent:-1"], 1)
    }

    func testWeakRatingsAndUnratedWordsAddNothing() {
        let r = row("Jones slightly changed the plan.", target: "Jones")
        XCTAssertTrue(r.keys.filter { $0.hasPrefix("val:") && !$0.hasPrefix("val:net:") }.isEmpty, "\(r.keys.sorted())")
        XCTAssertEqual(r["val:net:sent:0"], 1)
    }

    func testBlockIsOffByDefaultAndTheModelDropsTheRatings() {
        let example = FeatureFixtures.example("Jones is a corrupt hero.", target: "Jones")
        let featurizer = Featurizer.fit([example], configuration: FeatureFixtures.configuration(), lexicons: lexicons)
        XCTAssertTrue(featurizer.vocabulary.terms.allSatisfy { !$0.hasPrefix("val:") })
        XCTAssertTrue(featurizer.lexicons.valence.isEmpty)
    }

    func testMentionWordsAreLowerCased() {
        let r = row("President Trump praised him.", target: "President Trump") { $0.actorContext.targetWords = true }
        XCTAssertEqual(r["tgt:president"], 1)
        XCTAssertEqual(r["tgt:trump"], 1)
    }

    func testModelWithValenceRoundTrips() throws {
        let examples = [
            FeatureFixtures.example("Jones, a hero, was not corrupt.", target: "Jones"),
            FeatureFixtures.example("Smith lied.", target: "Smith"),
        ]
        var configuration = FeatureFixtures.configuration()
        configuration.actorContext.valence = true
        configuration.actorContext.targetWords = true
        let featurizer = Featurizer.fit(examples, configuration: configuration, lexicons: lexicons)
        let decoded = try JSONDecoder().decode(Featurizer.self, from: JSONEncoder().encode(featurizer))
        XCTAssertEqual(decoded, featurizer)
        for example in examples { XCTAssertEqual(decoded.vector(for: example), featurizer.vector(for: example)) }
    }

    func testValenceFileWithCRLFLineEndsLoads() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("valence-\(UUID().uuidString).txt")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data("$:\t-1.5\t0.8\t[-1]\r\nhero\t2.6\t0.8\t[2, 3]\r\nfed up\t-1.8\t1.2\t[-2]\r\n".utf8).write(to: url)
        XCTAssertEqual(try Lexicons.loadValence(url), ["hero": 2.6])
    }

    func testValenceFileWithBadNumberNamesTheLine() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("valence-\(UUID().uuidString).txt")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data("hero\t2.6\t0.8\t[2]\nvillain\tbad\t0.8\t[2]\n".utf8).write(to: url)
        XCTAssertThrowsError(try Lexicons.loadValence(url)) { error in
            XCTAssertEqual(error as? LexiconError, .badValence(path: url.path, line: 2, field: "bad"))
        }
    }

    func testShippedValenceLexiconLoads() throws {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Models/lexicons")
        let loaded = try Lexicons.load(directory: directory)
        XCTAssertGreaterThan(loaded.valence.count, 7000)
        XCTAssertEqual(loaded.valence["hero"], 2.6)
    }
}
