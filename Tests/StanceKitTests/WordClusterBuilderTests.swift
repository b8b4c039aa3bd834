import Foundation
import StanceFeatures
import XCTest

@testable import StanceKit

/// Building the word-cluster file from unlabeled text: sources, determinism, the file format.
final class WordClusterBuilderTests: XCTestCase {
    /// Two families of words in disjoint contexts: animals eat, markets move.
    private let units: [String] = (0..<20).flatMap { i in
        [
            "the cat ate fish today \(i)", "the dog ate meat today", "a cat chased the dog",
            "stocks rose sharply on monday", "bonds fell sharply on friday", "stocks and bonds traded flat",
        ]
    }

    private var settings: WordClusterSettings {
        var s = WordClusterSettings()
        (s.minimumCount, s.dimensions, s.clusters, s.window, s.stem) = (5, 6, 2, 2, false)
        return s
    }

    func testClustersSeparateWordsOfDifferentContextsAndRepeatExactly() throws {
        let table = try WordClusterBuilder.build(units: units, settings: settings)
        func cluster(_ word: String) -> Int? { table.words.firstIndex(of: word).map { table.clusters[$0] } }
        XCTAssertEqual(cluster("cat"), cluster("dog"))
        XCTAssertEqual(cluster("stocks"), cluster("bonds"))
        XCTAssertNotEqual(cluster("cat"), cluster("stocks"))
        XCTAssertEqual(try WordClusterBuilder.build(units: units, settings: settings), table)
        XCTAssertEqual(table.clusters[0], 0, "ids are numbered from the most frequent word")
    }

    func testRenderedFileIsWhatTheLoaderReads() throws {
        let table = try WordClusterBuilder.build(units: units, settings: settings)
        let text = WordClusterBuilder.render(table, header: ["test"])
        XCTAssertTrue(text.hasPrefix("# test\n"))
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("clusters-\(UUID().uuidString).tsv")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(text.utf8).write(to: url)
        let loaded = try WordClusters.load(url)
        XCTAssertEqual(loaded.count, table.words.count)
        for (word, cluster) in zip(table.words, table.clusters) { XCTAssertEqual(loaded[word], cluster) }
    }

    func testTooLittleTextIsRefusedWithTheFix() {
        var s = settings
        s.clusters = 500
        XCTAssertThrowsError(try WordClusterBuilder.build(units: units, settings: s)) { error in
            XCTAssertTrue("\(error)".contains("fewer than the 500 clusters asked for"), "\(error)")
        }
    }

    func testHeldOutNewsMTSCArticlesAreLeftOut() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sources-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let news = folder.appendingPathComponent("news.jsonl"), dev = folder.appendingPathComponent("dev.jsonl")
        try Data(
            (#"{"primary_gid": "allsides_1_2_3_X_0_1", "sentence_normalized": "Kept sentence."}"# + "\n"
                + #"{"primary_gid": "allsides_9_8_7_Y_0_1", "sentence_normalized": "Held-out sentence."}"# + "\n").utf8
        ).write(to: news)
        try Data((#"{"primary_gid": "allsides_9_8_7_Z_4_5", "from": 0, "to": 4, "stance": null}"# + "\n").utf8).write(to: dev)
        XCTAssertEqual(try WordClusterSources.units(of: ["newsmtsc:" + news.path], excluding: [dev.path]), ["Kept sentence."])
        XCTAssertThrowsError(try WordClusterSources.units(of: ["csv:" + news.path])) { error in
            XCTAssertTrue("\(error)".contains("unknown format \"csv\""), "\(error)")
        }
    }
}
