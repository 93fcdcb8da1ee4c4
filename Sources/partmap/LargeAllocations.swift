#if canImport(Glibc)
import Glibc
#endif

/// Makes freed large arrays go back to the system at once. glibc's malloc maps an allocation of
/// at least its threshold and unmaps it when freed, but it raises the threshold to the size of
/// each mapped block freed (up to 32 MB), so that the many-megabyte arrays a clustering build
/// makes and drops pass into the heap, whose free pages stay resident. A fixed threshold
/// (`mallopt(M_MMAP_THRESHOLD)`, a glibc extension in malloc.h, which the Glibc module leaves
/// out, so found at run time) keeps them mapped. Elsewhere nothing is done.
enum LargeAllocations {
    /// malloc.h's M_MMAP_THRESHOLD.
    private static let thresholdOption: Int32 = -3

    /// Maps every allocation of `bytes` or more (256 KB by default) from now on.
    static func mapFrom(_ bytes: Int32 = 256 << 10) {
        #if canImport(Glibc)
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        guard let option = dlsym(dlopen(nil, RTLD_NOW), "mallopt") else { return }
        _ = unsafeBitCast(option, to: Mallopt.self)(thresholdOption, bytes)
        #endif
    }
}
