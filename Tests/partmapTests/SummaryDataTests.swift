import Foundation
import TestSupport
import Testing

/// A summary counted from a store's columns needs only the M49 table of the reference data: it
/// answers with a boundaries file that cannot be read, while whatever needs the boundaries (a
/// choropleth, a store that must be migrated) says which file is broken.
@Suite(.timeLimit(.minutes(10))) struct SummaryDataTests {
    /// Data/ with its boundaries file cut short: a copy of every other file, in a folder of its own.
    static let brokenData = Fixture {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("partmap-data-\(UUID())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for file in ["m49-regions.csv", "m49-extra.csv", "cities15000.tsv"] {
            try FileManager.default.copyItem(atPath: PackageRoot.dataDirectory + "/" + file, toPath: folder + "/" + file)
        }
        try Data(#"{"type": "FeatureCollection", "features": ["#.utf8).write(to: URL(fileURLWithPath: folder + "/countries-ne50.geojson"))
        return folder
    }

    /// A SQLite store of the curated projects, imported with the whole of Data/.
    static func curatedStore() throws -> String {
        let store = try StoreCommandTests.newStore(.sqlite)
        let run = try partmap("import", "Data/projects.geojson", "--store", store)
        guard run.status == 0 else { throw ReferenceError("the import failed: \(run.stderr)") }
        return store
    }

    @Test func aSummaryFromColumnsNeedsOnlyTheM49Table() throws {
        let store = try Self.curatedStore()
        let whole = succeeded(try partmap("summary", "--store", store, "--by", "subregion,level", "--format", "csv"))
        let run = try partmap("summary", "--store", store, "--by", "subregion,level", "--format", "csv", "--data", Self.brokenData.path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == whole)
        #expect(whole.contains("\n202,Sub-Saharan Africa,"), "rows with M49 names, not an empty table: \(whole)")
    }

    @Test func aChoroplethNamesTheBrokenBoundariesFile() throws {
        let store = try Self.curatedStore()
        let run = try partmap("summary", "--store", store, "--by", "country", "--format", "geojson", "--data", Self.brokenData.path)
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix(Self.brokenData.path + "/countries-ne50.geojson: "), "\(run.stderr)")
        #expect(run.stdout.isEmpty)
    }

    /// A store made before the public areas were columns is migrated by placing every project:
    /// with a broken boundaries file that is an error naming it, and the store is left as it was,
    /// so that the next run with the whole of Data/ migrates it right.
    @Test func aMigrationThatPlacesProjectsNamesTheBrokenBoundariesFile() throws {
        let store = try Self.curatedStore()
        let whole = succeeded(try partmap("summary", "--store", store, "--by", "subregion,level", "--format", "csv"))
        // Back to the first schema, as in StoreCommandTests.storesCountSummariesAsAScanOfTheFileDoes.
        try StoreCommandTests.sql(store, "DROP INDEX project_facets")
        for column in ["public_country", "public_region", "public_subregion", "public_intermediate", "level", "sector", "groups",
                       "purposes", "initiative"] {
            try StoreCommandTests.sql(store, "ALTER TABLE project DROP COLUMN \(column)")
        }
        try StoreCommandTests.sql(store, "DROP TABLE change_version")
        try StoreCommandTests.sql(store, "DELETE FROM grdb_migrations WHERE identifier IN ('v2', 'v3', 'v4')")
        let broken = try partmap("summary", "--store", store, "--by", "subregion,level", "--format", "csv", "--data", Self.brokenData.path)
        #expect(broken.status != 0)
        #expect(broken.stderr.contains(Self.brokenData.path + "/countries-ne50.geojson: "), "\(broken.stderr)")
        #expect(broken.stdout.isEmpty)
        #expect(succeeded(try partmap("summary", "--store", store, "--by", "subregion,level", "--format", "csv")) == whole)
    }
}
