import GeoJSON

/// Where in a record a problem lies, independent of the input's format: a GeoJSON feature
/// turns it into a JSON Pointer, a CSV row into a row and column.
public enum Field: Sendable, Hashable {
    case record
    case id
    case geometry
    case geometryType
    case property(String)
    /// A required property that is absent: in JSON the properties object, in CSV its column.
    case missing(String)
    case element(String, Int)
}

/// Turns a `Field` into a location in one input.
public struct FieldLocator: Sendable {
    /// The input the locations are in (`FILE` in the problem lines).
    public let file: String
    private let locate: @Sendable (Field) -> ProblemLocation

    /// A locator for `file` that turns each field into a location by `locate`.
    public init(file: String, locate: @escaping @Sendable (Field) -> ProblemLocation) {
        self.file = file
        self.locate = locate
    }

    /// A feature at `pointer` (e.g. "/features/3") in a GeoJSON document.
    public static func feature(file: String, pointer: String) -> FieldLocator {
        FieldLocator(file: file) { field in
            switch field {
            case .record: .pointer(pointer)
            case .id: .pointer(pointer + "/id")
            case .geometry: .pointer(pointer + "/geometry")
            case .geometryType: .pointer(pointer + "/geometry/type")
            case .property(let name): .pointer(pointer + "/properties/" + JSONPointer.escape(name))
            case .missing: .pointer(pointer + "/properties")
            case .element(let name, let index): .pointer(pointer + "/properties/" + JSONPointer.escape(name) + "/\(index)")
            }
        }
    }

    /// Data row `row` (from 1) of a CSV file: the geometry is its lon and lat columns.
    public static func row(file: String, row: Int) -> FieldLocator {
        FieldLocator(file: file) { field in
            switch field {
            case .record: .row(row, column: "id")
            case .id: .row(row, column: "id")
            case .geometry, .geometryType: .row(row, column: "lon")
            case .property(let name), .missing(let name), .element(let name, _): .row(row, column: name)
            }
        }
    }

    /// An error at the field, in the contract's problem format.
    public func error(_ field: Field, _ message: String) -> Problem {
        Problem(file: file, location: locate(field), message: message)
    }

    /// A warning at the field: the record is still accepted.
    public func warning(_ field: Field, _ message: String) -> Problem {
        Problem(file: file, location: locate(field), message: message, isWarning: true)
    }
}
