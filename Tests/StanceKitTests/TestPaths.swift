import Foundation
import XCTest

/// Locations the suites read at run time, relative to this file so they work from any working directory.
enum TestPaths {
    /// The package root.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// The shipped models.
    static let models = root.appendingPathComponent("Models")
    /// The labeled corpus.
    static let trainingData = root.appendingPathComponent("TrainingData")
    /// `../shared` beside the clone (public data sets; absent on machines without it).
    static let shared = root.deletingLastPathComponent().appendingPathComponent("shared")
    /// NewsMTSC inside `../shared`.
    static let newsMTSC = shared.appendingPathComponent("data/newsmtsc")

    /// The real news articles inside `../shared`.
    static let realNews = shared.appendingPathComponent("data/realnews/articles")

    /// Skips the calling test with a message when the real news articles are not beside the clone.
    static func requireRealNews() throws -> URL {
        guard FileManager.default.fileExists(atPath: realNews.path) else {
            throw XCTSkip("real news articles not found at \(realNews.path): these checks need ../shared/data/realnews beside the clone")
        }
        return realNews
    }

    /// Skips the calling test with a message when NewsMTSC is not beside the clone.
    static func requireNewsMTSC() throws -> URL {
        guard FileManager.default.fileExists(atPath: newsMTSC.appendingPathComponent("train.jsonl").path) else {
            throw XCTSkip("NewsMTSC not found at \(newsMTSC.path): these real-news checks need ../shared/data/newsmtsc beside the clone")
        }
        return newsMTSC
    }
}
