import XCTest

@testable import StanceLearning

final class LIBSVMReaderTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("stance-libsvm-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: directory) }

    private func write(_ text: String, name: String = "data.txt") throws -> URL {
        let url = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url
    }

    private func assertError(_ text: String, line: Int, contains fragment: String, file: StaticString = #filePath, testLine: UInt = #line)
        throws
    {
        let url = try write(text)
        XCTAssertThrowsError(try LIBSVMReader(url: url).load(), file: file, line: testLine) { error in
            guard let error = error as? LIBSVMError else { return XCTFail("wrong error type \(error)", file: file, line: testLine) }
            XCTAssertEqual(error.line, line, file: file, line: testLine)
            XCTAssertTrue(error.description.hasPrefix("\(url.path):\(line): "), error.description, file: file, line: testLine)
            XCTAssertTrue(error.description.contains(fragment), error.description, file: file, line: testLine)
        }
    }

    func testReadsLabelsIndicesCommentsAndUnsortedRows() throws {
        let url = try write("# header comment\n10 1:0.5 3:2\n-1 3:1e-3 2:-4 # trailing\n\n2 4:1\n10\t1:1\n-1 2:.25\n2 1:7\r\n")
        let dataset = try LIBSVMReader(url: url).load()
        XCTAssertEqual(dataset.labelNames, ["-1", "2", "10"])
        XCTAssertEqual(dataset.labels, [2, 0, 1, 2, 0, 1])
        XCTAssertEqual(dataset.rows.columnCount, 4)
        XCTAssertEqual(Array(dataset.rows.row(1).indices), [1, 2])
        XCTAssertEqual(Array(dataset.rows.row(1).values), [-4, 1e-3])
        XCTAssertEqual(Array(dataset.rows.row(4).values), [0.25])
        XCTAssertEqual(dataset.sourceLines, [2, 3, 5, 6, 7, 8])
        XCTAssertEqual(dataset.sourceDigest, SHA256.hex(of: try Data(contentsOf: url)))
    }

    func testDecimalParsingMatchesStrtod() {
        for text in ["0", "1", "-0.5", "+3.25", "0.1", "123456.789012", "1e5", "2.5E-3", "0.30000000000000004", "9007199254740993"] {
            let bytes = Array(text.utf8)
            let parsed = bytes.withUnsafeBufferPointer { LIBSVMReader.parseDouble($0.baseAddress!, count: bytes.count) }
            XCTAssertEqual(parsed?.bitPattern, Double(text)!.bitPattern, text)
        }
        for text in ["abc", "1.2.3", "-", "1x", "."] {
            let bytes = Array(text.utf8)
            XCTAssertNil(bytes.withUnsafeBufferPointer { LIBSVMReader.parseDouble($0.baseAddress!, count: bytes.count) }, text)
        }
    }

    /// The reader's one-pass decimal path and its fallback to `parseDouble` give the values
    /// `Double(text)` gives, to the bit, for plain, signed, zero-padded, long and exponent forms.
    func testReadValuesMatchDoubleParsingBitForBit() throws {
        let texts = [
            "0.123", "-0.5", "+3.25", "007.5", "0.000", "00", ".5", "5.", "-0", "123456789012345", "1234567890123456",
            "0.1234567890123456789012", "0.30000000000000004", "1e5", "2.5E-3", "9007199254740993", "0.001", "1",
        ]
        let text = texts.enumerated().map { "\($0.offset % 2) \($0.offset + 1):\($0.element)\n" }.joined()
        let dataset = try LIBSVMReader(url: try write(text)).load()
        for (row, value) in texts.enumerated() {
            XCTAssertEqual(Array(dataset.rows.row(row).values).map(\.bitPattern), [Double(value)!.bitPattern], value)
        }
    }

    func testBadTokenNamesTheLine() throws {
        try assertError("1 1:1\n2 1:1 oops\n1 2:1\n2 2:2\n", line: 2, contains: "bad token \"oops\"")
    }

    func testIndexZeroNamesTheLine() throws {
        try assertError("1 1:1\n1 2:1\n2 0:1\n2 2:2\n", line: 3, contains: "index 0")
    }

    func testNonNumericValueNamesTheLine() throws {
        try assertError("1 1:1\n1 2:abc\n2 2:2\n2 1:1\n", line: 2, contains: "not a number")
    }

    func testNaNValueNamesTheLine() throws {
        try assertError("1 1:1\n1 2:1\n2 2:nan\n2 1:1\n", line: 3, contains: "NaN or infinite")
    }

    func testRepeatedIndexNamesTheLine() throws {
        try assertError("1 1:1\n1 2:1 1:3 2:4\n2 2:2\n2 1:1\n", line: 2, contains: "index 2 appears twice")
    }

    func testMissingLabelNamesTheLine() throws {
        try assertError("1 1:1\n3:1\n", line: 2, contains: "instead of a label")
    }

    func testEmptyFileIsAnError() throws {
        try assertError("", line: 1, contains: "no examples")
        try assertError("# only a comment\n\n", line: 2, contains: "no examples")
    }

    func testSmallWindowsAndAnyJobCountReadTheSameRowsAndLines() throws {
        // Windows of 7 bytes split almost every line and force a grown window for the long one.
        var text = "# header\n"
        for i in 0..<200 { text += i % 17 == 0 ? "\n" : "\(i % 3) \(i % 5 + 1):\(i) \(i % 11 + 7):0.5 # c\n" }
        text += "2 " + (1...300).map { "\($0):1" }.joined(separator: " ") + "\n1 3:4"
        let url = try write(text)
        let expected = try LIBSVMReader(url: url).load()
        XCTAssertEqual(expected.sourceDigest, SHA256.hex(of: try Data(contentsOf: url)))
        for (jobs, window) in [(1, 7), (2, 7), (8, 64), (3, 1 << 20)] {
            var reader = LIBSVMReader(url: url)
            reader.jobs = jobs
            reader.windowSize = window
            let dataset = try reader.load()
            XCTAssertEqual(dataset.rows, expected.rows, "jobs \(jobs), window \(window)")
            XCTAssertEqual(dataset.labels, expected.labels)
            XCTAssertEqual(dataset.sourceLines, expected.sourceLines)
            XCTAssertEqual(dataset.sourceDigest, expected.sourceDigest)
        }
        XCTAssertEqual(expected.rows.rowCount, 200 - 12 + 2)
        XCTAssertEqual(expected.sourceLines?.last, 203)
        // The first bad line is reported with its file line, whichever window or thread parsed it.
        let bad = try write(text.replacingOccurrences(of: "1 150:1 151:1", with: "1 150:1 151:x") + "\n1 0:1\n")
        for (jobs, window) in [(1, 7), (8, 64), (2, 1 << 20)] {
            var reader = LIBSVMReader(url: bad)
            reader.jobs = jobs
            reader.windowSize = window
            XCTAssertThrowsError(try reader.load()) { error in
                XCTAssertEqual((error as? LIBSVMError)?.line, 202, "\(error)")
                XCTAssertTrue("\(error)".contains("151:x"), "\(error)")
            }
        }
    }

    func testLabelSeenOnceNamesItsLine() throws {
        try assertError("1 1:1\n1 2:1\n2 1:1\n1 1:2\n2 2:1\n3 2:5\n", line: 6, contains: "label \"3\" occurs only once")
    }

    func testTestFileUsesTrainingLabelsAndRejectsUnknownOnes() throws {
        let url = try write("b 1:1\na 9:1\n", name: "test.txt")
        let dataset = try LIBSVMReader(url: url, labelNames: ["a", "b"]).load()
        XCTAssertEqual(dataset.labels, [1, 0])
        XCTAssertEqual(dataset.rows.columnCount, 9)
        let bad = try write("b 1:1\nc 1:1\n", name: "bad.txt")
        XCTAssertThrowsError(try LIBSVMReader(url: bad, labelNames: ["a", "b"]).load()) {
            XCTAssertEqual(($0 as? LIBSVMError)?.line, 2)
        }
    }

    func testMissingFileNamesThePath() {
        let url = directory.appendingPathComponent("absent.txt")
        XCTAssertThrowsError(try LIBSVMReader(url: url).load()) {
            XCTAssertTrue("\($0)".hasPrefix(url.path + ": cannot open"), "\($0)")
        }
    }
}
