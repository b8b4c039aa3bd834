import Foundation
import XCTest

@testable import StanceFeatures

/// The word-cluster block (`cl:…`), its configuration and the cluster file loader.
final class WordClusterFeaturesTests: XCTestCase {
    /// A toy map: refusal verbs share cluster 3, talk words cluster 7 (keys are light stems,
    /// as `stance-clusters` writes them by default).
    private var lexicons: Lexicons {
        var l = FeatureFixtures.lexicons
        l.wordClusters = Dictionary(
            uniqueKeysWithValues: [("rejected", 3), ("rebuffed", 3), ("talks", 7), ("negotiations", 7)].map {
                (LightStemmer.stem($0.0), $0.1)
            })
        return l
    }

    private func row(
        _ sentence: String, target: String, others: [String] = [], scopes: [String] = ActorContextOptions.defaultWordClusterScopes
    ) -> [String: Double] {
        let example = FeatureFixtures.example(sentence, target: target, others: others)
        let configuration = FeatureFixtures.configuration {
            $0.actorContext.wordClusters = true
            $0.actorContext.wordClusterScopes = scopes
        }
        let featurizer = Featurizer.fit([example], configuration: configuration, lexicons: lexicons)
        return FeatureFixtures.named(featurizer, featurizer.vector(for: example))
    }

    func testClustersOfTheSegmentAndWindowAppear() {
        let r = row("Kyiv rebuffed talks with Moscow.", target: "Kyiv", others: ["Moscow"])
        XCTAssertEqual(r["cl:seg:c3"], 1, "rebuffed → its stem → cluster 3")
        XCTAssertEqual(r["cl:seg:c7"], 1)
        XCTAssertEqual(r["cl:R1:c3"], 1)
        XCTAssertEqual(r["cl:R2:c7"], 1)
        XCTAssertNil(r["cl:left:c3"])
        XCTAssertNil(r["cl:clause:c3"], "clause is not a default scope")
    }

    func testNegatedWordsGiveNegatedClusters() {
        let r = row("Kyiv did not reject talks.", target: "Kyiv", scopes: ["segment"])
        XCTAssertEqual(r["cl:seg:not_c3"], 1)
        XCTAssertNil(r["cl:seg:c3"])
        XCTAssertNil(r["cl:R3-4:not_c3"], "only the segment scope was asked for")
    }

    func testLeftSegmentAndClauseScopes() {
        let r = row("After rejected talks, Kyiv waited.", target: "Kyiv", scopes: ["left", "clause"])
        XCTAssertEqual(r["cl:clause:c3"], 1)
        XCTAssertEqual(r["cl:clause:c7"], 1)
        XCTAssertEqual(r["cl:left:c7"], 1)
    }

    func testBlockIsOffByDefaultAndTheModelDropsTheMap() throws {
        let example = FeatureFixtures.example("Kyiv rejected talks.", target: "Kyiv")
        let featurizer = Featurizer.fit([example], configuration: FeatureFixtures.configuration(), lexicons: lexicons)
        XCTAssertTrue(featurizer.vocabulary.terms.allSatisfy { !$0.hasPrefix("cl:") })
        XCTAssertTrue(featurizer.lexicons.wordClusters.isEmpty)
        let json = String(decoding: try JSONEncoder().encode(featurizer), as: UTF8.self)
        XCTAssertFalse(json.contains("wordCluster"), "a model without clusters keeps its bytes")
    }

    func testModelWithClustersRoundTripsAndPredictsUnseenWords() throws {
        let examples = [FeatureFixtures.example("Kyiv rejected talks.", target: "Kyiv")]
        let configuration = FeatureFixtures.configuration { $0.actorContext.wordClusters = true }
        let featurizer = Featurizer.fit(examples, configuration: configuration, lexicons: lexicons)
        let decoded = try JSONDecoder().decode(Featurizer.self, from: JSONEncoder().encode(featurizer))
        XCTAssertEqual(decoded, featurizer)
        XCTAssertEqual(decoded.lexicons.wordClusters[LightStemmer.stem("rebuffed")], 3)
        // "rebuffed" never occurs in training, yet shares the column of "rejected".
        let unseen = FeatureFixtures.example("Kyiv rebuffed negotiations.", target: "Kyiv")
        let names = FeatureFixtures.named(decoded, decoded.vector(for: unseen))
        XCTAssertEqual(names["cl:seg:c3"], 1)
        XCTAssertEqual(names["cl:R1:c3"], 1)
    }

    func testModelWithoutClusterKeysStillLoads() throws {
        let example = FeatureFixtures.example("Kyiv rejected talks.", target: "Kyiv")
        let featurizer = Featurizer.fit([example], configuration: FeatureFixtures.configuration(), lexicons: lexicons)
        var object = try XCTUnwrap(JSONSerialization.jsonObject(with: JSONEncoder().encode(featurizer)) as? [String: Any])
        var configuration = try XCTUnwrap(object["configuration"] as? [String: Any])
        var context = try XCTUnwrap(configuration["actorContext"] as? [String: Any])
        XCTAssertNil(context["wordClusters"])
        context.removeValue(forKey: "wordClusterScopes")
        configuration["actorContext"] = context
        object["configuration"] = configuration
        let decoded = try JSONDecoder().decode(Featurizer.self, from: JSONSerialization.data(withJSONObject: object))
        XCTAssertEqual(decoded, featurizer)
        XCTAssertFalse(decoded.configuration.actorContext.wordClusters)
    }

    func testUnknownScopeIsRefusedNamingTheChoices() {
        let json = Data(#"{"actorContext": {"wordClusters": true, "wordClusterScopes": ["segmnet"]}}"#.utf8)
        XCTAssertThrowsError(try JSONDecoder().decode(FeatureConfiguration.self, from: json)) { error in
            XCTAssertTrue("\(error)".contains("unknown word cluster scope \"segmnet\""), "\(error)")
            XCTAssertTrue("\(error)".contains("segment, left, window, clause"), "\(error)")
        }
    }

    func testClusterFileLoadsAndNamesABadLine() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("clusters-\(UUID().uuidString).tsv")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data("# header\nreject\t3\r\ntalk\t7\n\n".utf8).write(to: url)
        XCTAssertEqual(try WordClusters.load(url), ["reject": 3, "talk": 7])
        try Data("reject\t3\ntalk\tseven\n".utf8).write(to: url)
        XCTAssertThrowsError(try WordClusters.load(url)) { error in
            XCTAssertEqual((error as? WordClusterError)?.line, 2)
            XCTAssertTrue("\(error)".hasPrefix(url.path + ":2: expected word<TAB>cluster id"), "\(error)")
        }
    }

    func testContextWordsAreTheFeaturesWords() {
        XCTAssertEqual(
            WordClusters.contextWords(of: "Kyiv rejected the U.S. offer, 3 times.", stem: true),
            ["kyiv", "reject", "the", "u.s.", "offer", "<num>", LightStemmer.stem("times")])
        XCTAssertEqual(WordClusters.contextWords(of: "Talks stalled.", stem: false), ["talks", "stalled"])
    }
}
