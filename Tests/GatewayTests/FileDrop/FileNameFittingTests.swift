import Testing
@testable import Gateway

struct FileNameFittingTests {
    @Test func shortNamesStayAsTheyAre() {
        #expect(FileNameFitting.fitting("batch-17.xml", within: 255) == "batch-17.xml")
        #expect(ErrorReport.fileName(forInput: "batch-17.xml") == "batch-17.xml.error.json")
    }

    @Test func longNamesAreCutAtACharacterAndTaggedWithTheirHash() {
        let a = String(repeating: "é", count: 200) + "a"
        let b = String(repeating: "é", count: 200) + "b"
        let fittedA = FileNameFitting.fitting(a, within: 100)
        #expect(fittedA.utf8.count <= 100)
        #expect(fittedA.hasPrefix("éé") && fittedA.contains("~"))
        #expect(fittedA != FileNameFitting.fitting(b, within: 100), "names differing only at the end stay apart")
        #expect(fittedA == FileNameFitting.fitting(a, within: 100), "deterministic")
    }

    @Test func everyDerivedNameOfALongInputFitsTheFileSystem() {
        let input = String(repeating: "x", count: 251) + ".xml"
        #expect(ErrorReport.fileName(forInput: input).utf8.count <= 255)
        #expect(OutputFile.candidateName(input, attempt: 1).utf8.count <= 255)
        #expect(OutputFile.candidateName(input, attempt: 1).hasSuffix(".xml"))
        #expect(OutputFile.candidateName(input, attempt: 1) != OutputFile.candidateName(input, attempt: 2))
        #expect(DurableFileWriter.temporaryName(for: input).utf8.count <= 255)
        #expect(DurableFileWriter.isTemporaryName(DurableFileWriter.temporaryName(for: input)))
        // Everything after the last dot is no file extension to keep.
        let longExtension = "x." + String(repeating: "e", count: 253)
        #expect(OutputFile.candidateName(longExtension, attempt: 1).utf8.count <= 255)
        #expect(OutputFile.candidateName(longExtension, attempt: 1) != OutputFile.candidateName(longExtension, attempt: 2))
        #expect(FileNameFitting.fitting(String(repeating: "a", count: 40), within: 5).utf8.count <= 5)
    }
}
