import ArgumentParser
import GeoJSON
import Participation
import Store

struct Get: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print projects by id, as GeoJSON (the public view unless --internal).")

    @Argument(help: "Project ids.") var ids: [String]
    @Flag(help: "Internal projects too, at their stored positions, with every property.") var `internal` = false
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var data: DataOptions

    func run() async throws {
        let atlas = try data.atlas()
        let found = try await storeOptions.with(places: atlas) { try await $0.get(ids: ids) }
        let visible = `internal` ? found : try found.compactMap { try $0.publicView(places: atlas) }
        let missing = ids.filter { id in !visible.contains { $0.id == id } }
        print(try OutputFeatures(projects: visible, includeExtra: `internal`, crs: nil).geoJSON, terminator: "")
        if !missing.isEmpty {
            FileStandardError.write(missing.map { "\(storeOptions.name): no project \"\($0)\"" }.joined(separator: "\n") + "\n")
            throw ExitCode(ExitStatus.badInput)
        }
    }
}

struct Delete: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Take projects down by id.")

    @Argument(help: "Project ids.") var ids: [String]
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var data: DataOptions

    func run() async throws {
        let deleted = try await storeOptions.with(places: try data.atlas()) { try await $0.delete(ids: ids) }
        print("\(deleted.count) deleted")
        let missing = ids.filter { !deleted.contains($0) }
        if !missing.isEmpty {
            FileStandardError.write(missing.map { "\(storeOptions.name): no project \"\($0)\"" }.joined(separator: "\n") + "\n")
            throw ExitCode(ExitStatus.badInput)
        }
    }
}
