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
        try GzipCompressor(level: level).compress(data)
    }
}

/// One zlib stream kept for many inputs, each compressed as its own gzip member (RFC 1952):
/// `deflateReset` between them gives the same bytes as a new stream, without zlib allocating and
/// clearing its window and tables again for each (a few hundred KB, more than most tiles).
/// Used by one thread at a time.
public final class GzipCompressor {
    // zlib keeps a pointer back to its stream, so the stream must not move: it lives on the heap.
    private let stream: UnsafeMutablePointer<z_stream>
    /// Where each member is written before it is copied out at its size; grown as inputs need.
    private var scratch: [UInt8] = []

    /// A compressor at zlib `level` 0 ... 9.
    /// - Throws: `GzipError.zlib` with zlib's code when zlib cannot start.
    public init(level: Int32 = 6) throws(GzipError) {
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        // windowBits 15 + 16: a gzip wrapper around deflate.
        let status = deflateInit2_(stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            stream.deallocate()
            throw .zlib(status)
        }
        self.stream = stream
    }

    deinit {
        deflateEnd(stream)
        stream.deallocate()
    }

    /// `data` as one gzip member.
    /// - Throws: `GzipError.zlib` with zlib's code when zlib fails.
    public func compress(_ data: [UInt8]) throws(GzipError) -> [UInt8] {
        let reset = deflateReset(stream)
        guard reset == Z_OK else { throw .zlib(reset) }
        let bound = Int(deflateBound(stream, uLong(data.count))) + 32
        if scratch.count < bound { scratch = [UInt8](repeating: 0, count: bound) }
        let finished = data.withUnsafeBufferPointer { input in
            scratch.withUnsafeMutableBufferPointer { out in
                stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
                stream.pointee.avail_in = uInt(input.count)
                stream.pointee.next_out = out.baseAddress
                stream.pointee.avail_out = uInt(out.count)
                return deflate(stream, Z_FINISH)
            }
        }
        guard finished == Z_STREAM_END else { throw .zlib(finished) }
        return Array(scratch[0 ..< Int(stream.pointee.total_out)])
    }
}
