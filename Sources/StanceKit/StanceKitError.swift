import Foundation
import StanceFeatures
import StanceLearning

/// A failure reading user input or model files, phrased for the command line.
///
/// Every message names the file, and the line where there is one, so that a
/// user can fix the input without reading code; `file` and `line` are kept as
/// fields so callers never parse the message.
public struct StanceKitError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file the problem is in, when there is one.
    public let file: String?
    /// The 1-based line of `file`, when there is one.
    public let line: Int?
    /// The one-line message shown to the user.
    public let description: String

    /// Creates an error with a complete one-line message that names no file.
    package init(_ message: String) { self.init(file: nil, line: nil, message: message) }

    /// Creates an error located at `file:line`.
    package init(file: String, line: Int? = nil, _ problem: String) {
        self.init(file: file, line: line, message: (line.map { "\(file):\($0)" } ?? file) + ": " + problem)
    }

    private init(file: String?, line: Int?, message: String) {
        self.file = file
        self.line = line
        description = message
    }

    /// An error of a lower layer as a located error: errors that know their file (model
    /// files, gazetteers, lexicons, LIBSVM rows) keep their own words, others get `file` in front.
    init(reading file: String, _ error: Error) {
        switch error {
        case let error as StanceKitError:
            self = error
        case let error as FileLocatedError:
            self.init(file: error.file, line: error.line, message: "\(error)")
        default:
            self.init(file: file, "\(error)")
        }
    }
}

/// A lower layer's error that already names its file (and line) in its message.
protocol FileLocatedError: Error {
    /// The file the error is about.
    var file: String { get }
    /// The 1-based line, when known.
    var line: Int? { get }
}

extension ModelFileError: FileLocatedError {
    var file: String {
        switch self {
        case .unreadable(let path, _), .notJSON(let path, _), .unknownVersion(let path, _, _), .missingKey(let path, _),
            .dimensionMismatch(let path, _), .invalidValue(let path, _):
            return path
        }
    }
    var line: Int? { nil }
}

extension ActorGazetteerError: FileLocatedError {
    var file: String {
        switch self {
        case .unreadable(let file, _), .malformed(let file, _, _, _), .unsupportedVersion(let file, _),
            .invalidEntry(let file, _, _, _, _), .duplicateName(let file, _, _, _):
            return file
        }
    }
    var line: Int? {
        switch self {
        case .malformed(_, let line, _, _), .invalidEntry(_, let line, _, _, _): return line
        case .duplicateName(_, _, _, let lines): return lines.last
        case .unreadable, .unsupportedVersion: return nil
        }
    }
}

extension LexiconError: FileLocatedError {
    var file: String {
        switch self {
        case .unreadable(let path, _), .notLowercase(let path, _, _), .noWords(let path, _, _),
            .duplicate(let path, _, _, _, _, _), .badValence(let path, _, _):
            return path
        }
    }
    var line: Int? {
        switch self {
        case .unreadable: return nil
        case .notLowercase(_, let line, _), .noWords(_, let line, _), .duplicate(_, let line, _, _, _, _),
            .badValence(_, let line, _):
            return line
        }
    }
}

extension LIBSVMError: FileLocatedError {
    var file: String { path }
}

extension ActorGazetteer {
    /// Loads a gazetteer file, merging `extra` (`--actors FILE`) over it; errors name the file.
    package static func read(_ url: URL, merging extra: URL? = nil) throws -> ActorGazetteer {
        func load(_ url: URL) throws -> ActorGazetteer {
            do { return try ActorGazetteer.load(from: url) } catch { throw StanceKitError(reading: url.path, error) }
        }
        var gazetteer = try load(url)
        if let extra { gazetteer = gazetteer.merging(try load(extra)) }
        return gazetteer
    }
}
