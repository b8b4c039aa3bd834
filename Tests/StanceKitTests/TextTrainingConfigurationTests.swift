import Foundation
import StanceLearning
import XCTest

@testable import StanceKit

/// Decoding of `stance-train --config` files for text models.
final class TextTrainingConfigurationTests: XCTestCase {
    func testEverySolverSettingIsRead() throws {
        let json = #"{"training": {"stopRule": "gradientMax", "tolerance": 1e-4, "objectiveTolerance": 1e-9, "l2Penalty": 3}}"#
        let configuration = try JSONDecoder().decode(TextTrainingConfiguration.self, from: Data(json.utf8))
        XCTAssertEqual(configuration.training.stopRule, .gradientMax)
        XCTAssertEqual(configuration.training.tolerance, 1e-4)
        XCTAssertEqual(configuration.training.objectiveTolerance, 1e-9)
        XCTAssertEqual(configuration.training.l2Penalty, 3)
    }

    func testMissingKeysKeepTheDefaults() throws {
        let configuration = try JSONDecoder().decode(TextTrainingConfiguration.self, from: Data(#"{"training": {}}"#.utf8))
        XCTAssertEqual(configuration.training.stopRule, TrainingConfiguration().stopRule)
        XCTAssertEqual(configuration.training.tolerance, TrainingConfiguration().tolerance)
    }
}
