import CZlib

public enum GzipError: Error, CustomStringConvertible {
    case zlib(Int32)
    public var description: String { "gzip failed (zlib error \(self))" }
}

/// gzip as MBTiles and PMTiles readers expect it. The header carries no time or name, so the
/// same bytes in give the same bytes out.
public enum Gzip {
    public static func compress(_ data: [UInt8], level: Int32 = 6) throws(GzipError) -> [UInt8] {
        var stream = z_stream()
        // windowBits 15 + 16: a gzip wrapper around deflate.
        var status = deflateInit2_(&stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw .zlib(status) }
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(data.count))) + 32)
        var input = data
        status = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                stream.next_in = inBuffer.baseAddress
                stream.avail_in = uInt(inBuffer.count)
                stream.next_out = outBuffer.baseAddress
                stream.avail_out = uInt(outBuffer.count)
                return deflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else { throw .zlib(status) }
        return Array(output[0 ..< Int(stream.total_out)])
    }

    public static func decompress(_ data: [UInt8]) throws(GzipError) -> [UInt8] {
        var stream = z_stream()
        var status = inflateInit2_(&stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw .zlib(status) }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        var input = data
        status = input.withUnsafeMutableBufferPointer { inBuffer in
            stream.next_in = inBuffer.baseAddress
            stream.avail_in = uInt(inBuffer.count)
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            var status = Z_OK
            while status == Z_OK {
                status = chunk.withUnsafeMutableBufferPointer { outBuffer in
                    stream.next_out = outBuffer.baseAddress
                    stream.avail_out = uInt(outBuffer.count)
                    return inflate(&stream, Z_NO_FLUSH)
                }
                output += chunk[0 ..< chunk.count - Int(stream.avail_out)]
            }
            return status
        }
        guard status == Z_STREAM_END else { throw .zlib(status) }
        return output
    }
}
