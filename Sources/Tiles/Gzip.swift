import CZlib

/// zlib refused to compress; the code is zlib's (`zlib.h`).
public enum GzipError: Error, CustomStringConvertible {
    case zlib(Int32)
    /// The failure in words, with zlib's code.
    public var description: String {
        switch self {
        case .zlib(let code): "gzip failed (zlib error \(code))"
        }
    }
}

/// gzip as MBTiles and PMTiles readers expect it. The header carries no time or name, so the
/// same bytes in give the same bytes out.
public enum Gzip {
    /// `data` compressed as a gzip member (RFC 1952) at zlib `level` 0 ... 9.
    /// - Throws: `GzipError.zlib` with zlib's code when zlib fails.
    public static func compress(_ data: [UInt8], level: Int32 = 6) throws(GzipError) -> [UInt8] {
        // zlib keeps a pointer back to its stream, so the stream must not move: it lives on the heap.
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer { stream.deallocate() }
        // windowBits 15 + 16: a gzip wrapper around deflate.
        let status = deflateInit2_(stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw .zlib(status) }
        defer { deflateEnd(stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(stream, uLong(data.count))) + 32)
        let finished = data.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { out in
                stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
                stream.pointee.avail_in = uInt(input.count)
                stream.pointee.next_out = out.baseAddress
                stream.pointee.avail_out = uInt(out.count)
                return deflate(stream, Z_FINISH)
            }
        }
        guard finished == Z_STREAM_END else { throw .zlib(finished) }
        return Array(output[0 ..< Int(stream.pointee.total_out)])
    }
}
