import Foundation

/// A failure reading user input or model files, phrased for the command line.
///
/// Every message names the file, and the line where there is one, so that a
/// user can fix the input without reading code.
public struct StanceKitError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The one-line message shown to the user.
    public let description: String

    /// Creates an error with a complete one-line message.
    public init(_ message: String) { description = message }

    /// Creates an error located at `file:line`.
    public init(file: String, line: Int? = nil, _ problem: String) {
        if let line { description = "\(file):\(line): \(problem)" } else { description = "\(file): \(problem)" }
    }
}
