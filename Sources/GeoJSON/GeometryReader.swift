/// Validates RFC 7946 geometries given as JSON values, collecting every problem with its pointer.
struct GeometryReader {
    static let typeNames = [
        "Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon", "GeometryCollection",
    ]

    let file: String
    /// Whether positions are longitude and latitude, checked against -180..180 and -90..90;
    /// false for a file whose legacy `crs` member names another CRS (checked once reprojected).
    var degrees = true

    func problem(_ pointer: String, _ message: String) -> Problem {
        Problem(file: file, location: .pointer(pointer), message: message)
    }

    func geometry(_ value: JSONValue, at pointer: String, into problems: inout [Problem]) -> Geometry? {
        guard case .object(let object) = value else {
            problems.append(problem(pointer, "expected a geometry object or null, found \(value.kind)"))
            return nil
        }
        guard let typeValue = object["type"] else {
            problems.append(problem(pointer, "expected a \"type\" member, found none"))
            return nil
        }
        let typePointer = pointer + "/type"
        guard case .string(let type) = typeValue, Self.typeNames.contains(type) else {
            problems.append(problem(
                typePointer, "expected one of \(Self.typeNames.joined(separator: ", ")), found \(typeValue.quoted)"))
            return nil
        }
        if type == "GeometryCollection" {
            guard case .array(let members)? = object["geometries"] else {
                problems.append(problem(pointer + "/geometries", "expected an array of geometries, found \(object["geometries"]?.kind ?? "none")"))
                return nil
            }
            var geometries: [Geometry] = []
            for (index, member) in members.enumerated() {
                if let geometry = geometry(member, at: pointer + "/geometries/\(index)", into: &problems) {
                    geometries.append(geometry)
                }
            }
            return geometries.count == members.count ? .geometryCollection(geometries) : nil
        }
        let coordinatesPointer = pointer + "/coordinates"
        guard let coordinates = object["coordinates"] else {
            problems.append(problem(pointer, "expected a \"coordinates\" member, found none"))
            return nil
        }
        let before = problems.count
        let geometry: Geometry?
        switch type {
        case "Point":
            geometry = position(coordinates, at: coordinatesPointer, into: &problems).map(Geometry.point)
        case "MultiPoint":
            geometry = list(coordinates, at: coordinatesPointer, into: &problems) { value, pointer, problems in
                position(value, at: pointer, into: &problems)
            }.map(Geometry.multiPoint)
        case "LineString":
            geometry = line(coordinates, at: coordinatesPointer, into: &problems).map(Geometry.lineString)
        case "MultiLineString":
            geometry = list(coordinates, at: coordinatesPointer, into: &problems) { value, pointer, problems in
                line(value, at: pointer, into: &problems)
            }.map(Geometry.multiLineString)
        case "Polygon":
            geometry = polygon(coordinates, at: coordinatesPointer, into: &problems).map(Geometry.polygon)
        default:
            geometry = list(coordinates, at: coordinatesPointer, into: &problems) { value, pointer, problems in
                polygon(value, at: pointer, into: &problems)
            }.map(Geometry.multiPolygon)
        }
        return problems.count == before ? geometry : nil
    }

    /// An array whose every element reads; nil (with the problems) otherwise.
    private func list<T>(
        _ value: JSONValue, at pointer: String, into problems: inout [Problem],
        element: (JSONValue, String, inout [Problem]) -> T?
    ) -> [T]? {
        guard case .array(let values) = value else {
            problems.append(problem(pointer, "expected an array, found \(value.kind)"))
            return nil
        }
        var result: [T] = []
        result.reserveCapacity(values.count)
        for (index, value) in values.enumerated() {
            if let item = element(value, pointer + "/" + String(index), &problems) { result.append(item) }
        }
        return result.count == values.count ? result : nil
    }

    private func line(_ value: JSONValue, at pointer: String, into problems: inout [Problem]) -> [Position]? {
        guard let positions = list(value, at: pointer, into: &problems, element: position) else { return nil }
        guard positions.count >= 2 else {
            problems.append(problem(pointer, "expected a line of at least 2 positions, found \(positions.count)"))
            return nil
        }
        return positions
    }

    private func polygon(_ value: JSONValue, at pointer: String, into problems: inout [Problem]) -> [[Position]]? {
        list(value, at: pointer, into: &problems) { value, pointer, problems in
            guard let ring = list(value, at: pointer, into: &problems, element: position) else { return nil }
            guard ring.count >= 4 else {
                problems.append(problem(pointer, "expected a linear ring of at least 4 positions, found \(ring.count)"))
                return nil
            }
            guard ring.first == ring.last else {
                problems.append(problem(pointer, "expected a closed ring (last position equal to the first), found an open one"))
                return nil
            }
            return ring
        }
    }

    func position(_ value: JSONValue, at pointer: String, into problems: inout [Problem]) -> Position? {
        guard case .array(let numbers) = value else {
            problems.append(problem(pointer, "expected a position (an array of 2 or 3 numbers), found \(value.kind)"))
            return nil
        }
        guard numbers.count == 2 || numbers.count == 3 else {
            problems.append(problem(pointer, "expected a position of 2 or 3 numbers, found \(numbers.count)"))
            return nil
        }
        var values: [Double] = []
        for (index, number) in numbers.enumerated() {
            guard case .number(let x) = number else {
                problems.append(problem(pointer + "/" + String(index), "expected a number, found \(number.kind)"))
                continue
            }
            values.append(x)
        }
        guard values.count == numbers.count else { return nil }
        var valid = true
        if degrees && !(-180 ... 180).contains(values[0]) && values[0].isFinite {
            problems.append(problem(pointer + "/0", "expected a longitude in -180..180, found \(JSONNumber.format(values[0]))"))
            valid = false
        }
        if degrees && !(-90 ... 90).contains(values[1]) && values[1].isFinite {
            problems.append(problem(pointer + "/1", "expected a latitude in -90..90, found \(JSONNumber.format(values[1]))"))
            valid = false
        }
        guard valid, values.allSatisfy(\.isFinite) else { return nil }
        return Position(longitude: values[0], latitude: values[1], altitude: values.count == 3 ? values[2] : nil)
    }

    /// A bbox: 4 or 6 numbers.
    func bbox(_ value: JSONValue, at pointer: String, into problems: inout [Problem]) -> [Double]? {
        guard case .array(let items) = value, items.count == 4 || items.count == 6 else {
            problems.append(problem(pointer, "expected a bbox of 4 or 6 numbers, found \(value.describedAsList)"))
            return nil
        }
        var numbers: [Double] = []
        for (index, item) in items.enumerated() {
            guard case .number(let x) = item else {
                problems.append(problem(pointer + "/\(index)", "expected a number, found \(item.kind)"))
                return nil
            }
            numbers.append(x)
        }
        return numbers
    }
}

extension JSONValue {
    /// "3" for an array of three, otherwise the kind.
    var describedAsList: String {
        if case .array(let items) = self { return String(items.count) }
        return kind
    }
}
