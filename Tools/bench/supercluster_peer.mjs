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

const start = process.hrtime.bigint();
const features = JSON.parse(readFileSync(file, 'utf8')).features
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
