/// Placeholder: the number formatter is written with the GeoJSON writer.
public enum JSONNumber {
    public static func format(_ value: Double) -> String { value.description }
}
