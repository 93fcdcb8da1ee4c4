import Foundation
import TestSupport
import Testing

/// Tools/check_docs.py, which `make test` runs beside the layer check: every public declaration
/// in today's Sources has a `///` comment directly above it (attributes may stand between), and a
/// planted undocumented one is found, named by file and line.
@Suite(.timeLimit(.minutes(15))) struct DocCheckTests {
    func check(_ root: String) throws -> Run {
        try command(Python.interpreter, [PackageRoot.path + "/Tools/check_docs.py", root])
    }

    @Test func everyPublicDeclarationIsDocumented() throws {
        let run = try check(PackageRoot.path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr == "")
    }

    @Test func plantedUndocumentedDeclarationsAreFound() throws {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("partmap-docs-\(UUID())")
        try FileManager.default.createDirectory(at: copy.appendingPathComponent("Sources"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: copy) }
        try FileManager.default.copyItem(at: PackageRoot.url.appendingPathComponent("Sources/GeoJSON"),
                                         to: copy.appendingPathComponent("Sources/GeoJSON"))
        let planted = """
            /// Documented, with an attribute between.
            @inlinable
            public func documented() {}

            public func undocumented() {}

            // A plain comment is not a doc comment.
            @discardableResult public static func alsoUndocumented() -> Int { 0 }

            /// Documented.
            public struct Box {
                public var width = 0
                /// Not public: not checked.
                var height = 0
                private func hidden() {}
            }

            let script = \"\"\"
                public func insideAString() {}
                \"\"\"

            """
        try Data(planted.utf8).write(to: copy.appendingPathComponent("Sources/GeoJSON/Planted.swift"))
        let run = try check(copy.path)
        #expect(run.status == 1)
        #expect(run.stderr == """
            Sources/GeoJSON/Planted.swift:5: public func undocumented has no /// doc comment directly above it
            Sources/GeoJSON/Planted.swift:8: public func alsoUndocumented has no /// doc comment directly above it
            Sources/GeoJSON/Planted.swift:12: public var width has no /// doc comment directly above it

            """)
    }
}
