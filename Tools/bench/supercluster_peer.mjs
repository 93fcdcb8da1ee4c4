// The peer of row 8: mapbox/supercluster (v8, with mourner/kdbush) over the same GeoJSON file that
// `partmap cluster --from` reads, as a whole process: read, JSON.parse, sort by id (partmap
// clusters in id order, ids compared byte by byte), index zooms 0 to 16, then the zoom-0 clusters.
// Usage: node supercluster_peer.mjs SUPERCLUSTER_DIR FILE
// Prints `seconds=S` (from the start of reading; the bench script times the whole process), then the cluster and single-point counts at a few zooms.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';

const [dir, file] = process.argv.slice(2);
const { default: Supercluster } = await import(pathToFileURL(join(dir, 'index.js')).href);

// A file too large for one string (Node's limit is 512 MB) is parsed a feature per line, as the
// generated files hold them; any other is parsed whole.
function read(bytes) {
    if (bytes.length < 500e6) return JSON.parse(bytes.toString('utf8')).features;
    const features = [];
    for (let at = 0; at < bytes.length;) {
        let end = bytes.indexOf(10, at);
        if (end < 0) end = bytes.length;
        let line = bytes.toString('utf8', at, end).trim();
        if (line.endsWith(',')) line = line.slice(0, -1);
        if (line.startsWith('{"type":"Feature"')) features.push(JSON.parse(line));
        at = end + 1;
    }
    return features;
}

const start = process.hrtime.bigint();
const features = read(readFileSync(file))
    .filter(f => f.geometry !== null)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
// partmap's defaults (README, "cluster"): radius 40 px of a 512-px tile, zooms up to 16, 2 points or more.
const index = new Supercluster({ radius: 40, extent: 512, maxZoom: 16, minPoints: 2 }).load(features);
const world = index.getClusters([-180, -90, 180, 90], 0);
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
console.log(`seconds=${seconds.toFixed(3)} zoom0=${world.length}`);
for (const zoom of [0, 4, 8, 12, 16]) {
    const all = index.getClusters([-180, -90, 180, 90], zoom);
    const clusters = all.filter(f => f.properties.cluster).length;
    console.log(`z${zoom} ${clusters}/${all.length - clusters}`);
}
