import ArgumentParser
import GeoJSON
import Participation
import Store

struct Get: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print projects by id, as GeoJSON (the public view unless --internal).")

    @Argument(help: "Project ids.") var ids: [String]
    @Flag(help: "Internal projects too, at their stored positions, with every property.") var `internal` = false
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var data: DataOptions

    func run() throws {
        let atlas = try data.atlas()
        let store = try storeOptions.open(places: atlas)
        let found = try withStore { try store.get(ids: ids) }
        let visible = `internal` ? found : found.compactMap { $0.publicView(places: atlas) }
        let missing = ids.filter { id in !visible.contains { $0.id == id } }
        print(try OutputFeatures(projects: visible, includeExtra: `internal`, crs: nil).geoJSON, terminator: "")
        if !missing.isEmpty {
            FileStandardError.write(missing.map { "\(storeOptions.location): no project \"\($0)\"" }.joined(separator: "\n") + "\n")
            throw ExitCode(ExitStatus.badInput)
        }
    }
}

struct Delete: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Take projects down by id.")

    @Argument(help: "Project ids.") var ids: [String]
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var data: DataOptions

    func run() throws {
        let store = try storeOptions.open(places: try data.atlas())
        let deleted = try withStore { try store.delete(ids: ids) }
        print("\(deleted.count) deleted")
        let missing = ids.filter { !deleted.contains($0) }
        if !missing.isEmpty {
            FileStandardError.write(missing.map { "\(storeOptions.location): no project \"\($0)\"" }.joined(separator: "\n") + "\n")
            throw ExitCode(ExitStatus.badInput)
        }
    }
}
