import Foundation
import XCTest

@testable import StanceKit
@testable import StanceLearning

/// The shipped models read through the direct paths (bulk arrays, the valence table, the
/// fast number reader) equal what `JSONDecoder` alone reads, value for value and bit for bit.
final class ModelLoadingTests: XCTestCase {
    /// Every part of each shipped model: lexicons with their valence table, vocabulary,
    /// weights and biases, training record; re-encoding either gives the same bytes.
    func testShippedModelsDecodeIdenticallyThroughTheDirectPath() throws {
        for name in ["stance.json", "sentiment.json"] {
            let data = try Data(contentsOf: TestPaths.models.appendingPathComponent(name))
            let direct = try XCTUnwrap(TextModelFile.decodeBulk(data), "\(name) did not take the direct path")
            let plain = try JSONDecoder().decode(TextModelFile.self, from: data)
            XCTAssertEqual(direct.features.lexicons, plain.features.lexicons, name)
            XCTAssertEqual(
                direct.features.lexicons.valence.mapValues(\.bitPattern), plain.features.lexicons.valence.mapValues(\.bitPattern), name)
            XCTAssertEqual(direct.features.vocabulary, plain.features.vocabulary, name)
            XCTAssertEqual(direct.classifier.weights.map(\.bitPattern), plain.classifier.weights.map(\.bitPattern), name)
            XCTAssertEqual(direct.classifier.biases.map(\.bitPattern), plain.classifier.biases.map(\.bitPattern), name)
            XCTAssertEqual(direct.training, plain.training, name)
            XCTAssertEqual(try direct.encoded(), try plain.encoded(), name)
        }
    }

    /// The sentiment model's word valences (7,217 words) are cut out of the document rather
    /// than decoded entry by entry.
    func testSentimentValenceTableIsCutOut() throws {
        let data = try Data(contentsOf: TestPaths.models.appendingPathComponent("sentiment.json"))
        let bulk = try XCTUnwrap(BulkJSONArrays(scanning: data, keys: TextModelFile.bulkKeys))
        guard case .numbersByKey(let table)? = bulk.take("features.lexicons.valence") else {
            return XCTFail("the valence table was not cut out")
        }
        XCTAssertGreaterThan(table.count, 7_000)
    }
}
