import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Why a site folder cannot be prepared or swapped in. Each description is one line naming the path.
public enum SiteFolderError: Error, CustomStringConvertible {
    /// The destination exists and holds something other than a partmap site; `--force` replaces it.
    case notASite(String)
    /// A file system call failed on the path.
    case system(String, String)

    /// One line naming the path and what to do.
    public var description: String {
        switch self {
        case .notASite(let path):
            "\(path): not a partmap site (no manifest.json of partmap's): refusing to replace it; give --force to replace it whole"
        case .system(let path, let message): "\(path): \(message)"
        }
    }
}

/// The folder a site is published into, replaced whole so that it always holds a whole site, old
/// or new, whenever the process is killed:
/// - the new site is built in `.NAME.PID.partial` beside DIR, a folder locked (`flock`) while its
///   publish runs;
/// - it is swapped with DIR in one step by `renameat2(RENAME_EXCHANGE)` (Linux 3.15), or renamed to
///   DIR when there is none, so no moment exists without DIR;
/// - the old site, now at the build folder's name, is removed after a grace period for readers
///   that opened it before the swap;
/// - the next publish removes every `.NAME.*.partial` (and `.NAME.*.old`) whose lock no live process holds.
public struct SiteFolder: ~Copyable {
    /// The site's folder, DIR.
    public let destination: URL
    /// Where the new site is built, beside DIR.
    public let building: URL
    private let lock: Int32

    /// Checks DIR, removes what killed runs left beside it, and makes and locks the build folder.
    /// An existing DIR must be a partmap site (a `manifest.json` listing `files`) or empty, unless
    /// `force` is set.
    /// - Throws: `SiteFolderError.notASite` for any other DIR; `.system` when a folder cannot be
    ///   read, made or locked.
    public init(_ path: String, force: Bool) throws {
        let destination = URL(fileURLWithPath: path).standardizedFileURL
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: destination.path, isDirectory: &isFolder), !force {
            guard isFolder.boolValue, Self.isSite(destination) else { throw SiteFolderError.notASite(path) }
        }
        let parent = destination.deletingLastPathComponent()
        let name = destination.lastPathComponent
        do { try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true) } catch {
            throw SiteFolderError.system(parent.path, "cannot make the folder: \(error.localizedDescription)")
        }
        try Self.removeLeftovers(of: name, in: parent)
        let building = parent.appendingPathComponent(".\(name).\(getpid()).partial")
        try? FileManager.default.removeItem(at: building)
        guard mkdir(building.path, 0o755) == 0 else { throw SiteFolderError.system(path, Self.errorText()) }
        let lock = open(building.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard lock >= 0, flock(lock, LOCK_EX | LOCK_NB) == 0 else {
            let message = Self.errorText()
            if lock >= 0 { close(lock) }
            rmdir(building.path)
            throw SiteFolderError.system(building.path, "cannot lock the build folder: \(message)")
        }
        self.destination = destination
        self.building = building
        self.lock = lock
    }

    /// Swaps the finished build folder in as DIR in one step, then removes the old site.
    /// - Throws: `SiteFolderError.system` when neither the exchange nor the rename can be made;
    ///   DIR is then as it was.
    public consuming func commit() throws {
        defer { close(lock) }
        if Self.exchange(building.path, destination.path) != 0 {
            guard errno == ENOENT else { throw SiteFolderError.system(destination.path, Self.errorText()) }
            guard rename(building.path, destination.path) == 0 else {
                throw SiteFolderError.system(destination.path, Self.errorText())
            }
            return
        }
        // The old site now has the build folder's name. Readers that opened it before the swap
        // get a grace period to finish; a killed removal is finished by the next run.
        Thread.sleep(forTimeInterval: Self.gracePeriod)
        try? FileManager.default.removeItem(at: building)
    }

    /// Removes the build folder after a failure; DIR is left as it was.
    public consuming func abandon() {
        try? FileManager.default.removeItem(at: building)
        close(lock)
    }

    /// Seconds the old site stays whole after the swap, for readers that opened it before.
    public static let gracePeriod = 1.0

    /// A partmap site has a `manifest.json` that is a JSON object listing its `files`; an empty
    /// folder holds nothing to lose.
    static func isSite(_ folder: URL) -> Bool {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return false }
        if names.isEmpty { return true }
        guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent("manifest.json").path),
              let manifest = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return false }
        return manifest["files"] is [Any]
    }

    /// Removes `.NAME.*.partial` and `.NAME.*.old` folders beside DIR that no live publish holds locked.
    static func removeLeftovers(of name: String, in parent: URL) throws {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: parent.path) } catch {
            throw SiteFolderError.system(parent.path, "cannot list the folder: \(error.localizedDescription)")
        }
        for leftover in names where leftover.hasPrefix(".\(name).") && (leftover.hasSuffix(".partial") || leftover.hasSuffix(".old")) {
            let url = parent.appendingPathComponent(leftover)
            let fd = open(url.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            guard fd >= 0 else { continue }
            defer { close(fd) }
            if flock(fd, LOCK_EX | LOCK_NB) == 0 { try? FileManager.default.removeItem(at: url) }
        }
    }

    /// `renameat2(AT_FDCWD, from, AT_FDCWD, to, RENAME_EXCHANGE)`: glibc declares it only under
    /// `_GNU_SOURCE`, so it is looked up by name. Returns -1 with `errno` set on failure.
    static func exchange(_ from: String, _ to: String) -> Int32 {
        typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
        guard let symbol = dlsym(nil, "renameat2") else { errno = ENOSYS; return -1 }
        let renameat2 = unsafeBitCast(symbol, to: RenameAt2.self)
        let renameExchange: UInt32 = 1 << 1
        return renameat2(AT_FDCWD, from, AT_FDCWD, to, renameExchange)
    }

    static func errorText() -> String { String(cString: strerror(errno)) }
}
