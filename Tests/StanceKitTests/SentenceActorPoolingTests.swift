import XCTest

@testable import StanceKit

/// Rule 6 at prediction time: an actor's mentions in one sentence share one stance distribution.
final class SentenceActorPoolingTests: XCTestCase {
    typealias Key = SentenceActorPooling.Key

    /// Mentions of one actor in one sentence get the mean; everything else keeps its own.
    func testMentionsOfOneActorInOneSentenceShareTheirMean() {
        let distributions: [[Double]] = [
            [0.7, 0.1, 0.1, 0.1],  // Zelensky, sentence 4
            [0.1, 0.1, 0.7, 0.1],  // he (Zelensky), sentence 4
            [0.2, 0.2, 0.2, 0.4],  // Putin, sentence 4
            [0.5, 0.3, 0.1, 0.1],  // Zelensky, sentence 5
            [0.3, 0.3, 0.3, 0.1],  // Zelensky, sentence 4 of another document
            [0.6, 0.2, 0.1, 0.1],  // he (Zelensky), sentence 4 again
        ]
        let keys = [
            Key(document: "a", sentence: 4, actor: "Volodymyr Zelensky"),
            Key(document: "a", sentence: 4, actor: "Volodymyr Zelensky"),
            Key(document: "a", sentence: 4, actor: "Vladimir Putin"),
            Key(document: "a", sentence: 5, actor: "Volodymyr Zelensky"),
            Key(document: "b", sentence: 4, actor: "Volodymyr Zelensky"),
            Key(document: "a", sentence: 4, actor: "Volodymyr Zelensky"),
        ]
        let pooled = SentenceActorPooling.pooled(distributions, keys: keys)
        let mean = [(0.7 + 0.1 + 0.6) / 3, (0.1 + 0.1 + 0.2) / 3, (0.1 + 0.7 + 0.1) / 3, (0.1 + 0.1 + 0.1) / 3]
        for i in [0, 1, 5] {
            XCTAssertEqual(pooled[i].count, 4)
            for c in 0..<4 { XCTAssertEqual(pooled[i][c], mean[c], accuracy: 1e-12, "row \(i) class \(c)") }
        }
        // Other actors, other sentences and other documents are not touched, bit for bit.
        XCTAssertEqual(pooled[2], distributions[2])
        XCTAssertEqual(pooled[3], distributions[3])
        XCTAssertEqual(pooled[4], distributions[4])
        XCTAssertEqual(pooled[0].reduce(0, +), 1, accuracy: 1e-12)
    }

    /// No groups: the input comes back unchanged.
    func testSingleMentionsAreUnchanged() {
        let distributions: [[Double]] = [[0.25, 0.25, 0.25, 0.25], [0.9, 0.05, 0.03, 0.02]]
        let keys = [Key(document: "a", sentence: 0, actor: "x"), Key(document: "a", sentence: 0, actor: "y")]
        XCTAssertEqual(SentenceActorPooling.pooled(distributions, keys: keys), distributions)
        XCTAssertEqual(SentenceActorPooling.pooled([], keys: []), [])
    }
}
