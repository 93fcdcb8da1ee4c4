import Foundation

/// Distances on a sphere, the same everywhere in partmap: circles, DBSCAN.
public enum GreatCircle {
    /// The mean Earth radius (IUGG), in km.
    public static let earthRadiusKm = 6371.0088

    /// The haversine distance between two positions, in km.
    public static func distanceKm(_ a: Position, _ b: Position) -> Double {
        let radians = Double.pi / 180
        let dLat = (b.latitude - a.latitude) * radians
        let dLon = (b.longitude - a.longitude) * radians
        let h = sin(dLat / 2) * sin(dLat / 2)
            + cos(a.latitude * radians) * cos(b.latitude * radians) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * earthRadiusKm * asin(min(1, sqrt(h)))
    }
}
